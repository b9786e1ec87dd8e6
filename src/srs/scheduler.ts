// FSRS through ts-fsrs (FSRS-6 default weights, learning steps on). All four outcomes are computed before the
// learner answers, so the screen can show each rating's interval and apply exactly the outcome it showed; where only
// one rating's outcome is wanted (the simulator), `outcome` works out that one, the same as the preview's.
// ts-fsrs counts elapsed days as UTC calendar days; it is given times on the study clock (day.ts), so that elapsed
// days are study days wherever the learner lives, and its answers are brought back to real time.

import { fsrs, Rating, State, StrategyMode, createEmptyCard, type Card, type FSRS, type Grade } from "ts-fsrs";
import { fromStudyClock, toStudyClock } from "./day.js";
import { isoOf, parseIso } from "./iso.js";
import { withExamRule, type ExamChange } from "./exam-rule.js";
import { outcomeOf } from "./outcome.js";
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
  /**
   * What one rating does: exactly `preview(card, now, kind)[rating]`, without working out the other three.
   * Optional: `outcomeOf` falls back on the preview.
   */
  outcome?(card: CardState | undefined, now: Date, rating: RatingName, kind?: CardKind): Outcome;
  /** Probability of recall now, 0..1, from the real (fractional) time since the last review; new cards count as 0. */
  retrievability(card: CardState, now: Date, kind?: CardKind): number;
}

const DAY_MS = 86_400_000;

export { outcomeOf } from "./outcome.js";

/** A stored card on the study clock. */
function toFsrs(c: CardState): Card {
  const card: Card = {
    due: toStudyClock(new Date(parseIso(c.due))),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: PHASES.indexOf(c.phase) as State,
  };
  if (c.lastReview) card.last_review = toStudyClock(new Date(parseIso(c.lastReview)));
  return card;
}

/**
 * A ts-fsrs card (on the study clock) as stored, in real time, due at `dueMs`. The last review is the answer's
 * real instant `now`, not its image on the study clock and back.
 */
function fromFsrs(card: Card, previous: CardState | undefined, now: Date, dueMs: number): CardState {
  const out: CardState = {
    due: isoOf(dueMs),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    phase: PHASES[card.state] ?? "review",
    lastReview: isoOf(now.getTime()),
  };
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
    outcome: (card, now, rating, kind) => outcomeOf(pick(kind), card, now, rating),
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
  // The fuzz seed is read by nothing but the fuzz; without fuzz, ts-fsrs need not write one (from the review time,
  // reps and memory state, as a string) on every review.
  if (!settings.fuzz) engine.useStrategy(StrategyMode.SEED, () => "");
  /** ts-fsrs's input for a review of `card` (undefined = never seen) at `at` on the study clock. */
  const inputOf = (card: CardState | undefined, at: Date): Card => {
    const input = card ? toFsrs(card) : createEmptyCard(at);
    // A last review a little ahead of this clock (clock skew between machines; the store refuses more) counts
    // as now: ts-fsrs throws on a negative elapsed time.
    if (input.last_review && input.last_review.getTime() > at.getTime()) input.last_review = at;
    return input;
  };
  const outcomeFrom = (rating: RatingName, item: Card, card: CardState | undefined, now: Date): Outcome => {
    // The due time as stored is this one to the millisecond (isoOf and parseIso go both ways exactly).
    const dueMs = fromStudyClock(item.due).getTime();
    return { rating, card: fromFsrs(item, card, now, dueMs), intervalMs: dueMs - now.getTime() };
  };
  const plain: Scheduler = {
    preview(card, now) {
      const at = toStudyClock(now);
      const record = engine.repeat(inputOf(card, at), at);
      const out = {} as Outcomes;
      for (const rating of RATINGS) out[rating] = outcomeFrom(rating, record[GRADE[rating] as Exclude<Rating, Rating.Manual>].card, card, now);
      return out;
    },
    outcome(card, now, rating) {
      // ts-fsrs's next is its repeat for one grade: the same arithmetic, the same fuzz seed.
      const at = toStudyClock(now);
      return outcomeFrom(rating, engine.next(inputOf(card, at), at, GRADE[rating] as Grade).card, card, now);
    },
    retrievability(card, now) {
      if (card.phase === "new") return 0;
      // The forgetting curve at the real time since the last review, in fractional days: whole days (as
      // engine.get_retrievability counts) would rate a card of stability 0.3 reviewed 20 hours ago as fully
      // recalled. A card with no last review counts as just reviewed.
      const last = card.lastReview === undefined ? Number.NaN : parseIso(card.lastReview);
      const days = Number.isNaN(last) ? 0 : Math.max((now.getTime() - last) / DAY_MS, 0);
      return engine.forgetting_curve(days, +card.stability.toFixed(8));
    },
  };
  // With an exam date, the exam rule adjusts review outcomes (exam-rule.ts); without one nothing changes.
  return withExamRule(plain, settings);
}
