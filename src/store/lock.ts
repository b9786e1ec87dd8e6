// One session per progress file: a lock file created exclusively, holding the owner's pid.

import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

export class LockHeldError extends Error {
  constructor(readonly pid: number, readonly path: string) {
    super(`progress file is in use by pid ${pid} (lock ${path}); finish that session first`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie answers signal 0 but holds nothing any more (Linux shows it as state Z).
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

export interface Lock {
  release(): void;
}

/** Takes the lock, taking over a stale one whose pid is dead. Throws LockHeldError when a live process holds it. */
export function acquireLock(path: string, pid = process.pid): Lock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: "wx", mode: 0o600 });
      return {
        release() {
          try {
            if (readFileSync(path, "utf8").trim() === String(pid)) unlinkSync(path);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    } catch {
      continue; // vanished between our attempts: try again
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) throw new LockHeldError(holder, path);
    // Stale (dead pid, our own old pid, or garbage): take it over.
    try {
      unlinkSync(path);
    } catch {
      /* someone else took it over first */
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
