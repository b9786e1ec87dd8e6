// One rating's outcome from any scheduler: a module of its own, so that the scheduler and the exam rule, which wraps
// a scheduler, can both use it without importing each other.

import type { CardKind, CardState, RatingName } from "./model.js";
import type { Outcome, Scheduler } from "./scheduler.js";

/** One rating's outcome, through the scheduler's own `outcome` when it has one. */
export function outcomeOf(scheduler: Scheduler, card: CardState | undefined, now: Date, rating: RatingName, kind?: CardKind): Outcome {
  return scheduler.outcome ? scheduler.outcome(card, now, rating, kind) : scheduler.preview(card, now, kind)[rating];
}
