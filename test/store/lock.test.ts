import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, CLAIM_WAIT_MS, me, processStart, removeLeftoverLockFiles, type LockClock } from "../../src/store/lock.js";

const LOCK_MODULE = process.env.COGQUIZ_LOCK_MODULE ?? fileURLToPath(new URL("../../dist/store/lock.js", import.meta.url));
const RACER = fileURLToPath(new URL("./lock-racer.mjs", import.meta.url));
const WAITER = fileURLToPath(new URL("./lock-waiter.mjs", import.meta.url));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "cogquiz-lock-"));
}

/** A pid no process has: the pid of a child that has exited. */
function deadPid(): number {
  const r = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  return Number.parseInt(r.stdout.trim(), 10);
}

class Racer {
  private readonly lines: string[] = [];
  private waiting?: (line: string) => void;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.lines.push(line);
    });
    child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    child.on("exit", () => {
      this.lines.push(`error exited: ${this.stderr}`);
      if (this.waiting) this.waiting(this.lines.shift()!);
    });
  }
  private stderr = "";
  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

const started: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const c of started) c.kill();
});

describe("session lock", () => {
  it("many processes racing for a stale lock: exactly one gets it each round, never two at once", async () => {
    const dir = tempDir();
    const lock = join(dir, "progress.json.lock");
    const inside = join(dir, "inside");
    const contenders = 24;
    const rounds = 60;
    const racers = Array.from({ length: contenders }, () => {
      const child = spawn(process.execPath, [RACER, LOCK_MODULE, lock, inside]);
      started.push(child);
      return new Racer(child);
    });
    const dead = deadPid();
    const myStart = processStart("self");
    let overlaps = 0;
    const winnersPerRound: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Stale locks of every kind: a dead pid, a live pid with another start time (a reused pid), the old
      // format with a dead pid, and garbage.
      const kind = round % 4;
      const text =
        kind === 0
          ? JSON.stringify({ pid: dead, start: 1, boot: null, host: hostname(), token: `dead${round}`.padEnd(16, "0").replace(/[^0-9a-f]/g, "a") })
          : kind === 1
            ? JSON.stringify({ pid: process.pid, start: (myStart ?? 0) + 1, boot: null, host: hostname(), token: `${round}`.padStart(16, "b") })
            : kind === 2
              ? `${dead}\n`
              : `garbage ${round}`;
      writeFileSync(lock, text);
      for (const r of racers) r.send("go");
      const answers = await Promise.all(racers.map((r) => r.next()));
      expect(answers.filter((a) => a.startsWith("error"))).toEqual([]);
      overlaps += answers.filter((a) => a === "overlap").length;
      const winners = racers.filter((_, i) => answers[i] === "won" || answers[i] === "overlap");
      winnersPerRound.push(winners.length);
      for (const w of winners) w.send("release");
      await Promise.all(winners.map((w) => w.next()));
    }
    for (const r of racers) r.send("quit");
    expect(overlaps).toBe(0);
    expect(winnersPerRound).toEqual(Array.from({ length: rounds }, () => 1));
    // Nothing left behind: no claim or temp file once every round's holder has let go.
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it("a live holder keeps its lock, and the message names it", () => {
    const dir = tempDir();
    const lock = join(dir, "p.lock");
    const held = acquireLock(lock);
    const other = { ...me(), pid: 1, token: "0123456789abcdef" };
    expect(() => acquireLock(lock, other)).toThrow(`in use by pid ${process.pid}`);
    held.release();
    expect(existsSync(lock)).toBe(false);
  });

  it("a lock naming a live pid with another start time (a reused pid) is taken over", () => {
    const dir = tempDir();
    const lock = join(dir, "p.lock");
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, start: 3, boot: null, host: hostname(), token: "aaaaaaaaaaaaaaaa" }));
    const taken = acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
    expect(JSON.parse(readFileSync(lock, "utf8")).start).toBe(processStart("self"));
    taken.release();
  });

  it("a lock from another host is never taken over; the message names the host", () => {
    const dir = tempDir();
    const lock = join(dir, "p.lock");
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), start: 3, boot: null, host: "elsewhere.example", token: "aaaaaaaaaaaaaaaa" }));
    expect(() => acquireLock(lock)).toThrow(/in use by pid \d+ on host elsewhere\.example.*remove/);
  });

  it("refuses a folder or a dangling symbolic link as the lock, leaving it in place", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "a.lock"));
    expect(() => acquireLock(join(dir, "a.lock"))).toThrow("is a folder");
    symlinkSync(join(dir, "nowhere"), join(dir, "b.lock"));
    expect(() => acquireLock(join(dir, "b.lock"))).toThrow("is a symbolic link");
    expect(readdirSync(dir).sort()).toEqual(["a.lock", "b.lock"]);
  });

  it("removes temp and claim files that dead processes left beside the lock, and only those", () => {
    const dir = tempDir();
    const lock = join(dir, "p.lock");
    const dead = deadPid();
    writeFileSync(join(dir, `p.lock.${dead}.0123456789ab.tmp`), "x");
    writeFileSync(join(dir, `p.lock.${process.pid}.0123456789ab.tmp`), "x");
    writeFileSync(join(dir, "p.lock.notes.txt"), "x");
    writeFileSync(join(dir, "p.lock.claim.0123456789abcdef"), "x");
    const held = acquireLock(lock);
    removeLeftoverLockFiles(lock);
    held.release();
    expect(readdirSync(dir).sort()).toEqual([`p.lock.${process.pid}.0123456789ab.tmp`, "p.lock.notes.txt"]);
  });
});

