// Reading the whole review log, a chunk at a time: the optimizer needs every answer ever given, and a log of a
// million answers is too large to hold as one buffer and one array of records.

import { closeSync, openSync, readSync } from "node:fs";
import { parseJsonSafely } from "./schema.js";

export interface LogScan {
  /** Lines read as records. */
  records: number;
  /** Lines that did not parse (a torn line after a crash); skipped, as at start-up. */
  badLines: number;
  bytes: number;
}

const CHUNK = 4 * 1024 * 1024;

/** Calls `each` with every record of the log at `path`, in order. A missing log is an empty one. */
export function scanLog(path: string, each: (record: unknown) => void): LogScan {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { records: 0, badLines: 0, bytes: 0 };
    throw e;
  }
  const scan: LogScan = { records: 0, badLines: 0, bytes: 0 };
  const line = (bytes: Buffer): void => {
    const text = bytes.toString("utf8").trim();
    if (text === "") return;
    const parsed = parseJsonSafely(text);
    if ("value" in parsed && typeof parsed.value === "object" && parsed.value !== null) {
      scan.records++;
      each(parsed.value);
    } else scan.badLines++;
  };
  try {
    const buf = Buffer.alloc(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      scan.bytes += n;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0 || nl >= n) break;
        const piece = buf.subarray(start, nl);
        if (carry.length > 0) {
          line(Buffer.concat([carry, piece]));
          carry = Buffer.alloc(0);
        } else line(piece);
        start = nl + 1;
      }
      if (start < n) carry = Buffer.concat([carry, buf.subarray(start, n)]);
    }
    if (carry.length > 0) line(carry);
  } finally {
    closeSync(fd);
  }
  return scan;
}
