// The strategies `cogquiz simulate` compares, each with the knob its frontier varies.

import { EXAM_RULE } from "../srs/exam-rule.js";
import { cramPlan, examPlan, fsrsPlan, runStrategy, simulatedWindowDays, sm2Plan, type Plan, type SimulationConfig, type StrategyRun } from "./runner.js";

export type StrategyName = "fsrs-0.90" | "fsrs-0.95" | "exam" | "sm2" | "cram";
export const STRATEGY_NAMES: readonly StrategyName[] = ["fsrs-0.90", "fsrs-0.95", "exam", "sm2", "cram"];

/** A point of a strategy's frontier: its knob, and for exam-date mode the final window's days. */
export interface Setting {
  knob: number;
  windowDays?: number;
}

interface Strategy {
  name: StrategyName;
  /** What the frontier varies. */
  knobName: string;
  knob: number;
  frontier: readonly Setting[];
  plan(setting: Setting): Plan;
}

const points = (knobs: readonly number[]): Setting[] => knobs.map((knob) => ({ knob }));

/** Cram days of the cram baseline's headline point. */
export const CRAM_DAYS = 3;

export const STRATEGIES: readonly Strategy[] = [
  { name: "fsrs-0.90", knobName: "desired retention", knob: 0.9, frontier: points([0.8, 0.85, 0.9, 0.95, 0.97]), plan: (p) => fsrsPlan(p.knob) },
  { name: "fsrs-0.95", knobName: "desired retention", knob: 0.95, frontier: points([0.8, 0.85, 0.9, 0.95, 0.97]), plan: (p) => fsrsPlan(p.knob) },
  {
    // Working retention 0: no review before the final window, whose days then vary (the cheap end, as a cram).
    name: "exam",
    knobName: "working retention",
    knob: EXAM_RULE.workingRetention,
    frontier: [
      { knob: 0, windowDays: 1 },
      { knob: 0, windowDays: 2 },
      { knob: 0, windowDays: 3 },
      ...points([0.5, 0.6, 0.7, 0.75, 0.8, 0.9]),
    ],
    // A point without window days has the shipped one: sized for the cards and the daily minutes.
    plan: (p) => examPlan({ ...EXAM_RULE, workingRetention: p.knob }, p.windowDays),
  },
  { name: "sm2", knobName: "interval modifier", knob: 1, frontier: points([0.6, 0.8, 1]), plan: (p) => sm2Plan(p.knob) },
  { name: "cram", knobName: "cram days", knob: CRAM_DAYS, frontier: points([1, 2, 3, 5]), plan: (p) => cramPlan(p.knob) },
];

export interface FrontierPoint {
  knob: number;
  /** Exam-date mode: the final window's study days. */
  windowDays?: number;
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
  windowDays?: number;
}

const strategyOf = (name: StrategyName) => STRATEGIES.find((s) => s.name === name)!;
/** The window a setting runs with: its own, or for exam-date mode the shipped one (`shipped`, for the config's cards and minutes). */
const windowOf = (s: Strategy, p: Setting, shipped?: number) => (s.name === "exam" ? (p.windowDays ?? shipped) : undefined);
const keyFor = (s: Strategy, p: Setting) => `${s.knobName}:${p.knob}:${windowOf(s, p) ?? ""}`;

/** The runs a comparison needs, each once: runs shared between strategies (fsrs-0.90 and 0.95) are made once. */
export function jobsFor(options: { frontier: boolean; only?: readonly StrategyName[] }): Job[] {
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const s of STRATEGIES) {
    if (options.only && !options.only.includes(s.name)) continue;
    for (const p of options.frontier ? [{ knob: s.knob }, ...s.frontier] : [{ knob: s.knob }]) {
      const key = keyFor(s, p);
      if (seen.has(key)) continue;
      seen.add(key);
      const windowDays = windowOf(s, p);
      jobs.push(windowDays === undefined ? { strategy: s.name, knob: p.knob } : { strategy: s.name, knob: p.knob, windowDays });
    }
  }
  return jobs;
}

const keyOf = (job: Job) => keyFor(strategyOf(job.strategy), job);

/** Runs jobs for a range of learners (a worker does this for its share). */
export function runJobs(config: SimulationConfig, jobs: readonly Job[], range: readonly [number, number]): StrategyRun[] {
  return jobs.map((job) => runStrategy(config, strategyOf(job.strategy).plan(job), range));
}

/**
 * The results per strategy, from the runs of `jobs` (in the same order) for `config`, whose final window exam-date
 * mode's points without window days of their own ran with.
 */
export function assemble(config: Pick<SimulationConfig, "cards" | "minutesPerDay">, jobs: readonly Job[], runs: readonly StrategyRun[], options: { frontier: boolean; only?: readonly StrategyName[] }): StrategyResult[] {
  const shippedWindow = simulatedWindowDays(config);
  const byKey = new Map(jobs.map((j, i) => [keyOf(j), runs[i]!]));
  return STRATEGIES.filter((s) => !options.only || options.only.includes(s.name)).map((s) => {
    const main = byKey.get(keyFor(s, { knob: s.knob }))!;
    const frontier = (options.frontier ? s.frontier : [{ knob: s.knob }]).map((p) => {
      const r = byKey.get(keyFor(s, p))!;
      const windowDays = windowOf(s, p, shippedWindow);
      return { knob: p.knob, ...(windowDays === undefined ? {} : { windowDays }), minutes: r.minutes, meanRecall: r.meanRecall };
    });
    return { name: s.name, knobName: s.knobName, ...main, frontier };
  });
}

/** Every strategy (or those named), each with its frontier when asked, in this thread. */
export function compareStrategies(config: SimulationConfig, options: { frontier: boolean; only?: readonly StrategyName[] }): StrategyResult[] {
  const jobs = jobsFor(options);
  return assemble(config, jobs, runJobs(config, jobs, [0, config.learners]), options);
}
