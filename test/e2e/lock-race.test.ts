// Two quizzes started together over a stale lock: one gets in, the other is told who holds the lock, and no
// acknowledged answer is lost.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/store/progress-store.js";
import { dataPaths } from "../../src/store/paths.js";
import { dataFile, enterOnlyBank, writeBank } from "../helpers/bank-fixture.js";
import { sleep, Terminal } from "../helpers/tmux.js";

const deadPid = () => Number.parseInt(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout, 10);

describe("two quizzes over a stale lock", () => {
  it("one gets in, the other is told which pid holds it; every answer acknowledged is kept", async () => {
    const bank = writeBank(enterOnlyBank(60));
    for (let round = 0; round < 4; round++) {
      const data = dataFile();
      const paths = dataPaths(data);
      const dead = deadPid();
      writeFileSync(
        paths.lock,
        round % 2 === 0 ? `${dead}\n` : JSON.stringify({ pid: dead, start: 1, boot: null, host: hostname(), token: "0123456789abcdef0123" }),
      );
      const args = ["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "60", "--seed", String(round)];
      const a = Terminal.start(args);
      const b = Terminal.start(args);
      try {
        // Whichever got in shows a question; the other exits 1 naming the holder.
        const deadline = Date.now() + 20_000;
        let inside: Terminal | undefined;
        let outside: Terminal | undefined;
        while (Date.now() < deadline && !(inside && outside)) {
          for (const [t, other] of [[a, b], [b, a]] as const) {
            if (t.exitStatus() === 1) {
              outside = t;
              inside = other;
            }
          }
          await sleep(40);
        }
        expect(outside, `neither quiz was refused:\n${a.screen()}\n---\n${b.screen()}`).toBeDefined();
        const holder = JSON.parse(readFileSync(paths.lock, "utf8")).pid as number;
        expect(holder).toBe(await inside!.pid());
        expect(outside!.screen()).toContain(`another cogquiz session is running: progress file is in use by pid ${holder}`);
        await inside!.waitFor(/enter/);
        for (let i = 0; i < 5; i++) {
          inside!.send("Enter");
          await sleep(60);
        }
        await sleep(300);
        inside!.send("q");
        expect(await inside!.waitForExit(15_000)).toBe(0);
        const shown = readFileSync(inside!.log, "utf8");
        const acknowledged = new Set([...shown.matchAll(/saved (fx-crash-\d+): /g)].map((m) => m[1]!));
        expect(acknowledged.size).toBeGreaterThan(0);
        const store = await ProgressStore.open(paths, { lock: false });
        for (const id of acknowledged) expect(store.card(id), id).toBeDefined();
      } finally {
        a.close();
        b.close();
      }
    }
  }, 120_000);
});
