// The pace of new cards toward an exam, and the exam date as the student may type it.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newCardPace, reviewLimit } from "../../src/srs/exam-pace.js";
import { examDateFrom, examDateRange } from "../../src/srs/exam-goal.js";
import { EXAM_RULE } from "../../src/srs/exam-rule.js";

/** Days of study following the pace, recomputed each morning; `missed` days study nothing. New cards per day. */
function follow(unseen: number, daysLeft: number, missed: ReadonlySet<number> = new Set()): number[] {
  const perDay: number[] = [];
  for (let day = 0; day <= daysLeft; day++) {
    const n = missed.has(day) ? 0 : Math.min(unseen, newCardPace(unseen, daysLeft - day).newPerDay);
    perDay.push(n);
    unseen -= n;
  }
  return perDay;
}

describe("newCardPace", () => {
  it("introduces every card before the final window, with a day of margin", () => {
    // 150 cards over the 27 days before the window and its margin: 6 a day, recomputed each day (6 for 15 days, then
    // 5), so new cards come on all 27; with fewer cards than days, one a day on as many days as cards.
    expect(newCardPace(150, 30)).toEqual({ newPerDay: Math.ceil(150 / (30 - EXAM_RULE.windowDays - 1)), introductionDays: 27 });
    expect(newCardPace(150, 42)).toEqual({ newPerDay: 4, introductionDays: 39 });
    expect(newCardPace(10, 30)).toEqual({ newPerDay: 1, introductionDays: 10 });
    expect(newCardPace(0, 30)).toEqual({ newPerDay: 0, introductionDays: 0 });
    expect(newCardPace(0, 30).newPerDay).toBe(0);
    // Inside the window every card left is for today: no later day can take it.
    expect(newCardPace(7, EXAM_RULE.windowDays).newPerDay).toBe(7);
    expect(newCardPace(7, 1).newPerDay).toBe(7);
    // Exam day is no study day of the plan: no new cards on it, nor after it.
    expect(newCardPace(7, 0)).toEqual({ newPerDay: 0, introductionDays: 0 });
    expect(newCardPace(7, -2)).toEqual({ newPerDay: 0, introductionDays: 0 });
  });

  it("followed day by day, sees every card before the window and never more than the first day's pace", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: EXAM_RULE.windowDays + 2, max: 120 }), (unseen, daysLeft) => {
        const perDay = follow(unseen, daysLeft);
        const lastIntroDay = daysLeft - EXAM_RULE.windowDays - 2;
        expect(perDay.slice(0, lastIntroDay + 1).reduce((a, b) => a + b, 0)).toBe(unseen);
        expect(Math.max(0, ...perDay)).toBe(newCardPace(unseen, daysLeft).newPerDay);
        // The days it gives are the days on which cards are introduced.
        expect(perDay.filter((n) => n > 0).length).toBe(newCardPace(unseen, daysLeft).introductionDays);
      }),
    );
  });

  it("absorbs missed days over the days left: after a gap the pace rises to an even share, never a pile-up on one day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 2000 }), fc.integer({ min: 20, max: 120 }), fc.integer({ min: 1, max: 10 }), (unseen, daysLeft, gap) => {
        const missed = new Set(Array.from({ length: gap }, (_, i) => i + 2));
        const perDay = follow(unseen, daysLeft, missed);
        const back = 2 + gap;
        const left = unseen - perDay.slice(0, back).reduce((a, b) => a + b, 0);
        const even = Math.ceil(left / Math.max(1, daysLeft - back - EXAM_RULE.windowDays - 1));
        // The day back takes an even share of what is left, not the missed days' cards on top of its own.
        expect(perDay[back]).toBe(Math.min(left, even));
        expect(Math.max(...perDay.slice(back))).toBeLessThanOrEqual(even);
      }),
    );
  });
});

