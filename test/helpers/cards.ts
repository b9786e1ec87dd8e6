// Card states for scheduler and queue tests: a card last reviewed some days before `now`.

import type { CardState } from "../../src/srs/model.js";

const DAY = 86_400_000;

/** A card reviewed `daysAgo` days before `now` with the given stability, due when that many days have passed. */
export function reviewedCard(now: Date, daysAgo: number, stability: number, phase: CardState["phase"] = "review"): CardState {
  const last = new Date(now.getTime() - daysAgo * DAY);
  return {
    due: new Date(last.getTime() + stability * DAY).toISOString(),
    stability,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: Math.round(stability),
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    phase,
    lastReview: last.toISOString(),
  };
}
