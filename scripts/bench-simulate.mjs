// npm run bench simulate: the simulator's speed and exam-date mode's targets (see the README's simulate section).

import { join } from "node:path";

/** Recall of a frontier at `minutes`, linearly between its points; undefined outside its range. */
function recallAt(frontier, minutes) {
  const pts = [...frontier].sort((a, b) => a.minutes - b.minutes);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    if (minutes >= a.minutes && minutes <= b.minutes) return a.meanRecall + ((b.meanRecall - a.meanRecall) * (minutes - a.minutes)) / Math.max(1e-9, b.minutes - a.minutes);
  }
  return undefined;
}

/**
 * What exam mode's frontier gives at `minutes`: inside its range of minutes its recall there (linear between its
 * points); past its dearest point that point's recall (it has it with fewer minutes); undefined below its cheapest.
 */
export function frontierAt(exam, minutes) {
  const pts = [...exam].sort((a, b) => a.minutes - b.minutes);
  const dearest = pts[pts.length - 1];
  return recallAt(pts, minutes) ?? (minutes > dearest.minutes ? dearest.meanRecall : undefined);
}

/** How many of the other frontier's points exam mode's frontier beats at equal minutes (see frontierAt). */
export function dominance(exam, other) {
  const above = other.filter((p) => (frontierAt(exam, p.minutes) ?? Number.NEGATIVE_INFINITY) >= p.meanRecall).length;
  return { inside: other.length, above };
}

/** The bundled content as simulated cards, the simulator, and the settings every figure shares. */
export async function bundledSimulation(ROOT) {
  const dist = (p) => import(join(ROOT, "dist", p));
  const { loadBank, BUNDLED_CONTENT } = await dist("content/load.js");
  const { simCards } = await dist("simulate/cards.js");
  const { compareInParallel } = await dist("simulate/parallel.js");
  const bank = await loadBank([BUNDLED_CONTENT], {});
  const cards = simCards(bank.questions.filter((q) => !q.hasErrors));
  return { compareInParallel, cards, base: { cards, newPerDay: 20, minutesPerDay: 30, target: 0.97 } };
}

export async function benchSimulate({ check, ROOT }) {
  const { compareInParallel, cards, base } = await bundledSimulation(ROOT);

  console.log(`\nsimulate: ${cards.length} bundled cards, 20 new a day, 30 minutes a day`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await compareInParallel({ ...base, days: 90, learners: 100, learner: "default", seed: 1 }, { frontier: false });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`  100 learners × 90 days × 5 strategies: ${wall.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`);
  check("simulate: bundled × 100 learners × 90 days × every strategy", `${wall.toFixed(1)} s`, "< 10 s", wall < 10);

  console.log("  headline (default learners, 100, held-out seed 2):   D   fsrs-0.90 min  exam min  ratio  exam recall");
  for (const [days, ratio] of [[30, 0.9], [60, 0.8], [90, 0.8]]) {
    const r = await compareInParallel({ ...base, days, learners: 100, learner: "default", seed: 2 }, { frontier: false, only: ["fsrs-0.90", "exam"] });
    const f = r.find((s) => s.name === "fsrs-0.90");
    const e = r.find((s) => s.name === "exam");
    const x = e.minutes / f.minutes;
    console.log(`  ${" ".repeat(52)}${String(days).padStart(3)}  ${f.minutes.toFixed(0).padStart(13)}  ${e.minutes.toFixed(0).padStart(8)}  ${x.toFixed(2)}  ${e.meanRecall.toFixed(3)}`);
    check(`simulate D=${days}: exam recall`, e.meanRecall.toFixed(3), ">= 0.970", e.meanRecall >= 0.97);
    check(`simulate D=${days}: exam minutes / fsrs-0.90`, x.toFixed(2), `<= ${ratio.toFixed(2)}`, x <= ratio);
  }

  console.log("  frontiers (40 learners, held-out seed 2): fsrs's and cram's points beaten by exam mode's frontier at equal minutes");
  for (const learner of ["default", "harder", "easier", "actr"]) {
    for (const days of [30, 60, 90]) {
      const r = await compareInParallel({ ...base, days, learners: 40, learner, seed: 2 }, { frontier: true, only: ["fsrs-0.90", "exam", "cram"] });
      const exam = r.find((s) => s.name === "exam").frontier;
      const fsrs = dominance(exam, r.find((s) => s.name === "fsrs-0.90").frontier);
      const cram = dominance(exam, r.find((s) => s.name === "cram").frontier);
      console.log(`    ${learner.padEnd(8)} D=${String(days).padEnd(3)} fsrs ${fsrs.above}/${fsrs.inside}  cram ${cram.above}/${cram.inside}`);
      check(`simulate ${learner} D=${days}: exam frontier above fsrs and cram`, `${fsrs.above}/${fsrs.inside}, ${cram.above}/${cram.inside}`, "all", fsrs.above === fsrs.inside && cram.above === cram.inside);
    }
  }
}
