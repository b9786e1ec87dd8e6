// A study day starts at 04:00 local time, so a late-night session counts toward the day it began.

export const DAY_STARTS_AT_HOUR = 4;

/** The study day `now` falls in, as YYYY-MM-DD in local time. */
export function dayKey(now: Date): string {
  const shifted = new Date(now.getTime() - DAY_STARTS_AT_HOUR * 3_600_000);
  const y = shifted.getFullYear();
  const m = String(shifted.getMonth() + 1).padStart(2, "0");
  const d = String(shifted.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
