// Study days. A study day starts at 04:00 local wall-clock time, so a late-night session counts toward the day it
// began. The boundary is wall-clock: on a daylight-saving day it is still 04:00 on the clock, and the day is 23 or
// 25 hours long.
//
// FSRS counts elapsed days as calendar days in UTC. To make it count study days instead, the scheduler hands it
// times on the "study clock": the UTC date is the study day and the time of day is the time since that day began.

export const DAY_STARTS_AT_HOUR = 4;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a year, month (1-12) and day. */
function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function parse(day: string): [number, number, number] {
  // Study-day keys are always YYYY-MM-DD; slicing them is many times cheaper than split and map, and the queue and
  // the scheduler ask this for every card they look at.
  if (day.length === 10) return [+day.slice(0, 4), +day.slice(5, 7), +day.slice(8, 10)];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

/** Epoch ms of 04:00 local on a date given by numbers (month 0-11; days past the month's end roll over). */
function startMs(y: number, month0: number, d: number): number {
  return new Date(y, month0, d, DAY_STARTS_AT_HOUR, 0, 0, 0).getTime();
}

/** The date on the clock at `now`, YYYY-MM-DD in local time, whatever the study day. */
export function calendarDate(now: Date): string {
  return format(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The study day `now` falls in, as YYYY-MM-DD in local time: before 04:00 on the clock it is still yesterday. */
export function dayKey(now: Date): string {
  // From 04:00 on, the study day is the calendar date: no second date to build.
  if (now.getHours() >= DAY_STARTS_AT_HOUR) return calendarDate(now);
  const local = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  return format(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

/** The calendar day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parse(day);
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return date.toISOString().slice(0, 10);
}

/** Whole study days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parse(a);
  const [yb, mb, db] = parse(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** The instant a study day begins: 04:00 local on its date (the first instant after, should 04:00 not exist). */
export function dayStart(day: string): Date {
  const [y, m, d] = parse(day);
  return new Date(startMs(y, m - 1, d));
}

/**
 * `t` on the study clock: the UTC calendar date is t's study day, the time of day the time elapsed since that day
 * began (capped just short of 24 hours, which only the extra hour of a 25-hour day reaches).
 */
export function toStudyClock(t: Date): Date {
  // dayKey and dayStart in numbers, without the strings between them (from 04:00 on, t's own date).
  const local = t.getHours() >= DAY_STARTS_AT_HOUR ? t : new Date(t.getFullYear(), t.getMonth(), t.getDate() - 1);
  const y = local.getFullYear();
  const m = local.getMonth();
  const d = local.getDate();
  const into = Math.min(Math.max(0, t.getTime() - startMs(y, m, d)), DAY_MS - 1);
  return new Date(Date.UTC(y, m, d) + into);
}

/**
 * Back from the study clock to real time: that study day's start plus the time into it, kept inside the study day
 * (a 23-hour day has no 23:30 into it), so a review stays due on the study day its interval names.
 */
export function fromStudyClock(t: Date): Date {
  const ms = t.getTime();
  const midnight = Math.floor(ms / DAY_MS) * DAY_MS;
  const utc = new Date(midnight);
  const y = utc.getUTCFullYear();
  const m = utc.getUTCMonth();
  const d = utc.getUTCDate();
  const end = startMs(y, m, d + 1) - 1;
  return new Date(Math.min(startMs(y, m, d) + (ms - midnight), end));
}
