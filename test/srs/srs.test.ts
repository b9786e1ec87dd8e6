import fc from "fast-check";
import { fsrs } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { dayKey } from "../../src/srs/day.js";
import { formatInterval } from "../../src/srs/interval.js";
import { LEECH_LAPSES, type CardState } from "../../src/srs/model.js";
import { buildQueue } from "../../src/srs/queue.js";
import { createScheduler } from "../../src/srs/scheduler.js";

const now = new Date("2026-03-10T12:00:00Z");
const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });

function reviewed(daysAgo: number, stability: number): CardState {
  const last = new Date(now.getTime() - daysAgo * 86_400_000);
  return {
    due: new Date(last.getTime() + stability * 86_400_000).toISOString(),
    stability,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: Math.round(stability),
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    phase: "review",
    lastReview: last.toISOString(),
  };
}

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

  it("gives the recall probability ts-fsrs gives, for any card and moment", () => {
    const engine = fsrs({ request_retention: 0.9, enable_fuzz: false, enable_short_term: true });
    const at = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(at, at, fc.double({ min: 0.01, max: 36_500, noNaN: true }), fc.constantFrom("learning", "review", "relearning"), (last, moment, stability, phase) => {
        const card: CardState = { ...reviewed(0, 1), lastReview: new Date(last).toISOString(), stability, phase: phase as CardState["phase"] };
        const when = new Date(moment);
        const theirs = engine.get_retrievability(
          { due: new Date(card.due), stability, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: 3, lapses: 0, state: ["new", "learning", "review", "relearning"].indexOf(phase), last_review: new Date(last) },
          when,
          false,
        );
        expect(scheduler.retrievability(card, when)).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
    expect(scheduler.retrievability({ ...reviewed(3, 5), phase: "new" }, now)).toBe(0);
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

describe("queue", () => {
  const cards: Record<string, CardState> = {
    weak: reviewed(40, 5),
    strong: reviewed(3, 2),
    middling: reviewed(12, 6),
    later: reviewed(1, 30),
    paused: { ...reviewed(40, 5), suspended: true },
  };
  const ids = ["new1", "weak", "new2", "strong", "middling", "later", "paused", "new3"];
  const limits = { newPerDay: 20, reviewsPerDay: 200, newToday: 0, reviewsToday: 0 };

  it("shows due cards with the lowest recall probability first, then new cards in bank order", () => {
    const q = buildQueue(ids, (id) => cards[id], now, limits, scheduler);
    expect(q.due).toEqual(["weak", "middling", "strong"]);
    expect(q.fresh).toEqual(["new1", "new2", "new3"]);
  });

  it("keeps to what is left of the daily limits, and to --new and --limit", () => {
    expect(buildQueue(ids, (id) => cards[id], now, { ...limits, newToday: 19, reviewsToday: 198 }, scheduler)).toEqual({
      due: ["weak", "middling"],
      fresh: ["new1"],
    });
    expect(buildQueue(ids, (id) => cards[id], now, { ...limits, newToday: 20, newOverride: 2 }, scheduler).fresh).toEqual(["new1", "new2"]);
    expect(buildQueue(ids, (id) => cards[id], now, { ...limits, sessionLimit: 4 }, scheduler)).toEqual({
      due: ["weak", "middling", "strong"],
      fresh: ["new1"],
    });
  });

  it("counts a card due exactly when its due time has come, however its date is written", () => {
    // toISOString's form, and the other forms a hand-edited file may hold: no fraction, or a longer one.
    const forms = (ms: number): string[] => {
      const iso = new Date(ms).toISOString();
      return [iso, iso.replace(/\.\d{3}Z$/, "Z"), iso.replace(/Z$/, "999Z"), iso.replace(/\.(\d)\d\dZ$/, ".$1Z")];
    };
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), fc.nat(3), (offset, form) => {
        const due = forms(now.getTime() + offset)[form]!;
        const q = buildQueue(["c"], () => ({ ...reviewed(3, 2), due }), now, limits, scheduler);
        expect(q.due.length === 1).toBe(Date.parse(due) <= now.getTime());
      }),
      { numRuns: 500 },
    );
  });
});

describe("study days and intervals", () => {
  it("rolls the day over at 04:00 local time", () => {
    expect(dayKey(new Date(2026, 2, 10, 3, 59))).toBe("2026-03-09");
    expect(dayKey(new Date(2026, 2, 10, 4, 0))).toBe("2026-03-10");
    expect(dayKey(new Date(2026, 2, 10, 23, 59))).toBe("2026-03-10");
  });

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

describe("new-card mixing", () => {
  it("takes new cards from each group in turn, keeping the order inside a group", async () => {
    const { interleave } = await import("../../src/srs/queue.js");
    const group = (id: string) => id[0]!;
    expect(interleave(["a1", "a2", "a3", "b1", "c1", "c2"], group)).toEqual(["a1", "b1", "c1", "a2", "c2", "a3"]);
    const q = buildQueue(["a1", "a2", "b1", "b2"], () => undefined, now, { newPerDay: 3, reviewsPerDay: 9, newToday: 0, reviewsToday: 0 }, scheduler, group);
    expect(q.fresh).toEqual(["a1", "b1", "a2"]);
  });
});
