import { describe, expect, it } from "vitest";
import { answerChance, computeReadiness, meanRecallTracker, predictedRecall } from "../../src/analysis/readiness.js";
import { reviewedCard } from "../helpers/cards.js";
import { findGuide } from "../../src/analysis/guides.js";
import { answerTimes, computePlan } from "../../src/analysis/plan.js";
import type { Question } from "../../src/content/model.js";
import type { CardState } from "../../src/srs/model.js";
import type { Scheduler } from "../../src/srs/scheduler.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import type { ReviewRecord } from "../../src/srs/records.js";

function mc(id: string, topic: string, domains?: string[]): Question {
  return {
    id, explicitId: true, topic: [topic], topicKey: topic, title: id, stem: id, tags: [], kind: "single",
    choices: [{ text: "a", correct: true }, { text: "b", correct: false }, { text: "c", correct: false }, { text: "d", correct: false }],
    references: [], source: { file: "x.md", line: 1 }, hasErrors: false, ...(domains ? { domains } : {}),
  } as Question;
}
const seenCard = { phase: "review" } as CardState;
/** A scheduler whose recall is set per card, so the figures can be checked by hand. */
const fixedRecall = (r: Record<string, number>): Scheduler => ({
  preview: () => { throw new Error("not used"); },
  retrievability: (c) => r[(c as CardState & { id: string }).id] ?? 0,
});
const cardsOf = (ids: string[]) => (id: string) => (ids.includes(id) ? ({ ...seenCard, id } as CardState) : undefined);

describe("the readiness a session shows on every card", () => {
  it("is computeReadiness's mean recall to the last bit as cards are answered, predicting again only the cards that changed", () => {
    const at = new Date(2027, 1, 9, 9);
    const now = new Date(2027, 0, 10, 10);
    const qs = Array.from({ length: 300 }, (_, i) => mc(`q${i}`, `T${i % 7}`));
    const cards: Record<string, CardState> = {};
    for (let i = 0; i < 300; i += 2) cards[`q${i}`] = reviewedCard(now, 1 + (i % 9), 2 + (i % 13));
    const base = createScheduler({ desiredRetention: 0.9, fuzz: false });
    let predictions = 0;
    const counting: Scheduler = { ...base, retrievability: (c, when, kind) => (predictions++, base.retrievability(c, when, kind)) };
    const card = (id: string) => cards[id];
    const mean = meanRecallTracker(qs, card, at, counting);
    const full = () => computeReadiness({ questions: qs, card, scheduler: base, at, fitted: false, seed: 1, forms: 0 }).meanRecall;
    expect(mean()).toBe(full());
    expect(predictions).toBe(150);
    // Three answers: three states replaced, three predictions.
    predictions = 0;
    for (const i of [1, 2, 299]) cards[`q${i}`] = reviewedCard(now, 0, 5 + i);
    expect(mean()).toBe(full());
    expect(predictions).toBe(3);
    predictions = 0;
    expect(mean()).toBe(full());
    expect(predictions).toBe(0);
  });
});

