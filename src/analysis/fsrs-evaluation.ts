// How well a parameter set predicts recall on reviews it was not fitted on: log loss and RMSE over bins, the two
// figures srs-benchmark and Anki's "Evaluate" report, computed the way fsrs-rs computes them (inference.rs
// `evaluate`), so that the figures are comparable with theirs. Pure: parameters, histories and items in, figures out.
//
// - Each item predicts one review: the card's memory state after the reviews before it (FSRS-6, same-day reviews
//   through the short-term formula), then the forgetting curve at the days since the last of them. The label is
//   "recalled": any grade but Again.
// - The items are first prepared as the binding's evaluate prepares them (`prepareItems`): fsrs-rs's outlier filter
//   drops the rare (first grade, days to the first review on a later day) pairs, and the items predicting a card's
//   first review on a later day come first, grouped by that pair, then the others in their order.
// - Items are weighted by their place in that order, 0.25 for the first up to 1 for the last (0.25 + 0.75 x³).
// - Log loss is the weighted binary cross-entropy.
// - RMSE(bins): items are binned by days since the last review, number of reviews on earlier days, and lapses (each
//   on a log scale); in each bin the mean prediction is set against the share recalled, and the squared gaps are
//   averaged with the bins' weights.

import { deltaDays, type Histories, type TrainingItems } from "../srs/history.js";

export interface Evaluation {
  logLoss: number;
  rmseBins: number;
  /** Reviews scored. */
  reviews: number;
}

const S_MIN = 0.001;
const S_MAX = 36500;
const D_MIN = 1;
const D_MAX = 10;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** FSRS-6's recall after t days at stability s. */
export function retrievability(w: readonly number[], t: number, s: number): number {
  const decay = -w[20]!;
  const factor = Math.exp(Math.log(0.9) / decay) - 1;
  return Math.pow((t / s) * factor + 1, decay);
}

const initDifficulty = (w: readonly number[], rating: number): number => w[4]! - Math.exp(w[5]! * (rating - 1)) + 1;

export interface MemoryState {
  stability: number;
  difficulty: number;
}

/** The memory state after a card's first answer. */
export function firstState(w: readonly number[], rating: number): MemoryState {
  const g = clamp(rating, 1, 4);
  return { stability: clamp(w[g - 1]!, S_MIN, S_MAX), difficulty: clamp(initDifficulty(w, g), D_MIN, D_MAX) };
}

/** The memory state after an answer `rating` given `deltaT` whole days after the previous one (0: the same day). */
export function nextState(w: readonly number[], state: MemoryState, deltaT: number, rating: number): MemoryState {
  const s = clamp(state.stability, S_MIN, S_MAX);
  const d = clamp(state.difficulty, D_MIN, D_MAX);
  let next: number;
  if (deltaT === 0) {
    // Short-term: a same-day answer scales stability by a factor that a success keeps at 1 or more.
    const sinc = Math.exp(w[17]! * (rating - 3 + w[18]!)) * Math.pow(s, -w[19]!);
    next = s * (rating >= 2 ? Math.max(sinc, 1) : sinc);
  } else {
    const r = retrievability(w, deltaT, s);
    if (rating === 1) {
      const forgot = w[11]! * Math.pow(d, -w[12]!) * (Math.pow(s + 1, w[13]!) - 1) * Math.exp((1 - r) * w[14]!);
      next = Math.min(forgot, s / Math.exp(w[17]! * w[18]!));
    } else {
      const hard = rating === 2 ? w[15]! : 1;
      const easy = rating === 4 ? w[16]! : 1;
      next = s * (Math.exp(w[8]!) * (11 - d) * Math.pow(s, -w[9]!) * (Math.exp((1 - r) * w[10]!) - 1) * hard * easy + 1);
    }
  }
  const damped = d + ((10 - d) * (-w[6]! * (rating - 3))) / 9;
  const reverted = w[7]! * (initDifficulty(w, 4) - damped) + damped;
  return { stability: clamp(next, S_MIN, S_MAX), difficulty: clamp(reverted, D_MIN, D_MAX) };
}

/** fsrs-rs's bin of an item: days since the last review, reviews on earlier days (+1), and lapses, each log-binned. */
function binOf(deltaT: number, longTermReviews: number, lapses: number): number {
  const log = (x: number, base: number): number => Math.log(x) / Math.log(base);
  const t = Math.round(2.48 * Math.pow(3.62, Math.floor(log(deltaT, 3.62))) * 100);
  const length = Math.round(1.99 * Math.pow(1.89, Math.floor(log(longTermReviews + 1, 1.89))));
  const lapse = lapses === 0 ? 0 : Math.round(1.65 * Math.pow(1.73, Math.floor(log(lapses, 1.73))));
  // A bin key: t is at most a few million, length and lapse a few thousand.
  return (t * 8192 + length) * 8192 + lapse;
}

interface ItemFacts {
  /** The card's first grade. */
  first: number;
  /** Reviews of the item on a later day than the one before (the predicted one included). */
  longTerm: number;
  /** Days before the item's first review on a later day. */
  firstLongTermDelta: number;
  /** Days before the predicted review. */
  delta: number;
}

function factsOf(h: Histories, items: TrainingItems, j: number): ItemFacts {
  const c = items.card[j]!;
  const end = items.end[j]!;
  let longTerm = 0;
  let firstLongTermDelta = 0;
  for (let i = h.start[c]! + 1; i <= end; i++) {
    const d = deltaDays(h, c, i);
    if (d > 0 && longTerm++ === 0) firstLongTermDelta = d;
  }
  return { first: h.grade[h.start[c]!]!, longTerm, firstLongTermDelta, delta: deltaDays(h, c, end) };
}

