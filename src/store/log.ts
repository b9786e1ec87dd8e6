// The review log: one JSON line per answer (and per undo, reset, suspension), appended and fsynced before the answer
// is acknowledged. It is the write-ahead log of progress.json: start-up replays only the lines after the last
// checkpoint, reading them in chunks, never the whole file at once.

import { closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { LOG_RECORD_KINDS, LOG_RECORD_VERSION, type LogRecord } from "../srs/records.js";
import { RATINGS } from "../srs/model.js";
import { ProgressFileError, describeFileError, kindOf } from "./files.js";
import { readStoredReview } from "./review-line.js";
import { checkExam, checkSettings, isCardId, isDay, isIsoDate, isWellFormedCard, parseJsonSafely } from "./schema.js";

export type { ExamSavedRecord, LogRecord, ResetRecord, ReviewRecord, SettingsRecord, SuspendRecord, UndoRecord } from "../srs/records.js";

/** A line the replay skipped: where it starts and why. */
export interface BadLine {
  offset: number;
  why: string;
  /** The record's format version, when it is newer than this cogquiz reads (written by a later cogquiz). */
  newerVersion?: number;
}

export interface LogScan {
  /** Byte offset after the last complete line read. */
  end: number;
  /** Lines skipped: torn by a crash, not JSON, or not a valid record. */
  badLines: BadLine[];
  /** The file is shorter than the offset we were told to start from. */
  shrunk: boolean;
  /** The checkpoint counted on a log and there is none (deleted or moved): shrunk, and said as missing. */
  missing?: boolean;
  /** Records read. */
  records: number;
}

/** No record comes near this; a longer "line" is damage, skipped without being held in memory. */
const MAX_LINE = 4 * 1024 * 1024;
/** A settings record's re-dated cards stay well inside a line the log reads. */
export const MAX_REDATED_CHARS = MAX_LINE / 2;
const CHUNK = 1024 * 1024;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** Why a settings record's re-dated cards are not [due, scheduledDays] pairs by card id, or undefined when they are. */
function redatedProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "bad redated";
  for (const [id, d] of Object.entries(v)) {
    if (!isCardId(id) || !Array.isArray(d) || d.length !== 2 || !isIsoDate(d[0]) || !Number.isInteger(d[1]) || (d[1] as number) < 0) return "bad redated";
  }
  return undefined;
}

/** Why a parsed line is not a record this cogquiz replays, or undefined when it is one. */
export function recordProblem(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "not an object";
  const r = v as Record<string, unknown>;
  if (r.kind === undefined) return "no record kind";
  if (!LOG_RECORD_KINDS.includes(r.kind as never)) return `unknown kind ${JSON.stringify(r.kind)}`;
  if (r.v === undefined) return "no record version";
  if (r.v !== LOG_RECORD_VERSION) return `unknown record version ${JSON.stringify(r.v)}`;
  if (!isIsoDate(r.at)) return "bad time";
  if (!isDay(r.day)) return "bad day";
  if (r.kind === "settings") return checkSettings(r.settings) ?? redatedProblem(r.redated);
  if (r.kind === "exam") return checkExam(r.exam, 0)?.replace(/^exam 1/, "exam");
  if (!isCardId(r.questionId)) return "bad questionId";
  const card = (c: unknown) => isWellFormedCard(c);
  switch (r.kind) {
    case "review":
      if (typeof r.reviewId !== "string" || r.reviewId === "") return "bad reviewId";
      if (!RATINGS.includes(r.rating as never)) return "bad rating";
      if (r.correct !== null && typeof r.correct !== "boolean") return "bad correct";
      if (!isStringList(r.chosen)) return "bad chosen";
      if (typeof r.ms !== "number" || !Number.isFinite(r.ms) || r.ms < 0) return "bad ms";
      if (r.source !== "quiz" && r.source !== "exam") return "bad source";
      if (typeof r.wasNew !== "boolean") return "bad wasNew";
      if (r.before !== null && !card(r.before)) return "bad card state before";
      if (!card(r.after)) return "bad card state after";
      return undefined;
    case "undo":
      if (typeof r.reviewId !== "string" || r.reviewId === "") return "bad reviewId";
      if (typeof r.wasNew !== "boolean") return "bad wasNew";
      if (r.restore !== null && !card(r.restore)) return "bad card state to restore";
      if (r.undone !== undefined) {
        const u = r.undone as Record<string, unknown> | null;
        if (typeof u !== "object" || u === null || (u.correct !== null && typeof u.correct !== "boolean") || !RATINGS.includes(u.rating as never)) return "bad undone";
      }
      return undefined;
    case "reset":
      return undefined;
    case "suspend":
      return typeof r.suspended === "boolean" ? undefined : "bad suspended";
  }
  return "unknown kind";
}

