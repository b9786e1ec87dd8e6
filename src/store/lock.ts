// One session per progress file: a lock file that names its holder (pid, process start time, boot, host, token).
//
// Why this is race-free, with nothing but link(), rename() and unlink() (each atomic on a local file system):
//
// - A lock is created complete: its text is written to a private temp file first, then link()ed to the lock's
//   name. link() fails with EEXIST when the name is taken, so of any number of creators exactly one wins, and
//   nobody ever reads a half-written lock.
// - A lock whose holder is dead (its pid is gone, or the pid now belongs to a process started at another time, or
//   the machine has rebooted since) is stale. Taking it over is not "unlink, then create" (two processes could both
//   unlink and both create); it is a two-step claim keyed by the stale lock's own random token:
//     1. link() a claim file named `<lock>.claim.<stale token>`. One name per stale lock, created exclusively: of
//        all processes that saw that stale lock, exactly one holds its claim.
//     2. The claim's holder reads the lock again and, only if it still carries the stale token, rename()s its own
//        fresh lock over it (rename replaces atomically: readers see the old lock or the new one, never no lock).
//   While the claim is held nobody else can change the lock: its old holder is dead, creators fail on the existing
//   name, and claimants of any other token find the token they saw gone at step 2. A claimant that comes late
//   (after the claim is removed) re-reads the lock at step 2, finds a fresh token and stands back.
// - A claim whose own holder died between steps is stale in turn and is taken over the same way, by a claim on the
//   claim's token; the dead cannot act any more, so the chain has one live actor at each step.
// - A claim whose holder is alive is waited for, never stepped over: the claimant is a few file operations from
//   its fresh lock, though an fsync on a busy disk can stretch them to seconds. The waiter only reads the claim
//   until it is gone (the takeover is done: the next look finds the claimant's lock and names it as the holder) or
//   its holder is dead (then it is stale, and taken over at once as above). The wait runs against a deadline,
//   CLAIM_WAIT_MS from the first look, not a count of tries; past it the waiter gives up naming the claimant and
//   leaves the lock and the claim as they were. Waiting writes nothing, so it weakens none of the above.
// - Releasing removes the lock only if it still carries our token (nobody takes over a live holder's lock).
//
// A holder on another host cannot be checked from here, so its lock is never taken over: the message names the host.

import { randomBytes, createHash } from "node:crypto";
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { UserFacingError } from "../errors.js";
import { companionNames } from "./files.js";

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat field 22), or null where unknown. */
  start: number | null;
  /** /proc/sys/kernel/random/boot_id, or null where unknown. */
  boot: string | null;
  host: string;
  token: string;
}

/** "pid N", with the host when it is another one. */
function describeProcess(h: LockHolder): string {
  return h.host === hostname() ? `pid ${h.pid}` : `pid ${h.pid} on host ${h.host}`;
}

export class LockHeldError extends UserFacingError {
  constructor(readonly holder: LockHolder, readonly path: string) {
    const where = describeProcess(holder);
    const advice =
      holder.host === hostname()
        ? "finish that session first"
        : `finish that session first; if none runs on ${holder.host} any more, remove ${path}`;
    super(`progress file is in use by ${where} (lock ${path}); ${advice}`);
  }
}

/** A live process began taking over a stale lock and has not finished within CLAIM_WAIT_MS. */
export class ClaimStuckError extends UserFacingError {
  constructor(readonly claimant: LockHolder, readonly claim: string, readonly path: string) {
    super(
      `could not take the lock ${path}: ${describeProcess(claimant)} began taking over the stale lock and has ` +
        `not finished after ${CLAIM_WAIT_MS / 1000} s (claim ${claim}); if that process is stuck, end it, then try again`,
    );
  }
}

/** Start time of a process (field 22 of /proc/<pid>/stat), null where /proc is not there; undefined if it is gone. */
export function processStart(pid: number | "self"): number | null | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" && existsProc() ? undefined : null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself: count after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return undefined; // a zombie holds nothing any more
  const start = Number(fields[19]);
  return Number.isSafeInteger(start) ? start : null;
}

let procChecked: boolean | undefined;
function existsProc(): boolean {
  if (procChecked === undefined) {
    try {
      readFileSync("/proc/self/stat");
      procChecked = true;
    } catch {
      procChecked = false;
    }
  }
  return procChecked;
}

