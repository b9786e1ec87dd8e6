// The strategies `cogquiz simulate` compares, each with the knob its frontier varies.

import { EXAM_RULE } from "../srs/exam-rule.js";
import { cramPlan, examPlan, fsrsPlan, runStrategy, sm2Plan, type Plan, type SimulationConfig, type StrategyRun } from "./runner.js";

export type StrategyName = "fsrs-0.90" | "fsrs-0.95" | "exam" | "sm2" | "cram";
export const STRATEGY_NAMES: readonly StrategyName[] = ["fsrs-0.90", "fsrs-0.95", "exam", "sm2", "cram"];

interface Strategy {
  name: StrategyName;
  /** What the frontier varies. */
  knobName: string;
  knob: number;
  frontier: readonly number[];
  plan(knob: number): Plan;
}

/** Cram days of the cram baseline's headline point. */
export const CRAM_DAYS = 3;

export const STRATEGIES: readonly Strategy[] = [
  { name: "fsrs-0.90", knobName: "desired retention", knob: 0.9, frontier: [0.8, 0.85, 0.9, 0.95, 0.97], plan: fsrsPlan },
  { name: "fsrs-0.95", knobName: "desired retention", knob: 0.95, frontier: [0.8, 0.85, 0.9, 0.95, 0.97], plan: fsrsPlan },
  {
    name: "exam",
    knobName: "working retention",
    knob: EXAM_RULE.workingRetention,
    frontier: [0.55, 0.6, 0.65, 0.7, 0.8, 0.9],
    plan: (w) => examPlan({ ...EXAM_RULE, workingRetention: w }),
  },
  { name: "sm2", knobName: "interval modifier", knob: 1, frontier: [0.6, 0.8, 1], plan: sm2Plan },
  { name: "cram", knobName: "cram days", knob: CRAM_DAYS, frontier: [1, 2, 3, 5], plan: cramPlan },
];

export interface FrontierPoint {
  knob: number;
  minutes: number;
  meanRecall: number;
}

export interface StrategyResult extends StrategyRun {
  name: StrategyName;
  knobName: string;
  frontier: FrontierPoint[];
}

/** One run of the comparison: a strategy at one knob value. */
export interface Job {
  strategy: StrategyName;
  knob: number;
}

/** The runs a comparison needs, each once: runs shared between strategies (fsrs-0.90 and 0.95) are made once. */
export function jobsFor(options: { frontier: boolean; only?: readonly StrategyName[] }): Job[] {
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const s of STRATEGIES) {
    if (options.only && !options.only.includes(s.name)) continue;
    for (const knob of options.frontier ? [s.knob, ...s.frontier] : [s.knob]) {
      const key = `${s.knobName}:${knob}`;
      if (seen.has(key)) continue;
      seen.add(key);
      jobs.push({ strategy: s.name, knob });
    }
  }
  return jobs;
}

const keyOf = (job: Job) => `${STRATEGIES.find((s) => s.name === job.strategy)!.knobName}:${job.knob}`;

/** Runs jobs for a range of learners (a worker does this for its share). */
export function runJobs(config: SimulationConfig, jobs: readonly Job[], range: readonly [number, number]): StrategyRun[] {
  return jobs.map((job) => runStrategy(config, STRATEGIES.find((s) => s.name === job.strategy)!.plan(job.knob), range));
}

/** The results per strategy, from the runs of `jobs` (in the same order). */
export function assemble(jobs: readonly Job[], runs: readonly StrategyRun[], options: { frontier: boolean; only?: readonly StrategyName[] }): StrategyResult[] {
  const byKey = new Map(jobs.map((j, i) => [keyOf(j), runs[i]!]));
  return STRATEGIES.filter((s) => !options.only || options.only.includes(s.name)).map((s) => {
    const main = byKey.get(`${s.knobName}:${s.knob}`)!;
    const frontier = (options.frontier ? s.frontier : [s.knob]).map((k) => {
      const r = byKey.get(`${s.knobName}:${k}`)!;
      return { knob: k, minutes: r.minutes, meanRecall: r.meanRecall };
    });
    return { name: s.name, knobName: s.knobName, ...main, frontier };
  });
}

/** Every strategy (or those named), each with its frontier when asked, in this thread. */
export function compareStrategies(config: SimulationConfig, options: { frontier: boolean; only?: readonly StrategyName[] }): StrategyResult[] {
  const jobs = jobsFor(options);
  return assemble(jobs, runJobs(config, jobs, [0, config.learners]), options);
}