/** The log refuses to be read: not a regular file, or damaged in a way replay must not guess about. */
export class LogFileError extends ProgressFileError {}

/** The log holds NUL bytes from `offset` on; the records before it were read and handed on. */
export class LogDamageError extends LogFileError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Opens the log for reading; undefined when it does not exist. Anything but a regular file is refused. */
function openForReading(path: string): number | undefined {
  let fd: number;
  try {
    // Non-blocking, so a FIFO put in the log's place cannot hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new LogFileError(`cannot read the review log ${path}: ${describeFileError(e)}`);
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw new LogFileError(`the review log ${path} is ${kindOf(st)}, not a regular file; cogquiz will not read or write it. Move it aside and start again`);
  }
  return fd;
}

/** NUL bytes in the log from the line at `offset`: what to tell the user, and where to cut. */
function damageAt(path: string, offset: number): LogDamageError {
  return new LogDamageError(
    offset === 0
      ? // Nothing before it to keep: the file is not a log cogquiz wrote, and cutting it would only empty it.
        `the review log ${path} holds NUL bytes from its first byte: it is binary data, not a log cogquiz wrote (or the file system lost it). ` +
          "Move it aside and start again"
      : `the review log ${path} holds NUL bytes from byte ${offset} (a write the file system lost); nothing from there on can be read. ` +
          `Keep a copy, then cut the log there (truncate -s ${offset} ${path}) and start again: every answer before byte ${offset} is kept`,
    offset,
  );
}

/** The offset of the first line of the file's first `upTo` bytes that holds a NUL byte, if one does. */
function firstNulLine(fd: number, upTo: number): number | undefined {
  const chunk = Buffer.alloc(CHUNK);
  let lineStart = 0;
  for (let pos = 0; pos < upTo; ) {
    const n = readSync(fd, chunk, 0, Math.min(CHUNK, upTo - pos), pos);
    if (n === 0) break;
    const bytes = chunk.subarray(0, n);
    const nul = bytes.indexOf(0);
    const before = nul < 0 ? bytes : bytes.subarray(0, nul);
    const nl = before.lastIndexOf(0x0a);
    if (nl >= 0) lineStart = pos + nl + 1;
    if (nul >= 0) return lineStart;
    pos += n;
  }
  return undefined;
}

/**
 * The line `bytes[start, end)` read as a log record: the record with the reason it is not a good one (`why`), or
 * "blank", or "nul" for a line holding NUL bytes (checked only when the line is not a review in the store's own form,
 * which a NUL never matches). `scanLog` reads every line by it, and `holdsRecord` the lines before damage.
 */
function readLine(bytes: Buffer, start: number, end: number): { value: unknown; why: string | undefined } | "blank" | "nul" {
  // Most lines are reviews in the store's own form, read without JSON.parse; the same check runs on every record
  // however it was read.
  let value: unknown = readStoredReview(bytes.toString("latin1", start, end));
  let why: string | undefined;
  if (value === undefined) {
    // Within the line only: a search to the buffer's end would cost the rest of the buffer for every such line.
    if (bytes.subarray(start, end).includes(0)) return "nul";
    const text = bytes.toString("utf8", start, end).trim();
    if (text === "") return "blank";
    const parsed = parseJsonSafely(text);
    if ("syntaxError" in parsed) why = "not JSON (a write cut off by a crash)";
    else if ("hostileKey" in parsed) why = `holds the key "${parsed.hostileKey}"`;
    else value = parsed.value;
  }
  return { value, why: why ?? recordProblem(value) };
}

