import { describe, expect, it } from "vitest";
import { syntheticLog, SAMPLE_TRUE_WEIGHTS } from "../../src/analysis/learner.js";
import { checkFittedParameters, checkParameterList, DEFAULT_PARAMETERS, FSRS6_BOUNDS, storableParameters } from "../../src/srs/fsrs-parameters.js";
import { historiesOf } from "../../src/srs/history.js";
import { memoryEngine, recomputeCards } from "../../src/srs/memory.js";
import { checkProgress, emptyProgress } from "../../src/store/schema.js";

const log = syntheticLog({ cards: 40, days: 40, newPerDay: 4, seed: 3, trueWeights: SAMPLE_TRUE_WEIGHTS });
const histories = historiesOf(log.records);
const DAY_MS = 86_400_000;

describe("memory states recomputed from history", () => {
  it("under the parameters a card was scheduled with, gives back the stability and difficulty the quiz stored", () => {
    const engine = memoryEngine(DEFAULT_PARAMETERS, 0.9);
    for (const [c, id] of histories.ids.entries()) {
      const m = engine.memoryOf(histories, c);
      expect(m.stability, id).toBeCloseTo(log.cards[id]!.stability, 9);
      expect(m.difficulty, id).toBeCloseTo(log.cards[id]!.difficulty, 9);
    }
  });

  it("under new parameters, every studied card gets the memory state they give, and a card in review its interval", () => {
    const engine = memoryEngine(SAMPLE_TRUE_WEIGHTS, 0.9);
    const cards = { ...log.cards, "a-suspended-one": { ...log.cards["card-0"]!, suspended: true } };
    // The same answers once more, under the suspended card's id.
    const withSuspended = historiesOf([...log.records, ...log.records.filter((r) => r.questionId === "card-0").map((r) => ({ ...r, reviewId: `s-${r.reviewId}`, questionId: "a-suspended-one" }))]);
    const { cards: out, changed } = recomputeCards(cards, withSuspended, () => engine);
    expect(changed).toBe(Object.keys(cards).length);
    for (const [c, id] of histories.ids.entries()) {
      const before = log.cards[id]!;
      const after = out[id]!;
      expect(after.stability).not.toBe(before.stability);
      expect(after.stability).toBe(engine.memoryOf(histories, c).stability);
      // What the ratings decide stays: phase, reps, lapses, the last review.
      expect([after.phase, after.reps, after.lapses, after.lastReview]).toEqual([before.phase, before.reps, before.lapses, before.lastReview]);
      if (after.phase === "review") {
        expect(after.scheduledDays).toBe(engine.intervalOf(after.stability));
        expect((Date.parse(after.due) - Date.parse(after.lastReview!)) / DAY_MS).toBe(after.scheduledDays);
      }
    }
    expect(out["a-suspended-one"]!.suspended).toBe(true);
    // These weights forget more slowly than the defaults: intervals grow.
    const review = histories.ids.filter((id) => log.cards[id]!.phase === "review");
    expect(review.length).toBeGreaterThan(10);
    const mean = (cs: typeof out) => review.reduce((n, id) => n + cs[id]!.scheduledDays, 0) / review.length;
    expect(mean(out)).toBeGreaterThan(mean(log.cards));
  });

  it("keeps cards without history as they are, and does not bring back a card that has no progress any more", () => {
    const gone = histories.ids[0]!;
    const cards = { ...log.cards };
    delete cards[gone];
    cards["no-history"] = { ...log.cards[histories.ids[1]!]! };
    const engine = memoryEngine(SAMPLE_TRUE_WEIGHTS, 0.9);
    const { cards: out, withoutHistory } = recomputeCards(cards, histories, () => engine);
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
