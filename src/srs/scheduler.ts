// FSRS through ts-fsrs (FSRS-6 default weights, learning steps on). All four outcomes are computed before the
// learner answers, so the screen can show each rating's interval and apply exactly the outcome it showed.

import { fsrs, Rating, State, createEmptyCard, type Card, type FSRS } from "ts-fsrs";
import { withExamRule, type ExamChange } from "./exam-rule.js";
import { GRADE, LEECH_LAPSES, PHASES, RATINGS, type CardState, type RatingName, type SchedulerSettings } from "./model.js";

export interface Outcome {
  rating: RatingName;
  card: CardState;
  /** Milliseconds from the review to the next due time. */
  intervalMs: number;
  /** Set when an exam date changed this outcome (exam-rule.ts). */
  exam?: ExamChange;
}

export type Outcomes = Record<RatingName, Outcome>;

export interface Scheduler {
  /** What each rating would do to the card (undefined = never seen) reviewed at `now`. */
  preview(card: CardState | undefined, now: Date): Outcomes;
  /** Probability of recall now, 0..1; new cards count as 0. */
  retrievability(card: CardState, now: Date): number;
}

const DAY_MS = 86_400_000;

function toFsrs(c: CardState): Card {
  const card: Card = {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: PHASES.indexOf(c.phase) as State,
  };
  if (c.lastReview) card.last_review = new Date(c.lastReview);
  return card;
}

function fromFsrs(card: Card, previous: CardState | undefined): CardState {
  const out: CardState = {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    phase: PHASES[card.state] ?? "review",
  };
  if (card.last_review) out.lastReview = card.last_review.toISOString();
  if (previous?.suspended) out.suspended = true;
  if (previous?.leech || card.lapses >= LEECH_LAPSES) out.leech = true;
  return out;
}

export function createScheduler(settings: SchedulerSettings): Scheduler {
  const engine: FSRS = fsrs({
    request_retention: settings.desiredRetention,
    enable_fuzz: settings.fuzz,
    enable_short_term: true,
    ...(settings.parameters ? { w: [...settings.parameters] } : {}),
  });
  const plain: Scheduler = {
    preview(card, now) {
      const input = card ? toFsrs(card) : createEmptyCard(now);
      const record = engine.repeat(input, now);
      const out = {} as Outcomes;
      for (const rating of RATINGS) {
        const item = record[GRADE[rating] as Exclude<Rating, Rating.Manual>];
        out[rating] = { rating, card: fromFsrs(item.card, card), intervalMs: item.card.due.getTime() - now.getTime() };
      }
      return out;
    },
    retrievability(card, now) {
      if (card.phase === "new") return 0;
      // What engine.get_retrievability computes (whole days since the last review, on the forgetting curve),
      // without building a ts-fsrs card and two Dates per call: the queue asks this of every due card at start-up.
      // A card with no last review counts as just reviewed (ts-fsrs would throw).
      const last = card.lastReview === undefined ? Number.NaN : Date.parse(card.lastReview);
      const days = Number.isNaN(last) ? 0 : Math.max(Math.floor((now.getTime() - last) / DAY_MS), 0);
      return engine.forgetting_curve(days, +card.stability.toFixed(8));
    },
  };
  // With an exam date, the exam rule adjusts review outcomes (exam-rule.ts); without one nothing changes.
  return withExamRule(plain, settings);
}
