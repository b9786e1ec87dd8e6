// node scripts/simulate-figures.mjs: the simulation tables of README.md and docs/exam-mode.md, as markdown, from the
// built program (npm run build first). Bundled content, 20 new a day, 30 minutes a day, target 0.97, 100 learners of
// each type, seed 2, D = 30, 60 and 90: every figure in those tables comes from one run per learner type and D.

import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const dist = (p) => import(join(ROOT, "dist", p));
const { loadBank, BUNDLED_CONTENT } = await dist("content/load.js");
const { simCards } = await dist("simulate/cards.js");
const { compareInParallel } = await dist("simulate/parallel.js");

const bank = await loadBank([BUNDLED_CONTENT], {});
const cards = simCards(bank.questions.filter((q) => !q.hasErrors));
const base = { cards, newPerDay: 20, minutesPerDay: 30, target: 0.97, learners: 100, seed: 2 };
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

console.log("\nAll learner types:\n");
console.log("| learner | D | fsrs-0.90 | fsrs-0.95 | exam | sm2 | cram (3 days) |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const learner of LEARNERS) {
  for (const days of DAYS) {
    const r = runs.get(`${learner}/${days}`);
    const plain = r.get("fsrs-0.90").minutes;
    const cell = (name) => {
      const s = r.get(name);
      return `${f3(s.meanRecall)} · ${min(s.minutes)} min${name === "fsrs-0.90" ? "" : ` (${ratio(s.minutes / plain)})`}`;
    };
    console.log(`| ${learner} | ${days} | ${Object.keys(NAMES).map(cell).join(" | ")} |`);
  }
}

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

/** Exam mode's recall at `minutes`, linearly between its points; past its dearest point, that point's recall. */
function examAt(exam, minutes) {
  const pts = [...exam].sort((a, b) => a.minutes - b.minutes);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    if (minutes >= a.minutes && minutes <= b.minutes) return a.meanRecall + ((b.meanRecall - a.meanRecall) * (minutes - a.minutes)) / Math.max(1e-9, b.minutes - a.minutes);
  }
  return minutes > pts[pts.length - 1].minutes ? pts[pts.length - 1].meanRecall : undefined;
}

console.log("\nFrontier targets:\n");
console.log("| learner | D | fsrs points beaten | cram points beaten | cram at equal minutes (cram days: cram recall vs exam frontier) |");
console.log("| --- | ---: | ---: | ---: | --- |");
for (const learner of LEARNERS) {
  for (const days of DAYS) {
    const r = runs.get(`${learner}/${days}`);
    const exam = r.get("exam").frontier;
    const beaten = (frontier) => frontier.filter((p) => (examAt(exam, p.minutes) ?? -1) >= p.meanRecall).length;
    const fsrs = r.get("fsrs-0.90").frontier;
    const cram = r.get("cram").frontier;
    const vs = cram.map((p) => `${p.knob}: ${f3(p.meanRecall)} vs ${f3(examAt(exam, p.minutes) ?? Number.NaN)}`).join(", ");
    console.log(`| ${learner} | ${days} | ${beaten(fsrs)}/${fsrs.length} | ${beaten(cram)}/${cram.length} | ${vs} |`);
  }
}
