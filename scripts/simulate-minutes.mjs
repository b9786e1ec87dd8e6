// node scripts/simulate-minutes.mjs [minutes...]: exam-date mode with the final window sized for the cards and the
// daily minutes (shipped) against the same rule held to a 2-day window, beside plain FSRS at 0.90, for each learner
// type and D = 30, 60 and 90 (npm run build first). Bundled content, 20 new a day, target 0.97, 100 learners, seed 2.
// The table under "Fewer minutes a day" in docs/exam-mode.md comes from `node scripts/simulate-minutes.mjs 20 15`.

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { bundledSimulation } from "./bench-simulate.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const minutesList = process.argv.slice(2).map(Number);
const sim = await bundledSimulation(ROOT);
const { runStrategy, examPlan, fsrsPlan } = await import(join(ROOT, "dist", "simulate/runner.js"));
const { EXAM_RULE, finalWindowDays } = await import(join(ROOT, "dist", "srs/exam-rule.js"));
const cell = (r, base) => `${r.minutes.toFixed(0)} · ${r.meanRecall.toFixed(3)}${base ? ` · ${(r.minutes / base.minutes).toFixed(2)}×` : ""}`;

console.log("| learner | minutes a day | D | fsrs-0.90 | exam, 2-day window | exam, sized window (days) |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const learner of ["default", "harder", "easier", "actr"]) {
  for (const minutesPerDay of minutesList) {
    for (const days of [30, 60, 90]) {
      const config = { ...sim.base, minutesPerDay, days, learner, learners: 100, seed: 2 };
      const f = runStrategy(config, fsrsPlan(0.9));
      const fixed = runStrategy(config, examPlan(EXAM_RULE, EXAM_RULE.windowDays));
      const sized = runStrategy(config, examPlan());
      const w = finalWindowDays(sim.cards.length, minutesPerDay);
      console.log(`| ${learner} | ${minutesPerDay} | ${days} | ${cell(f)} | ${cell(fixed, f)} | ${cell(sized, f)} (${w}) |`);
    }
  }
}
