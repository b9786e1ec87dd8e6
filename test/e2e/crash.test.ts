// kill -9 at random moments: the files always parse, and every answer acknowledged on screen is kept.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ProgressStore } from "../../src/store/progress-store.js";
import { dataPaths } from "../../src/store/paths.js";
import { dataFile, enterOnlyBank, writeBank } from "../helpers/bank-fixture.js";
import { sleep, Terminal } from "../helpers/tmux.js";

// A fixed sequence of "random" moments, so a failure can be replayed.
function moments(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe("crash safety", () => {
  it("keeps every acknowledged answer through 20 kills at random moments", async () => {
    const bank = writeBank(enterOnlyBank(400));
    const data = dataFile();
    const paths = dataPaths(data);
    const random = moments(20261126);
    const acknowledged = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const t = Terminal.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "400", "--seed", String(round)]);
      try {
        if (round % 5 !== 4) await t.waitFor(/enter/); // every fifth kill lands during start-up
        const presses = Math.floor(random() * 25);
        for (let i = 0; i < presses; i++) {
          t.send("Enter");
          await sleep(Math.floor(random() * 25));
        }
        await sleep(Math.floor(random() * 40));
        process.kill(await t.pid(), "SIGKILL");
        expect(await t.waitForExit(), t.screen()).toBe(137);
        const shown = existsSync(t.log) ? readFileSync(t.log, "utf8") : "";
        for (const m of shown.matchAll(/saved (fx-crash-\d+): /g)) acknowledged.add(m[1]!);
      } finally {
        t.close();
      }

      // The files parse: progress.json whole, the log line by line (a torn last line is the only exception).
      if (existsSync(paths.progress)) expect(() => JSON.parse(readFileSync(paths.progress, "utf8"))).not.toThrow();
      const lines = existsSync(paths.log) ? readFileSync(paths.log, "utf8").split("\n") : [];
      const complete = lines.slice(0, -1).filter((l) => l.trim() !== "");
      for (const line of complete) expect(() => JSON.parse(line)).not.toThrow();
      const reviewed = new Set(complete.map((l) => JSON.parse(l) as { questionId: string }).map((r) => r.questionId));
      for (const id of acknowledged) expect(reviewed.has(id), `${id} was acknowledged but is not in the log`).toBe(true);

      // And the store opens, with a card for every acknowledged answer.
      const store = await ProgressStore.open(paths, { lock: true });
      for (const id of acknowledged) expect(store.card(id), id).toBeDefined();
      await store.close();
    }
    expect(acknowledged.size).toBeGreaterThan(10);
  }, 180_000);
});
