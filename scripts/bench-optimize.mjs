// The optimizer on large review logs: `cogquiz optimize --json` as a command (read the log, fit on the earlier
// part, score both parameter sets on the later part, fit again on all, recompute every card, write progress), and
// the fit alone (computeParameters over every item), with peak memory. Logs come from the simulated learner of
// src/analysis/learner.js, studied by cogquiz's own scheduler. COGQUIZ_OPTIMIZER_BUILD=portable measures the build
// that every platform installs, where the faster one is installed too.

import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Cards, days and new cards a day that give about the number of reviews named. */
const SIZES = [
  { reviews: 100_000, cards: 14_000, days: 250, newPerDay: 60 },
  { reviews: 1_000_000, cards: 145_000, days: 250, newPerDay: 600 },
];

async function writeLog(dir, size, root) {
  const { simulateLearner, SAMPLE_TRUE_WEIGHTS } = await import(join(root, "dist/analysis/learner.js"));
  const { emptyProgress } = await import(join(root, "dist/store/schema.js"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, "reviews.jsonl"), "w");
  let lines = [];
  let bytes = 0;
  let count = 0;
  const flush = () => {
    const text = lines.join("");
    bytes += Buffer.byteLength(text);
    writeSync(fd, text);
    lines = [];
  };
  const cards = simulateLearner({ cards: size.cards, days: size.days, newPerDay: size.newPerDay, seed: 5, trueWeights: SAMPLE_TRUE_WEIGHTS }, (r) => {
    lines.push(`${JSON.stringify(r)}\n`);
    count++;
    if (lines.length >= 5000) flush();
  });
  flush();
  closeSync(fd);
  const progress = emptyProgress();
  progress.cards = cards;
  progress.logApplied = bytes;
  writeFileSync(join(dir, "progress.json"), JSON.stringify(progress));
  return { count, mb: bytes / 1e6 };
}

/** Runs a command under /usr/bin/time; wall time in ms and peak RSS in MB. */
function measured(argv, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "MAXRSS_KB=%M", ...argv], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  const rss = /MAXRSS_KB=(\d+)/.exec(r.stderr);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: r.stdout };
}

/** The fit alone, in a process of its own: histories from the log, then computeParameters over every item. */
const FIT_ONLY = `
const [root, log] = process.argv.slice(1);
const { scanLog } = await import(root + "/dist/store/log.js");
const { HistoryBuilder, trainingItems } = await import(root + "/dist/srs/history.js");
const { loadBinding, toBindingItems, RELEARNING_STEPS } = await import(root + "/dist/analysis/optimizer.js");
const { binding } = await loadBinding();
const b = new HistoryBuilder();
scanLog(log, 0, (r) => b.add(r));
const h = b.histories();
const items = trainingItems(h);
const converted = toBindingItems(binding, h, items);
const t = process.hrtime.bigint();
await binding.computeParameters(converted, { enableShortTerm: true, numRelearningSteps: RELEARNING_STEPS, timeout: 50 });
console.log(JSON.stringify({ items: items.length, fitMs: Number(process.hrtime.bigint() - t) / 1e6 }));
`;

export async function benchOptimize({ check, CLI, WORK, ROOT }) {
  console.log("\noptimize: review logs of a simulated learner (true weights not the defaults)");
  console.log("    reviews   log MB   items | command ms   peak MB | fit alone ms   peak MB");
  for (const size of SIZES) {
    const dir = join(WORK, `optimize-${size.reviews}`);
    const { count, mb } = await writeLog(dir, size, ROOT);
    const env = { COGQUIZ_DATA: join(dir, "progress.json"), NO_COLOR: "1" };
    const command = measured([process.execPath, CLI, "optimize", "--json"], env);
    const report = JSON.parse(command.stdout);
    const fit = measured([process.execPath, "--input-type=module", "-e", FIT_ONLY, ROOT, join(dir, "reviews.jsonl")], {});
    const fitReport = JSON.parse(fit.stdout);
    console.log(
      `  ${String(count).padStart(9)} ${mb.toFixed(0).padStart(8)} ${String(fitReport.items).padStart(7)} | ${command.ms.toFixed(0).padStart(10)} ${command.rssMb
        .toFixed(0)
        .padStart(9)} | ${fitReport.fitMs.toFixed(0).padStart(12)} ${fit.rssMb.toFixed(0).padStart(9)}   (${report.status}, ${report.optimizer})`,
    );
    const label = size.reviews >= 1_000_000 ? "1M" : "100k";
    const target = size.reviews >= 1_000_000 ? 20_000 : 2_000;
    check(`optimize command, ${label} reviews (ms)`, command.ms.toFixed(0), `< ${target}`, command.ms < target);
    check(`optimize fit alone, ${label} reviews (ms)`, fitReport.fitMs.toFixed(0), `< ${target}`, fitReport.fitMs < target);
    check(`optimize command peak RSS, ${label} reviews (MB)`, command.rssMb.toFixed(0), "< 1024", command.rssMb < 1024);
  }
}
