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

export interface ScanOptions {
  /**
   * Leave out the card states a review carries (`before` and `after`, two thirds of its bytes), for readers that
   * need only the answer (and the options chosen, as one raw text). A review line as the store writes it has them
   * last; the line is then read up to them.
   */
  withoutCardStates?: boolean;
}

const CHUNK = 4 * 1024 * 1024;
/** Inside a JSON string a quote is always escaped, so this text can only be the key itself. */
const BEFORE_KEY = ',"before":';
const ANSWER_FIELDS = ["kind", "reviewId", "questionId", "at", "rating"] as const;

/**
 * A review line exactly as the store writes it (JSON.stringify, keys in ReviewRecord's order, ids without escapes),
 * read with two anchored patterns instead of JSON.parse: a million lines in a few seconds less. Anything else, or
 * anything these do not match, takes the JSON path.
 */
const REVIEW_HEAD = /^\{"kind":"review","v":(\d+),"reviewId":"([^"\\]*)","questionId":"([^"\\]*)","at":"([^"\\]*)","day":"([^"\\]*)","rating":"(again|hard|good|easy)","correct":(true|false|null),"chosen":\[/;
const REVIEW_TAIL = /^\],"ms":(\d+(?:\.\d+)?),"source":"(quiz|exam)","wasNew":(true|false),"before":/;
/** Inside a JSON string a quote is escaped, so this text ends the chosen options' list. */
const CHOSEN_END = '],"ms":';

function readReviewFast(text: string): Record<string, unknown> | undefined {
  const head = REVIEW_HEAD.exec(text);
  if (!head) return undefined;
  const open = head[0].length;
  const close = text.indexOf(CHOSEN_END, open - 1);
  if (close < 0) return undefined;
  const tail = REVIEW_TAIL.exec(text.slice(close, close + 80));
  if (!tail) return undefined;
  return {
    kind: "review",
    v: Number(head[1]),
    reviewId: head[2],
    questionId: head[3],
    at: head[4],
    day: head[5],
    rating: head[6],
    correct: head[7] === "null" ? null : head[7] === "true",
    // The texts are not needed, only whether anything was chosen.
    chosen: close === open ? [] : [text.slice(open, close)],
    ms: Number(tail[1]),
    source: tail[2],
    wasNew: tail[3] === "true",
  };
}

function parseLine(text: string, withoutCardStates: boolean): unknown {
  if (withoutCardStates) {
    const fast = readReviewFast(text);
    if (fast) return fast;
    const cut = text.indexOf(BEFORE_KEY);
    if (cut > 0) {
      const head = parseJsonSafely(`${text.slice(0, cut)}}`);
      // A line written in another key order may hold fields past the cut: then it is read whole.
      if ("value" in head && typeof head.value === "object" && head.value !== null) {
        const v = head.value as Record<string, unknown>;
        if (ANSWER_FIELDS.every((k) => v[k] !== undefined)) return v;
      }
    }
  }
  const parsed = parseJsonSafely(text);
  return "value" in parsed && typeof parsed.value === "object" && parsed.value !== null ? parsed.value : undefined;
}

/** Calls `each` with every record of the log at `path`, in order. A missing log is an empty one. */
export function scanLog(path: string, each: (record: unknown) => void, options: ScanOptions = {}): LogScan {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { records: 0, badLines: 0, bytes: 0 };
    throw e;
  }
  const scan: LogScan = { records: 0, badLines: 0, bytes: 0 };
  const light = options.withoutCardStates === true;
  const line = (raw: string): void => {
    const text = raw.trim();
    if (text === "") return;
    const value = parseLine(text, light);
    if (value === undefined) scan.badLines++;
    else {
      scan.records++;
      each(value);
    }
  };
  try {
    const buf = Buffer.alloc(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      scan.bytes += n;
      // Whole lines are decoded at once; the bytes after the chunk's last newline wait for the next chunk.
      const lastNl = buf.lastIndexOf(0x0a, n - 1);
      if (lastNl < 0) {
        carry = Buffer.concat([carry, buf.subarray(0, n)]);
        continue;
      }
      const text = (carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, lastNl)]) : buf.subarray(0, lastNl)).toString("utf8");
      carry = Buffer.from(buf.subarray(lastNl + 1, n));
      let start = 0;
      for (;;) {
        const nl = text.indexOf("\n", start);
        line(nl < 0 ? text.slice(start) : text.slice(start, nl));
        if (nl < 0) break;
        start = nl + 1;
      }
    }
    if (carry.length > 0) line(carry.toString("utf8"));
  } finally {
    closeSync(fd);
  }
  return scan;
}
