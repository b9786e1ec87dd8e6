// The end of an interactive session that nobody asked for on screen: the terminal went away (its window closed, the
// ssh connection dropped) or the process was told to stop. Whatever the session has in hand is saved, the lock is let
// go, and the process ends as the signal would have ended it, without a word to a terminal that may be gone.

import { terminalGone } from "../ui/prompts.js";
import { EXIT, internalErrorMessage } from "./exit.js";

export type HangUp = "SIGHUP" | "SIGTERM" | "SIGINT";

/**
 * Calls `stop` once, on SIGHUP, on SIGTERM, or when the terminal fails (a closed terminal shows as EIO on a read, a
 * write or a change of mode, before or instead of SIGHUP), and then ends the process: by SIGHUP again after a
 * hang-up (status 129 to the shell; a normal exit would try to restore the settings of a terminal that is gone), by
 * exit status 143 after SIGTERM. `stop` saves and closes; it gets a few seconds, as a session manager waits no longer.
 * What it returns, what was kept, is said after SIGTERM, whose terminal is still there. Ctrl-C (SIGINT) is the same
 * stop, with exit status 130, while nothing else listens for it: before the first prompt, as the content loads. Once
 * a session catches Ctrl-C itself (`catchInterrupts`), it is a key that quits at the next prompt.
 * Any other error that nothing caught is reported as the bug it is (exit 70), after `stop` too, so the lock goes.
 *
 * `end`, at the session's normal end, gives the signals back their defaults. A terminal that fails after that (the
 * summary written to a closed window) still ends the process quietly, since its files are closed.
 *
 * `settle`, awaited before the session's prompts catch Ctrl-C themselves: a signal that came while the content was
 * read (synchronous work, during which no handler runs) reaches its handler first, and a stop it began is let finish
 * (the promise then never resolves), so a Ctrl-C pressed as the content loaded is never taken for one at the first card.
 */
export interface HangUpWatch {
  end(): void;
  settle(): Promise<void>;
}

/** The stop of a session whose every answer is on disk as it is given (quiz, study): a checkpoint and the lock let go. */
export async function closing(store: { close(): Promise<void> }): Promise<string> {
  await store.close();
  return "every answer is saved";
}

/**
 * Opens a session's store (which takes the lock) with the watch already on: a signal that comes after the lock is
 * taken and before the store is open (the progress file is still being read) is a stop too, which waits for the open
 * to end and then closes it, so the lock goes and the stop is said. Otherwise that signal would end the process as
 * its default does, silently, the lock left behind. Returns once the store is open and no stop has begun; an open
 * that fails ends the watch and throws.
 */
export async function openWatched<S>(open: () => Promise<S>, stop: (store: S) => Promise<string> | string): Promise<{ store: S; watch: HangUpWatch }> {
  let opening: Promise<S> | undefined;
  // The handlers run in the event loop only, so `opening` is set before any of them can.
  const watch = watchHangUp(async () => stop(await opening!));
  let store: S;
  try {
    opening = open();
    store = await opening;
  } catch (e) {
    watch.end();
    throw e;
  }
  await watch.settle();
  return { store, watch };
}

export function watchHangUp(stop: () => Promise<string> | string): HangUpWatch {
  let stopping = false;
  let ended = false;
  const finish = (cause: HangUp | "bug"): void => {
    if (cause === "SIGHUP") {
      process.removeListener("SIGHUP", onHangUp);
      // Should SIGHUP not end it (ignored on purpose), the exit status says the same.
      setTimeout(() => process.exit(EXIT.hangUp), 500);
      try {
        process.kill(process.pid, "SIGHUP");
      } catch {
        process.exit(EXIT.hangUp); // no such signal here (Windows)
      }
      return;
    }
    process.exit(cause === "SIGTERM" ? EXIT.terminated : cause === "SIGINT" ? EXIT.interrupted : EXIT.internal);
  };
  const run = (cause: HangUp | "bug"): void => {
    if (stopping) return;
    stopping = true;
    if (ended) return finish(cause);
    setTimeout(() => finish(cause), 5_000).unref();
    Promise.resolve()
      .then(stop)
      .then((kept) => {
        if (cause !== "SIGHUP") process.stderr.write(`\ncogquiz: stopped by ${cause === "SIGINT" ? "Ctrl-C" : cause}; ${kept}\n`);
      })
      .catch(() => undefined)
      .finally(() => finish(cause));
  };
  const onHangUp = (): void => run("SIGHUP");
  const onTerminate = (): void => run("SIGTERM");
  const onInterrupt = (): void => {
    if (process.listenerCount("SIGINT") === 1) run("SIGINT");
  };
  const onTerminalError = (): void => run("SIGHUP");
  // readline re-emits a failed mode change of its input on itself, where nothing listens: it arrives here.
  const onUncaught = (e: unknown): void => {
    if (terminalGone(e)) return run("SIGHUP");
    if (!stopping) process.stderr.write(internalErrorMessage(e));
    run("bug");
  };
  process.on("SIGHUP", onHangUp);
  process.on("SIGTERM", onTerminate);
  process.on("SIGINT", onInterrupt);
  process.on("uncaughtException", onUncaught);
  process.stdin.on("error", onTerminalError);
  process.stdout.on("error", onTerminalError);
  process.stderr.on("error", onTerminalError);
  return {
    end() {
      if (stopping || ended) return;
      ended = true;
      process.removeListener("SIGHUP", onHangUp);
      process.removeListener("SIGTERM", onTerminate);
      process.removeListener("SIGINT", onInterrupt);
    },
    async settle() {
      // Signals are read in the event loop's poll phase. Work that ended in a poll phase (a file read's callback) has
      // its first immediate in that same loop, before the next poll: the second comes after one.
      for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
      if (stopping) await new Promise<never>(() => undefined);
    },
  };
}
