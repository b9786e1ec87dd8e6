// FSRS-6 parameters: their bounds, the check a stored set must pass, and how a fitted set is made safe to store.

import { CLAMP_PARAMETERS, W17_W18_Ceiling, default_w } from "ts-fsrs";
import { CARD_KINDS, type CardKind, type FittedParameters } from "./model.js";

/** FSRS-6 has 21 weights. */
export const FSRS6_LENGTH = 21;

/** FSRS-6's defaults, the parameters every student starts with. */
export const DEFAULT_PARAMETERS: readonly number[] = [...default_w];

/**
 * The bounds of each weight, as ts-fsrs clamps them with short-term memory on (cogquiz always schedules with it):
 * a set outside them is not one FSRS would ever use, so a stored one is refused rather than silently clamped.
 */
export const FSRS6_BOUNDS: readonly (readonly [number, number])[] = CLAMP_PARAMETERS(W17_W18_Ceiling, true).map(([lo, hi]) => [lo!, hi!] as const);

/** What is wrong with a parameter list, or undefined when it is a usable FSRS-6 set. */
export function checkParameterList(w: unknown): string | undefined {
  if (!Array.isArray(w)) return "is not a list of numbers";
  if (w.length !== FSRS6_LENGTH) return `has ${w.length} weights; FSRS-6 has ${FSRS6_LENGTH}`;
  for (const [i, x] of w.entries()) {
    if (typeof x !== "number" || !Number.isFinite(x)) return `weight ${i} is not a finite number`;
    const [lo, hi] = FSRS6_BOUNDS[i]!;
    if (x < lo || x > hi) return `weight ${i} is ${x}, outside FSRS-6's range ${lo}..${hi}`;
  }
  return undefined;
}

const isCount = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/**
 * The check `settings.fsrs` of a progress file must pass: 21 finite weights within FSRS-6's bounds, the time of the
 * fit, and the number of reviews it came from. Returns what is wrong, or undefined.
 */
export function checkFittedParameters(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "settings.fsrs is not an object";
  const f = v as Record<string, unknown>;
  const bad = checkParameterList(f.w);
  if (bad) return `settings.fsrs.w ${bad}`;
  if (typeof f.fittedAt !== "string" || !ISO_TIME.test(f.fittedAt) || Number.isNaN(Date.parse(f.fittedAt))) {
    return "settings.fsrs.fittedAt is not a time";
  }
  if (!isCount(f.reviews)) return "settings.fsrs.reviews is not a count";
  if (f.kinds !== undefined) {
    if (typeof f.kinds !== "object" || f.kinds === null || Array.isArray(f.kinds)) return "settings.fsrs.kinds is not an object";
    for (const [kind, set] of Object.entries(f.kinds)) {
      const at = `settings.fsrs.kinds.${kind}`;
      if (!CARD_KINDS.includes(kind as CardKind)) return `settings.fsrs.kinds holds ${JSON.stringify(kind)}, which is no kind of card (${CARD_KINDS.join(", ")})`;
      if (typeof set !== "object" || set === null || Array.isArray(set)) return `${at} is not an object`;
      const k = set as Record<string, unknown>;
      const badSet = checkParameterList(k.w);
      if (badSet) return `${at}.w ${badSet}`;
      if (!isCount(k.reviews)) return `${at}.reviews is not a count`;
    }
  }
  return undefined;
}

/**
 * A set as the optimizer returns it (32-bit floats, such as 0.0099999998 for a bound of 0.01), rounded to six
 * decimals and brought inside the bounds, so that it passes `checkParameterList` once stored.
 */
export function storableParameters(w: readonly number[]): number[] {
  return FSRS6_BOUNDS.map(([lo, hi], i) => {
    const x = Math.round((w[i] ?? DEFAULT_PARAMETERS[i]!) * 1e6) / 1e6;
    return Math.min(hi, Math.max(lo, x));
  });
}

/** Whether a multiple-choice question is scheduled by fitted parameters (its kind's own set, or a fitted common set). */
export function choiceParametersFitted(f: FittedParameters | undefined): boolean {
  if (!f) return false;
  if (f.kinds?.choice) return true;
  return f.w.some((x, i) => Math.abs(x - DEFAULT_PARAMETERS[i]!) > 1e-6);
}

/** The record stored in settings after a fit; `kinds` holds the sets fitted to one kind alone, if any. */
export function fittedRecord(w: readonly number[], fittedAt: Date, reviews: number, kinds: Partial<Record<CardKind, { w: readonly number[]; reviews: number }>> = {}): FittedParameters {
  const out: FittedParameters = { w: storableParameters(w), fittedAt: fittedAt.toISOString(), reviews };
  for (const kind of CARD_KINDS) {
    const k = kinds[kind];
    if (k) (out.kinds ??= {})[kind] = { w: storableParameters(k.w), reviews: k.reviews };
  }
  return out;
}
