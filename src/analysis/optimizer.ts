// Fitting FSRS-6 to the student's own history with fsrs-rs (through @open-spaced-repetition/binding), and deciding
// from held-out later reviews whether the fitted parameters predict recall better than the defaults.
//
// The decision, in one place:
// - fewer than MIN_REVIEWS reviews to predict (reviews of a card on a later study day than its previous one): no fit;
// - otherwise the earliest TRAIN_SHARE of those reviews train, the later ones test; the default and the fitted
//   parameters are both scored on the test part (log loss and RMSE over bins, as fsrs-rs computes them:
//   `evaluateParameters`, ours, since the binding's version that has a build for every platform has no evaluate);
// - the fitted set is adopted when its test log loss is at least ADOPTION_MARGIN lower (relatively) than the
//   defaults' and its RMSE(bins) is no higher; it is then fitted again on all the reviews, and that set is stored;
// - recall cards and multiple-choice questions are also fitted apart, each on its own training reviews (a guessed
//   right answer is a floor that recall cards do not have): a kind gets a set of its own when that set beats, by the
//   same margin on the kind's own test reviews, both the defaults and the all-cards fit; it is then fitted again on
//   all of that kind's reviews. A kind without a set of its own uses the all-cards set (or the defaults).

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as BindingModule from "@open-spaced-repetition/binding";
import { default_relearning_steps } from "ts-fsrs";
import { DEFAULT_PARAMETERS, storableParameters } from "../srs/fsrs-parameters.js";
import { evaluateParameters, type Evaluation } from "./fsrs-evaluation.js";
import { CARD_KINDS, deltaDays, splitByTime, trainingItems, type CardKind, type Histories, type TrainingItems } from "../srs/history.js";

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
/** A kind of card with fewer test reviews than this is not scored or fitted apart (too noisy to say anything). */
export const MIN_KIND_TEST = 30;

/** As many relearning steps as the scheduler takes (it runs with ts-fsrs's default steps: one of 10 minutes). */
export const RELEARNING_STEPS = default_relearning_steps.length;

export type { Evaluation } from "./fsrs-evaluation.js";

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
      /** The all-cards set was adopted (status "adopted" may also come from a kind's own set alone). */
      allAdopted: boolean;
      /** Why the all-cards set was kept or adopted, in a sentence. */
      reason: string;
      /** Kinds of card the adopted set predicts worse than the defaults do. */
      worseFor: CardKind[];
      /** Each kind fitted apart; null when there is only one kind, or too few of one to fit and score apart. */
      kinds: Record<CardKind, KindFit | null>;
    };

/** A kind of card fitted on its own. */
export interface KindFit {
  trainReviews: number;
  testReviews: number;
  /** Fitted on the kind's training reviews. */
  trainParameters: number[];
  partialFit: boolean;
  /** That set on the kind's test reviews (to set against `evaluation.default[kind]` and `evaluation.fitted[kind]`). */
  evaluation: Evaluation;
  adopted: boolean;
  /** Why it was adopted or not, in a sentence. */
  reason: string;
  /** Adopted: fitted again on all of the kind's reviews, the set to store for it. */
  parameters?: number[];
  /** Adopted: the reviews of the kind that set came from. */
  reviews?: number;
}

export type LoadedBinding = { binding: Binding; build: string } | { error: string };

/** The optimizer's build for every platform the registry serves it on (it has no `evaluate`; ours is used). */
export const PORTABLE_BUILD = "@open-spaced-repetition/binding";
/**
 * A later build of the same package (an npm alias, an optional dependency), whose fits are several times faster; the
 * registry serves its native part for linux x64 (glibc) only, so elsewhere the portable build fits. Set
 * COGQUIZ_OPTIMIZER_BUILD=portable to fit with the portable build where both are installed.
 */
export const FAST_BUILD = "fsrs-binding-0.5";

