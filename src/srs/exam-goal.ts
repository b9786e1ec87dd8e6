// The exam goal's rules, written once: the progress file's check, `cogquiz plan` and `config set` use them.

import { addDays } from "./day.js";
import { findGuideId } from "./exam-guides-ids.js";

export const EXAM_MINUTES = { min: 1, max: 1440, default: 30 } as const;
export const EXAM_TARGET = { min: 0.7, max: 0.995, default: 0.97 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

/** What is wrong with a stored exam goal, or undefined when it is well formed. The schema check calls this. */
export function checkExamGoal(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "settings.exam is not an object";
  const e = v as Record<string, unknown>;
  if (typeof e.date !== "string" || !isCalendarDate(e.date)) return "settings.exam.date is not a YYYY-MM-DD date";
  if (typeof e.minutesPerDay !== "number" || !Number.isFinite(e.minutesPerDay) || e.minutesPerDay < EXAM_MINUTES.min || e.minutesPerDay > EXAM_MINUTES.max) {
    return `settings.exam.minutesPerDay is not a number of minutes from ${EXAM_MINUTES.min} to ${EXAM_MINUTES.max}`;
  }
  if (typeof e.target !== "number" || !Number.isFinite(e.target) || e.target < EXAM_TARGET.min || e.target > EXAM_TARGET.max) {
    return `settings.exam.target is not a recall from ${EXAM_TARGET.min} to ${EXAM_TARGET.max}`;
  }
  if (e.guide !== undefined && (typeof e.guide !== "string" || !findGuideId(e.guide))) return "settings.exam.guide is not a known exam guide";
  if (e.ownNewPerDay !== undefined && e.ownNewPerDay !== true) return "settings.exam.ownNewPerDay is not true";
  return undefined;
}

/** Days or weeks from today, as `--exam` takes them: "+45d", "+6w", "+45", "in 45 days", "in 6 weeks". */
const RELATIVE = /^(?:\+\s*(\d{1,4})\s*([dw])?|in\s+(\d{1,4})\s+(days?|weeks?))$/i;

/**
 * The exam's date from what the student typed: a YYYY-MM-DD date as it is, or a number of days or weeks from the
 * study day `today`. Undefined when it is neither.
 */
export function examDateFrom(text: string, today: string): string | undefined {
  const t = text.trim();
  if (isCalendarDate(t)) return t;
  const m = RELATIVE.exec(t);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[3]);
  const weeks = /^w/i.test(m[2] ?? m[4] ?? "d");
  return addDays(today, n * (weeks ? 7 : 1));
}
