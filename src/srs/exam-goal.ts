// The exam goal's rules, written once: the progress file's check, `cogquiz plan` and `config set` use them.

import { addDays, calendarDate, daysBetween } from "./day.js";
import { findGuideId } from "./exam-guides-ids.js";
import type { ExamGoal } from "./model.js";

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

/** The exam's settings as `config` names them, each with the `plan` option that sets it. */
export const EXAM_SETTINGS = { exam: "exam", minutesPerDay: "minutes", target: "target", guide: "guide" } as const;
export type ExamSettingKey = keyof typeof EXAM_SETTINGS;

/** An exam setting's value as `config get` prints it: undefined when no exam (or no guide) is set. */
export function examSetting(goal: ExamGoal | undefined, key: ExamSettingKey): string | undefined {
  if (!goal) return undefined;
  const value = key === "exam" ? goal.date : goal[key];
  return value === undefined ? undefined : String(value);
}

/** The exam's hour, local time, on its date: reviews after it do not count toward it. */
export const EXAM_HOUR = 9;
/** The exam's hour as the screens write it: "09:00". */
export const EXAM_HOUR_TEXT = `${String(EXAM_HOUR).padStart(2, "0")}:00`;

/** The exam's start as a local time: `date` at EXAM_HOUR. */
export function examMoment(date: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d, EXAM_HOUR);
}

/**
 * How far ahead an exam can be set. An AWS certification is valid for three years, and AWS replaces an exam's version
 * every two to three years (DVA-C01 → DVA-C02, SCS-C02 → SCS-C03), so a plan further out aims at a guide that will
 * not exist; and the plan forecasts every day until the exam.
 */
export const EXAM_YEARS_AHEAD = 3;

/** The dates an exam can be set for, from and to (both included). */
export interface ExamDateRange {
  earliest: string;
  latest: string;
}

/**
 * From `now`: today while the exam's hour today is still ahead, otherwise tomorrow; to the same date EXAM_YEARS_AHEAD
 * years after today (the 1st of March for the 29th of February). Today is the date on the clock: an exam's date is a
 * date on the calendar, so at 01:30 on the 3rd, "today" and "+1" mean the 3rd and the 4th, though the study day is
 * still the 2nd's.
 */
export function examDateRange(now: Date): ExamDateRange {
  const today = calendarDate(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return {
    earliest: now < examMoment(today) ? today : addDays(today, 1),
    latest: new Date(Date.UTC(y + EXAM_YEARS_AHEAD, m - 1, d)).toISOString().slice(0, 10),
  };
}

/** Days or weeks from today, as `--exam` takes them: "+45d", "+6w", "+45", "in 45 days", "in 6 weeks". */
const RELATIVE = /^(?:\+\s*(\d+)\s*([dw])?|in\s+(\d+)\s+(days?|weeks?))$/i;

/** An exam date the student typed: the date, or why it cannot be one (with the range it must be in). */
export type ExamDateChoice =
  | { ok: true; date: string }
  | { ok: false; why: "unreadable" | "no-such-day" | "past" | "started" | "too-far"; range: ExamDateRange; date?: string };

/**
 * The exam's date from what the student typed at `now`: a YYYY-MM-DD date as it is, or a number of days or weeks
 * from today's date on the clock; refused when it is neither, when it is past (today counts until the exam's hour),
 * or when it is more than EXAM_YEARS_AHEAD years ahead.
 */
export function examDateFrom(text: string, now: Date): ExamDateChoice {
  const range = examDateRange(now);
  const today = calendarDate(now);
  const t = text.trim();
  let date: string | undefined;
  if (isCalendarDate(t)) date = t;
  else {
    // Written as a date, but a day the calendar does not have (2027-02-30, 2027-13-01): said as such.
    if (DATE.test(t)) return { ok: false, why: "no-such-day", range, date: t };
    const m = RELATIVE.exec(t);
    if (!m) return { ok: false, why: "unreadable", range };
    const days = Number(m[1] ?? m[3]) * (/^w/i.test(m[2] ?? m[4] ?? "d") ? 7 : 1);
    // Compared as a count before it becomes a date: +99999999999d is no date a Date can hold.
    if (days > daysBetween(today, range.latest)) return { ok: false, why: "too-far", range };
    date = addDays(today, days);
  }
  if (date < today) return { ok: false, why: "past", range, date };
  if (date < range.earliest) return { ok: false, why: "started", range, date };
  if (date > range.latest) return { ok: false, why: "too-far", range, date };
  return { ok: true, date };
}