/** Loads the native optimizer; only optimize and simulate call this, so nothing else depends on it loading. */
export async function loadBinding(): Promise<LoadedBinding> {
  // CommonJS builds, through require: the bundled program (scripts/bundle.mjs) makes no dynamic import.
  const require = createRequire(import.meta.url);
  // The package's exports hide its package.json from require: walk up from its main file to the first one.
  const versionOf = (name: string): string => {
    try {
      let dir = dirname(require.resolve(name));
      for (;;) {
        const file = join(dir, "package.json");
        if (existsSync(file)) {
          const meta = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
          if (meta.name === PORTABLE_BUILD && typeof meta.version === "string") return meta.version;
        }
        const up = dirname(dir);
        if (up === dir) return "?";
        dir = up;
      }
    } catch {
      return "?";
    }
  };
  const usable = (b: Binding): boolean =>
    typeof b.computeParameters === "function" && typeof b.FSRSBindingItem === "function" && typeof b.FSRSBindingReview === "function";
  if (process.env.COGQUIZ_OPTIMIZER_BUILD !== "portable") {
    try {
      const fast = require(FAST_BUILD) as Binding;
      // Where its own native part is missing, its loader may take the portable build's platform package instead;
      // only its own has `evaluate` (which cogquiz does not call: this is how the two are told apart).
      const own = typeof (fast.FSRSBinding as unknown as { prototype?: { evaluate?: unknown } } | undefined)?.prototype?.evaluate === "function";
      if (own && usable(fast)) return { binding: fast, build: `${PORTABLE_BUILD}@${versionOf(FAST_BUILD)}` };
    } catch {
      // Not installed, or no build for this platform: the portable build fits.
    }
  }
  try {
    const binding = require(PORTABLE_BUILD) as Binding;
    if (!usable(binding)) return { error: "the FSRS optimizer package loaded without its functions" };
    return { binding, build: `${PORTABLE_BUILD}@${versionOf(PORTABLE_BUILD)}` };
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { error: `the FSRS optimizer (${PORTABLE_BUILD}) cannot load on ${process.platform}-${process.arch} (${why})` };
  }
}

type BindingItem = BindingModule.FSRSBindingItem;

/**
 * Items as the binding's: `convert(j)` gives item j. A review is a value (a grade and
 * a day count) and few distinct ones occur, so one binding review serves every review with the same pair: a million
 * reviews make a few hundred objects instead of a million.
 */
export function bindingItems(binding: Binding, h: Histories, items: TrainingItems): (j: number) => BindingItem {
  const shared = new Map<number, BindingModule.FSRSBindingReview>();
  const reviews = new Array<BindingModule.FSRSBindingReview>(h.answers);
  for (let c = 0; c < h.size; c++) {
    for (let i = h.start[c]!; i < h.start[c + 1]!; i++) {
      const grade = h.grade[i]!;
      const deltaT = deltaDays(h, c, i);
      const key = deltaT * 8 + grade;
      let r = shared.get(key);
      if (!r) {
        r = new binding.FSRSBindingReview(grade, deltaT);
        shared.set(key, r);
      }
      reviews[i] = r;
    }
  }
  return (j) => new binding.FSRSBindingItem(reviews.slice(h.start[items.card[j]!]!, items.end[j]! + 1));
}

/** Every item as the binding's, in the items' order. */
export function toBindingItems(binding: Binding, h: Histories, items: TrainingItems): BindingItem[] {
  const convert = bindingItems(binding, h, items);
  return Array.from({ length: items.length }, (_, j) => convert(j));
}

/** The items' positions from..to (end exclusive) whose card is of `kind` (all when undefined). */
function pick(h: Histories, items: TrainingItems, from: number, to: number, kind?: CardKind): number[] {
  const code = kind === undefined ? -1 : kind === "recall" ? 0 : 1;
  const out: number[] = [];
  for (let j = from; j < to; j++) if (code < 0 || h.kinds[items.card[j]!] === code) out.push(j);
  return out;
}

function score(w: readonly number[], h: Histories, items: TrainingItems, at: readonly number[], min: number): Evaluation | null {
  if (at.length < Math.max(min, 1)) return null;
  return evaluateParameters(w, h, items, at);
}

export interface OptimizeOptions {
  /** Called as fsrs-rs trains: on which part, and progress from 0 to 1 (of every fit running on that part). */
  progress?: (stage: FitStage, done: number) => void;
}

export interface FitStage {
  /** Fitting on the earlier (training) part, or again on all the reviews. */
  part: "train" | "all";
}

