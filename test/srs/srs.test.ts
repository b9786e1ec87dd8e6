import fc from "fast-check";
import { fsrs } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { formatInterval } from "../../src/srs/interval.js";
import { LEECH_LAPSES, RATINGS, type CardState, type SchedulerSettings } from "../../src/srs/model.js";
import { createScheduler, outcomeOf } from "../../src/srs/scheduler.js";
import { reviewedCard } from "../helpers/cards.js";

const now = new Date("2026-03-10T12:00:00Z");
const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });

const reviewed = (daysAgo: number, stability: number): CardState => reviewedCard(now, daysAgo, stability);

describe("scheduler", () => {
  it("previews four outcomes for a new card, each later than the one before, with learning steps", () => {
    const o = scheduler.preview(undefined, now);
    expect(o.again.intervalMs).toBe(60_000);
    expect(o.hard.intervalMs).toBeGreaterThan(o.again.intervalMs);
    expect(o.good.intervalMs).toBe(10 * 60_000);
    expect(o.easy.intervalMs).toBeGreaterThan(86_400_000);
    expect(o.good.card.phase).toBe("learning");
    expect(o.easy.card.phase).toBe("review");
  });

  it("gives shorter intervals when the desired retention is higher", () => {
    const card = reviewed(10, 10);
    const strict = createScheduler({ desiredRetention: 0.95, fuzz: false }).preview(card, now).good.intervalMs;
    const loose = createScheduler({ desiredRetention: 0.8, fuzz: false }).preview(card, now).good.intervalMs;
    expect(strict).toBeLessThan(loose);
  });

  it("computes the same outcome every time for the same card and moment, fuzz included", () => {
    const fuzzy = createScheduler({ desiredRetention: 0.9, fuzz: true });
    const card = reviewed(30, 30);
    expect(fuzzy.preview(card, now).good).toEqual(fuzzy.preview(card, now).good);
  });

  it("works out one rating's outcome exactly as the preview shows it, in every phase, with fuzz and with an exam", () => {
    const settings: SchedulerSettings[] = [
      { desiredRetention: 0.9, fuzz: false },
      { desiredRetention: 0.85, fuzz: true },
      { desiredRetention: 0.9, fuzz: false, exam: { date: "2026-03-24", minutesPerDay: 30, target: 0.97 } },
      { desiredRetention: 0.9, fuzz: true, exam: { date: "2026-04-30", minutesPerDay: 30, target: 0.95 } },
    ];
    const schedulers = settings.map(createScheduler);
    const phase = fc.constantFrom<CardState["phase"]>("learning", "review", "relearning");
    const card = fc.option(
      fc.record({ daysAgo: fc.double({ min: 0, max: 200, noNaN: true }), stability: fc.double({ min: 0.1, max: 400, noNaN: true }), phase, steps: fc.nat(2), lapses: fc.nat(9) }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.nat(settings.length - 1), card, fc.integer({ min: -12 * 3_600_000, max: 12 * 3_600_000 }), (k, spec, shift) => {
        const at = new Date(now.getTime() + shift);
        const c = spec && { ...reviewed(spec.daysAgo, spec.stability), phase: spec.phase, learningSteps: spec.steps, lapses: spec.lapses };
        const all = schedulers[k]!.preview(c, at);
        for (const rating of RATINGS) {
          expect(schedulers[k]!.outcome!(c, at, rating)).toEqual(all[rating]);
          expect(outcomeOf(schedulers[k]!, c, at, rating)).toEqual(all[rating]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("gives the recall probability of FSRS's forgetting curve at the real, fractional time since the last review", () => {
    const engine = fsrs({ request_retention: 0.9, enable_fuzz: false, enable_short_term: true });
    const at = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(at, at, fc.double({ min: 0.01, max: 36_500, noNaN: true }), fc.constantFrom("learning", "review", "relearning"), (last, moment, stability, phase) => {
        const card: CardState = { ...reviewed(0, 1), lastReview: new Date(last).toISOString(), stability, phase: phase as CardState["phase"] };
        const days = Math.max(0, (moment - last) / 86_400_000);
        expect(scheduler.retrievability(card, new Date(moment))).toBe(engine.forgetting_curve(days, +stability.toFixed(8)));
      }),
      { numRuns: 1000 },
    );
    expect(scheduler.retrievability({ ...reviewed(3, 5), phase: "new" }, now)).toBe(0);
  });

  it("rates a card of stability 0.3 reviewed 20 hours ago below the desired retention, not as fully recalled", () => {
    const card: CardState = { ...reviewed(20 / 24, 0.3), phase: "relearning" };
    // Whole days would make it 0 days and a recall probability of 1.
    expect(scheduler.retrievability(card, now)).toBeLessThan(0.9);
    expect(scheduler.retrievability(card, now)).toBeGreaterThan(0);
  });

  it("marks a card a leech once it has lapsed 8 times", () => {
    const card = { ...reviewed(5, 5), lapses: LEECH_LAPSES - 1 };
    expect(scheduler.preview(card, now).good.card.leech).toBeUndefined();
    expect(scheduler.preview(card, now).again.card.leech).toBe(true);
    expect(scheduler.preview(card, now).again.card.lapses).toBe(LEECH_LAPSES);
  });

  it("keeps suspension through a review", () => {
    expect(scheduler.preview({ ...reviewed(1, 1), suspended: true }, now).good.card.suspended).toBe(true);
  });
});

describe("intervals", () => {
  it("prints intervals the way a rating button shows them", () => {
    expect([60_000, 600_000, 3 * 3_600_000, 86_400_000 * 4, 86_400_000 * 75, 86_400_000 * 365 * 1.5].map(formatInterval)).toEqual([
      "1m",
      "10m",
      "3h",
      "4d",
      "2.5mo",
      "1.5y",
    ]);
  });
});
