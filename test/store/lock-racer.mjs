// One contender of the lock race test: on "go" it tries the lock once, reports, and on "release" lets it go.
// It marks its time inside with an exclusively created file, so two holders at once cannot go unseen.
import { openSync, closeSync, unlinkSync } from "node:fs";
import { createInterface } from "node:readline";

const [, , lockModule, lockPath, insideMark] = process.argv;
const { acquireLock } = await import(lockModule);
let lock;
const say = (s) => process.stdout.write(`${s}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "go") {
    try {
      lock = acquireLock(lockPath);
    } catch (e) {
      say(/in use/.test(String(e?.message)) ? "held" : `error ${String(e?.message)}`);
      continue;
    }
    try {
      closeSync(openSync(insideMark, "wx"));
      say("won");
    } catch {
      say("overlap");
    }
  } else if (line === "release") {
    try {
      unlinkSync(insideMark);
    } catch {}
    lock?.release();
    lock = undefined;
    say("released");
  } else if (line === "quit") {
    process.exit(0);
  }
}
