// Fitting FSRS-6 to the student's own history with fsrs-rs (through @open-spaced-repetition/binding), and deciding
// from held-out later reviews whether the fitted parameters predict recall better than the defaults.
//
// The decision, in one place:
// - fewer than MIN_REVIEWS reviews to predict (reviews of a card on a later study day than its previous one): no fit;
// - otherwise the earliest TRAIN_SHARE of those reviews train, the later ones test; the default and the fitted
//   parameters are both scored on the test part (log loss and RMSE over bins, as fsrs-rs computes them);
// - the fitted set is adopted when its test log loss is at least ADOPTION_MARGIN lower (relatively) than the
//   defaults' and its RMSE(bins) is no higher; it is then fitted again on all the reviews, and that set is stored.

import type * as BindingModule from "@open-spaced-repetition/binding";
import { default_relearning_steps } from "ts-fsrs";
import { DEFAULT_PARAMETERS, storableParameters } from "../srs/fsrs-parameters.js";
import { itemReviews, splitByTime, trainingItems, type CardHistory, type CardKind, type TrainingItem } from "../srs/history.js";

export type Binding = typeof BindingModule;

/** Reviews to predict below which no fit is tried (fsrs-rs itself keeps the defaults below 8 training items). */
export const MIN_REVIEWS = 100;
/**
 * Below this many reviews to predict, only the four initial stabilities (w0-w3) are taken from the fit and the other
 * weights stay FSRS-6's defaults: they are what a few hundred first answers can pin down, where the other 17 weights
 * would follow the noise (fsrs-rs itself fits only these four below 64 training items).
 */
export const FULL_FIT_REVIEWS = 1000;
/** The earlier part of the reviews that trains; the later rest tests. */
export const TRAIN_SHARE = 0.8;
/** Relative drop in test log loss the fitted parameters must reach to be adopted. */
export const ADOPTION_MARGIN = 0.01;
/** A kind of card with fewer test reviews than this is not scored apart (too noisy to say anything). */
export const MIN_KIND_TEST = 30;

/** As many relearning steps as the scheduler takes (it runs with ts-fsrs's default steps: one of 10 minutes). */
export const RELEARNING_STEPS = default_relearning_steps.length;

export interface Evaluation {
  logLoss: number;
  rmseBins: number;
  reviews: number;
}

export interface EvaluationByKind {
  all: Evaluation;
  recall: Evaluation | null;
  choice: Evaluation | null;
}

export type OptimizeResult =
  | { status: "too-little"; reviews: number; needed: number }
  | {
      status: "kept" | "adopted";
      /** Reviews to predict in all, in the training part and in the test part. */
      reviews: number;
      trainReviews: number;
      testReviews: number;
      /** The first test review's time. */
      testFrom: string;
      /** Fitted on the training part; evaluated against the defaults. */
      trainParameters: number[];
      /** Adopted: fitted on all reviews, the set to store. Kept: the defaults. */
      parameters: number[];
      /** Only the four initial stabilities were fitted (too few reviews for the rest). */
      partialFit: boolean;
      evaluation: { default: EvaluationByKind; fitted: EvaluationByKind };
      /** Why the fitted set was kept or adopted, in a sentence. */
      reason: string;
      /** Kinds of card the adopted set predicts worse than the defaults do. */
      worseFor: CardKind[];
    };

export type LoadedBinding = { binding: Binding } | { error: string };

/** Loads the native optimizer; only optimize and simulate call this, so nothing else depends on it loading. */
export async function loadBinding(): Promise<LoadedBinding> {
  try {
    const binding = (await import("@open-spaced-repetition/binding")) as Binding;
    if (typeof binding.computeParameters !== "function" || typeof binding.FSRSBinding !== "function") {
      return { error: "the FSRS optimizer package loaded without its functions" };
    }
    return { binding };
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { error: `the FSRS optimizer (@open-spaced-repetition/binding) cannot load on ${process.platform}-${process.arch} (${why})` };
  }
}

/** Converts items to the binding's, building each card's reviews once. */
function toBindingItems(binding: Binding, items: readonly TrainingItem[]): BindingModule.FSRSBindingItem[] {
  const reviewsOf = new Map<CardHistory, BindingModule.FSRSBindingReview[]>();
  return items.map((it) => {
    let reviews = reviewsOf.get(it.history);
    if (!reviews) {
      reviews = itemReviews(it.history).map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT));
      reviewsOf.set(it.history, reviews);
    }
    return new binding.FSRSBindingItem(reviews.slice(0, it.end + 1));
  });
}

