// FSRS through ts-fsrs (FSRS-6 default weights, learning steps on). All four outcomes are computed before the
// learner answers, so the screen can show each rating's interval and apply exactly the outcome it showed.
// ts-fsrs counts elapsed days as UTC calendar days; it is given times on the study clock (day.ts), so that elapsed
// days are study days wherever the learner lives, and its answers are brought back to real time.

import { fsrs, Rating, State, createEmptyCard, type Card, type FSRS } from "ts-fsrs";
import { fromStudyClock, toStudyClock } from "./day.js";
import { withExamRule, type ExamChange } from "./exam-rule.js";
import { CARD_KINDS, GRADE, LEECH_LAPSES, PHASES, RATINGS, settingsForKind, type CardKind, type CardState, type RatingName, type SchedulerSettings } from "./model.js";

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
  /**
   * What each rating would do to the card (undefined = never seen) reviewed at `now`. `kind` picks the parameters
   * fitted to that kind of card, when there is a set for it (`SchedulerSettings.parametersByKind`).
   */
  preview(card: CardState | undefined, now: Date, kind?: CardKind): Outcomes;
  /** Probability of recall now, 0..1, from the real (fractional) time since the last review; new cards count as 0. */
  retrievability(card: CardState, now: Date, kind?: CardKind): number;
}

const DAY_MS = 86_400_000;

/** A stored card on the study clock. */
function toFsrs(c: CardState): Card {
  const card: Card = {
    due: toStudyClock(new Date(c.due)),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: PHASES.indexOf(c.phase) as State,
  };
  if (c.lastReview) card.last_review = toStudyClock(new Date(c.lastReview));
  return card;
}

/** A ts-fsrs card (on the study clock) as stored, in real time. */
function fromFsrs(card: Card, previous: CardState | undefined): CardState {
  const out: CardState = {
    due: fromStudyClock(card.due).toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    phase: PHASES[card.state] ?? "review",
  };
  if (card.last_review) out.lastReview = fromStudyClock(card.last_review).toISOString();
  if (previous?.suspended) out.suspended = true;
  if (previous?.leech || card.lapses >= LEECH_LAPSES) out.leech = true;
  return out;
}

/** A scheduler by the settings; with sets fitted to kinds of card, each kind is scheduled by its own. */
export function createScheduler(settings: SchedulerSettings): Scheduler {
  const byKind = settings.parametersByKind;
  const common = singleScheduler(settingsForKind(settings, undefined));
  if (!byKind || CARD_KINDS.every((k) => !byKind[k])) return common;
  const own: Partial<Record<CardKind, Scheduler>> = {};
  for (const k of CARD_KINDS) if (byKind[k]) own[k] = singleScheduler(settingsForKind(settings, k));
  const pick = (kind: CardKind | undefined): Scheduler => (kind === undefined ? common : (own[kind] ?? common));
  return {
    preview: (card, now, kind) => pick(kind).preview(card, now),
    retrievability: (card, now, kind) => pick(kind).retrievability(card, now),
  };
}

function singleScheduler(settings: SchedulerSettings): Scheduler {
  const engine: FSRS = fsrs({
    request_retention: settings.desiredRetention,
    enable_fuzz: settings.fuzz,
    enable_short_term: true,
    ...(settings.parameters ? { w: [...settings.parameters] } : {}),
  });
  const plain: Scheduler = {
    preview(card, now) {
      const at = toStudyClock(now);
      const input = card ? toFsrs(card) : createEmptyCard(at);
      // A last review a little ahead of this clock (clock skew between machines; the store refuses more) counts
      // as now: ts-fsrs throws on a negative elapsed time.
      if (input.last_review && input.last_review.getTime() > at.getTime()) input.last_review = at;
      const record = engine.repeat(input, at);
      const out = {} as Outcomes;
      for (const rating of RATINGS) {
        const item = record[GRADE[rating] as Exclude<Rating, Rating.Manual>];
        const next = fromFsrs(item.card, card);
        // The last review is the answer's real instant, not its image on the study clock and back.
        next.lastReview = now.toISOString();
        out[rating] = { rating, card: next, intervalMs: Date.parse(next.due) - now.getTime() };
      }
      return out;
    },
    retrievability(card, now) {
      if (card.phase === "new") return 0;
      // The forgetting curve at the real time since the last review, in fractional days: whole days (as
      // engine.get_retrievability counts) would rate a card of stability 0.3 reviewed 20 hours ago as fully
      // recalled. A card with no last review counts as just reviewed.
      const last = card.lastReview === undefined ? Number.NaN : Date.parse(card.lastReview);
      const days = Number.isNaN(last) ? 0 : Math.max((now.getTime() - last) / DAY_MS, 0);
      return engine.forgetting_curve(days, +card.stability.toFixed(8));
    },
  };
  // With an exam date, the exam rule adjusts review outcomes (exam-rule.ts); without one nothing changes.
  return withExamRule(plain, settings);
}