/**
 * The items `at` as fsrs-rs's outlier filter leaves them, in the order the binding's evaluate scores them. Items
 * predicting a card's first review on a later day are grouped by (first grade, days before that review). Within each
 * first grade, the smallest groups are dropped until 5 % of its items (at least 20) are gone, and so is any group
 * kept past that with fewer than 6 items or more than 100 days (365 after Easy). Any other item whose card's pair
 * was dropped goes too. The kept first-review items come first (by grade; within it, smaller groups first, then
 * fewer days), then the other items in their order.
 */
export function prepareItems(h: Histories, items: TrainingItems, at: readonly number[]): number[] {
  const facts = at.map((j) => factsOf(h, items, j));
  const groups = new Map<number, Map<number, number[]>>();
  at.forEach((j, k) => {
    const f = facts[k]!;
    if (f.longTerm !== 1) return;
    let byDelta = groups.get(f.first);
    if (!byDelta) groups.set(f.first, (byDelta = new Map()));
    const group = byDelta.get(f.delta);
    if (group) group.push(j);
    else byDelta.set(f.delta, [j]);
  });
  const kept: number[] = [];
  const removed = new Map<number, Set<number>>();
  for (const rating of [...groups.keys()].sort((a, b) => a - b)) {
    const byDelta = groups.get(rating)!;
    // Smallest first, then fewer days.
    const ordered = [...byDelta.entries()].sort(([da, a], [db, b]) => a.length - b.length || da - db);
    const total = ordered.reduce((n, [, g]) => n + g.length, 0);
    const drops = new Set<number>();
    let dropped = 0;
    for (const [delta, group] of ordered) {
      if (dropped + group.length >= Math.max(20, Math.floor(total / 20))) {
        if (group.length >= 6 && delta <= (rating !== 4 ? 100 : 365)) kept.push(...group);
        else drops.add(delta);
      } else {
        dropped += group.length;
        drops.add(delta);
      }
    }
    removed.set(rating, drops);
  }
  const rest = at.filter((_, k) => {
    const f = facts[k]!;
    return f.longTerm !== 1 && !removed.get(f.first)?.has(f.firstLongTermDelta);
  });
  return [...kept, ...rest];
}

/**
 * Log loss and RMSE(bins) of parameters `w` on the items at positions `at` (in time order), prepared as the binding
 * prepares them (`prepareItems`); `reviews` is how many are scored.
 */
export function evaluateParameters(w: readonly number[], h: Histories, items: TrainingItems, at: readonly number[]): Evaluation {
  return scoreItems(w, h, items, prepareItems(h, items, at));
}

/**
 * Log loss and RMSE(bins) of parameters `w` on the items `order` as given (no filter), weighted by their place in it.
 * Each card's states are computed once, in one pass over its reviews, for every item of it that is scored.
 */
export function scoreItems(w: readonly number[], h: Histories, items: TrainingItems, order: readonly number[]): Evaluation {
  const n = order.length;
  // The reviews predicted, by position in the histories, so that one pass per card yields each one's prediction.
  const wanted = new Map<number, number>();
  for (let k = 0; k < n; k++) wanted.set(items.end[order[k]!]!, k);
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  const bin = new Float64Array(n);
  const cards = new Set<number>();
  for (let k = 0; k < n; k++) cards.add(items.card[order[k]!]!);
  for (const c of cards) {
    const from = h.start[c]!;
    const to = h.start[c + 1]!;
    let state = firstState(w, h.grade[from]!);
    let longTerm = 0;
    let lapses = 0;
    for (let i = from + 1; i < to; i++) {
      const deltaT = deltaDays(h, c, i);
      const grade = h.grade[i]!;
      if (deltaT > 0) longTerm++;
      const k = wanted.get(i);
      if (k !== undefined) {
        p[k] = retrievability(w, deltaT, clamp(state.stability, S_MIN, S_MAX));
        y[k] = grade > 1 ? 1 : 0;
        bin[k] = binOf(deltaT, longTerm, lapses);
      }
      if (grade === 1 && deltaT > 0) lapses++;
      state = nextState(w, state, deltaT, grade);
    }
  }
  const span = Math.max(1, n - 1);
  let loss = 0;
  let weights = 0;
  const bins = new Map<number, { predicted: number; actual: number; count: number; weight: number }>();
  for (let k = 0; k < n; k++) {
    const weight = 0.25 + 0.75 * Math.pow(k / span, 3);
    const r = p[k]!;
    loss += (y[k] ? Math.log(r) : Math.log(1 - r)) * weight;
    weights += weight;
    let b = bins.get(bin[k]!);
    if (!b) bins.set(bin[k]!, (b = { predicted: 0, actual: 0, count: 0, weight: 0 }));
    b.predicted += r;
    b.actual += y[k]!;
    b.count++;
    b.weight += weight;
  }
  let squares = 0;
  let binWeights = 0;
  for (const b of bins.values()) {
    squares += (b.predicted / b.count - b.actual / b.count) ** 2 * b.weight;
    binWeights += b.weight;
  }
  return { logLoss: n > 0 ? -loss / weights : NaN, rmseBins: n > 0 ? Math.sqrt(squares / binWeights) : NaN, reviews: n };
}
