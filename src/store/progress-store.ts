// The only code that reads or writes progress. progress.json (through lowdb) is a checkpoint; reviews.jsonl is
// appended and fsynced per answer and replayed from the checkpoint's offset at start-up, so a crash loses at most
// the answer being written and start-up never reads the whole log. What stats needs of the log (answers per day)
// is folded into the checkpoint as it goes, so stats never reads the log either.
//
// Every file is checked before it is trusted: its kind (a FIFO or a device in place of a data file is refused, not
// read), its size, that the data folder can be written and has room, all before a command asks the student anything.

import { closeSync, copyFileSync, constants, existsSync, lstatSync, mkdirSync, openSync, realpathSync, statfsSync, statSync, unlinkSync, type BigIntStats } from "node:fs";
import { dirname, join } from "node:path";
import { Low, type Adapter } from "lowdb";
import { UserFacingError } from "../errors.js";
import { dayKey } from "../srs/day.js";
import type { CardState } from "../srs/model.js";
import { LOG_RECORD_VERSION, counterOf, newCardState } from "../srs/records.js";
import { AnswerTallier, studyTimeOf } from "../srs/tally.js";
import { modeOf, writeFileAtomic, writePermitted } from "./atomic.js";
import { ProgressFileError, companionNames, describeFileError, digestOf, kindOf, readRegularFile, readRegularFileStamped, stampOf } from "./files.js";
import { acquireLock, pidExists, removeLeftoverLockFiles, type Lock } from "./lock.js";
import { MAX_REDATED_CHARS, ReviewLog, scanLog, type BadLine, type LogRecord, type ReviewRecord, type SettingsRecord, type UndoRecord } from "./log.js";
import type { DataPaths } from "./paths.js";
import {
  SCHEMA_VERSION,
  notInFuture,
  checkProgress,
  emptyProgress,
  migrate,
  parseJsonSafely,
  versionOf,
  type DayCounters,
  type ExamRecord,
  type Progress,
  type Settings,
} from "./schema.js";

export { ProgressFileError } from "./files.js";

/** No progress file comes near this (10,000 cards take 3 MB); a bigger one is not ours, and is not read. */
const MAX_PROGRESS_BYTES = 256 * 1024 * 1024;
/** Below this much free space in the data folder, no session starts: its first answer might not fit. */
const MIN_FREE_BYTES = 1024 * 1024;

/** What a replay of the log keeps, for messages that advise moving progress.json aside. */
export function replayKeeps(log: string): string {
  return (
    `cogquiz then rebuilds progress from the review log ${log}, which keeps every answer, undo, reset, suspension, ` +
    "settings change and exam result (logs written by earlier cogquiz releases hold answers and undos only)"
  );
}

/**
 * The file progress is written to: the progress path itself, or the target of a symbolic link there (written
 * through, never replaced by a regular file). Anything else in its place is refused.
 */
function writeTarget(path: string): string {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return path;
    throw new ProgressFileError(`cannot use progress file ${path}: ${describeFileError(e)}`);
  }
  if (st.isFile()) return path;
  if (st.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(path);
    } catch (e) {
      throw new ProgressFileError(`progress file ${path} is a symbolic link to nothing (${describeFileError(e)}); point it at a file or remove it`);
    }
    const t = statSync(target);
    if (!t.isFile()) throw new ProgressFileError(`progress file ${path} links to ${target}, which is ${kindOf(t)}; cogquiz will not replace it`);
    return target;
  }
  throw new ProgressFileError(`progress file ${path} is ${kindOf(st)}, not a regular file; cogquiz will not read or replace it. Move it aside and start again`);
}

/**
 * Reads progress.json strictly and writes it atomically (through a symbolic link to its target).
 *
 * A writer never overwrites a change another program made: the lock keeps other cogquiz sessions out, but an editor
 * or a script does not take it. So a writer remembers the file as it last read or wrote it (its stamp, and a digest
 * of its bytes) and, before each checkpoint, looks again. When the file changed, it is kept as the other program
 * left it, and no checkpoint of this session replaces it: the answers go on into the review log, and the next start
 * replays them onto the changed file from the `logApplied` offset it holds (the offset of the checkpoint the other
 * program started from, so nothing after it is missed).
 */
class ProgressFileAdapter implements Adapter<Progress> {
  /** Set when an older schema was migrated (the backup's path, when one was made). */
  migratedFrom?: { version: number; backup?: string };
  /** Set when another program changed the file during this session; no checkpoint is written after that. */
  changedOutside = false;
  /** The file as this writer last read or wrote it (null: there was none); undefined for a reader. */
  private seen?: { stamp: string; digest: string } | null;

