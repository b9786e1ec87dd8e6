import { describe, expect, it } from "vitest";
import { forgetting_curve, default_w } from "ts-fsrs";
import { compareStrategies } from "../../src/simulate/strategies.js";
import { runStrategy, fsrsPlan, examPlan, cramPlan, type SimCard, type SimulationConfig } from "../../src/simulate/runner.js";
import { createLearner, createModelLearner } from "../../src/simulate/learners.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { formatSimulation, simulationJson } from "../../src/commands/simulate.js";
import { createSm2Scheduler } from "../../src/simulate/sm2.js";
import { RATINGS, type CardState } from "../../src/srs/model.js";

const cards: SimCard[] = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, guess: i % 2 ? 0.25 : 0, topicKey: String(i % 3), area: String(i % 3), kind: i % 2 ? "choice" : "recall" }));
const config: SimulationConfig = { cards, days: 12, newPerDay: 10, minutesPerDay: 20, learners: 3, learner: "default", seed: 7, target: 0.97 };

describe("simulator", () => {
  it("gives the same figures for the same seed, and others for another seed", () => {
    const a = runStrategy(config, fsrsPlan(0.9));
    const b = runStrategy(config, fsrsPlan(0.9));
    expect(b).toEqual(a);
    const c = runStrategy({ ...config, seed: 8 }, fsrsPlan(0.9));
    expect(c.meanRecall).not.toBe(a.meanRecall);
  });

  it("an FSRS-6 learner's recall follows ts-fsrs's own forgetting curve", () => {
    // A learner drawn with no spread would be FSRS-6 itself; a drawn one has its own decay, so compare the curve's
    // shape: after a first Good rating, recall at S days is 0.9 whatever the learner's S.
    const learner = createLearner("default", 1, 1, 0);
    learner.study(0, 0, 3);
    // Find the learner's stability: the time recall reaches 0.9.
    let lo = 0;
    let hi = 1e3 * 86_400_000;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (learner.recall(0, mid) > 0.9) lo = mid;
      else hi = mid;
    }
    const s = lo / 86_400_000;
    expect(s).toBeGreaterThan(0.5);
    // With FSRS-6's default decay the curve is ts-fsrs's; the learner's decay differs by its draw, so check that the
    // default learner's figures at S and 3S bracket ts-fsrs's for the same S within the drawn decay's spread.
    const r3 = learner.recall(0, 3 * s * 86_400_000);
    const ts = forgetting_curve(default_w[20]!, 3 * s, s);
    expect(Math.abs(r3 - ts)).toBeLessThan(0.05);
  });

  it("a learner with FSRS-6's own parameters recalls as ts-fsrs predicts, review after review", () => {
    const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
    const learner = createModelLearner(1);
    const DAY = 86_400_000;
    let t = Date.UTC(2027, 0, 4, 18);
    let card = scheduler.preview(undefined, new Date(t)).good.card;
    learner.study(0, t, 3);
    for (const gap of [3, 8, 20]) {
      t += gap * DAY;
      // ts-fsrs's forgetting curve at whole days is the learner's true recall.
      expect(learner.recall(0, t)).toBeCloseTo(scheduler.retrievability(card, new Date(t)), 6);
      expect(learner.recall(0, t)).toBeCloseTo(forgetting_curve(default_w[20]!, gap, card.stability), 6);
      card = scheduler.preview(card, new Date(t)).good.card;
      learner.study(0, t, 3);
    }
  });

  it("plain FSRS at 0.95 studies more and recalls more than at 0.90", () => {
    const a = runStrategy(config, fsrsPlan(0.9));
    const b = runStrategy(config, fsrsPlan(0.95));
    expect(b.minutes).toBeGreaterThan(a.minutes);
    expect(b.meanRecall).toBeGreaterThan(a.meanRecall);
  });

  it("never spends more than the daily minutes", () => {
    for (const plan of [fsrsPlan(0.9), examPlan(), cramPlan(2)]) {
      const r = runStrategy(config, plan);
      expect(r.minutes).toBeLessThanOrEqual(config.days * config.minutesPerDay + 1e-9);
      expect(r.recallByDay).toHaveLength(config.days + 1);
    }
  });

  it("prints the JSON shape of the documentation, with every strategy", () => {
    const results = compareStrategies(config, { frontier: true });
    const json = simulationJson(config, results) as Record<string, unknown> & { strategies: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(["version", "cards", "days", "minutesPerDay", "newPerDay", "learners", "learner", "seed", "parameters", "strategies"]);
    expect(json.strategies.map((s) => s.name)).toEqual(["fsrs-0.90", "fsrs-0.95", "exam", "sm2", "cram"]);
    for (const s of json.strategies) {
      expect(Object.keys(s)).toEqual(["name", "reviews", "minutes", "meanRecall", "shareAtLeast90", "scaledScore", "pPass", "frontier", "recallAfter30"]);
      expect((s.frontier as unknown[]).length).toBeGreaterThan(1);
    }
  });

  it("with no multiple-choice card, gives no exam score or P(pass) (null, n/a), rather than a score of 0 below the scale", () => {
    const recallOnly: SimulationConfig = { ...config, cards: config.cards.map((c) => ({ ...c, guess: 0, kind: "recall" as const })), learners: 1 };
    const results = compareStrategies(recallOnly, { frontier: false });
    const json = simulationJson(recallOnly, results) as { strategies: Record<string, unknown>[] };
    for (const s of json.strategies) expect([s.scaledScore, s.pPass]).toEqual([null, null]);
    const text = formatSimulation(recallOnly, results);
    expect(text).toMatch(/^exam\s+\d+\s+\d+\s+0\.\d{3}\s+\d+ %\s+n\/a\s+n\/a$/m);
    expect(text).toContain("No multiple-choice question among these cards");
    // With multiple-choice cards, scores are on the exam's scale.
    for (const s of (simulationJson(config, compareStrategies(config, { frontier: false })) as { strategies: { scaledScore: number }[] }).strategies) {
      expect(s.scaledScore).toBeGreaterThanOrEqual(100);
    }
  });

  it("SM-2 works out one rating's outcome exactly as its preview shows it, through every phase", () => {
    const sm2 = createSm2Scheduler(0.8);
    const DAY = 86_400_000;
    let t = Date.UTC(2027, 0, 4, 18);
    let card: CardState | undefined;
    // A walk through learning, review, lapse and relearning, checking every rating at each step.
    for (const rating of ["good", "good", "good", "hard", "again", "good", "easy", "good"] as const) {
      const all = sm2.preview(card, new Date(t));
      for (const r of RATINGS) expect(sm2.outcome!(card, new Date(t), r)).toEqual(all[r]);
      card = all[rating].card;
      t += Math.max(all[rating].intervalMs, 60_000) + (card.phase === "review" ? DAY : 0);
    }
    expect(card!.lapses).toBe(1);
  });

  it("reads recall a month after the exam from the same learners, who forget without study", () => {
    // Every card introduced (10 new a day for 12 days covers the 30), so every card's recall can only fall.
    for (const learner of ["default", "actr"] as const) {
      for (const plan of [fsrsPlan(0.9), examPlan(), cramPlan(3)]) {
        const r = runStrategy({ ...config, learner }, plan);
        expect(r.recallAfterExam, learner).toBeGreaterThan(0.3);
        expect(r.recallAfterExam, learner).toBeLessThan(r.meanRecall - 0.02);
      }
    }
  });

  it("the ACT-R learner remembers spaced study longer than massed study", () => {
    // The same learner and card (same seed and index), studied four times either way, the last study on day 7.
    const spaced = createLearner("actr", 1, 1, 0);
    const massed = createLearner("actr", 1, 1, 0);
    const DAY = 86_400_000;
    for (const d of [0, 1, 3, 7]) spaced.study(0, d * DAY, 3);
    for (const m of [0, 1, 2, 3]) massed.study(0, 7 * DAY + m * 60_000, 3);
    expect(spaced.recall(0, 30 * DAY)).toBeGreaterThan(massed.recall(0, 30 * DAY));
  });
});
