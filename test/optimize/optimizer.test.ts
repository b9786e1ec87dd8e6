// The optimizer on review logs of simulated learners whose true memory is known: FSRS-6 under weights that differ
// from the defaults (SAMPLE_TRUE_WEIGHTS), studied by cogquiz's own scheduler with the defaults.

import { default_w } from "ts-fsrs";
import { beforeAll, describe, expect, it } from "vitest";
import { syntheticLog, FAST_FORGETTING_WEIGHTS, SAMPLE_TRUE_WEIGHTS } from "../../src/analysis/learner.js";
import { ADOPTION_MARGIN, FULL_FIT_REVIEWS, MIN_REVIEWS, loadBinding, optimize, type Binding } from "../../src/analysis/optimizer.js";
import { checkParameterList, DEFAULT_PARAMETERS } from "../../src/srs/fsrs-parameters.js";
import { historiesOf, trainingItems } from "../../src/srs/history.js";

let binding: Binding;
beforeAll(async () => {
  const loaded = await loadBinding();
  if ("error" in loaded) throw new Error(loaded.error);
  binding = loaded.binding;
});

const SEEDS = [1, 2, 3, 4];
const relativeDrop = (d: number, f: number): number => (d - f) / d;

describe("fitting a learner whose memory is not FSRS-6's defaults", () => {
  it("with a few thousand reviews, beats the defaults on the later held-out reviews by the margin, for every seed", { timeout: 120_000 }, async () => {
    for (const seed of SEEDS) {
      const log = syntheticLog({ cards: 500, days: 100, newPerDay: 8, seed, trueWeights: SAMPLE_TRUE_WEIGHTS });
      expect(log.records.length).toBeGreaterThan(2500);
      const result = await optimize(binding, historiesOf(log.records));
      expect(result.status, `seed ${seed}`).toBe("adopted");
      if (result.status !== "adopted") continue;
      expect(result.reviews).toBeGreaterThanOrEqual(FULL_FIT_REVIEWS);
      expect(result.partialFit).toBe(false);
      const d = result.evaluation.default.all;
      const f = result.evaluation.fitted.all;
      expect(relativeDrop(d.logLoss, f.logLoss), `seed ${seed}`).toBeGreaterThanOrEqual(ADOPTION_MARGIN);
      expect(f.rmseBins).toBeLessThanOrEqual(d.rmseBins);
      // Both kinds of card are scored apart, on the later reviews only.
      expect(result.evaluation.fitted.recall?.reviews).toBeGreaterThan(0);
      expect(result.evaluation.fitted.choice?.reviews).toBeGreaterThan(0);
      expect(result.testReviews + result.trainReviews).toBe(result.reviews);
      // The stored set is a valid FSRS-6 set, fitted on everything, and moved toward the learner's slower forgetting.
      expect(checkParameterList(result.parameters)).toBeUndefined();
      expect(result.parameters).not.toEqual(result.trainParameters);
      expect(result.parameters[2]!).toBeGreaterThan(DEFAULT_PARAMETERS[2]!);
    }
  });

  it("finds little to gain when the learner's memory is the defaults' (the gain above is the learner's, not the fit's)", { timeout: 120_000 }, async () => {
    for (const seed of SEEDS) {
      const log = syntheticLog({ cards: 500, days: 100, newPerDay: 8, seed, trueWeights: default_w });
      const result = await optimize(binding, historiesOf(log.records));
      expect(result.status).not.toBe("too-little");
      if (result.status === "too-little") continue;
      const drop = relativeDrop(result.evaluation.default.all.logLoss, result.evaluation.fitted.all.logLoss);
      expect(drop, `seed ${seed}`).toBeLessThan(0.05);
    }
  });

  it("with a few hundred reviews, fits only the four initial stabilities, and says so", { timeout: 60_000 }, async () => {
    for (const seed of SEEDS) {
      const log = syntheticLog({ cards: 60, days: 30, newPerDay: 4, seed, trueWeights: SAMPLE_TRUE_WEIGHTS });
      const h = historiesOf(log.records);
      expect(trainingItems(h).length).toBeLessThan(FULL_FIT_REVIEWS);
      const result = await optimize(binding, h);
      expect(result.status).not.toBe("too-little");
      if (result.status === "too-little") continue;
      expect(result.partialFit).toBe(true);
      // Whatever is decided, nothing past w3 moves away from the defaults.
      expect(result.parameters.slice(4)).toEqual(DEFAULT_PARAMETERS.slice(4).map((x) => Math.round(x * 1e6) / 1e6));
      expect(result.trainParameters.slice(4)).toEqual(result.parameters.slice(4));
      if (result.status === "kept") expect(result.parameters).toEqual([...DEFAULT_PARAMETERS]);
    }
  });

  it("when both kinds share one memory, fits each kind apart but gives neither a set of its own", { timeout: 120_000 }, async () => {
    for (const seed of [1, 2]) {
      const log = syntheticLog({ cards: 500, days: 100, newPerDay: 8, seed, trueWeights: SAMPLE_TRUE_WEIGHTS });
      const result = await optimize(binding, historiesOf(log.records));
      if (result.status === "too-little") throw new Error("too little");
      for (const kind of ["recall", "choice"] as const) {
        const k = result.kinds[kind]!;
        expect(k.trainReviews + k.testReviews, `seed ${seed} ${kind}`).toBeGreaterThan(500);
        expect(k.adopted, `seed ${seed} ${kind}: ${k.reason}`).toBe(false);
        expect(k.parameters).toBeUndefined();
      }
    }
  });

  it("when multiple-choice memory differs from recall memory, adopts a set of their own for them, better by the margin on their later reviews", { timeout: 120_000 }, async () => {
    for (const seed of [1, 2, 3]) {
      const log = syntheticLog({ cards: 500, days: 100, newPerDay: 8, seed, trueWeights: SAMPLE_TRUE_WEIGHTS, choiceTrueWeights: FAST_FORGETTING_WEIGHTS });
      const result = await optimize(binding, historiesOf(log.records));
      expect(result.status, `seed ${seed}`).toBe("adopted");
      if (result.status !== "adopted") continue;
      const own = result.kinds.choice!;
      expect(own.adopted, `seed ${seed}: ${own.reason}`).toBe(true);
      for (const base of [result.evaluation.default.choice!, result.evaluation.fitted.choice!]) {
        expect(relativeDrop(base.logLoss, own.evaluation.logLoss)).toBeGreaterThanOrEqual(ADOPTION_MARGIN);
        expect(own.evaluation.rmseBins).toBeLessThanOrEqual(base.rmseBins);
      }
      // Fitted again on every multiple-choice review, a valid set that forgets faster than the recall cards' memory.
      expect(checkParameterList(own.parameters)).toBeUndefined();
      expect(own.parameters).not.toEqual(own.trainParameters);
      expect(own.reviews).toBe(own.trainReviews + own.testReviews);
      expect(own.parameters![2]!).toBeLessThan(SAMPLE_TRUE_WEIGHTS[2]!);
    }
  });

  it("below the minimum, fits nothing and says how many reviews there are and how many are needed", async () => {
    const log = syntheticLog({ cards: 10, days: 8, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const result = await optimize(binding, historiesOf(log.records));
    expect(result).toEqual({ status: "too-little", reviews: trainingItems(historiesOf(log.records)).length, needed: MIN_REVIEWS });
  });
});