/**
 * Whether the file's first `upTo` bytes hold a line that is a log record. Only on the way to an error: it reads at
 * most the first 64 MB, and a longer part counts as holding one (a log that long was written by cogquiz).
 */
function holdsRecord(fd: number, upTo: number): boolean {
  if (upTo > 64 * 1024 * 1024) return true;
  const bytes = Buffer.alloc(upTo);
  const n = readSync(fd, bytes, 0, upTo, 0);
  for (let start = 0; start < n; ) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 || nl > n ? n : nl;
    const r = readLine(bytes, start, end);
    if (typeof r === "object" && r.why === undefined) return true;
    start = end + 1;
  }
  return false;
}

/**
 * Reads the log from byte `from` to its end, a chunk at a time, handing each valid record to `onRecord`. A missing
 * file is an empty log. A line of NUL bytes (a file system that lost a write) stops the reading with an error
 * naming the offset: what follows cannot be trusted, and cutting the file there is the user's call.
 */
export function scanLog(path: string, from: number, onRecord: (r: LogRecord, offset: number) => void): LogScan {
  const fd = openForReading(path);
  if (fd === undefined) return { end: 0, badLines: [], shrunk: from > 0, missing: from > 0, records: 0 };
  try {
    const size = fstatSync(fd).size;
    if (size < from) {
      // Its records were applied, but a file replaced by binary data must not take new ones after it: the next full
      // read (optimize, a replay) would stop at its first byte. Read once for NUL bytes only.
      const nul = firstNulLine(fd, size);
      if (nul !== undefined) throw damageAt(path, nul);
      return { end: size, badLines: [], shrunk: true, records: 0 };
    }
    const badLines: BadLine[] = [];
    let records = 0;
    let pos = from; // file offset of buf[0]
    let buf = Buffer.alloc(0);
    let skipping = false; // inside an over-long line, dropping bytes until its newline
    let skipStart = 0;
    const chunk = Buffer.alloc(CHUNK);
    // Read from the checkpoint on, damage can start before it (a file replaced by binary data): the advice names the
    // first line with NUL bytes in the whole file, so cutting there keeps only lines that were read.
    const nulDamage = (offset: number): LogDamageError => {
      const at = from > 0 ? (firstNulLine(fd, from) ?? offset) : offset;
      // Nothing before it a record: the whole file is binary data, and cutting it there would keep only that.
      return damageAt(path, at > 0 && !holdsRecord(fd, at) ? 0 : at);
    };
    // The line buf[start, end), at file offset `offset`.
    const line = (bytes: Buffer, start: number, end: number, offset: number) => {
      const r = readLine(bytes, start, end);
      if (r === "nul") throw nulDamage(offset);
      if (r === "blank") return;
      if (r.why !== undefined) {
        const v = (r.value as { v?: unknown } | undefined)?.v;
        badLines.push(typeof v === "number" && v > LOG_RECORD_VERSION ? { offset, why: r.why, newerVersion: v } : { offset, why: r.why });
      } else {
        records++;
        onRecord(r.value as LogRecord, offset);
      }
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, pos + buf.length);
      if (n === 0) break;
      buf = buf.length === 0 ? Buffer.from(chunk.subarray(0, n)) : Buffer.concat([buf, chunk.subarray(0, n)]);
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0) break;
        if (skipping) skipping = false;
        else line(buf, start, nl, pos + start);
        start = nl + 1;
      }
      pos += start;
      buf = buf.subarray(start);
      if (buf.length > MAX_LINE) {
        if (buf.includes(0)) throw nulDamage(pos);
        if (!skipping) {
          skipping = true;
          skipStart = pos;
          badLines.push({ offset: skipStart, why: `a line longer than ${MAX_LINE} bytes` });
        }
        pos += buf.length;
        buf = Buffer.alloc(0);
      }
    }
    // A last line without its newline: a write cut off by a crash (or one being written right now).
    if (buf.length > 0 && !skipping) line(buf, 0, buf.length, pos);
    return { end: pos + buf.length, badLines, shrunk: false, records };
  } finally {
    closeSync(fd);
  }
}

