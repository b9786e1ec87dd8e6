import { describe, expect, it } from "vitest";
import { syntheticLog, SAMPLE_TRUE_WEIGHTS } from "../../src/analysis/learner.js";
import { checkFittedParameters, checkParameterList, DEFAULT_PARAMETERS, FSRS6_BOUNDS, storableParameters } from "../../src/srs/fsrs-parameters.js";
import { historiesOf } from "../../src/srs/history.js";
import { recomputeCards, replayHistory } from "../../src/srs/memory.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { checkProgress, emptyProgress } from "../../src/store/schema.js";

const log = syntheticLog({ cards: 40, days: 40, newPerDay: 4, seed: 3, trueWeights: SAMPLE_TRUE_WEIGHTS });
const histories = historiesOf(log.records);
const DAY_MS = 86_400_000;

describe("memory states recomputed from history", () => {
  it("replaying a card's history under the parameters it was scheduled with gives back the state the quiz stored", () => {
    const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: true });
    for (const h of histories) expect(replayHistory(h, scheduler), h.questionId).toEqual(log.cards[h.questionId]);
  });

  it("under new parameters, every studied card gets the stability they give, and its due date follows", () => {
    const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false, parameters: SAMPLE_TRUE_WEIGHTS });
    const cards = { ...log.cards, "a-suspended-one": { ...log.cards["card-0"]!, suspended: true } };
    const suspendedHistory = { ...histories.find((h) => h.questionId === "card-0")!, questionId: "a-suspended-one" };
    const { cards: out, changed } = recomputeCards(cards, [...histories, suspendedHistory], scheduler);
    expect(changed).toBe(Object.keys(cards).length);
    let moved = 0;
    for (const h of histories) {
      const before = log.cards[h.questionId]!;
      const after = out[h.questionId]!;
      expect(after.reps).toBe(h.reviews.length);
      expect(after.lastReview).toBe(new Date(h.reviews[h.reviews.length - 1]!.at).toISOString());
      if (after.stability !== before.stability) moved++;
      if (after.phase === "review") {
        // The due date is the new interval after the last review: longer, since these weights forget more slowly.
        const interval = (Date.parse(after.due) - Date.parse(after.lastReview!)) / DAY_MS;
        expect(interval).toBe(after.scheduledDays);
      }
    }
    expect(moved).toBe(histories.length);
    expect(out["a-suspended-one"]!.suspended).toBe(true);
    const meanInterval = (cs: typeof out) => histories.reduce((n, h) => n + cs[h.questionId]!.scheduledDays, 0) / histories.length;
    expect(meanInterval(out)).toBeGreaterThan(meanInterval(log.cards));
  });

  it("keeps cards without history as they are, and does not bring back a card that has no progress any more", () => {
    const gone = histories[0]!.questionId;
    const cards = { ...log.cards };
    delete cards[gone];
    cards["no-history"] = { ...log.cards[histories[1]!.questionId]! };
    const { cards: out, withoutHistory } = recomputeCards(cards, histories, createScheduler({ desiredRetention: 0.9, fuzz: false, parameters: SAMPLE_TRUE_WEIGHTS }));
    expect(out[gone]).toBeUndefined();
    expect(out["no-history"]).toEqual(cards["no-history"]);
    expect(withoutHistory).toBe(1);
  });
});

describe("a stored parameter set", () => {
  const good = { w: [...DEFAULT_PARAMETERS], fittedAt: "2026-03-01T10:00:00.000Z", reviews: 2400 };

  it("round-trips through the progress file's check", () => {
    const p = emptyProgress();
    p.settings.fsrs = good;
    const back = JSON.parse(JSON.stringify(p));
    expect(checkProgress(back)).toBeUndefined();
    expect(back.settings.fsrs).toEqual(good);
  });

  it("is refused when malformed: wrong length, out of FSRS-6's bounds, not finite, no date or count", () => {
    const bad: [unknown, RegExp][] = [
      [{ ...good, w: DEFAULT_PARAMETERS.slice(0, 19) }, /has 19 weights; FSRS-6 has 21/],
      [{ ...good, w: [...DEFAULT_PARAMETERS.slice(0, 20), 0.05] }, /weight 20 is 0.05, outside/],
      [{ ...good, w: [-1, ...DEFAULT_PARAMETERS.slice(1)] }, /weight 0/],
      [{ ...good, w: [...DEFAULT_PARAMETERS.slice(0, 4), 11, ...DEFAULT_PARAMETERS.slice(5)] }, /weight 4 is 11/],
      [{ ...good, w: [null, ...DEFAULT_PARAMETERS.slice(1)] }, /weight 0 is not a finite number/],
      [{ ...good, w: "0.2,1.3" }, /not a list/],
      [{ ...good, fittedAt: "yesterday" }, /fittedAt/],
      [{ ...good, reviews: -3 }, /reviews/],
      [[1, 2, 3], /not an object/],
    ];
    for (const [fsrs, why] of bad) {
      expect(checkFittedParameters(fsrs)).toMatch(why);
      const p = emptyProgress() as unknown as { settings: Record<string, unknown> };
      p.settings.fsrs = fsrs;
      expect(checkProgress(p)).toEqual({ kind: "shape", detail: expect.stringMatching(why) });
    }
  });

  it("from the optimizer's 32-bit floats, is brought inside the bounds before it is stored", () => {
    const lows = FSRS6_BOUNDS.map(([lo]) => Math.fround(lo) - 1e-9);
    expect(checkParameterList(lows)).toBeDefined();
    expect(checkParameterList(storableParameters(lows))).toBeUndefined();
  });
});
