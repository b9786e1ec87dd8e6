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
    frontier: [0.6, 0.7, 0.8, 0.9],
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

/** Every strategy (or those named), each with its frontier when asked; runs shared between them are made once. */
export function compareStrategies(config: SimulationConfig, options: { frontier: boolean; only?: readonly StrategyName[] }): StrategyResult[] {
  const cache = new Map<string, StrategyRun>();
  const run = (s: Strategy, knob: number): StrategyRun => {
    const key = `${s.knobName}:${knob}`;
    let r = cache.get(key);
    if (!r) {
      r = runStrategy(config, s.plan(knob));
      cache.set(key, r);
    }
    return r;
  };
  return STRATEGIES.filter((s) => !options.only || options.only.includes(s.name)).map((s) => {
    const main = run(s, s.knob);
    const knobs = options.frontier ? s.frontier : [s.knob];
    const frontier = knobs.map((k) => {
      const r = run(s, k);
      return { knob: k, minutes: r.minutes, meanRecall: r.meanRecall };
    });
    return { name: s.name, knobName: s.knobName, ...main, frontier };
  });
}