let bootId: string | null | undefined;
function currentBoot(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

/** Whether a pid names a live process: signal 0 reaches it (EPERM: it exists, owned by someone else). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the holder is (certainly or possibly) still running. Only a holder known dead is ever taken over. */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true; // cannot tell from here
  const boot = currentBoot();
  if (h.boot !== null && boot !== null && h.boot !== boot) return false; // the machine rebooted since
  if (!pidExists(h.pid)) return false;
  const start = processStart(h.pid);
  if (start === undefined) return false;
  // The pid is alive; it is the holder only if it started when the holder did (pids are reused).
  return h.start === null || start === null || start === h.start;
}

/** This process, as written in its locks. */
export function me(): LockHolder {
  const start = processStart("self");
  return { pid: process.pid, start: start ?? null, boot: currentBoot(), host: hostname(), token: randomBytes(12).toString("hex") };
}

/** Reads a lock or claim file. A file in the old format (a pid alone) or garbage gets a token from its text. */
function readHolder(path: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (
      Number.isSafeInteger(v.pid) && (v.pid as number) > 0 &&
      (v.start === null || Number.isSafeInteger(v.start)) &&
      (v.boot === null || typeof v.boot === "string") &&
      typeof v.host === "string" &&
      typeof v.token === "string" && /^[0-9a-f]{8,64}$/.test(v.token)
    ) {
      return { pid: v.pid as number, start: v.start as number | null, boot: v.boot as string | null, host: v.host, token: v.token };
    }
  } catch {
    /* old format or garbage, below */
  }
  const token = createHash("sha256").update(text).digest("hex").slice(0, 24);
  const pid = /^\s*(\d{1,10})\s*$/.exec(text);
  // The old format had no start time: its pid is trusted only while alive; garbage is stale at once.
  return { pid: pid ? Number(pid[1]) : 0, start: null, boot: null, host: hostname(), token };
}

const staleOrDead = (h: LockHolder): boolean => h.pid <= 0 || !holderAlive(h);