/** How a compressed file starts, for the formats a collected log comes in; the name is the program that undoes it. */
const COMPRESSED: readonly { magic: readonly number[]; name: string; undo: string }[] = [
  { magic: [0x1f, 0x8b], name: "gzip", undo: "gunzip -k" },
  { magic: [0x42, 0x5a, 0x68], name: "bzip2", undo: "bunzip2 -k" },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: "xz", undo: "unxz -k" },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: "zstd", undo: "unzstd" },
  { magic: [0x50, 0x4b, 0x03, 0x04], name: "zip", undo: "unzip" },
];

/** The compression a file is in, by its first bytes, or undefined (a file that cannot be read is left to the reader). */
export function compressionOf(path: string): { name: string; undo: string } | undefined {
  let fd: number | undefined;
  try {
    fd = openForReading(path);
    if (fd === undefined) return undefined;
    const head = Buffer.alloc(6);
    const n = readSync(fd, head, 0, head.length, 0);
    return COMPRESSED.find((c) => n >= c.magic.length && c.magic.every((b, i) => head[i] === b));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file name a compressed log goes by (reviews.jsonl.gz and the like). */
export const COMPRESSED_LOG_NAME = /\.jsonl\.(gz|bz2|xz|zst|zip)$/i;

/** Checks that the log, if there, is a regular file (a read-only command checks it without reading it). */
export function checkLogFile(path: string): void {
  const fd = openForReading(path);
  if (fd !== undefined) closeSync(fd);
}

/** What a record that did not reach the log leaves undone, and that everything before it is kept. */
function notSaved(r: LogRecord): string {
  switch (r.kind) {
    case "review":
      return r.source === "exam" ? "This exam answer and the ones after it were not saved; every earlier one is" : "This answer was not saved; every earlier one is";
    case "undo":
      return "The undo was not saved, so the answer stands; every earlier answer is saved";
    case "reset":
      return "The card was not reset; every earlier answer is saved";
    case "suspend":
      return `The card was not ${r.suspended ? "suspended" : "brought back"}; every earlier answer is saved`;
    case "settings":
      return "The settings were not changed; every earlier answer is saved";
    case "exam":
      return "This exam's result was not saved, nor its answers; every earlier answer is";
  }
}

/** An open log for appending. */
export class ReviewLog {
  private fd: number;
  private size: number;

  /** Opens (or creates) the log for appending; refuses anything but a regular file it may write. */
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o600);
    } catch (e) {
      // Said the same for every command that writes (a quiz, config set, reset, …): each stops here, before any change.
      throw new LogFileError(
        `cannot write the review log ${path}: ${describeFileError(e)}. Every answer and change is saved there first, so nothing was changed: make the log writable, or use --data <file> for another progress file`,
      );
    }
    const st = fstatSync(this.fd);
    if (!st.isFile()) {
      closeSync(this.fd);
      throw new LogFileError(`the review log ${path} is ${kindOf(st)}, not a regular file; cogquiz will not read or write it. Move it aside and start again`);
    }
    this.size = st.size;
    if (this.size > 0) {
      const last = Buffer.alloc(1);
      readSync(this.fd, last, 0, 1, this.size - 1);
      // A torn last line (crash mid-write): start ours on a fresh line so both stay readable.
      if (last[0] !== 0x0a) this.write("\n", "Nothing was changed");
    }
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends one record and waits for it to reach the disk. */
  append(record: LogRecord): void {
    this.write(`${JSON.stringify(record)}\n`, notSaved(record));
  }

  /** Writes `text` and fsyncs; on failure says what it means (`lost`: what was not saved) and keeps the file whole. */
  private write(text: string, lost: string): void {
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
      fsyncSync(this.fd);
    } catch (e) {
      // Cut off what part of the record got in, so the log ends where the last saved one does; where that fails too,
      // the file ends with a torn line, which the next reader skips, and the size we know counts it.
      try {
        if (off > 0) ftruncateSync(this.fd, this.size);
      } catch {
        this.size += off;
      }
      throw new LogFileError(`could not save to the review log ${this.path}: ${describeFileError(e)}. ${lost}`);
    }
    this.size += buf.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