  constructor(
    private readonly path: string,
    private readonly log: string,
    /** Only a writer (lock held) migrates on disk, so only it backs up the old file. */
    private readonly writer: boolean,
  ) {}

  async read(): Promise<Progress | null> {
    const target = writeTarget(this.path);
    let text: string | undefined;
    if (this.writer) {
      const read = readRegularFileStamped(target, MAX_PROGRESS_BYTES, "progress file");
      this.seen = read ? { stamp: read.stamp, digest: read.digest } : null;
      text = read?.text;
    } else {
      text = readRegularFile(target, MAX_PROGRESS_BYTES, "progress file");
    }
    if (text === undefined) return null;
    const refuse = (why: string): never => {
      throw new ProgressFileError(
        `progress file ${this.path} ${why}. It was left untouched: fix it, restore a backup, or move it aside (${replayKeeps(this.log)}), or use --data <file>.`,
      );
    };
    const parsed = parseJsonSafely(text);
    if ("syntaxError" in parsed) return refuse(`does not parse as JSON (${parsed.syntaxError})`);
    if ("hostileKey" in parsed) return refuse(`holds the key "${parsed.hostileKey}", which cogquiz refuses to load`);
    let value = parsed.value as Record<string, unknown>;
    const claimed = versionOf(value, text);
    if ("bad" in claimed) return refuse(claimed.bad);
    const version = claimed.version;
    if (version > SCHEMA_VERSION) {
      return refuse(`was written by a newer cogquiz (schema version ${version}; this one reads up to ${SCHEMA_VERSION}); upgrade cogquiz`);
    }
    if (version < SCHEMA_VERSION) value = migrate(value);
    const problem = checkProgress(value);
    if (problem) return refuse(problem.kind === "newer" ? `has schema version ${problem.version}` : `has the wrong shape: ${problem.detail}`);
    if (version < SCHEMA_VERSION) {
      // Backed up only once the upgrade is known good: a file refused is left as it was, with no backup beside it.
      let backup: string | undefined;
      if (this.writer) backup = backUp(target, version);
      this.migratedFrom = backup ? { version, backup } : { version };
    }
    return value as unknown as Progress;
  }

  /** Looks whether another program changed the file since this writer last read or wrote it (once it did, it stays so). */
  lookForOutsideChange(): boolean {
    if (!this.changedOutside && this.changedSinceSeen(writeTarget(this.path))) this.changedOutside = true;
    return this.changedOutside;
  }

  async write(data: Progress): Promise<void> {
    if (this.lookForOutsideChange()) return;
    const target = writeTarget(this.path);
    const text = `${JSON.stringify(data)}\n`;
    try {
      const written = writeFileAtomic(target, text);
      this.seen = { stamp: stampAfterRename(target, written), digest: digestOf(text) };
    } catch (e) {
      throw new ProgressFileError(`could not write progress file ${target}: ${describeFileError(e)}. Every answer is in the review log ${this.log}; the next start recovers them`);
    }
  }

  /** Whether the file is not what this writer last read or wrote: gone, new, or other bytes. */
  private changedSinceSeen(target: string): boolean {
    if (this.seen === undefined) return false;
    let st;
    try {
      st = statSync(target, { bigint: true });
    } catch {
      return this.seen !== null; // moved aside (to rebuild from the log, say), or never there
    }
    if (this.seen === null) return true;
    if (stampOf(st) === this.seen.stamp) return false;
    // Touched (a new time, a chmod, a copy put back): a change only if the bytes differ.
    let now: string | undefined;
    try {
      now = readRegularFileStamped(target, MAX_PROGRESS_BYTES, "progress file")?.digest;
    } catch {
      return true; // no longer a file we can read: certainly not ours
    }
    if (now !== this.seen.digest) return true;
    this.seen = { stamp: stampOf(st), digest: now };
    return false;
  }
}

/**
 * The stamp of the file a rename just put in place. The rename itself moves its status-change time, so it is read
 * again; if anything but the rename changed it meanwhile (another size, time or inode than written), the stamp as
 * written is kept, so the next look finds the change.
 */
function stampAfterRename(target: string, written: BigIntStats): string {
  try {
    const st = statSync(target, { bigint: true });
    if (st.ino === written.ino && st.dev === written.dev && st.size === written.size && st.mtimeNs === written.mtimeNs) return stampOf(st);
  } catch {
    /* gone already: the next look says so */
  }
  return stampOf(written);
}

