// A note file's bytes and their text, or why they cannot be markdown: not a regular file, too large, unreadable,
// binary, not UTF-8. Read by the loader and by its parse threads alike.

import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "./model.js";
import { MAX_FILE_BYTES, RULES, type RuleId } from "./rules.js";

export function diag(file: string, rule: RuleId, message: string, line = 1, column = 1): Diagnostic {
  return { file, line, column, severity: RULES[rule].severity, rule, message };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes of a note file, or why it cannot be read: not a regular file, too large, unreadable. */
export function readSourceBytes(abs: string, file: string): { bytes: Buffer } | { diagnostic: Diagnostic } {
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { diagnostic: diag(file, "unreadable-file", "not a regular file") };
    if (st.size > MAX_FILE_BYTES) {
      return { diagnostic: diag(file, "file-too-large", `file is ${(st.size / 1048576).toFixed(1)} MiB; split it into files under 16 MiB`) };
    }
    return { bytes: readFileSync(abs) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    const why = code === "ELOOP" ? ": its symbolic links form a loop" : "";
    return { diagnostic: diag(file, "unreadable-file", `file cannot be read${why} (${code})`) };
  }
}

/** A note file's bytes as text, or why they are not markdown: NUL bytes, or not UTF-8. */
export function decodeSource(bytes: Buffer, file: string): { text: string } | { diagnostic: Diagnostic } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineAtByte(bytes, nul);
    return { diagnostic: diag(file, "binary-file", "file holds NUL bytes: it looks binary, not markdown", line) };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { diagnostic: diag(file, "not-utf8", "file is not UTF-8 text; save it as UTF-8", lineAtByte(bytes, bad)) };
  }
}

function lineAtByte(bytes: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Binary search on the longest prefix that decodes; cheap enough for the rare bad file.
  let lo = 0;
  let hi = bytes.length;
  const lenient = new TextDecoder("utf-8", { fatal: true });
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      lenient.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
