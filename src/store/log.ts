// The review log: one JSON line per answer, appended and fsynced before the answer is acknowledged.
// It is the write-ahead log of progress.json: start-up replays only the lines after the last checkpoint.

import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import type { LogRecord } from "../srs/records.js";
import { parseJsonSafely } from "./schema.js";

export type { LogRecord, ReviewRecord, UndoRecord } from "../srs/records.js";

export interface LogTail {
  records: LogRecord[];
  /** Byte offset after the last complete line read. */
  end: number;
  /** Lines that did not parse (a torn last line after a crash), with their byte offsets. */
  badLines: number[];
  /** The file is shorter than the offset we were told to start from. */
  shrunk: boolean;
}

function isRecord(v: unknown): v is LogRecord {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.reviewId !== "string" || typeof r.questionId !== "string" || typeof r.day !== "string") return false;
  if (r.kind === "review") return typeof r.after === "object" && r.after !== null && typeof r.rating === "string";
  return r.kind === "undo";
}

/** Reads the log from byte `from` to its end. A missing file is an empty log. */
export function readLogTail(path: string, from: number): LogTail {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { records: [], end: 0, badLines: [], shrunk: from > 0 };
    throw e;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < from) return { records: [], end: size, badLines: [], shrunk: true };
    const buf = Buffer.alloc(size - from);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    const records: LogRecord[] = [];
    const badLines: number[] = [];
    let start = 0;
    let end = from;
    while (start < read) {
      const nl = buf.indexOf(0x0a, start);
      const stop = nl < 0 ? read : nl;
      const line = buf.subarray(start, stop).toString("utf8").trim();
      if (line !== "") {
        const parsed = parseJsonSafely(line);
        if ("value" in parsed && isRecord(parsed.value)) records.push(parsed.value);
        else badLines.push(from + start);
      }
      start = stop + 1;
      end = from + Math.min(start, read);
    }
    return { records, end, badLines, shrunk: false };
  } finally {
    closeSync(fd);
  }
}

/** An open log for appending. */
export class ReviewLog {
  private fd: number;
  private size: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, "a+", 0o600);
    this.size = fstatSync(this.fd).size;
    if (this.size > 0) {
      const last = Buffer.alloc(1);
      readSync(this.fd, last, 0, 1, this.size - 1);
      // A torn last line (crash mid-write): start ours on a fresh line so both stay readable.
      if (last[0] !== 0x0a) this.write("\n");
    }
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends one record and waits for it to reach the disk. */
  append(record: LogRecord): void {
    this.write(`${JSON.stringify(record)}\n`);
  }

  private write(text: string): void {
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    fsyncSync(this.fd);
    this.size += buf.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