/** Copies `path` to a backup name not yet taken (`.v0.bak`, then `.v0.1.bak`, …): a backup is never overwritten. */
function backUp(path: string, version: number): string {
  for (let n = 0; ; n++) {
    const backup = n === 0 ? `${path}.v${version}.bak` : `${path}.v${version}.${n}.bak`;
    try {
      copyFileSync(path, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new ProgressFileError(`cannot back up progress file ${path} before upgrading it: ${describeFileError(e)}; it was left untouched`);
      }
    }
  }
}

/** Removes `<name>.<pid>.tmp` files a checkpoint killed midway left in `dir`: only ours, only of dead pids. */
function removeLeftoverTemps(file: string): void {
  const dir = dirname(file);
  for (const { name, rest } of companionNames(file)) {
    const m = /^(\d+)\.tmp$/.exec(rest);
    if (!m || Number(m[1]) === process.pid || pidExists(Number(m[1]))) continue;
    try {
      if (lstatSync(join(dir, name)).isFile()) unlinkSync(join(dir, name));
    } catch {
      /* gone already */
    }
  }
}

/** The file a path reaches (links followed), or undefined when there is none. */
function fileId(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * A progress file reached through a symbolic link keeps its log beside its target. A log beside the link that is
 * another file (kept there by an earlier cogquiz, which put the log beside the link) holds answers this progress
 * file may count on: it is pointed out, never silently left behind.
 */
function refuseLogBesideLink(paths: DataPaths): void {
  if (!paths.link) return;
  const besideLink = fileId(paths.link.log);
  if (besideLink === undefined) return;
  const besideTarget = fileId(paths.log);
  if (besideTarget === besideLink) return;
  const why = `progress file ${paths.link.progress} links to ${paths.progress}, so its review log is ${paths.log}, beside the file it links to`;
  throw new ProgressFileError(
    besideTarget === undefined
      ? `${why}; the review log ${paths.link.log} beside the link is not that file. Move it there (mv '${paths.link.log}' '${paths.log}') and start again; nothing was changed`
      : `${why}; the review log ${paths.link.log} beside the link is another file. cogquiz will not guess which of the two holds this progress file's answers: keep that one at ${paths.log}, move the other aside, and start again; nothing was changed`,
  );
}

/** The data folder must exist (it is created), be writable and have room before a writer starts. */
function prepareFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ProgressFileError(`cannot create the data folder ${dir}: ${describeFileError(e)}`);
  }
  try {
    const fs = statfsSync(dir);
    const free = Number(fs.bavail) * Number(fs.bsize);
    if (free < MIN_FREE_BYTES) {
      throw new ProgressFileError(`the disk holding ${dir} is full (${free} bytes free); free some space first: no answer could be saved`);
    }
  } catch (e) {
    if (e instanceof ProgressFileError) throw e;
    // statfs unsupported here: the writes below find out
  }
}

/** A progress file made read-only is not replaced behind its owner's back (a rename would replace it). */
function refuseReadOnly(file: string): void {
  let st;
  try {
    st = statSync(file);
  } catch {
    return; // not there yet
  }
  if (writePermitted(st)) return;
  // A file its owner may not read either needs both bits back.
  const bits = (st.mode & 0o400) === 0 ? "u+rw" : "u+w";
  throw new ProgressFileError(
    `progress file ${file} is read-only (mode ${modeOf(st)}), so cogquiz will not change it. Make it writable (chmod ${bits} '${file}') or use --data <file> for another progress file; it was left untouched`,
  );
}

/** Checks a folder can take a new file (the temp file a checkpoint writes), creating and removing one. */
function probeWritable(file: string): void {
  const probe = `${file}.${process.pid}.tmp`;
  try {
    closeSync(openSync(probe, "wx", 0o600));
    unlinkSync(probe);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return; // ours from this very process: writable
    throw new ProgressFileError(`cannot write progress beside ${file}: ${describeFileError(e)}`);
  }
}

export interface OpenOptions {
  /** Take the session lock (every writer does). */
  lock: boolean;
  /** The clock, to find answers later than it (`aheadOfClock`). */
  now?: Date;
  /**
   * Told once, when the store closes, that another program changed the progress file during the session and it was
   * kept as that program left it (the message says so, and where this session's answers are).
   */
  onChangedOutside?: (message: string) => void;
}

