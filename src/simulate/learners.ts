// Simulated learners: models of memory of their own, never the scheduler's. Each learner answers from a true recall
// probability the scheduler cannot see, and its memory changes by its own rules.
//
// Two families:
//  - FSRS-6's memory model with the learner's own parameters, drawn around FSRS-6's defaults, plus a hidden
//    difficulty per card; "harder" and "easier" learner types shift them.
//  - ACT-R's declarative memory with the spacing effect (Pavlik & Anderson 2005): every study leaves a trace that
//    decays as a power of its age, and a trace laid down while memory is still strong decays faster.
//
// These definitions and the seeds they are drawn from are fixed before any exam rule was tried (see the commit
// history); strategies are compared on them, never tuned to them.

import { FSRSAlgorithm, default_w, generatorParameters } from "ts-fsrs";
import { seededRandom } from "../session/random.js";

export type LearnerType = "default" | "harder" | "easier" | "actr";
export const LEARNER_TYPES: readonly LearnerType[] = ["default", "harder", "easier", "actr"];

const DAY_MS = 86_400_000;
/** Below this gap (in days) a repeat counts as same-day practice (FSRS's short-term stability). */
const SAME_DAY = 0.5;

/** A learner's memory of the cards of one run. Times are milliseconds on the simulated clock. */
export interface Learner {
  readonly type: LearnerType;
  /** True probability of recalling card `i` at time `t` (0 before its first sight). */
  recall(i: number, t: number): number;
  /**
   * Card `i` studied at time `t`. `grade` 1-4 is how the study went for the learner's memory (1: not retrieved, the
   * answer was shown); the first study of a card creates its memory.
   */
  study(i: number, t: number, grade: 1 | 2 | 3 | 4): void;
  /** Whether card `i` has been studied. */
  seen(i: number): boolean;
}

/** A standard normal draw (Box-Muller) from a uniform source. */
export function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** How the learner type shifts an FSRS-6 learner: initial stabilities, recall-stability growth, card difficulty. */
const FSRS_TYPE = {
  default: { initial: 1, growth: 0, difficulty: 0 },
  harder: { initial: 0.5, growth: -0.3, difficulty: 1.5 },
  easier: { initial: 1.8, growth: 0.2, difficulty: -1.5 },
} as const;

/** Spread of the drawn parameters: each chosen weight is multiplied by exp(SPREAD × N(0, 1)). */
const PARAMETER_SPREAD = 0.2;
/** Spread of the hidden per-card difficulty (on FSRS's 1-10 difficulty scale). */
const CARD_DIFFICULTY_SPREAD = 1.5;

/** Weights drawn for one FSRS-6 learner of a type, from `random`. */
export function drawFsrsWeights(type: Exclude<LearnerType, "actr">, random: () => number, centre: readonly number[] = default_w): number[] {
  const w = [...centre];
  const shift = FSRS_TYPE[type];
  const jitter = () => Math.exp(PARAMETER_SPREAD * normal(random));
  for (const i of [0, 1, 2, 3]) w[i] = Math.min(100, w[i]! * shift.initial * jitter()); // initial stabilities
  w[8] = w[8]! * jitter() + shift.growth; // how much a successful recall grows stability (ln scale)
  w[9] = w[9]! * jitter();
  w[10] = w[10]! * jitter();
  w[11] = w[11]! * jitter(); // stability after a lapse
  w[20] = Math.min(0.8, Math.max(0.1, w[20]! * jitter())); // the curve's decay
  return w;
}

class FsrsLearner implements Learner {
  private readonly algo: FSRSAlgorithm;
  private readonly s: Float64Array;
  private readonly d: Float64Array;
  private readonly last: Float64Array;
  private readonly cardDifficulty: Float64Array;
  private readonly decay: number;
  private readonly factor: number;

  constructor(
    readonly type: Exclude<LearnerType, "actr">,
    cards: number,
    random: () => number,
    exact = false,
    centre: readonly number[] = default_w,
  ) {
    const w = exact ? [...default_w] : drawFsrsWeights(type, random, centre);
    this.algo = new FSRSAlgorithm(generatorParameters({ w, enable_short_term: true }));
    this.decay = -w[20]!;
    this.factor = Math.pow(0.9, 1 / this.decay) - 1;
    this.s = new Float64Array(cards);
    this.d = new Float64Array(cards);
    this.last = new Float64Array(cards).fill(Number.NaN);
    this.cardDifficulty = new Float64Array(cards);
    for (let i = 0; i < cards; i++) this.cardDifficulty[i] = exact ? 0 : FSRS_TYPE[type].difficulty + CARD_DIFFICULTY_SPREAD * normal(random);
  }

