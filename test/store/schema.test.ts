import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PHASES } from "../../src/srs/model.js";
import { checkCard, checkProgress, checkSettings, DEFAULT_SETTINGS, emptyProgress, isWellFormedCard, versionOf } from "../../src/store/schema.js";

const goodCard = {
  due: "2026-03-01T10:00:00.000Z",
  stability: 4.2,
  difficulty: 5.1,
  elapsedDays: 3,
  scheduledDays: 7,
  learningSteps: 0,
  reps: 3,
  lapses: 1,
  phase: "review",
  lastReview: "2026-02-22T10:00:00.000Z",
};

// Values a hand-edited or damaged progress file could hold in any field.
const oddValue = fc.constantFrom<unknown>(
  undefined, null, "", "x", "3", 0, -1, 1.5, 2, Number.NaN, Number.POSITIVE_INFINITY, [], {}, true,
  "2026-13-01T10:00:00.000Z", "2026-02-30", "2026-02-28T24:00:00Z", "2026-02-28T23:59:59Z", "2026-02-28T23:59:59.123456789Z",
  ...PHASES, "Review", "suspended",
);
const card = fc.oneof(
  fc.constant<unknown>(goodCard),
  fc
    .array(fc.tuple(fc.constantFrom(...Object.keys(goodCard)), oddValue), { minLength: 1, maxLength: 3 })
    .map((changes) => {
      const c: Record<string, unknown> = { ...goodCard };
      for (const [k, v] of changes) {
        if (v === undefined) delete c[k];
        else c[k] = v;
      }
      return c;
    }),
  oddValue,
);

describe("the card check at start-up", () => {
  it("accepts exactly the cards the detailed check accepts", () => {
    fc.assert(
      fc.property(card, (c) => {
        expect(isWellFormedCard(c)).toBe(checkCard("id", c) === undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses a progress file with one bad card among many, naming the card and the field", () => {
    const cards: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) cards[`q-${i}`] = { ...goodCard };
    cards["q-250"] = { ...goodCard, lapses: -1 };
    const problem = checkProgress({ ...emptyProgress(), cards });
    expect(problem).toEqual({ kind: "shape", detail: "card q-250 has a bad lapses" });
  });

  it("never shows a schemaVersion too large for a number as null: as written when the text has it, else described", () => {
    const text = '{"cards": {}, "schemaVersion": -1e400}';
    expect(versionOf(JSON.parse(text), text)).toEqual({ bad: "has schemaVersion -1e400, which is no version cogquiz writes (whole numbers 0 to 1)" });
    expect(versionOf({ schemaVersion: Number.POSITIVE_INFINITY })).toEqual({
      bad: "has a schemaVersion too large for a number (over 1.8e308), which is no version cogquiz writes (whole numbers 0 to 1)",
    });
  });
});

describe("the exam check", () => {
  const exam = {
    id: "exam-1", startedAt: "2026-03-01T10:00:00.000Z", endedAt: "2026-03-01T11:00:00.000Z", status: "submitted",
    minutes: 130, passScore: 720, seed: 7, total: 2, correct: 1, scaled: 550, passed: false, byTopic: {}, answers: [],
  };

  it("takes an exam as cogquiz saves one, a retake's time of more than a day too", () => {
    expect(checkProgress({ ...emptyProgress(), exams: [exam, { ...exam, minutes: 2000 }] })).toBeUndefined();
  });

  it.each([
    ["scaled", 1e308], ["scaled", 99], ["scaled", 1001], ["passScore", 50], ["passScore", 720.5], ["minutes", 0], ["minutes", -5], ["seed", -1], ["seed", 1.5],
  ])("refuses %s %s, a number no exam has, rather than showing it in the history", (key, value) => {
    expect(checkProgress({ ...emptyProgress(), exams: [{ ...exam, [key]: value }] })).toEqual({ kind: "shape", detail: `exam 1 has a bad ${key}` });
  });
});

describe("checkSettings", () => {
  it("names the daily limit that is wrong, as it names every other setting", () => {
    for (const bad of [-5, "abc", 1.5, 1_000_000, null]) {
      expect(checkSettings({ ...DEFAULT_SETTINGS, newPerDay: bad })).toBe("settings.newPerDay is not a whole number from 0 to 999999");
      expect(checkSettings({ ...DEFAULT_SETTINGS, reviewsPerDay: bad })).toBe("settings.reviewsPerDay is not a whole number from 0 to 999999");
    }
    expect(checkSettings({ ...DEFAULT_SETTINGS })).toBeUndefined();
  });
});
