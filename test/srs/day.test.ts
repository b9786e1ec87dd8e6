import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { addDays, dayKey, dayStart, daysBetween, fromStudyClock, toStudyClock } from "../../src/srs/day.js";
import type { CardState } from "../../src/srs/model.js";
import { createScheduler } from "../../src/srs/scheduler.js";

// Node applies a change of process.env.TZ at once; each test sets the zone it needs and puts it back.
const originalTz = process.env.TZ;
function inZone(tz: string): void {
  process.env.TZ = tz;
}
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const ZONES = ["UTC", "America/Los_Angeles", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Chatham"];

describe("study days", () => {
  it("rolls the day over at 04:00 local time", () => {
    inZone("Europe/Berlin");
    expect(dayKey(new Date(2026, 2, 10, 3, 59))).toBe("2026-03-09");
    expect(dayKey(new Date(2026, 2, 10, 4, 0))).toBe("2026-03-10");
    expect(dayKey(new Date(2026, 2, 10, 23, 59))).toBe("2026-03-10");
    expect(dayKey(new Date(2026, 0, 1, 1, 0))).toBe("2025-12-31");
  });

  it("keeps the boundary at 04:00 on the wall clock on daylight-saving days (New York)", () => {
    inZone("America/New_York");
    // Spring forward, 8 March 2026, 02:00 EST → 03:00 EDT: the night is an hour short.
    expect(dayKey(new Date("2026-03-08T07:30:00Z"))).toBe("2026-03-07"); // 03:30 EDT
    expect(dayKey(new Date("2026-03-08T07:59:59Z"))).toBe("2026-03-07"); // 03:59 EDT
    expect(dayKey(new Date("2026-03-08T08:00:00Z"))).toBe("2026-03-08"); // 04:00 EDT
    expect(dayStart("2026-03-08").toISOString()).toBe("2026-03-08T08:00:00.000Z");
    // Fall back, 1 November 2026, 02:00 EDT → 01:00 EST: the night is an hour long.
    expect(dayKey(new Date("2026-11-01T08:30:00Z"))).toBe("2026-10-31"); // 03:30 EST
    expect(dayKey(new Date("2026-11-01T09:00:00Z"))).toBe("2026-11-01"); // 04:00 EST
    expect(dayStart("2026-11-01").toISOString()).toBe("2026-11-01T09:00:00.000Z");
  });

  it("keeps the boundary at 04:00 on the wall clock on daylight-saving days (Berlin)", () => {
    inZone("Europe/Berlin");
    // 29 March 2026, 02:00 CET → 03:00 CEST; 25 October 2026, 03:00 CEST → 02:00 CET.
    expect(dayKey(new Date("2026-03-29T01:30:00Z"))).toBe("2026-03-28"); // 03:30 CEST
    expect(dayKey(new Date("2026-03-29T02:00:00Z"))).toBe("2026-03-29"); // 04:00 CEST
    expect(dayKey(new Date("2026-10-25T02:30:00Z"))).toBe("2026-10-24"); // 03:30 CET
    expect(dayKey(new Date("2026-10-25T03:00:00Z"))).toBe("2026-10-25"); // 04:00 CET
  });

  it("puts every instant in the study day that starts at or before it and ends after it, in any zone", () => {
    for (const tz of ZONES) {
      inZone(tz);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }), (ms) => {
          const t = new Date(ms);
          const day = dayKey(t);
          expect(dayStart(day).getTime()).toBeLessThanOrEqual(ms);
          expect(dayStart(addDays(day, 1)).getTime()).toBeGreaterThan(ms);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("counts calendar days between study days", () => {
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
    expect(daysBetween("2026-03-02", "2026-02-27")).toBe(-3);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("the study clock", () => {
  it("dates each instant by its study day and comes back to the same instant, in any zone", () => {
    for (const tz of ZONES) {
      inZone(tz);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }), (ms) => {
          const t = new Date(ms);
          const s = toStudyClock(t);
          expect(s.toISOString().slice(0, 10)).toBe(dayKey(t));
          // Only the extra hour of a 25-hour day is squeezed; every other instant comes back exactly.
          const intoDay = ms - dayStart(dayKey(t)).getTime();
          if (intoDay < 86_400_000) expect(fromStudyClock(s).getTime()).toBe(ms);
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe("elapsed days follow the study day", () => {
  const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
  const reviewCard = (last: Date): CardState => ({
    due: new Date(last.getTime() + 5 * 86_400_000).toISOString(),
    stability: 5,
    difficulty: 5,
    elapsedDays: 3,
    scheduledDays: 5,
    learningSteps: 0,
    reps: 4,
    lapses: 0,
    phase: "review",
    lastReview: last.toISOString(),
  });

  it("two answers 20 minutes apart across UTC midnight are the same day, in UTC−8, UTC+13 and others", () => {
    for (const tz of ["America/Los_Angeles", "Pacific/Auckland", "Pacific/Kiritimati", "Asia/Kolkata", "America/New_York"]) {
      inZone(tz);
      const first = new Date("2027-01-04T23:50:00Z");
      const second = new Date("2027-01-05T00:10:00Z");
      expect(dayKey(first), tz).toBe(dayKey(second));
      const after = scheduler.preview(reviewCard(first), second).good.card;
      expect(after.elapsedDays, tz).toBe(0);
      // As stable as a same-day review makes it: the same outcome as ten minutes after the first answer.
      const sameHour = scheduler.preview(reviewCard(first), new Date(first.getTime() + 60_000)).good.card;
      expect(after.stability, tz).toBeCloseTo(sameHour.stability, 6);
    }
  });

  it("two answers either side of 04:00 local are a day apart, wherever UTC midnight falls", () => {
    for (const tz of ZONES) {
      inZone(tz);
      const first = new Date(2027, 0, 5, 3, 50);
      const second = new Date(2027, 0, 5, 4, 10);
      expect(scheduler.preview(reviewCard(first), second).good.card.elapsedDays, tz).toBe(1);
    }
  });

  it("schedules a review for the due study day, at the same time into it, and stores real times", () => {
    for (const tz of ZONES) {
      inZone(tz);
      const at = new Date(2027, 0, 5, 21, 0);
      const good = scheduler.preview(reviewCard(new Date(2027, 0, 1, 21, 0)), at).good;
      expect(good.card.lastReview).toBe(at.toISOString());
      const days = good.card.scheduledDays;
      expect(dayKey(new Date(good.card.due)), tz).toBe(addDays(dayKey(at), days));
      // Learning steps stay by the minute.
      expect(scheduler.preview(undefined, at).good.intervalMs).toBe(10 * 60_000);
    }
  });
});

describe("outcomes on the study clock", () => {
  const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: true });
  it("keep a review due on its study day when that day is 23 hours long (answered at 03:30, due on a spring-forward day)", () => {
    inZone("America/New_York");
    const now = new Date(2026, 2, 4, 3, 30); // study day 3 March, 23.5 hours into it
    const card: CardState = { due: now.toISOString(), stability: 4, difficulty: 5, elapsedDays: 0, scheduledDays: 4, learningSteps: 0, reps: 3, lapses: 0, phase: "review", lastReview: new Date(2026, 1, 28, 3, 30).toISOString() };
    for (const r of Object.values(scheduler.preview(card, now))) {
      if (r.card.phase === "review") expect(dayKey(new Date(r.card.due))).toBe(addDays("2026-03-03", r.card.scheduledDays));
    }
    // Straight at the edge: 8 March is 23 hours long; 23.5 hours into it is already the 9th.
    expect(dayKey(fromStudyClock(new Date(Date.UTC(2026, 2, 8) + 23.5 * 3_600_000)))).toBe("2026-03-08");
  });

  it("stay in order, in the future, and due on the study day their interval names, in any zone", () => {
    for (const tz of ["America/Los_Angeles", "Pacific/Kiritimati", "Europe/Berlin"]) {
      inZone(tz);
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }),
          fc.double({ min: 0.1, max: 400, noNaN: true }),
          fc.double({ min: 0.05, max: 60, noNaN: true }),
          fc.constantFrom<CardState["phase"]>("learning", "review", "relearning"),
          (ms, stability, daysAgo, phase) => {
            const now = new Date(ms);
            const last = new Date(ms - daysAgo * 86_400_000);
            const card: CardState = { due: now.toISOString(), stability, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 3, lapses: 0, phase, lastReview: last.toISOString() };
            const o = scheduler.preview(card, now);
            expect(o.again.intervalMs).toBeLessThanOrEqual(o.hard.intervalMs);
            expect(o.hard.intervalMs).toBeLessThanOrEqual(o.good.intervalMs);
            expect(o.good.intervalMs).toBeLessThanOrEqual(o.easy.intervalMs);
            for (const r of [o.again, o.hard, o.good, o.easy]) {
              expect(r.intervalMs).toBeGreaterThan(0);
              expect(r.card.lastReview).toBe(now.toISOString());
              if (r.card.phase === "review") expect(dayKey(new Date(r.card.due))).toBe(addDays(dayKey(now), r.card.scheduledDays));
            }
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});