  seen(i: number): boolean {
    return !Number.isNaN(this.last[i]!);
  }

  recall(i: number, t: number): number {
    if (!this.seen(i)) return 0;
    const days = Math.max(0, (t - this.last[i]!) / DAY_MS);
    return Math.pow(1 + (this.factor * days) / this.s[i]!, this.decay);
  }

  study(i: number, t: number, grade: 1 | 2 | 3 | 4): void {
    if (!this.seen(i)) {
      const first = this.algo.next_state(null, 0, grade);
      // The hidden difficulty: harder cards start with less stability and a higher difficulty.
      this.d[i] = Math.min(10, Math.max(1, first.difficulty + this.cardDifficulty[i]!));
      this.s[i] = Math.max(0.01, first.stability * Math.exp(-0.25 * this.cardDifficulty[i]!));
    } else {
      const days = (t - this.last[i]!) / DAY_MS;
      const r = this.recall(i, t);
      const next = this.algo.next_state({ difficulty: this.d[i]!, stability: this.s[i]! }, days < SAME_DAY ? 0 : days, grade, r);
      this.s[i] = Math.max(0.01, next.stability);
      this.d[i] = Math.min(10, Math.max(1, next.difficulty));
    }
    this.last[i] = t;
  }
}

/**
 * ACT-R memory with the spacing effect (Pavlik & Anderson 2005), time in days. Activation
 * m(t) = ln Σ_j (t − t_j)^(−d_j), each trace's decay d_j = c·e^(m(t_j)) + a (m just before the study, −∞ for the
 * first), recall p = 1 / (1 + e^((τ − m)/s)). A card's hidden difficulty shifts its threshold τ. The constants were
 * set once, before any strategy was run, so that one study is recalled at about 78 % a day later and 46 % a month
 * later, and five spaced studies (days 0, 1, 3, 8, 20) at about 95 % on day 30: close to FSRS-6's default learner
 * for spaced study, weaker for a single one.
 */
export const ACTR = { a: 0.12, c: 0.2, tau: -0.35, s: 0.25, difficultySpread: 0.3, minAgeDays: 1 / 1440 } as const;

class ActrLearner implements Learner {
  readonly type = "actr" as const;
  private readonly times: number[][];
  private readonly decays: number[][];
  private readonly tau: Float64Array;

  constructor(cards: number, random: () => number) {
    this.times = Array.from({ length: cards }, () => []);
    this.decays = Array.from({ length: cards }, () => []);
    this.tau = new Float64Array(cards);
    for (let i = 0; i < cards; i++) this.tau[i] = ACTR.tau + ACTR.difficultySpread * normal(random);
  }

  seen(i: number): boolean {
    return this.times[i]!.length > 0;
  }

  private activation(i: number, t: number): number {
    const times = this.times[i]!;
    const decays = this.decays[i]!;
    let sum = 0;
    for (let j = 0; j < times.length; j++) sum += Math.pow(Math.max(ACTR.minAgeDays, (t - times[j]!) / DAY_MS), -decays[j]!);
    return sum > 0 ? Math.log(sum) : Number.NEGATIVE_INFINITY;
  }

  recall(i: number, t: number): number {
    if (!this.seen(i)) return 0;
    return 1 / (1 + Math.exp((this.tau[i]! - this.activation(i, t)) / ACTR.s));
  }

  study(i: number, t: number): void {
    const m = this.activation(i, t);
    this.decays[i]!.push(m === Number.NEGATIVE_INFINITY ? ACTR.a : ACTR.c * Math.exp(m) + ACTR.a);
    this.times[i]!.push(t);
  }
}

/**
 * Learner number `index` of a run seeded `seed`: the same seed, type and index give the same learner, whichever
 * strategy is run on it, so strategies are compared on the same people.
 */
export function createLearner(type: LearnerType, cards: number, seed: number, index: number, centre?: readonly number[]): Learner {
  const random = seededRandom((seed * 7919 + index * 104_729 + LEARNER_TYPES.indexOf(type) * 15_485_863) >>> 0);
  return type === "actr" ? new ActrLearner(cards, random) : new FsrsLearner(type, cards, random, false, centre);
}

/**
 * A learner whose memory is FSRS-6 with its default weights and no hidden difficulty: the scheduler's own model.
 * Never used for the figures (a strategy would win by knowing the truth); tests check the simulator against it.
 */
export function createModelLearner(cards: number): Learner {
  return new FsrsLearner("default", cards, () => 0.5, true);
}

/** The seeds of the figures in the README and the bench. */
export const FIXED_SEEDS = [1, 2, 3] as const;
