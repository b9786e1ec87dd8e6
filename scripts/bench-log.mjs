// npm run bench log: the review log at scale. A 1,000,000-line log (about 630 MB) is generated; then `stats` with a
// checkpoint (reads progress.json and the log's tail only) and a full replay (progress.json moved aside, the whole
// log streamed) are timed, with their peak memory.

import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

const LINES = 1_000_000;

/** Real-shaped answers: cards with growing stability, four ratings, options chosen, spread over two years. */
function generateLog(path) {
  const fd = openSync(path, "w");
  const start = Date.UTC(2024, 0, 1, 9);
  const perDay = Math.ceil(LINES / 730);
  let out = "";
  for (let i = 0; i < LINES; i++) {
    const t = new Date(start + Math.floor(i / perDay) * 86_400_000 + (i % perDay) * 20_000);
    const iso = t.toISOString();
    const day = iso.slice(0, 10);
    const id = `bench-question-${String(i % 2000).padStart(5, "0")}`;
    const reps = Math.floor(i / 2000);
    const rating = ["good", "good", "again", "hard", "easy"][i % 5];
    const card = (s, r) => ({
      due: new Date(t.getTime() + s * 86_400_000).toISOString(), stability: s, difficulty: 5.2 + (i % 7) / 3, elapsedDays: 0,
      scheduledDays: Math.round(s), learningSteps: 0, reps: r, lapses: Math.floor(r / 9), phase: r === 0 ? "learning" : "review", lastReview: iso,
    });
    const record = {
      kind: "review", v: 1, reviewId: `${t.getTime().toString(36)}-${i.toString(36)}`, questionId: id, at: iso, day, rating,
      correct: rating !== "again", chosen: ["Use an Amazon Cognito user pool with a pre token generation Lambda trigger"], ms: 4000 + (i % 9000),
      source: i % 50 === 0 ? "exam" : "quiz", wasNew: reps === 0, before: reps === 0 ? null : card(1 + reps * 0.7, reps), after: card(1.5 + reps * 0.8, reps + 1),
    };
    out += `${JSON.stringify(record)}\n`;
    if (out.length > 4_000_000) {
      writeSync(fd, out);
      out = "";
    }
  }
  writeSync(fd, out);
  closeSync(fd);
}

/** Runs the CLI in a process that reports its peak memory: { ms, mb, stdout }. */
function measure(CLI, args) {
  const runner = `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...JSON.parse(process.argv[1])];
process.on("exit", () => process.stderr.write("\\nMAXRSS " + process.resourceUsage().maxRSS + "\\n"));
await import(${JSON.stringify(CLI)});`;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", runner, JSON.stringify(args)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const kb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { ms, mb: kb / 1024, stdout: r.stdout };
}

const withoutTime = (json) => JSON.stringify({ ...JSON.parse(json), generatedAt: undefined });

export async function benchLog({ check, CLI, WORK }) {
  const dir = join(WORK, "log");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const data = join(dir, "progress.json");
  const log = join(dir, "reviews.jsonl");
  const g = process.hrtime.bigint();
  generateLog(log);
  const mb = statSync(log).size / 1e6;
  console.log(`\nreview log: ${LINES.toLocaleString("en")} lines, ${mb.toFixed(0)} MB generated in ${(Number(process.hrtime.bigint() - g) / 1e9).toFixed(1)} s`);

  // A full replay: no progress.json, so the whole log is streamed (a reader: nothing is written).
  const replay = measure(CLI, ["--data", data, "stats", "--json"]);
  console.log(`  full replay (stats, no progress.json): ${replay.ms.toFixed(0)} ms, peak ${replay.mb.toFixed(0)} MB`);
  check("full replay of a 1M-line log, peak memory (MB)", replay.mb.toFixed(0), "< 500", replay.mb < 500);

  // A writer replays once and checkpoints; from then on stats reads the checkpoint and the log's (empty) tail.
  measure(CLI, ["--data", data, "config", "set", "newPerDay", "20"]);
  const runs = [0, 1, 2].map(() => measure(CLI, ["--data", data, "stats", "--json"]));
  const ms = [...runs.map((r) => r.ms)].sort((a, b) => a - b)[1];
  const peak = Math.max(...runs.map((r) => r.mb));
  console.log(`  stats with a checkpoint: ${ms.toFixed(0)} ms (median of 3), peak ${peak.toFixed(0)} MB`);
  check("stats on a 1M-line log, time (ms)", ms.toFixed(0), "< 1000", ms < 1000);
  check("stats on a 1M-line log, peak memory (MB)", peak.toFixed(0), "< 300", peak < 300);
  check("stats from the checkpoint = stats from a full replay", String(withoutTime(runs[0].stdout) === withoutTime(replay.stdout)), "true", withoutTime(runs[0].stdout) === withoutTime(replay.stdout));
  renameSync(data, `${data}.aside`);
  rmSync(dir, { recursive: true, force: true });
}
