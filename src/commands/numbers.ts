// The numbers commands take in their options and settings, read one way everywhere: whole numbers, and decimals
// for minutes and recall. A value out of range is refused with the range, so a value over the limit is told it.

import { UsageError } from "./exit.js";

/** The largest whole number an option takes when it names no range of its own: nine digits. */
const WHOLE_NUMBER_MAX = 999_999_999;

/**
 * A whole number from `range.min` to `range.max`; anything else is refused with the range it takes (and `or`, what
 * else it takes), so a value over the limit is told the limit.
 */
export function wholeNumber(flag: string, value: string | undefined, range: { min: number; max: number } = { min: 0, max: WHOLE_NUMBER_MAX }, or?: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,15}$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!(n >= range.min && n <= range.max)) throw new UsageError(`${flag} takes a whole number from ${range.min} to ${range.max}${or ? `, or ${or}` : ""} (got "${value}")`);
  return n;
}

/**
 * A number written in decimal digits, a fraction allowed ("30", "0.85", ".85"), or NaN: what `Number` also reads
 * ("0x10" as 16, "1e1" as 10, "+5", " 5") is not a value a person means for minutes or a recall.
 */
function decimalNumber(value: string): number {
  return /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * A decimal number (see `decimalNumber`) from `range.min` to `range.max`, or above `range.min` with `above` (minutes:
 * a fraction of one, never none); anything else is refused with the range, written as `range.shown` has it if given.
 */
export function decimalIn(flag: string, value: string, range: { min: number; max: number; above?: boolean; shown?: [string, string] }): number {
  const n = decimalNumber(value);
  const [min, max] = range.shown ?? [String(range.min), String(range.max)];
  if (range.above ? !(n > range.min && n <= range.max) : !(n >= range.min && n <= range.max)) {
    throw new UsageError(`${flag} takes a number ${range.above ? `above ${min} and at most ${max}` : `from ${min} to ${max}`} (got "${value}")`);
  }
  return n;
}

/** A count that must be at least 1, such as `--limit` (a session of 0 cards is a mistake, not a request). */
export function positiveNumber(flag: string, value: string | undefined): number | undefined {
  return wholeNumber(flag, value, { min: 1, max: WHOLE_NUMBER_MAX });
}