function evaluate(binding: Binding, w: readonly number[], items: readonly TrainingItem[], converted: BindingModule.FSRSBindingItem[]): EvaluationByKind {
  const model = new binding.FSRSBinding([...w]);
  const score = (pick: (it: TrainingItem) => boolean, min: number): Evaluation | null => {
    const chosen = converted.filter((_, i) => pick(items[i]!));
    if (chosen.length < Math.max(min, 1)) return null;
    const e = model.evaluate(chosen);
    return { logLoss: e.logLoss, rmseBins: e.rmseBins, reviews: chosen.length };
  };
  return {
    all: score(() => true, 1)!,
    recall: score((it) => it.kind === "recall", MIN_KIND_TEST),
    choice: score((it) => it.kind === "choice", MIN_KIND_TEST),
  };
}

export interface OptimizeOptions {
  /** Called as fsrs-rs trains: stage, and progress from 0 to 1. */
  progress?: (stage: "train" | "all", done: number) => void;
}

const better = (fitted: Evaluation, base: Evaluation): boolean =>
  fitted.logLoss <= base.logLoss * (1 - ADOPTION_MARGIN) && fitted.rmseBins <= base.rmseBins;

/** Fits, evaluates and decides. Pure apart from the binding's work: nothing is stored here. */
export async function optimize(binding: Binding, histories: readonly CardHistory[], options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const items = trainingItems(histories);
  if (items.length < MIN_REVIEWS) return { status: "too-little", reviews: items.length, needed: MIN_REVIEWS };
  const { train, test } = splitByTime(items, TRAIN_SHARE);
  // Converted once (it costs more than a fit): the split keeps time order, so train then test is every item.
  const converted = toBindingItems(binding, [...train, ...test]);
  const trainItems = converted.slice(0, train.length);
  const testItems = converted.slice(train.length);
  const partialFit = items.length < FULL_FIT_REVIEWS;
  const fit = async (set: BindingModule.FSRSBindingItem[], stage: "train" | "all"): Promise<number[]> => {
    const w = await binding.computeParameters(set, {
      enableShortTerm: true,
      numRelearningSteps: RELEARNING_STEPS,
      // How often the binding reports progress, in ms; it also waits up to this long after the fit before returning.
      timeout: 50,
      progress: (current, total) => {
        if (total > 0) options.progress?.(stage, Math.min(1, current / total));
      },
    });
    return storableParameters(partialFit ? [...w.slice(0, 4), ...DEFAULT_PARAMETERS.slice(4)] : w);
  };
  const trainParameters = await fit(trainItems, "train");
  const evaluation = {
    default: evaluate(binding, DEFAULT_PARAMETERS, test, testItems),
    fitted: evaluate(binding, trainParameters, test, testItems),
  };
  const base = {
    reviews: items.length,
    trainReviews: train.length,
    testReviews: test.length,
    testFrom: new Date(test[0]?.at ?? 0).toISOString(),
    trainParameters,
    partialFit,
    evaluation,
  };
  const d = evaluation.default.all;
  const f = evaluation.fitted.all;
  const drop = d.logLoss > 0 ? (d.logLoss - f.logLoss) / d.logLoss : 0;
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const later = `the later ${test.length.toLocaleString("en-US")} reviews`;
  if (!better(f, d)) {
    const why =
      f.logLoss > d.logLoss * (1 - ADOPTION_MARGIN)
        ? `the fitted parameters lower the log loss on ${later} by ${pct(drop)}, less than the ${pct(ADOPTION_MARGIN)} required`
        : `the fitted parameters raise RMSE(bins) on ${later} (${f.rmseBins.toFixed(4)} against ${d.rmseBins.toFixed(4)})`;
    return { status: "kept", ...base, parameters: [...DEFAULT_PARAMETERS], reason: why, worseFor: [] };
  }
  const worseFor: CardKind[] = [];
  for (const kind of ["recall", "choice"] as const) {
    const dk = evaluation.default[kind];
    const fk = evaluation.fitted[kind];
    if (dk && fk && fk.logLoss > dk.logLoss) worseFor.push(kind);
  }
  const parameters = await fit(converted, "all");
  return {
    status: "adopted",
    ...base,
    parameters,
    reason: `the fitted parameters lower the log loss on ${later} by ${pct(drop)} (at least ${pct(ADOPTION_MARGIN)} required) without raising RMSE(bins)`,
    worseFor,
  };
}
