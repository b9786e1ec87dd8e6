// Takes a lock once, on real pauses but with a clock that never reaches the deadline, saying "pause" after each
// pause so the test knows it is waiting; then prints the outcome.
import { writeSync } from "node:fs";

const [, , lockModule, lockPath] = process.argv;
const { acquireLock } = await import(lockModule);
const clock = {
  now: () => 0,
  sleep(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    writeSync(1, "pause\n"); // the lock blocks this process: only a synchronous write gets out while it waits
  },
};
try {
  acquireLock(lockPath, undefined, clock).release();
  writeSync(1, "won\n");
} catch (e) {
  writeSync(1, `${String(e?.message)}\n`);
}