/** A live process to name as a claimant: a child that sleeps until the test ends it. */
async function liveChild(): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn("sleep", ["600"]);
  started.push(child);
  await new Promise((resolve) => child.on("spawn", resolve));
  return child;
}

/** Blocks, polling, until a process is gone (a zombie counts: it holds nothing any more). */
function awaitDeath(pid: number): void {
  while (processStart(pid) !== undefined) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}

/** A clock that moves only when slept on; `onSleep` sees the time so far after each pause. */
function fakeClock(onSleep: (now: number) => void = () => {}): LockClock {
  let now = 0;
  return {
    now: () => now,
    sleep(ms) {
      now += ms;
      onSleep(now);
    },
  };
}

/**
 * A stale lock (its holder dead) with a claim on it held by `claimant`: the state between the two steps of a
 * takeover. Returns the lock's path and the claim's.
 */
function midTakeover(dir: string, claimant: number): { lock: string; claim: string } {
  const lock = join(dir, "p.lock");
  const token = "57a1e57a1e57a1e5";
  writeFileSync(lock, JSON.stringify({ pid: deadPid(), start: 1, boot: null, host: hostname(), token }));
  const claim = `${lock}.claim.${token}`;
  writeFileSync(claim, JSON.stringify({ pid: claimant, start: processStart(claimant) ?? null, boot: null, host: hostname(), token: "c1a1c1a1c1a1c1a1" }));
  return { lock, claim };
}

/** What the claimant does at step 2: its fresh lock replaces the stale one, then its claim goes. */
function finishTakeover(lock: string, claim: string, claimant: number): void {
  writeFileSync(`${lock}.new`, JSON.stringify({ pid: claimant, start: processStart(claimant) ?? null, boot: null, host: hostname(), token: "f7e5f7e5f7e5f7e5" }));
  renameSync(`${lock}.new`, lock);
  unlinkSync(claim);
}

describe("a lock in the middle of a takeover", () => {
  it("waits for a live claimant however many looks it takes, then names it as the holder", async () => {
    const dir = tempDir();
    const claimant = (await liveChild()).pid!;
    const { lock, claim } = midTakeover(dir, claimant);
    let finished = false;
    // The claimant finishes just inside the deadline: far past the ~50 tries (1.3 s) after which the lock gave up.
    const clock = fakeClock((now) => {
      if (!finished && now >= CLAIM_WAIT_MS - 100) {
        finishTakeover(lock, claim, claimant);
        finished = true;
      }
    });
    expect(() => acquireLock(lock, undefined, clock)).toThrow(`in use by pid ${claimant}`);
    expect(finished).toBe(true);
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(claimant);
    expect(readdirSync(dir)).toEqual(["p.lock"]);
  });

  it("takes the lock over at once when the claimant dies mid-takeover, without waiting out the deadline", async () => {
    const dir = tempDir();
    const child = await liveChild();
    const { lock } = midTakeover(dir, child.pid!);
    const clock = fakeClock(() => {
      if (processStart(child.pid!) !== undefined) {
        child.kill("SIGKILL");
        awaitDeath(child.pid!);
      }
    });
    const taken = acquireLock(lock, undefined, clock);
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
    expect(clock.now()).toBeLessThan(CLAIM_WAIT_MS);
    expect(readdirSync(dir)).toEqual(["p.lock"]);
    taken.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("past the deadline names the claimant that has not finished, and leaves the lock and its claim as they were", async () => {
    const dir = tempDir();
    const claimant = (await liveChild()).pid!;
    const { lock, claim } = midTakeover(dir, claimant);
    const before = [readFileSync(lock, "utf8"), readFileSync(claim, "utf8")];
    const clock = fakeClock();
    let message = "";
    try {
      acquireLock(lock, undefined, clock);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`pid ${claimant} began taking over the stale lock and has not finished after ${CLAIM_WAIT_MS / 1000} s`);
    expect(message).toContain(claim);
    expect(message).not.toContain("in use");
    expect(clock.now()).toBeGreaterThanOrEqual(CLAIM_WAIT_MS);
    expect([readFileSync(lock, "utf8"), readFileSync(claim, "utf8")]).toEqual(before);
  });

  it("another process stalled on a slow takeover is told who holds the lock once the claimant finishes", async () => {
    const dir = tempDir();
    const claimant = (await liveChild()).pid!;
    const { lock, claim } = midTakeover(dir, claimant);
    // The waiter runs the real lock on real pauses; only its deadline is held off, so that nothing here hangs on speed.
    const waiter = new Racer(spawn(process.execPath, [WAITER, LOCK_MODULE, lock]));
    started.push(waiter.child);
    // More pauses than the tries after which the lock used to give up.
    for (let pauses = 0; pauses < 60; pauses++) expect(await waiter.next()).toBe("pause");
    finishTakeover(lock, claim, claimant);
    let line = await waiter.next();
    while (line === "pause") line = await waiter.next();
    expect(line).toContain(`in use by pid ${claimant}`);
  }, 60_000);
});
