// The optimizer's evaluation (log loss and RMSE over bins on held-out reviews) is cogquiz's own arithmetic, since the
// optimizer build that every platform can install has no evaluate. It must give the figures fsrs-rs gives: checked
// against the faster build's own `FSRSBinding.evaluate` where that build is installed (linux x64), and on small cases
// worked by hand everywhere.

import fc from "fast-check";
import { createRequire } from "node:module";
import { FSRSAlgorithm, default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { evaluateParameters, firstState, nextState, prepareItems, retrievability, scoreItems } from "../../src/analysis/fsrs-evaluation.js";
import { FAST_FORGETTING_WEIGHTS, SAMPLE_TRUE_WEIGHTS, syntheticLog } from "../../src/analysis/learner.js";
import { FAST_BUILD, toBindingItems, type Binding } from "../../src/analysis/optimizer.js";
import { DEFAULT_PARAMETERS } from "../../src/srs/fsrs-parameters.js";
import { Histories, historiesOf, splitByTime, trainingItems } from "../../src/srs/history.js";

/** The faster build, when its own native part is installed (it alone has `evaluate`). */
function fastBuild(): Binding | undefined {
  try {
    const b = createRequire(import.meta.url)(FAST_BUILD);
    return typeof b.FSRSBinding?.prototype?.evaluate === "function" ? b : undefined;
  } catch {
    return undefined;
  }
}
const fast = fastBuild();

/** The faster build's own evaluate (the portable build's types, which cogquiz compiles against, do not have it). */
function theirEvaluate(b: Binding, w: readonly number[], items: unknown[]): { logLoss: number; rmseBins: number } {
  return (new b.FSRSBinding([...w]) as unknown as { evaluate(items: unknown[]): { logLoss: number; rmseBins: number } }).evaluate(items);
}

/** Histories of one card per entry: each a list of [study day, grade]. */
function histories(cards: [day: number, grade: 1 | 2 | 3 | 4][][]): Histories {
  const start = new Int32Array(cards.length + 1);
  const flat = cards.flat();
  cards.forEach((c, i) => (start[i + 1] = start[i]! + c.length));
  const day = Int32Array.from(flat.map(([d]) => d));
  return new Histories(
    cards.map((_, i) => `q${i}`),
    new Uint8Array(cards.length),
    start,
    Float64Array.from(flat.map(([d], i) => d * 86_400_000 + i)),
    day,
    Uint8Array.from(flat.map(([, g]) => g)),
  );
}

const everyItem = (n: number, from = 0): number[] => Array.from({ length: n - from }, (_, k) => from + k);

describe("the optimizer's evaluation", () => {
  it.skipIf(!fast)("gives fsrs-rs's own log loss and RMSE(bins), to float precision, for default, true and fitted parameters and each kind of card", { timeout: 120_000 }, async () => {
    const b = fast!;
    for (const [trueWeights, seed] of [
      [SAMPLE_TRUE_WEIGHTS, 1],
      [FAST_FORGETTING_WEIGHTS, 2],
      [default_w, 3],
    ] as const) {
      const h = historiesOf(syntheticLog({ cards: 300, days: 80, newPerDay: 6, seed, trueWeights }).records);
      const items = trainingItems(h);
      const { train } = splitByTime(items, 0.8);
      const converted = toBindingItems(b, h, items);
      const fitted = await b.computeParameters(converted.slice(0, train), { enableShortTerm: true, numRelearningSteps: 1 });
      const test = everyItem(items.length, train);
      const subsets = [test, test.filter((j) => h.kinds[items.card[j]!] === 0), test.filter((j) => h.kinds[items.card[j]!] === 1), everyItem(items.length)];
      for (const w of [DEFAULT_PARAMETERS, [...trueWeights], fitted]) {
        for (const at of subsets) {
          if (at.length === 0) continue;
          const theirs = theirEvaluate(b, w, at.map((j) => converted[j]));
          const ours = evaluateParameters(w, h, items, at);
          // The outlier filter drops some items; the same ones the binding drops, or the figures would differ.
          expect(ours.reviews).toBe(prepareItems(h, items, at).length);
          expect(ours.reviews).toBeGreaterThan(0);
          expect(Math.abs(ours.logLoss - theirs.logLoss)).toBeLessThan(2e-5);
          expect(Math.abs(ours.rmseBins - theirs.rmseBins)).toBeLessThan(2e-5);
        }
      }
    }
  });

  it("scores one review by the forgetting curve from the first answer's stability", () => {
    const w = DEFAULT_PARAMETERS;
    // Good on day 0, recalled on day 3; then Good on day 0, forgotten on day 10.
    const h = histories([
      [
        [0, 3],
        [3, 3],
      ],
      [
        [0, 3],
        [10, 1],
      ],
    ]);
    const items = trainingItems(h);
    expect(items.length).toBe(2);
    const p3 = Math.pow(1 + (3 / w[2]!) * (Math.pow(0.9, -1 / w[20]!) - 1), -w[20]!);
    const p10 = Math.pow(1 + (10 / w[2]!) * (Math.pow(0.9, -1 / w[20]!) - 1), -w[20]!);
    expect(retrievability(w, 3, w[2]!)).toBeCloseTo(p3, 12);
    // A stability of S days means recall 0.9 after S days.
    expect(retrievability(w, w[2]!, w[2]!)).toBeCloseTo(0.9, 12);
    const one = scoreItems(w, h, items, [0]);
    expect(one.logLoss).toBeCloseTo(-Math.log(p3), 12);
    expect(one.rmseBins).toBeCloseTo(1 - p3, 12);
    // Two reviews in different bins (3 and 10 days fall in different log bins): weights 0.25 then 1.
    const both = scoreItems(w, h, items, [0, 1]);
    expect(both.logLoss).toBeCloseTo(-(0.25 * Math.log(p3) + 1 * Math.log(1 - p10)) / 1.25, 12);
    expect(both.rmseBins).toBeCloseTo(Math.sqrt((0.25 * (1 - p3) ** 2 + 1 * p10 ** 2) / 1.25), 12);
  });

  it("pools reviews of one bin before squaring, as fsrs-rs's RMSE(bins) does", () => {
    const w = DEFAULT_PARAMETERS;
    // Two cards, each Good then reviewed 4 days later: one recalled, one forgotten. Same bin.
    const h = histories([
      [
        [0, 3],
        [4, 3],
      ],
      [
        [0, 3],
        [4, 1],
      ],
    ]);
    const items = trainingItems(h);
    const p = retrievability(w, 4, w[2]!);
    const e = scoreItems(w, h, items, [0, 1]);
    expect(e.rmseBins).toBeCloseTo(Math.abs(p - 0.5), 12);
  });

  it("follows a card's same-day answers into its memory state (short-term stability), as the scheduler does", () => {
    // Again then Good the same day, then a review 2 days later: the state before it went through the short-term step.
    const w = DEFAULT_PARAMETERS;
    const h = histories([
      [
        [0, 1],
        [0, 3],
        [2, 3],
      ],
    ]);
    const items = trainingItems(h);
    expect(items.length).toBe(1);
    const s0 = w[0]!;
    const s1 = s0 * Math.max(1, Math.exp(w[17]! * (3 - 3 + w[18]!)) * Math.pow(s0, -w[19]!));
    const e = scoreItems(w, h, items, [0]);
    expect(e.logLoss).toBeCloseTo(-Math.log(retrievability(w, 2, s1)), 10);
  });

  it("drops the items fsrs-rs's outlier filter drops, and scores first reviews first, smaller groups before larger", () => {
    // First answer Good, first review on a later day after 3 days (30 cards, 10 of them reviewed again 9 days later),
    // after 7 days (2 cards, one reviewed again), after 150 days (25 cards); first answer Easy, reviewed after 150
    // days (25 cards).
    const cards: [number, 1 | 2 | 3 | 4][][] = [];
    for (let i = 0; i < 30; i++) cards.push(i < 10 ? [[0, 3], [3, 3], [12, 3]] : [[0, 3], [3, 3]]);
    cards.push([[0, 3], [7, 3], [20, 1]], [[0, 3], [7, 3]]);
    for (let i = 0; i < 25; i++) cards.push([[0, 3], [150, 3]]);
    for (let i = 0; i < 25; i++) cards.push([[0, 4], [150, 3]]);
    const h = histories(cards);
    const items = trainingItems(h);
    const order = prepareItems(h, items, everyItem(items.length));
    const cardOf = (j: number): number => items.card[j]!;
    const delta = (j: number): number => h.day[items.end[j]!]! - h.day[items.end[j]! - 1]!;
    // Kept: the 30 three-day items (the 2 seven-day ones fall under the 20 dropped first; the 150-day Good group is
    // past 100 days), the 25 Easy ones (365 days allowed), then the 10 later reviews of three-day cards. The 7-day
    // card's later review goes with its pair.
    expect(order.length).toBe(30 + 25 + 10);
    expect(order.slice(0, 30).every((j) => delta(j) === 3 && h.grade[h.start[cardOf(j)]!] === 3)).toBe(true);
    expect(order.slice(30, 55).every((j) => delta(j) === 150 && h.grade[h.start[cardOf(j)]!] === 4)).toBe(true);
    expect(order.slice(55).every((j) => delta(j) === 9 && cardOf(j) < 10)).toBe(true);
    // Scored as ordered: the evaluation counts exactly these.
    const ours = evaluateParameters(DEFAULT_PARAMETERS, h, items, everyItem(items.length));
    expect(ours.reviews).toBe(65);
    if (fast) {
      // The binding's own evaluate filters and orders the same way: its figures are ours.
      const theirs = theirEvaluate(fast, DEFAULT_PARAMETERS, toBindingItems(fast, h, items));
      expect(Math.abs(ours.logLoss - theirs.logLoss)).toBeLessThan(2e-5);
      expect(Math.abs(ours.rmseBins - theirs.rmseBins)).toBeLessThan(2e-5);
    }
  });

  it("computes memory states as ts-fsrs does, for any answers on later days and Again, Good or Easy the same day", () => {
    const algorithm = new FSRSAlgorithm({ w: [...DEFAULT_PARAMETERS], enable_short_term: true, enable_fuzz: false });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ deltaT: fc.integer({ min: 0, max: 400 }), grade: fc.integer({ min: 1, max: 4 }) }), { maxLength: 12 }),
        (first, answers) => {
          let ours = firstState(DEFAULT_PARAMETERS, first);
          let theirs = algorithm.next_state(null, 0, first as 1 | 2 | 3 | 4);
          for (const { deltaT, grade } of answers) {
            // ts-fsrs keeps a same-day Hard at the stability it had; fsrs-rs (and this evaluation) lets it rise.
            if (deltaT === 0 && grade === 2) return;
            ours = nextState(DEFAULT_PARAMETERS, ours, deltaT, grade);
            theirs = algorithm.next_state(theirs, deltaT, grade as 1 | 2 | 3 | 4);
            // ts-fsrs keeps 8 decimals: equal within a millionth, relatively.
            expect(Math.abs(ours.stability - theirs.stability)).toBeLessThanOrEqual(1e-6 * Math.max(1, theirs.stability));
            expect(Math.abs(ours.difficulty - theirs.difficulty)).toBeLessThanOrEqual(1e-6 * Math.max(1, theirs.difficulty));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
