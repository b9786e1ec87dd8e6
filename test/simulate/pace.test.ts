// The simulator's new cards at the exam plan's pace: the same pure function the quiz applies.

import { describe, expect, it } from "vitest";
import { examPlan, newCardsOn, runStrategy, type SimCard, type SimulationConfig } from "../../src/simulate/runner.js";
import { newCardPace } from "../../src/srs/exam-pace.js";
import { parseSimulateOptions } from "../../src/commands/simulate.js";

const cards: SimCard[] = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, guess: 0, topicKey: String(i % 3), area: String(i % 3), kind: "recall" }));
const config: SimulationConfig = { cards, days: 12, newPerDay: "plan", minutesPerDay: 60, learners: 2, learner: "default", seed: 7, target: 0.97 };

describe("the simulator at the plan's pace", () => {
  it("takes each day's new cards from newCardPace, with the days left to the simulated exam", () => {
    for (const [day, unseen] of [[0, 30], [3, 20], [7, 9], [11, 2]] as const) {
      expect(newCardsOn(config, day, unseen)).toBe(newCardPace(unseen, config.days - day).newPerDay);
    }
    expect(newCardsOn({ ...config, newPerDay: 20 }, 5, 3)).toBe(20);
    expect(parseSimulateOptions({ newPerDay: "plan" }, 30).newPerDay).toBe("plan");
    expect(() => parseSimulateOptions({ newPerDay: "soon" }, 30)).toThrow(/--new-per-day/);
  });

  it("spreads the new cards over the days before the window instead of taking them all at once, deterministically", () => {
    const a = runStrategy(config, examPlan());
    expect(runStrategy(config, examPlan())).toEqual(a);
    // 30 cards over the 8 days before the window and its margin: 4 a day, so after day one the mean recall over all
    // cards is lower than with all 30 taken on day one; by the exam every card is studied.
    const fixed = runStrategy({ ...config, newPerDay: 30 }, examPlan());
    expect(a.meanRecall).toBeGreaterThan(0.8);
    expect(a.recallByDay[1]).toBeLessThan(fixed.recallByDay[1]!);
  });
});