export interface OpenReport {
  migrated?: { version: number; backup?: string };
  /** Lines of the log that could not be replayed (torn by a crash, or not valid records), with their offsets; skipped. */
  badLog: BadLine[];
  /** badLog.length. */
  badLogLines: number;
  /** Records recovered from the log that the last checkpoint had not seen. */
  replayed: number;
  /** The log was shorter than the checkpoint expected (replaced or truncated by hand). */
  logShrunk: boolean;
  /** Of those, the log was not there at all. */
  logMissing?: boolean;
  /** Cards whose last answer is later than the clock (beyond the allowed skew), and the latest such answer. */
  aheadOfClock?: { cards: number; latest: string };
}

/**
 * The cards a change of settings re-dated (only their due date and interval changed), for its log record; undefined
 * when it re-dated none, or changed a card in more than its dates (optimize recomputes every card's memory), which
 * the record does not hold and does not half hold.
 */
function redatedCards(before: Readonly<Record<string, CardState>>, after: Readonly<Record<string, CardState>>): Record<string, [string, number]> | undefined {
  const redated: Record<string, [string, number]> = {};
  let any = false;
  for (const [id, card] of Object.entries(after)) {
    const was = before[id];
    if (was === card) continue;
    if (!was || JSON.stringify({ ...was, due: card.due, scheduledDays: card.scheduledDays }) !== JSON.stringify(card)) return undefined;
    redated[id] = [card.due, card.scheduledDays];
    any = true;
  }
  for (const id of Object.keys(before)) if (!Object.hasOwn(after, id)) return undefined;
  return any ? redated : undefined;
}

/** Answers written between checkpoints of progress.json; the log has them all in the meantime. */
const CHECKPOINT_EVERY = 20;

export class ProgressStore {
  private log?: ReviewLog;
  private sinceCheckpoint = 0;
  /**
   * A record did not reach the log. Its error says what was not saved; no checkpoint follows, since one could hold a
   * change that never reached the log (settings are changed before they are logged), and on a full disk its own
   * error would hide the log's. Everything before the failed record is in the log, and the next start replays it.
   */
  private logFailed = false;
  /** Records appended since the progress file was last written: what only the log holds. */
  private appendedSinceWrite = 0;
  private toldChangedOutside = false;
  private readonly tallier: AnswerTallier;

  private constructor(
    private readonly db: Low<Progress>,
    private readonly file: ProgressFileAdapter,
    readonly paths: DataPaths,
    private readonly lock: Lock | undefined,
    readonly report: OpenReport,
    private readonly onChangedOutside: ((message: string) => void) | undefined,
  ) {
    this.data.answers ??= {};
    this.data.studied ??= {};
    this.tallier = new AnswerTallier(this.data.answers);
  }