describe("examDateFrom", () => {
  // Local times, as the student's clock has them: the exam starts at 09:00 on its date.
  const morning = new Date(2026, 11, 1, 8);
  const afternoon = new Date(2026, 11, 1, 17);
  const date = (text: string, now = afternoon) => {
    const r = examDateFrom(text, now);
    return r.ok ? r.date : r.why;
  };

  it("takes a date as it is, or days and weeks from today", () => {
    expect(date("2027-01-15")).toBe("2027-01-15");
    expect(date("+6w")).toBe("2027-01-12");
    expect(date("+45d")).toBe("2027-01-15");
    expect(date("+45")).toBe("2027-01-15");
    expect(date("in 45 days")).toBe("2027-01-15");
    expect(date("in 1 week", new Date(2028, 1, 25, 12))).toBe("2028-03-03");
    expect(date(" IN 2 Weeks ")).toBe("2026-12-15");
  });

  it("refuses anything else, naming the dates it takes", () => {
    for (const bad of ["soon", "+6x", "-3d", "in days", "6w", "+", "in 3 months", "2027-2-3"]) expect(date(bad)).toBe("unreadable");
    // Written as a date, a day the calendar does not have is said to be that.
    for (const bad of ["2027-02-30", "2027-13-01", "2027-02-29", "2027-00-10", "2027-04-31"]) expect(examDateFrom(bad, afternoon)).toMatchObject({ ok: false, why: "no-such-day", date: bad });
    expect(date("2028-02-29")).toBe("2028-02-29");
    expect(examDateFrom("soon", afternoon)).toEqual({ ok: false, why: "unreadable", range: { earliest: "2026-12-02", latest: "2029-12-01" } });
  });

  it("takes today only until the exam's hour, and nothing past", () => {
    expect(date("+0", morning)).toBe("2026-12-01");
    expect(date("2026-12-01", morning)).toBe("2026-12-01");
    expect(examDateRange(morning).earliest).toBe("2026-12-01");
    for (const today of ["+0", "in 0 days", "2026-12-01"]) expect(date(today)).toBe("started");
    expect(examDateFrom("2026-11-30", afternoon)).toMatchObject({ ok: false, why: "past", date: "2026-11-30" });
    expect(date("+1")).toBe("2026-12-02");
  });

  it("counts days from the date on the clock, after midnight too, though the study day is still the day before", () => {
    const night = new Date(2026, 11, 2, 1, 30);
    expect(date("+0", night)).toBe("2026-12-02");
    expect(date("+1", night)).toBe("2026-12-03");
    expect(date("in 1 week", night)).toBe("2026-12-09");
    expect(examDateFrom("2026-12-01", night)).toMatchObject({ ok: false, why: "past", date: "2026-12-01" });
    expect(examDateRange(night)).toEqual({ earliest: "2026-12-02", latest: "2029-12-02" });
  });

  it("takes dates up to three years ahead, however they are written, and no further", () => {
    expect(examDateRange(afternoon)).toEqual({ earliest: "2026-12-02", latest: "2029-12-01" });
    expect(date("2029-12-01")).toBe("2029-12-01");
    expect(date("+1096d")).toBe("2029-12-01");
    for (const far of ["2029-12-02", "+1097d", "+157w", "9999-12-31", "2600-01-01", "+99999d", "+10000w", "in 99999999999999999999 days"]) expect(date(far)).toBe("too-far");
    // The 29th of February three years on is the 1st of March.
    expect(examDateRange(new Date(2028, 1, 29, 12)).latest).toBe("2031-03-01");
  });
});

describe("reviewLimit", () => {
  const exam = { date: "2027-02-09", minutesPerDay: 90, target: 0.97 };

  it("lifts reviewsPerDay while an exam is ahead, up to the end of its day, and keeps it otherwise", () => {
    expect(reviewLimit(200, undefined, new Date(2027, 0, 10, 18))).toBe(200);
    expect(reviewLimit(200, exam, new Date(2027, 0, 10, 18))).toBeGreaterThan(1e9);
    // Exam day, after its start: the study day is still the exam's.
    expect(reviewLimit(200, exam, new Date(2027, 1, 9, 20))).toBeGreaterThan(1e9);
    // The next study day (from 04:00 after the exam's date): the exam is over.
    expect(reviewLimit(200, exam, new Date(2027, 1, 10, 3, 59))).toBeGreaterThan(1e9);
    expect(reviewLimit(200, exam, new Date(2027, 1, 10, 4, 0))).toBe(200);
  });
});