/** Writes a holder's record to a private temp file beside `near`, fsynced; returns its path. */
function writeTemp(near: string, holder: LockHolder): string {
  const temp = `${near}.${holder.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuietly(temp);
    throw e;
  }
  closeSync(fd);
  return temp;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/** Creates `path` holding `holder`, only if the name is free. */
function createExclusive(path: string, holder: LockHolder): boolean {
  const temp = writeTemp(path, holder);
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    unlinkQuietly(temp);
  }
}

/** What a takeover came to: done, someone else moved first (look again), or a live process holds the claim. */
type Attempt = { kind: "taken" } | { kind: "moved" } | { kind: "claimed"; claim: string; claimant: LockHolder };
const TAKEN: Attempt = { kind: "taken" };
const MOVED: Attempt = { kind: "moved" };

/**
 * Replaces `path`, which held the stale `stale`, with `holder`. `lock` is the lock's own path, the root of every
 * claim's name. A live claimant is reported, never stepped over: the caller waits for it.
 */
function takeOver(lock: string, path: string, stale: LockHolder, holder: LockHolder, depth = 0): Attempt {
  if (depth > 8) return MOVED;
  const claim = `${lock}.claim.${stale.token}`;
  const mine: LockHolder = { ...holder, token: randomBytes(12).toString("hex") };
  if (!createExclusive(claim, mine)) {
    const claimant = readHolder(claim);
    if (!claimant) return MOVED; // the claim went between our two looks
    if (!staleOrDead(claimant)) return { kind: "claimed", claim, claimant };
    const under = takeOver(lock, claim, claimant, mine, depth + 1); // the claim's holder died: claim its claim
    if (under.kind !== "taken") return under;
  }
  // We hold the claim on the stale lock's token: only we may replace it, and only if it is still that lock.
  try {
    const now = readHolder(path);
    if (now?.token !== stale.token) return MOVED;
    const temp = writeTemp(path, holder);
    try {
      renameSync(temp, path);
    } catch (e) {
      unlinkQuietly(temp);
      throw e;
    }
    return TAKEN;
  } finally {
    unlinkQuietly(claim);
  }
}

export interface Lock {
  readonly holder: LockHolder;
  release(): void;
}

/** A lock path that is not a regular file (a folder, a symbolic link, a device) is refused, never replaced. */
function checkLockPath(path: string): void {
  let kind: string | undefined;
  try {
    const st = lstatSync(path);
    if (st.isFile()) return;
    kind = st.isDirectory() ? "a folder" : st.isSymbolicLink() ? "a symbolic link" : "not a regular file";
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  throw new UserFacingError(`the lock ${path} is ${kind}; cogquiz keeps a regular file there. Remove it (no cogquiz session uses it) and start again`);
}

/**
 * How long to wait for a live process that is in the middle of taking over a stale lock. It is a few file
 * operations from done (write and fsync a small file, a rename, an unlink), which take milliseconds, but an fsync
 * on a busy disk or a loaded machine can hold it up for seconds. Past this the claimant is more likely stuck
 * (stopped with Ctrl-Z, hung on a network file system), and the user is better told which pid it is than kept waiting.
 */
export const CLAIM_WAIT_MS = 5_000;

/** The clock the wait for a claimant runs on: milliseconds from any origin, and a blocking pause. */
export interface LockClock {
  now(): number;
  sleep(ms: number): void;
}

const systemClock: LockClock = {
  now: () => performance.now(),
  sleep: (ms) => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
};

/** One look at the lock: create it, find it ours, find it held (throws LockHeldError), or take a stale one over. */
function attempt(path: string, holder: LockHolder): Attempt {
  checkLockPath(path);
  if (createExclusive(path, holder)) return TAKEN;
  const current = readHolder(path);
  if (current === undefined) return MOVED; // released between our two looks
  if (current.token === holder.token) return TAKEN;
  if (!staleOrDead(current) && current.pid !== holder.pid) throw new LockHeldError(current, path);
  // Stale (dead holder, a reused pid, an earlier lock of this very process, or garbage): take it over.
  return takeOver(path, path, current, holder);
}

/**
 * Waits, reading only, until the claim no longer names this live claimant (it finished, gave up, or died) or the
 * deadline passes. Writing nothing while we wait keeps a busy disk, the likely reason for the delay, no busier.
 */
function waitForClaimant(claim: string, claimant: LockHolder, clock: LockClock, deadline: number): void {
  for (let pause = 2; clock.now() < deadline; pause = Math.min(pause * 2, 50)) {
    clock.sleep(Math.max(1, Math.min(pause, deadline - clock.now())));
    const now = readHolder(claim);
    if (now?.token !== claimant.token || staleOrDead(now)) return;
  }
}

/**
 * Takes the lock, taking over a stale one. Throws LockHeldError when a live process holds it, and names the
 * claimant when a live process has been taking a stale lock over for longer than CLAIM_WAIT_MS.
 */
export function acquireLock(path: string, holder: LockHolder = me(), clock: LockClock = systemClock): Lock {
  const deadline = clock.now() + CLAIM_WAIT_MS;
  for (let tries = 0; ; tries++) {
    const result = attempt(path, holder);
    if (result.kind === "taken") return held(path, holder);
    if (clock.now() >= deadline) {
      if (result.kind === "claimed") throw new ClaimStuckError(result.claimant, result.claim, path);
      throw new UserFacingError(`could not take the lock ${path}: other processes keep changing it; try again`);
    }
    if (result.kind === "claimed") {
      waitForClaimant(result.claim, result.claimant, clock, deadline);
    } else {
      clock.sleep(Math.min(2 + tries, 50)); // someone else moved first: the next look finds their lock or the name free
    }
  }
}

function held(path: string, holder: LockHolder): Lock {
  return {
    holder,
    release() {
      try {
        if (readHolder(path)?.token === holder.token) unlinkSync(path);
      } catch {
        /* already gone */
      }
    },
  };
}

/**
 * Temp and claim files a killed process left beside the lock (`<lock>.<pid>.<hex>.tmp` of dead pids, and claims).
 * Call it only while holding the lock: every claim then names a token the lock no longer carries, so whoever
 * still holds one fails at step 2 of a takeover, and removing it changes nothing.
 */
export function removeLeftoverLockFiles(path: string): void {
  const dir = dirname(path);
  for (const { name, rest } of companionNames(path)) {
    const temp = /^(?:claim\.[0-9a-f]+\.)?(\d+)\.[0-9a-f]{12}\.tmp$/.exec(rest);
    if (temp && !pidExists(Number(temp[1]))) unlinkQuietly(join(dir, name));
    else if (/^claim\.[0-9a-f]+$/.test(rest)) unlinkQuietly(join(dir, name));
  }
}
