// The comparison spread over worker threads by learners: each worker runs every job for its share of the learners,
// and the shares are merged (every figure is a mean per learner). The figures are the same as in one thread.

import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { assemble, compareStrategies, jobsFor, type StrategyName, type StrategyResult } from "./strategies.js";
import { mergeRuns, type SimulationConfig, type StrategyRun } from "./runner.js";

/** Below this many learners a worker costs more than it saves. */
const MIN_LEARNERS_PER_WORKER = 10;

export async function compareInParallel(
  config: SimulationConfig,
  options: { frontier: boolean; only?: readonly StrategyName[]; threads?: number },
): Promise<StrategyResult[]> {
  const threads = Math.min(options.threads ?? availableParallelism(), 8, Math.floor(config.learners / MIN_LEARNERS_PER_WORKER));
  if (threads < 2) return compareStrategies(config, options);
  const jobs = jobsFor(options);
  const ranges: [number, number][] = [];
  for (let w = 0; w < threads; w++) ranges.push([Math.floor((w * config.learners) / threads), Math.floor(((w + 1) * config.learners) / threads)]);
  const parts = await Promise.all(
    ranges.map(
      (range) =>
        new Promise<StrategyRun[]>((resolve, reject) => {
          // A larger young generation: a simulated answer makes many short-lived objects, and collecting them in a
          // small one costs a tenth of the run.
          const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: { config, jobs, range }, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  const runs = jobs.map((_, j) => mergeRuns(parts.map((p, w) => ({ run: p[j]!, learners: ranges[w]![1] - ranges[w]![0] }))));
  return assemble(config, jobs, runs, options);
}
