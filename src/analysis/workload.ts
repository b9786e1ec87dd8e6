// Workload against desired retention: for each desired retention from 0.70 to 0.97, a year of study of the student's
// content set is simulated under the student's FSRS parameters, giving the minutes a day it takes and the knowledge
// kept at the end (the cards the student would recall). Plain data in, figures out.
//
// Assumptions, in one place (SimulationConfig's defaults):
// - the cards already studied start from their stored stability, difficulty and last review; new cards are learnt at
//   `newPerDay` a day, in order; every due card is reviewed on its due day (no daily review limit);
// - a first answer is Again, Hard, Good or Easy with FIRST_RATING's shares (fsrs-rs's simulator defaults); a later
//   one is recalled with the probability FSRS gives, and a recalled card is Hard, Good or Easy with REVIEW_RATING's;
// - an answer costs the student's own mean time for its kind (first answer, right, wrong), from the review log, or
//   DEFAULT_COSTS when the log has fewer than MIN_COST_SAMPLES of that kind;
// - the same random draws serve every retention (common random numbers), so the curves differ by the setting alone;
//   a small content set is simulated several times over (at least SIMULATED_CARDS cards in all) and averaged.

import { FSRSAlgorithm, forgetting_curve } from "ts-fsrs";
import type { CardState } from "../srs/model.js";
import { seededRandom } from "../session/random.js";

export const FIRST_RATING: readonly number[] = [0.24, 0.094, 0.495, 0.171];
export const REVIEW_RATING: readonly number[] = [0.224, 0.631, 0.145];
/** Seconds per answer when the log does not say. */
export const DEFAULT_COSTS: Costs = { first: 20, right: 8, wrong: 20 };
export const MIN_COST_SAMPLES = 20;
/** The longest answer time counted: a longer one is a student who walked away. */
export const MAX_COUNTED_SECONDS = 120;
/** Above this, Anki's manual and cogquiz advise against a desired retention: the workload climbs steeply. */
export const HIGHEST_ADVISED_RETENTION = 0.97;
/** Cards simulated at least, over replicates of a small content set, so that the curves are not noise. */
export const SIMULATED_CARDS = 4000;
/** The recommended retention is the highest whose knowledge per minute is within this share of the best. */
export const EFFICIENCY_TOLERANCE = 0.9;

export interface Costs {
  /** A new card's first answer. */
  first: number;
  /** A review answered right (Hard, Good or Easy). */
  right: number;
  /** A review answered wrong (Again). */
  wrong: number;
}

/** Mean answer times from log records, by kind, in seconds. */
export class CostCounter {
  private readonly sums = { first: 0, right: 0, wrong: 0 };
  private readonly counts = { first: 0, right: 0, wrong: 0 };

  add(record: unknown): void {
    if (typeof record !== "object" || record === null) return;
    const r = record as Record<string, unknown>;
    if (r.kind !== "review" || r.source === "exam" || typeof r.ms !== "number" || !Number.isFinite(r.ms) || r.ms <= 0) return;
    const kind = r.wasNew === true ? "first" : r.rating === "again" ? "wrong" : "right";
    this.sums[kind] += Math.min(r.ms / 1000, MAX_COUNTED_SECONDS);
    this.counts[kind]++;
  }

  costs(): Costs & { fromLog: (keyof Costs)[] } {
    const fromLog: (keyof Costs)[] = [];
    const pick = (k: keyof Costs): number => {
      if (this.counts[k] < MIN_COST_SAMPLES) return DEFAULT_COSTS[k];
      fromLog.push(k);
      return this.sums[k] / this.counts[k];
    };
    return { first: pick("first"), right: pick("right"), wrong: pick("wrong"), fromLog };
  }
}

export interface SimulationConfig {
  w: readonly number[];
  /** Cards of the content set not studied yet. */
  newCards: number;
  /** Cards studied already (suspended ones left out by the caller). */
  studied: readonly Pick<CardState, "stability" | "difficulty" | "lastReview">[];
  newPerDay: number;
  costs: Costs;
  now: Date;
  days?: number;
  seed?: number;
}

export interface WorkloadPoint {
  retention: number;
  /** Mean study minutes a day over the simulated period. */
  minutesPerDay: number;
  /** Cards the student would recall at the end (sum of recall probabilities). */
  knowledge: number;
  /** Knowledge as a share of the content set. */
  knowledgeShare: number;
}

const DAY_MS = 86_400_000;

function pick(shares: readonly number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]!;
    if (u < acc) return i;
  }
  return shares.length - 1;
}

