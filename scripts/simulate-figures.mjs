// node scripts/simulate-figures.mjs: the simulation tables of README.md and docs/exam-mode.md, as markdown, from the
// built program (npm run build first). Bundled content, 20 new a day, 30 minutes a day, target 0.97, 100 learners of
// each type, seed 2, D = 30, 60 and 90: every figure in those tables comes from one run per learner type and D.

import { fileURLToPath } from "node:url";
import { bundledSimulation, dominance, frontierAt } from "./bench-simulate.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const sim = await bundledSimulation(ROOT);
const { compareInParallel } = sim;
const base = { ...sim.base, learners: 100, seed: 2 };
const LEARNERS = ["default", "harder", "easier", "actr"];
const DAYS = [30, 60, 90];

const runs = new Map();
for (const learner of LEARNERS) {
  for (const days of DAYS) {
    const r = await compareInParallel({ ...base, days, learner }, { frontier: true });
    runs.set(`${learner}/${days}`, new Map(r.map((s) => [s.name, s])));
    process.stderr.write(`${learner} D=${days} done\n`);
  }
}

const f3 = (x) => x.toFixed(3);
const min = (x) => x.toFixed(0);
const ratio = (x) => `${x.toFixed(2)}×`;
const thousands = (x) => Math.round(x).toLocaleString("en-US");
const NAMES = { "fsrs-0.90": "fsrs-0.90", "fsrs-0.95": "fsrs-0.95", exam: "**exam**", sm2: "sm2", cram: "cram (3 days)" };

console.log("README headline (default learner):\n");
console.log("| days | strategy | minutes | reviews | mean exam-day recall | cards ≥ 0.90 | minutes vs fsrs-0.90 |");
console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
for (const days of DAYS) {
  const r = runs.get(`default/${days}`);
  const plain = r.get("fsrs-0.90").minutes;
  for (const name of Object.keys(NAMES)) {
    const s = r.get(name);
    const bold = name === "exam" ? (t) => `**${t}**` : (t) => t;
    console.log(`| ${days} | ${NAMES[name]} | ${min(s.minutes)} | ${thousands(s.reviews)} | ${bold(f3(s.meanRecall))} | ${Math.round(100 * s.shareAtLeast90)} % | ${bold(ratio(s.minutes / plain))} |`);
  }
}

console.log("\nexam-mode.md headline:\n");
console.log("| D | fsrs-0.90 minutes · recall | exam minutes · recall | ratio | target | met? |");
console.log("| ---: | ---: | ---: | ---: | --- | --- |");
for (const days of DAYS) {
  const r = runs.get(`default/${days}`);
  const f = r.get("fsrs-0.90");
  const e = r.get("exam");
  const cap = days === 30 ? 0.9 : 0.8;
  const x = e.minutes / f.minutes;
  console.log(`| ${days} | ${min(f.minutes)} · ${f3(f.meanRecall)} | ${min(e.minutes)} · ${f3(e.meanRecall)} | ${ratio(x)} | recall ≥ 0.97 at ≤ ${cap.toFixed(2)}× | ${e.meanRecall >= 0.97 && x <= cap ? "yes" : "**no**"} |`);
}

/** A table of every learner type and D with a column per strategy; `cell(r, name)` is one strategy's cell. */
function strategyTable(title, cell) {
  console.log(`\n${title}\n`);
  console.log("| learner | D | fsrs-0.90 | fsrs-0.95 | exam | sm2 | cram (3 days) |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const learner of LEARNERS) {
    for (const days of DAYS) {
      const r = runs.get(`${learner}/${days}`);
      console.log(`| ${learner} | ${days} | ${Object.keys(NAMES).map((name) => cell(r, name)).join(" | ")} |`);
    }
  }
}

strategyTable("All learner types:", (r, name) => {
  const s = r.get(name);
  return `${f3(s.meanRecall)} · ${min(s.minutes)} min${name === "fsrs-0.90" ? "" : ` (${ratio(s.minutes / r.get("fsrs-0.90").minutes)})`}`;
});

/** The exam frontier's knob as the docs write it: its first three points are the windows with no review before. */
const examKnob = (p, i) => (i < 3 ? `0/${i + 1}d` : String(p.knob));
const points = (frontier, label = (p) => String(p.knob)) => frontier.map((p, i) => `${label(p, i)}: ${min(p.minutes)} / ${f3(p.meanRecall)}`).join(", ");

console.log("\nFrontiers:\n");
console.log("| learner | D | fsrs (desired retention → min / recall) | exam (working retention[/window days] → min / recall) | cram (days → min / recall) |");
console.log("| --- | ---: | --- | --- | --- |");
for (const learner of LEARNERS) {
  for (const days of DAYS) {
    const r = runs.get(`${learner}/${days}`);
    console.log(`| ${learner} | ${days} | ${points(r.get("fsrs-0.90").frontier)} | ${points(r.get("exam").frontier, examKnob)} | ${points(r.get("cram").frontier)} |`);
  }
}

console.log("\nFrontier targets:\n");
console.log("| learner | D | fsrs points beaten | cram points beaten | cram at equal minutes (cram days: cram recall vs exam frontier) |");
console.log("| --- | ---: | ---: | ---: | --- |");
for (const learner of LEARNERS) {
  for (const days of DAYS) {
    const r = runs.get(`${learner}/${days}`);
    const exam = r.get("exam").frontier;
    const fsrs = dominance(exam, r.get("fsrs-0.90").frontier);
    const cram = r.get("cram").frontier;
    const crams = dominance(exam, cram);
    const vs = cram.map((p) => `${p.knob}: ${f3(p.meanRecall)} vs ${f3(frontierAt(exam, p.minutes) ?? Number.NaN)}`).join(", ");
    console.log(`| ${learner} | ${days} | ${fsrs.above}/${fsrs.inside} | ${crams.above}/${crams.inside} | ${vs} |`);
  }
}

strategyTable("Recall 30 days after the exam, nothing studied after it (exam day → 30 days later):", (r, name) => `${f3(r.get(name).meanRecall)} → ${f3(r.get(name).recallAfterExam)}`);
