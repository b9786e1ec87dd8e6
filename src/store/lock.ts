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

export class LockHeldError extends UserFacingError {
  constructor(readonly holder: LockHolder, readonly path: string) {
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
    const advice =
      holder.host === hostname()
        ? "finish that session first"
        : `finish that session first; if none runs on ${holder.host} any more, remove ${path}`;
    super(`progress file is in use by ${where} (lock ${path}); ${advice}`);
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

/**
 * Replaces `path`, which held the stale `stale`, with `holder`: returns true when done, false when someone else
 * moved first (the caller starts over). `lock` is the lock's own path, the root of every claim's name.
 */
function takeOver(lock: string, path: string, stale: LockHolder, holder: LockHolder, depth = 0): boolean {
  if (depth > 8) return false;
  const claim = `${lock}.claim.${stale.token}`;
  const mine: LockHolder = { ...holder, token: randomBytes(12).toString("hex") };
  if (!createExclusive(claim, mine)) {
    const claimant = readHolder(claim);
    if (!claimant || !staleOrDead(claimant)) return false; // a live process is taking it over: let it
    if (!takeOver(lock, claim, claimant, mine, depth + 1)) return false; // the claim's holder died: claim its claim
  }
  // We hold the claim on the stale lock's token: only we may replace it, and only if it is still that lock.
  try {
    const now = readHolder(path);
    if (now?.token !== stale.token) return false;
    const temp = writeTemp(path, holder);
    try {
      renameSync(temp, path);
    } catch (e) {
      unlinkQuietly(temp);
      throw e;
    }
    return true;
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

/** Takes the lock, taking over a stale one. Throws LockHeldError when a live process holds it. */
export function acquireLock(path: string, holder: LockHolder = me()): Lock {
  for (let attempt = 0; attempt < 50; attempt++) {
    checkLockPath(path);
    if (createExclusive(path, holder)) return held(path, holder);
    const current = readHolder(path);
    if (current === undefined) continue; // released between our attempts: try again
    if (current.token === holder.token) return held(path, holder);
    if (!staleOrDead(current) && current.pid !== holder.pid) throw new LockHeldError(current, path);
    // Stale (dead holder, a reused pid, an earlier lock of this very process, or garbage): take it over.
    if (takeOver(path, path, current, holder)) return held(path, holder);
    // Someone else is taking it over: the next attempt finds their lock (held) or their claim gone.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2 + attempt);
  }
  const current = readHolder(path);
  if (current && !staleOrDead(current)) throw new LockHeldError(current, path);
  throw new UserFacingError(`could not take the lock ${path}: other processes keep changing it; try again`);
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