  static async open(paths: DataPaths, options: OpenOptions): Promise<ProgressStore> {
    if (paths.given && existsSync(paths.given) && !existsSync(paths.progress)) {
      const st = lstatSync(paths.given);
      // (A folder is never `given`: dataPaths takes it as the folder to keep progress.json in.)
      throw new ProgressFileError(
        st.isFile()
          ? `progress is kept in files ending in .json: rename ${paths.given} to ${paths.progress} (mv '${paths.given}' '${paths.progress}'), then start again`
          : `${paths.given} is ${kindOf(st)}, not a progress file; --data names a file ending in .json, or a folder`,
      );
    }
    refuseLogBesideLink(paths);
    let lock: Lock | undefined;
    if (options.lock) {
      const dir = dirname(paths.progress);
      prepareFolder(dir);
      try {
        lock = acquireLock(paths.lock);
      } catch (e) {
        if (e instanceof UserFacingError) {
          throw new UserFacingError(/in use by/.test(e.message) ? `another cogquiz session is running: ${e.message}` : e.message);
        }
        throw new ProgressFileError(`cannot take the lock ${paths.lock}: ${describeFileError(e)}`);
      }
    }
    try {
      if (lock) {
        removeLeftoverLockFiles(paths.lock);
        const target = writeTarget(paths.progress);
        removeLeftoverTemps(target);
        if (target !== paths.progress) removeLeftoverTemps(paths.progress);
        if (paths.link) removeLeftoverTemps(paths.link.progress);
        refuseReadOnly(target);
        probeWritable(target);
      }
      const adapter = new ProgressFileAdapter(paths.progress, paths.log, lock !== undefined);
      const db = new Low<Progress>(adapter, emptyProgress());
      await db.read();
      const report: OpenReport = { badLog: [], badLogLines: 0, replayed: 0, logShrunk: false };
      if (adapter.migratedFrom) report.migrated = adapter.migratedFrom;
      const rebuild = db.data.answers === undefined && db.data.logApplied > 0;
      // Study time is folded in by the same scan; a file that has a tally but no study time (written by the version
      // before it was kept) starts counting from now rather than pay a second scan of a long log.
      const rebuildStudied = rebuild && db.data.studied === undefined;
      const store = new ProgressStore(db, adapter, paths, lock, report, options.onChangedOutside);
      if (rebuild) store.rebuildFromLog(rebuildStudied);
      store.replay(options.now ?? new Date());
      if (lock) {
        store.log = new ReviewLog(paths.log); // refuses a log it cannot append to, before any question
        if (report.migrated || report.replayed > 0 || report.logShrunk || rebuild || !existsSync(paths.progress)) await store.checkpoint();
      }
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

  /** Study time of a study day, in milliseconds, over every session of the day. */
  studiedMs(day: string): number {
    const s = this.data.studied;
    return s !== undefined && Object.hasOwn(s, day) ? s[day]! : 0;
  }

  /** A file written before answers were tallied: fold the log up to the checkpoint into the tally (and study time), once. */
  private rebuildFromLog(studied: boolean): void {
    const upTo = this.data.logApplied;
    const tallier = this.tallier;
    scanLog(this.paths.log, 0, (r, offset) => {
      if (offset >= upTo) return;
      tallier.apply(r);
      if (studied && r.kind === "review") this.addStudied(r.day, studyTimeOf(r));
    });
  }

  private addStudied(day: string, ms: number): void {
    if (ms <= 0) return;
    const s = (this.data.studied ??= {});
    s[day] = (Object.hasOwn(s, day) ? s[day]! : 0) + ms;
  }

  /** Applies what the log holds past the checkpoint, streaming it. */
  private replay(now: Date): void {
    const scan = scanLog(this.paths.log, this.data.logApplied, (r) => this.apply(r));
    this.report.badLog = scan.badLines;
    this.report.badLogLines = scan.badLines.length;
    this.report.logShrunk = scan.shrunk;
    if (scan.missing) this.report.logMissing = true;
    this.report.replayed = scan.records;
    this.data.logApplied = scan.end;
    // Cards answered later than this clock says it is now (a clock set back, or an earlier session's clock ahead):
    // kept as they are, and said once.
    let ahead = 0;
    let latest = "";
    for (const c of Object.values(this.data.cards)) {
      if (c.lastReview !== undefined && !notInFuture(c.lastReview, now)) {
        ahead++;
        if (c.lastReview > latest) latest = c.lastReview;
      }
    }
    if (ahead > 0) this.report.aheadOfClock = { cards: ahead, latest };
  }

  private apply(r: LogRecord): void {
    const cards = this.data.cards;
    switch (r.kind) {
      case "review":
      case "undo": {
        const day = { ...this.counters(r.day) };
        const counter = counterOf(r);
        const step = r.kind === "review" ? 1 : -1;
        if (r.kind === "review") cards[r.questionId] = r.after;
        else if (r.restore) cards[r.questionId] = r.restore;
        else delete cards[r.questionId];
        if (counter === "new") day.new = Math.max(0, day.new + step);
        if (counter === "review") day.reviews = Math.max(0, day.reviews + step);
        this.data.days[r.day] = day;
        this.tallier.apply(r);
        if (r.kind === "review") this.addStudied(r.day, studyTimeOf(r));
        return;
      }
      case "reset":
        delete cards[r.questionId];
        return;
      case "suspend": {
        const card: CardState = { ...(this.card(r.questionId) ?? newCardState(new Date(r.at))) };
        if (r.suspended) card.suspended = true;
        else delete card.suspended;
        cards[r.questionId] = card;
        return;
      }
      case "settings":
        this.data.settings = structuredClone(r.settings) as unknown as Settings;
        for (const [id, [due, scheduledDays]] of Object.entries(r.redated ?? {})) {
          const card = cards[id];
          if (card) cards[id] = { ...card, due, scheduledDays };
        }
        return;
      case "exam":
        if (!this.data.exams.some((e) => e.id === r.exam.id)) this.data.exams.push(r.exam);
        return;
    }
  }

  private appendDurably(record: LogRecord): void {
    this.refuseWithoutLock();
    this.log ??= new ReviewLog(this.paths.log);
    try {
      this.log.append(record);
    } catch (e) {
      this.logFailed = true;
      throw e;
    }
    this.apply(record);
    this.data.logApplied = this.log.bytes;
    this.appendedSinceWrite++;
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
      undone: { correct: review.correct, rating: review.rating },
    };
    this.appendDurably(undo);
    if (++this.sinceCheckpoint >= CHECKPOINT_EVERY) await this.checkpoint();
  }

  /** Makes a card new again, in the log (where its history starts again) and at once in the checkpoint. */
  async recordReset(questionId: string, at: Date): Promise<void> {
    this.appendDurably({ kind: "reset", v: LOG_RECORD_VERSION, questionId, at: at.toISOString(), day: dayKey(at) });
    await this.checkpoint();
  }

  /** Suspends a card (or lifts the suspension), in the log and at once in the checkpoint. */
  async recordSuspend(questionId: string, suspended: boolean, at: Date): Promise<void> {
    this.appendDurably({ kind: "suspend", v: LOG_RECORD_VERSION, questionId, at: at.toISOString(), day: dayKey(at), suspended });
    await this.checkpoint();
  }

  /**
   * Changes state outside a review and checkpoints at once. A change of settings goes into the log too (the whole
   * settings object), so a replay of the log keeps it.
   */
  async update(change: (data: Progress) => void): Promise<void> {
    // Not every such change is in the log (optimize recomputes every card), so it is made only on the file as it is.
    if (this.lock && this.file.lookForOutsideChange()) {
      throw new ProgressFileError(
        `progress file ${this.paths.progress} was changed by another program since cogquiz read it; cogquiz left it as that program wrote it and changed nothing: run the command again`,
      );
    }
    const before = JSON.stringify(this.data.settings);
    const cardsBefore = { ...this.data.cards };
    change(this.data);
    if (JSON.stringify(this.data.settings) !== before) {
      const at = new Date();
      const record: SettingsRecord = { kind: "settings", v: LOG_RECORD_VERSION, at: at.toISOString(), day: dayKey(at), settings: structuredClone(this.data.settings) as unknown as Record<string, unknown> };
      const redated = redatedCards(cardsBefore, this.data.cards);
      // Within a line the log reads (a plan's re-dating of every card of a very large profile is not): else as before.
      if (redated && JSON.stringify(redated).length <= MAX_REDATED_CHARS) record.redated = redated;
      this.appendDurably(record);
    }
    await this.checkpoint();
  }

  /** Adds a mock exam to the history, in the log and at once in the checkpoint. */
  async saveExam(record: ExamRecord): Promise<void> {
    const at = new Date();
    this.appendDurably({ kind: "exam", v: LOG_RECORD_VERSION, at: at.toISOString(), day: dayKey(at), exam: record });
    await this.checkpoint();
  }

  /**
   * A store opened without the lock only reads: a change through it would go past the lock of a session under way
   * (and into a file the user made read-only). A command that changes progress opens it with the lock.
   */
  private refuseWithoutLock(): void {
    if (!this.lock) throw new Error(`progress opened without the lock was about to be changed (${this.paths.progress})`);
  }

  async checkpoint(): Promise<void> {
    this.refuseWithoutLock();
    if (this.log) this.data.logApplied = this.log.bytes;
    await this.db.write();
    this.sinceCheckpoint = 0;
    if (!this.file.changedOutside) this.appendedSinceWrite = 0;
  }

  /** Whether another program changed the progress file during this session, so that it was left as they wrote it. */
  get changedOutside(): boolean {
    return this.file.changedOutside;
  }

  /** Checkpoints (when holding the lock) and lets go of the files. Safe to call twice. */
  async close(): Promise<void> {
    try {
      if (this.lock && !this.logFailed && (this.sinceCheckpoint > 0 || !existsSync(this.paths.progress))) await this.checkpoint();
    } finally {
      this.log?.close();
      this.log = undefined;
      this.lock?.release();
      // Said only when the log holds something of this session the file does not: otherwise nothing of ours is missing.
      if (this.file.changedOutside && this.appendedSinceWrite > 0 && !this.toldChangedOutside) {
        this.toldChangedOutside = true;
        this.onChangedOutside?.(
          `progress file ${this.paths.progress} was changed by another program during this session, so cogquiz kept it as that program left it; ` +
            `this session's answers and changes are in the review log ${this.paths.log}, and the next start applies them to it`,
        );
      }
    }
  }
}
