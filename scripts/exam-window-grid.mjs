// node scripts/exam-window-grid.mjs [learner] [learners] [seed]: exam-date mode over the grid of its two knobs,
// working retention × final-window days, beside the cram points, for D = 30, 60 and 90 (npm run build first). The
// table under "Frontier targets" in docs/exam-mode.md comes from `node scripts/exam-window-grid.mjs actr 40 2`.

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { bundledSimulation } from "./bench-simulate.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const [learner = "actr", learners = "40", seed = "2"] = process.argv.slice(2);
const sim = await bundledSimulation(ROOT);
const { runStrategy, examPlan, cramPlan } = await import(join(ROOT, "dist", "simulate/runner.js"));
const { EXAM_RULE } = await import(join(ROOT, "dist", "srs/exam-rule.js"));
const RETENTIONS = [0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9];
const WINDOWS = [1, 2, 3, 4, 5];
const point = (r) => `${r.minutes.toFixed(0)} · ${r.meanRecall.toFixed(3)}`;

for (const days of [30, 60, 90]) {
  const config = { ...sim.base, days, learner, learners: Number(learners), seed: Number(seed) };
  console.log(`\n${learner}, D = ${days}, ${learners} learners, seed ${seed} (minutes · exam-day recall)\n`);
  console.log(`cram: ${[1, 2, 3, 5].map((c) => `${c} days ${point(runStrategy(config, cramPlan(c)))}`).join(", ")}\n`);
  console.log(`| working retention | ${WINDOWS.map((w) => `${w}-day window`).join(" | ")} |`);
  console.log(`| ---: | ${WINDOWS.map(() => "---:").join(" | ")} |`);
  for (const k of RETENTIONS) {
    const cells = WINDOWS.map((w) => point(runStrategy(config, examPlan({ ...EXAM_RULE, workingRetention: k }, w))));
    console.log(`| ${k === 0 ? "0 (none before the window)" : k} | ${cells.join(" | ")} |`);
  }
}