/** One desired retention's year. */
export function simulateRetention(config: SimulationConfig, retention: number): WorkloadPoint {
  const days = config.days ?? 365;
  const total = config.newCards + config.studied.length;
  const replicates = Math.max(1, Math.ceil(SIMULATED_CARDS / Math.max(1, total)));
  let seconds = 0;
  let knowledge = 0;
  for (let k = 0; k < replicates; k++) {
    const one = simulateOnce(config, retention, days, (config.seed ?? 1) + k * 7919);
    seconds += one.seconds;
    knowledge += one.knowledge;
  }
  seconds /= replicates;
  knowledge /= replicates;
  return { retention, minutesPerDay: seconds / 60 / days, knowledge, knowledgeShare: total > 0 ? knowledge / total : 0 };
}

function simulateOnce(config: SimulationConfig, retention: number, days: number, seed: number): { seconds: number; knowledge: number } {
  const engine = new FSRSAlgorithm({ w: [...config.w], request_retention: retention, enable_fuzz: false, enable_short_term: true });
  const random = seededRandom(seed);
  let seconds = 0;
  let knowledge = 0;
  const review = (s0: number, d0: number, lastDay: number): void => {
    let s = s0;
    let d = d0;
    let last = lastDay;
    for (;;) {
      const interval = Math.max(1, engine.next_interval(s, 0));
      const day = last + interval;
      if (day >= days) break;
      const r = forgetting_curve(config.w, interval, s);
      const recalled = random() < r;
      const grade = recalled ? 2 + pick(REVIEW_RATING, random()) : 1;
      seconds += recalled ? config.costs.right : config.costs.wrong;
      const next = engine.next_state({ stability: s, difficulty: d }, day - last, grade);
      s = next.stability;
      d = next.difficulty;
      last = day;
    }
    knowledge += forgetting_curve(config.w, Math.max(0, days - last), s);
  };
  for (const c of config.studied) {
    const lastMs = c.lastReview ? Date.parse(c.lastReview) : config.now.getTime();
    const lastDay = -Math.max(0, Math.floor((config.now.getTime() - lastMs) / DAY_MS));
    review(Math.max(c.stability, 0.01), Math.min(10, Math.max(1, c.difficulty)), lastDay);
  }
  const perDay = Math.max(1, config.newPerDay);
  for (let i = 0; i < config.newCards; i++) {
    const day = Math.floor(i / perDay);
    if (day >= days) break;
    const grade = 1 + pick(FIRST_RATING, random());
    seconds += config.costs.first;
    const first = engine.next_state(null, 0, grade);
    review(first.stability, first.difficulty, day);
  }
  return { seconds, knowledge };
}

/** Desired retentions the view covers. */
export const RETENTION_GRID: readonly number[] = Array.from({ length: 28 }, (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100);

export interface WorkloadView {
  points: WorkloadPoint[];
  current: WorkloadPoint;
  /** The highest retention whose knowledge per minute is within EFFICIENCY_TOLERANCE of the best. */
  recommended: WorkloadPoint;
}

/** Several parts of one content set (each kind of card under its own parameters) at one retention, added up. */
function simulateParts(parts: readonly SimulationConfig[], retention: number): WorkloadPoint {
  let minutesPerDay = 0;
  let knowledge = 0;
  let cards = 0;
  for (const part of parts) {
    const p = simulateRetention(part, retention);
    minutesPerDay += p.minutesPerDay;
    knowledge += p.knowledge;
    cards += part.newCards + part.studied.length;
  }
  return { retention, minutesPerDay, knowledge, knowledgeShare: cards > 0 ? knowledge / cards : 0 };
}

/**
 * The workload view of a content set, in parts, each simulated under its own parameters (recall cards and
 * multiple-choice questions with a set each) and added up: minutes and knowledge are sums over the parts.
 */
export function workloadView(parts: readonly SimulationConfig[], currentRetention: number): WorkloadView {
  const points = RETENTION_GRID.map((r) => simulateParts(parts, r));
  const current = points.find((p) => Math.abs(p.retention - currentRetention) < 1e-9) ?? simulateParts(parts, currentRetention);
  const efficiency = (p: WorkloadPoint): number => (p.minutesPerDay > 0 ? p.knowledge / p.minutesPerDay : 0);
  const best = Math.max(...points.map(efficiency));
  const recommended = [...points].reverse().find((p) => efficiency(p) >= best * EFFICIENCY_TOLERANCE) ?? points[0]!;
  return { points, current, recommended };
}
