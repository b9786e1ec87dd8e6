// Item analysis speed: 1,000 learners answering every multiple-choice question of the bundled bank once, one log each.
// Targets are checked in scripts/bench.mjs, never in tests.

import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The built program's seeded generator (mulberry32), so the logs are the same on every run. */
const { seededRandom: seeded } = await import("../dist/session/random.js");

export async function benchAnalyze({ check, CLI, WORK }) {
  const { loadBank, BUNDLED_CONTENT } = await import("../dist/content/load.js");
  const bank = await loadBank([BUNDLED_CONTENT]);
  const questions = bank.questions.filter((q) => q.kind !== "recall");
  const dir = join(WORK, "analyze-class");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = seeded(7);
  const learners = 1000;
  const after = { due: "2026-01-02T00:00:00.000Z", stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, phase: "learning" };
  for (let l = 0; l < learners; l++) {
    let t = Date.UTC(2026, 0, 1) + l * 1000;
    const lines = questions.map((q, i) => {
      const chosen = [q.choices[Math.floor(random() * q.choices.length)].text];
      const at = new Date((t += 60_000)).toISOString();
      return JSON.stringify({ kind: "review", v: 1, reviewId: `r${l}-${i}`, questionId: q.id, at, day: at.slice(0, 10), rating: "good", correct: true, chosen, ms: 1, source: "quiz", wasNew: true, before: null, after });
    });
    writeFileSync(join(dir, `learner-${l}.jsonl`), `${lines.join("\n")}\n`);
  }
  const times = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, "analyze", dir, "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`analyze exited ${r.status}: ${r.stderr}`);
  }
  const ms = [...times].sort((a, b) => a - b)[1];
  const answers = learners * questions.length;
  console.log(`\nanalyze: ${learners} learners, ${answers} answers over ${questions.length} questions: ${ms.toFixed(0)} ms (median of 3)`);
  check(`analyze ${learners} learners × ${questions.length} questions`, `${ms.toFixed(0)} ms`, "<= 5000 ms", ms <= 5000);
  rmSync(dir, { recursive: true, force: true });
}
