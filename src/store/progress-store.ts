// The only code that reads or writes progress. progress.json (through lowdb) is a checkpoint; reviews.jsonl is
// appended and fsynced per answer and replayed from the checkpoint's offset at start-up, so a crash loses at most
// the answer being written and start-up never reads the whole log.

import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { Low, type Adapter } from "lowdb";
import { UserFacingError } from "../errors.js";
import type { CardState } from "../srs/model.js";
import { counterOf } from "../srs/records.js";
import { writeFileAtomic } from "./atomic.js";
import { acquireLock, LockHeldError, type Lock } from "./lock.js";
import { readLogTail, ReviewLog, type LogRecord, type ReviewRecord, type UndoRecord } from "./log.js";
import type { DataPaths } from "./paths.js";
import {
  SCHEMA_VERSION,
  checkProgress,
  emptyProgress,
  migrate,
  parseJsonSafely,
  versionOf,
  type DayCounters,
  type ExamRecord,
  type Progress,
} from "./schema.js";

/** A progress file we will not touch: it is reported with what to do, and never overwritten. */
export class ProgressFileError extends UserFacingError {}

/** Reads progress.json strictly and writes it atomically. */
class ProgressFileAdapter implements Adapter<Progress> {
  /** Set when an older schema was migrated (the backup's path). */
  migratedFrom?: { version: number; backup: string };

  constructor(private readonly path: string) {}

