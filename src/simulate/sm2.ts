// SM-2 as Anki's classic (v2) scheduler does it, as a Scheduler, so the same queue and session loop drive it:
// learning steps 1m 10m, graduating interval 1 day, easy interval 4 days, starting ease 2.5; on review, Hard is
// ×1.2 (ease −0.15), Good ×ease with half the delay counted, Easy ×ease×1.3 with the whole delay (ease +0.15), and
// Again a lapse (ease −0.20, not below 1.3) with one 10m relearning step, then 1 day. The card's ease is kept in
// `difficulty`, its interval in `scheduledDays`. Used by the simulator only, as a baseline.

import { RATINGS, type CardState, type RatingName } from "../srs/model.js";
import type { Outcome, Outcomes, Scheduler } from "../srs/scheduler.js";
import { isoOf, parseIso } from "../srs/iso.js";

const MIN = 60_000;
const DAY = 86_400_000;
const STEPS_MS = [1 * MIN, 10 * MIN];
const RELEARN_MS = 10 * MIN;

export function createSm2Scheduler(intervalModifier = 1): Scheduler {
  const outcome = (card: CardState | undefined, now: Date, rating: RatingName): Outcome => {
    const t = now.getTime();
    const base: CardState = card ?? {
      due: isoOf(t),
      stability: 0,
      difficulty: 2.5,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      phase: "new",
    };
    const make = (patch: Partial<CardState>, delayMs: number): Outcome => {
      const next: CardState = { ...base, ...patch, reps: base.reps + 1, lastReview: isoOf(t), due: isoOf(t + delayMs) };
      return { rating, card: next, intervalMs: delayMs };
    };
    if (base.phase === "new" || base.phase === "learning") {
      const step = base.phase === "new" ? 0 : base.learningSteps;
      if (rating === "again") return make({ phase: "learning", learningSteps: 0 }, STEPS_MS[0]!);
      if (rating === "hard") return make({ phase: "learning", learningSteps: step }, step === 0 ? (STEPS_MS[0]! + STEPS_MS[1]!) / 2 : STEPS_MS[step]!);
      if (rating === "good") {
        return step + 1 < STEPS_MS.length
          ? make({ phase: "learning", learningSteps: step + 1 }, STEPS_MS[step + 1]!)
          : make({ phase: "review", learningSteps: 0, scheduledDays: 1 }, DAY);
      }
      return make({ phase: "review", learningSteps: 0, scheduledDays: 4 }, 4 * DAY);
    }
    if (base.phase === "relearning") return rating === "again" ? make({}, RELEARN_MS) : make({ phase: "review", scheduledDays: 1 }, DAY);
    const ivl = Math.max(1, base.scheduledDays);
    const ease = base.difficulty;
    if (rating === "again") return make({ phase: "relearning", difficulty: Math.max(1.3, ease - 0.2), lapses: base.lapses + 1, scheduledDays: 1 }, RELEARN_MS);
    const elapsed = base.lastReview ? (t - parseIso(base.lastReview)) / DAY : ivl;
    const delay = Math.max(0, elapsed - ivl);
    const hard = Math.max(ivl + 1, Math.round(ivl * 1.2 * intervalModifier));
    if (rating === "hard") return make({ difficulty: Math.max(1.3, ease - 0.15), scheduledDays: hard }, hard * DAY);
    const good = Math.max(hard + 1, Math.round((ivl + delay / 2) * ease * intervalModifier));
    if (rating === "good") return make({ scheduledDays: good }, good * DAY);
    const easy = Math.max(good + 1, Math.round((ivl + delay) * ease * 1.3 * intervalModifier));
    return make({ difficulty: ease + 0.15, scheduledDays: easy }, easy * DAY);
  };
  return {
    preview(card, now) {
      const out = {} as Outcomes;
      for (const rating of RATINGS) out[rating] = outcome(card, now, rating);
      return out;
    },
    outcome,
    retrievability(card, now) {
      // SM-2 has no memory model; for the queue's weakest-first order, how far past its interval a card is.
      if (card.phase === "new" || !card.lastReview) return 0;
      const elapsed = (now.getTime() - parseIso(card.lastReview)) / DAY;
      return Math.pow(0.9, elapsed / Math.max(1, card.scheduledDays));
    },
  };
}