describe("readiness", () => {
  it("averages recall per topic, unseen cards counting as 0", () => {
    const qs = [mc("a", "T1"), mc("b", "T1"), mc("c", "T2")];
    const r = computeReadiness({ questions: qs, card: cardsOf(["a", "c"]), scheduler: fixedRecall({ a: 0.8, c: 0.5 }), at: new Date(0), fitted: false, seed: 1, forms: 200 });
    expect(r.topics).toEqual([
      { name: "T1", cards: 2, seen: 1, recall: 0.4 },
      { name: "T2", cards: 1, seen: 1, recall: 0.5 },
    ]);
    expect(r.meanRecall).toBeCloseTo((0.8 + 0 + 0.5) / 3, 10);
  });

  it("adds the guess for the unrecalled share with default parameters, and not again with fitted ones", () => {
    expect(answerChance(0.6, 0.25, false)).toBeCloseTo(0.6 + 0.4 * 0.25, 12);
    expect(answerChance(0.6, 0.25, true)).toBe(0.6);
    expect(predictedRecall(undefined, new Date(), createScheduler({ desiredRetention: 0.9, fuzz: false }))).toBe(0);
  });

  it("scores every form at 1000 when every card is certain, and at the guessing rate when nothing is known", () => {
    const qs = ["a", "b", "c", "d"].map((id) => mc(id, "T"));
    const sure = computeReadiness({ questions: qs, card: cardsOf(["a", "b", "c", "d"]), scheduler: fixedRecall({ a: 1, b: 1, c: 1, d: 1 }), at: new Date(0), fitted: false, seed: 1, forms: 100 });
    expect(sure.score).toMatchObject({ median: 1000, low: 1000, high: 1000, pPass: null });
    const none = computeReadiness({ questions: qs, card: () => undefined, scheduler: fixedRecall({}), at: new Date(0), fitted: false, seed: 1, forms: 4000 });
    // Four questions, each right by a 1/4 guess: the mean scaled score is 100 + 900/4 = 325.
    expect(none.score!.median).toBeGreaterThanOrEqual(100);
    expect(none.score!.high).toBeLessThanOrEqual(775);
  });

  it("names the guide's domains with no questions and gives no P(pass) unless the content covers the guide", () => {
    const guide = findGuide("dva-c02")!;
    const partial = [mc("a", "T", ["dva-c02:2.1"]), mc("b", "T", ["dva-c02:2.3"])];
    const r = computeReadiness({ questions: partial, card: cardsOf(["a", "b"]), scheduler: fixedRecall({ a: 0.9, b: 0.7 }), at: new Date(0), guide, fitted: true, seed: 1, forms: 100 });
    expect(r.guide!.covered).toBe(false);
    expect(r.guide!.missingDomains).toEqual(["Development with AWS Services", "Deployment", "Troubleshooting and Optimization"]);
    expect(r.guide!.domains.find((d) => d.id === "2")!.recall).toBeCloseTo(0.8, 12);
    expect(r.score!.pPass).toBeNull();
    const full = ["1.1", "2.1", "3.1", "4.1"].map((t, i) => mc(`q${i}`, "T", [`dva-c02:${t}`]));
    const all = computeReadiness({ questions: full, card: cardsOf(full.map((q) => q.id)), scheduler: fixedRecall({ q0: 1, q1: 1, q2: 1, q3: 1 }), at: new Date(0), guide, fitted: true, seed: 1, forms: 100 });
    expect(all.guide!.covered).toBe(true);
    expect(all.score!.pPass).toBe(1);
  });
});

describe("plan", () => {
  const review = (ms: number, extra: Partial<ReviewRecord> = {}): ReviewRecord => ({ kind: "review", v: 1, reviewId: String(ms), questionId: "q", at: "", day: "", rating: "good", correct: true, chosen: [], ms, source: "quiz", wasNew: false, before: null, after: seenCard, ...extra });

  it("takes the median answer time, leaving out idle answers and exam answers, with defaults before any", () => {
    expect(answerTimes([])).toEqual({ newMs: 60_000, reviewMs: 20_000, newAnswers: 0, reviewAnswers: 0 });
    const t = answerTimes([review(10_000), review(12_000), review(30_000), review(3_600_000), review(0, { source: "exam" }), review(40_000, { wasNew: true })]);
    expect(t.reviewMs).toBe(12_000);
    expect(t.reviewAnswers).toBe(3);
    expect(t.newMs).toBe(40_000);
  });

  it("paces new cards to introduce everything before the final window, and says when the minutes cannot fit", () => {
    const now = new Date(2027, 0, 1, 12);
    const ids = Array.from({ length: 100 }, (_, i) => `q${i}`);
    const exam = { date: "2027-01-31", minutesPerDay: 30, target: 0.97 };
    const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false, exam });
    const p = computePlan({ exam, now, questionIds: ids, card: () => undefined, scheduler, times: answerTimes([]) });
    expect(p.daysLeft).toBe(30);
    expect(p.unseen).toBe(100);
    expect(p.newPerDay * p.introductionDays).toBeGreaterThanOrEqual(100);
    expect(p.introductionDays).toBeLessThan(30);
    for (const d of p.forecast) expect(d.minutes).toBeLessThanOrEqual(30 + 1e-9);
    const tight = computePlan({ exam: { ...exam, minutesPerDay: 5 }, now, questionIds: ids, card: () => undefined, scheduler, times: answerTimes([]) });
    expect(tight.fits).toBe(false);
    expect(tight.wouldFit!.minutesPerDay).toBeGreaterThan(5);
  });
});