  async read(): Promise<Progress | null> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new ProgressFileError(`cannot read progress file ${this.path} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const refuse = (why: string): never => {
      throw new ProgressFileError(
        `progress file ${this.path} ${why}. It was left untouched: fix it, restore a backup, or move it aside to start afresh (or use --data <file>).`,
      );
    };
    const parsed = parseJsonSafely(text);
    if ("syntaxError" in parsed) return refuse(`does not parse as JSON (${parsed.syntaxError})`);
    if ("hostileKey" in parsed) return refuse(`holds the key "${parsed.hostileKey}", which cogquiz refuses to load`);
    let value = parsed.value as Record<string, unknown>;
    const version = versionOf(value);
    if (version > SCHEMA_VERSION) {
      return refuse(`was written by a newer cogquiz (schema version ${version}; this one reads up to ${SCHEMA_VERSION}); upgrade cogquiz`);
    }
    if (version < SCHEMA_VERSION) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return refuse("does not hold a progress object");
      const backup = `${this.path}.v${version}.bak`;
      copyFileSync(this.path, backup);
      value = migrate(value);
      this.migratedFrom = { version, backup };
    }
    const problem = checkProgress(value);
    if (problem) return refuse(problem.kind === "newer" ? `has schema version ${problem.version}` : `has the wrong shape: ${problem.detail}`);
    return value as unknown as Progress;
  }

  async write(data: Progress): Promise<void> {
    writeFileAtomic(this.path, `${JSON.stringify(data)}\n`);
  }
}

export interface OpenOptions {
  /** Take the session lock (every writer does). */
  lock: boolean;
}

export interface OpenReport {
  migrated?: { version: number; backup: string };
  /** Lines of the log that could not be read (a torn line after a crash); skipped. */
  badLogLines: number;
  /** Answers recovered from the log that the last checkpoint had not seen. */
  replayed: number;
  /** The log was shorter than the checkpoint expected (replaced or truncated by hand). */
  logShrunk: boolean;
}

/** Answers written between checkpoints of progress.json; the log has them all in the meantime. */
const CHECKPOINT_EVERY = 20;

export class ProgressStore {
  private log?: ReviewLog;
  private sinceCheckpoint = 0;

  private constructor(
    private readonly db: Low<Progress>,
    readonly paths: DataPaths,
    private readonly lock: Lock | undefined,
    readonly report: OpenReport,
  ) {}

  static async open(paths: DataPaths, options: OpenOptions): Promise<ProgressStore> {
    let lock: Lock | undefined;
    if (options.lock) {
      mkdirSync(dirname(paths.progress), { recursive: true });
      try {
        lock = acquireLock(paths.lock);
      } catch (e) {
        if (e instanceof LockHeldError) throw new UserFacingError(`another cogquiz session is running: ${e.message}`);
        throw e;
      }
    }
    try {
      const adapter = new ProgressFileAdapter(paths.progress);
      const db = new Low<Progress>(adapter, emptyProgress());
      await db.read();
      const report: OpenReport = { badLogLines: 0, replayed: 0, logShrunk: false };
      if (adapter.migratedFrom) report.migrated = adapter.migratedFrom;
      const store = new ProgressStore(db, paths, lock, report);
      store.replay();
      if (lock && (report.migrated || report.replayed > 0 || report.logShrunk)) await store.checkpoint();
      return store;
    } catch (e) {
      lock?.release();
      throw e;
    }
  }

  get data(): Progress {
    return this.db.data;
  }

  card(id: string): CardState | undefined {
    return Object.hasOwn(this.data.cards, id) ? this.data.cards[id] : undefined;
  }

  counters(day: string): DayCounters {
    return Object.hasOwn(this.data.days, day) ? this.data.days[day]! : { new: 0, reviews: 0 };
  }

  /** Applies what the log holds past the checkpoint. */
  private replay(): void {
    const tail = readLogTail(this.paths.log, this.data.logApplied);
    this.report.badLogLines = tail.badLines.length;
    this.report.logShrunk = tail.shrunk;
    for (const r of tail.records) this.apply(r);
    this.report.replayed = tail.records.length;
    this.data.logApplied = tail.end;
  }

  private apply(r: LogRecord): void {
    const day = { ...this.counters(r.day) };
    const counter = counterOf(r);
    const step = r.kind === "review" ? 1 : -1;
    if (r.kind === "review") this.data.cards[r.questionId] = r.after;
    else if (r.restore) this.data.cards[r.questionId] = r.restore;
    else delete this.data.cards[r.questionId];
    if (counter === "new") day.new = Math.max(0, day.new + step);
    if (counter === "review") day.reviews = Math.max(0, day.reviews + step);
    this.data.days[r.day] = day;
  }

  private appendDurably(record: LogRecord): void {
    this.log ??= new ReviewLog(this.paths.log);
    this.log.append(record);
    this.apply(record);
    this.data.logApplied = this.log.bytes;
  }

  /** Records an answer; resolves once it is on disk, so it may then be acknowledged. */
  async recordReview(record: ReviewRecord): Promise<void> {
    this.appendDurably(record);
    if (++this.sinceCheckpoint >= CHECKPOINT_EVERY) await this.checkpoint();
  }

  /** Takes an answer back: the card and the day's counters return to what they were. */
  async recordUndo(review: ReviewRecord, at: Date): Promise<void> {
    const undo: UndoRecord = {
      kind: "undo",
      v: review.v,
      reviewId: review.reviewId,
      questionId: review.questionId,
      at: at.toISOString(),
      day: review.day,
      wasNew: review.wasNew,
      ...(review.counts !== undefined ? { counts: review.counts } : {}),
      restore: review.before,
    };
    this.appendDurably(undo);
    if (++this.sinceCheckpoint >= CHECKPOINT_EVERY) await this.checkpoint();
  }

  /** Changes state outside a review (reset, suspend, settings) and checkpoints at once. */
  async update(change: (data: Progress) => void): Promise<void> {
    change(this.data);
    await this.checkpoint();
  }

  /** Adds a mock exam to the history, at once. */
  async saveExam(record: ExamRecord): Promise<void> {
    await this.update((d) => {
      d.exams.push(record);
    });
  }

  async checkpoint(): Promise<void> {
    if (this.log) this.data.logApplied = this.log.bytes;
    await this.db.write();
    this.sinceCheckpoint = 0;
  }

  /** Checkpoints (when holding the lock) and lets go of the files. Safe to call twice. */
  async close(): Promise<void> {
    if (this.lock && (this.sinceCheckpoint > 0 || !existsSync(this.paths.progress))) await this.checkpoint();
    this.log?.close();
    this.log = undefined;
    this.lock?.release();
  }
}