/** The adoption test `fitted` fails against `base`: too little lower log loss, or a higher RMSE(bins); or none. */
function failedTest(fitted: Evaluation, base: Evaluation): "logLoss" | "rmse" | undefined {
  if (fitted.logLoss > base.logLoss * (1 - ADOPTION_MARGIN)) return "logLoss";
  return fitted.rmseBins > base.rmseBins ? "rmse" : undefined;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const drop = (base: Evaluation, fitted: Evaluation): number => (base.logLoss > 0 ? (base.logLoss - fitted.logLoss) / base.logLoss : 0);

/** Why `fitted` is not better than `base` by the margin, or undefined when it is. */
function shortfall(fitted: Evaluation, base: Evaluation, against: string): string | undefined {
  const failed = failedTest(fitted, base);
  if (failed === "logLoss") return `against ${against} it lowers the log loss by ${pct(drop(base, fitted))}, less than the ${pct(ADOPTION_MARGIN)} required`;
  if (failed === "rmse") return `against ${against} it raises RMSE(bins) (${fitted.rmseBins.toFixed(4)} against ${base.rmseBins.toFixed(4)})`;
  return undefined;
}

/** Fits, evaluates and decides. Pure apart from the binding's work: nothing is stored here. */
export async function optimize(binding: Binding, histories: Histories, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const items = trainingItems(histories);
  if (items.length < MIN_REVIEWS) return { status: "too-little", reviews: items.length, needed: MIN_REVIEWS };
  const { train } = splitByTime(items, TRAIN_SHARE);
  const n = items.length;
  // Converted once (it costs more than a fit), each item when a fit first needs it: a fit runs on a worker thread
  // while the next one's items are converted, and the training fits run while the test part is scored under the
  // defaults (the scoring reads the histories, not the binding's items).
  const convert = bindingItems(binding, histories, items);
  const converted = new Array<BindingItem>(n);
  const ready = (at: readonly number[]): void => {
    for (const j of at) converted[j] ??= convert(j);
  };
  // Several fits run at once (the binding fits each on a thread of its own); their progress is reported as one, by
  // the items each has. Whether only w0-w3 are fitted goes by all the reviews of what is fitted, so that the set
  // evaluated and the set stored after the refit are fitted alike.
  const fits = async (part: FitStage["part"], jobs: { at: readonly number[] | "all"; partial: boolean }[]): Promise<number[][]> => {
    const sizes = jobs.map((j) => (j.at === "all" ? converted.length : j.at.length));
    const total = sizes.reduce((a, b) => a + b, 0);
    const done = jobs.map(() => 0);
    return Promise.all(
      jobs.map(async (job, i) => {
        if (job.at === "all") {
          for (let j = 0; j < n; j++) converted[j] ??= convert(j);
        } else ready(job.at);
        const set = job.at === "all" ? converted : job.at.map((j) => converted[j]!);
        const w = await binding.computeParameters(set, {
          enableShortTerm: true,
          numRelearningSteps: RELEARNING_STEPS,
          // How often the binding reports progress, in ms; it also waits up to this long after the fit before returning.
          timeout: 20,
          progress: (current, all) => {
            if (all <= 0) return;
            done[i] = Math.min(1, current / all) * sizes[i]!;
            options.progress?.({ part }, done.reduce((a, b) => a + b, 0) / Math.max(1, total));
          },
        });
        return storableParameters(job.partial ? [...w.slice(0, 4), ...DEFAULT_PARAMETERS.slice(4)] : w);
      }),
    );
  };
  const trainAt = pick(histories, items, 0, train);
  const testAt = pick(histories, items, train, n);
  const partialFit = n < FULL_FIT_REVIEWS;
  const testOf: Record<CardKind, number[]> = { recall: pick(histories, items, train, n, "recall"), choice: pick(histories, items, train, n, "choice") };
  const trainOf: Record<CardKind, number[]> = { recall: pick(histories, items, 0, train, "recall"), choice: pick(histories, items, 0, train, "choice") };
  const allOf: Record<CardKind, number[]> = { recall: [...trainOf.recall, ...testOf.recall], choice: [...trainOf.choice, ...testOf.choice] };
  // Each kind is fitted on its own too, when both kinds are there with enough reviews to fit and to score apart.
  const fitsApart = CARD_KINDS.every((k) => trainOf[k].length >= MIN_REVIEWS && testOf[k].length >= MIN_KIND_TEST);
  // The kinds' fits first: the all-cards fit then takes items already converted.
  const trainFits = fits("train", [
    ...(fitsApart ? CARD_KINDS.map((k) => ({ at: trainOf[k], partial: allOf[k].length < FULL_FIT_REVIEWS })) : []),
    { at: trainAt, partial: partialFit },
  ]);
  const evaluateWith = (w: readonly number[]): EvaluationByKind => ({
    all: score(w, histories, items, testAt, 1)!,
    recall: score(w, histories, items, testOf.recall, MIN_KIND_TEST),
    choice: score(w, histories, items, testOf.choice, MIN_KIND_TEST),
  });
  const byDefaults = evaluateWith(DEFAULT_PARAMETERS);
  const trainSets = await trainFits;
  const trainParameters = trainSets.pop()!;
  const ownTrain = trainSets;
  const evaluation = { default: byDefaults, fitted: evaluateWith(trainParameters) };
  const d = evaluation.default.all;
  const f = evaluation.fitted.all;
  const later = `the later ${testAt.length.toLocaleString("en-US")} reviews`;
  const failed = failedTest(f, d);
  const allAdopted = failed === undefined;
  const reason = allAdopted
    ? `the fitted parameters lower the log loss on ${later} by ${pct(drop(d, f))} (at least ${pct(ADOPTION_MARGIN)} required) without raising RMSE(bins)`
    : failed === "logLoss"
      ? `the fitted parameters lower the log loss on ${later} by ${pct(drop(d, f))}, less than the ${pct(ADOPTION_MARGIN)} required`
      : `the fitted parameters raise RMSE(bins) on ${later} (${f.rmseBins.toFixed(4)} against ${d.rmseBins.toFixed(4)})`;
  const worseFor: CardKind[] = [];
  if (allAdopted) {
    for (const kind of CARD_KINDS) {
      const dk = evaluation.default[kind];
      const fk = evaluation.fitted[kind];
      if (dk && fk && fk.logLoss > dk.logLoss) worseFor.push(kind);
    }
  }

  const kinds: Record<CardKind, KindFit | null> = { recall: null, choice: null };
  if (fitsApart) {
    for (const [i, kind] of CARD_KINDS.entries()) {
      const partial = allOf[kind].length < FULL_FIT_REVIEWS;
      const own = ownTrain[i]!;
      const e = score(own, histories, items, testOf[kind], MIN_KIND_TEST)!;
      const label = kind === "recall" ? "recall cards" : "multiple-choice questions";
      const why = shortfall(e, evaluation.default[kind]!, "the defaults") ?? shortfall(e, evaluation.fitted[kind]!, "the all-cards fit");
      kinds[kind] = {
        trainReviews: trainOf[kind].length,
        testReviews: testOf[kind].length,
        trainParameters: own,
        partialFit: partial,
        evaluation: e,
        adopted: why === undefined,
        reason:
          why === undefined
            ? `a set fitted to ${label} alone lowers their log loss by ${pct(drop(evaluation.default[kind]!, e))} against the defaults and ${pct(drop(evaluation.fitted[kind]!, e))} against the all-cards fit`
            : `a set fitted to ${label} alone is not better by the margin: ${why}`,
      };
    }
  }

  const base = {
    reviews: n,
    trainReviews: train,
    testReviews: n - train,
    testFrom: new Date(items.at[train] ?? 0).toISOString(),
    trainParameters,
    partialFit,
    evaluation,
    allAdopted,
    reason,
    worseFor,
    kinds,
  };
  const anyKind = CARD_KINDS.some((k) => kinds[k]?.adopted);
  if (!allAdopted && !anyKind) return { status: "kept", ...base, parameters: [...DEFAULT_PARAMETERS] };
  const refit = CARD_KINDS.filter((k) => kinds[k]?.adopted);
  const refitted = await fits("all", [
    ...(allAdopted ? [{ at: "all" as const, partial: partialFit }] : []),
    ...refit.map((k) => ({ at: allOf[k], partial: kinds[k]!.partialFit })),
  ]);
  const parameters = allAdopted ? refitted.shift()! : [...DEFAULT_PARAMETERS];
  for (const kind of refit) {
    const k = kinds[kind]!;
    k.parameters = refitted.shift()!;
    k.reviews = allOf[kind].length;
  }
  return { status: "adopted", ...base, parameters };
}
