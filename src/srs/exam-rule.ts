// Exam-date mode: scheduling toward recall on one day. Plain FSRS brings a card back when its predicted recall falls
// to the desired retention, for ever; an exam rewards the highest recall on one day for the least study. The rule
// changes an answer's outcome before the answer, so the button shows what will be applied.
//
// The rule, for a card just answered (docs/exam-mode.md has its figures and every rule tried):
//  0. An answer that would leave the card in a same-day learning or relearning step takes it straight to the review
//     phase, when the scheduler's own parameters say a look minutes later would hardly add stability (FSRS-6's
//     defaults say so): each such look costs an answer's time for next to nothing.
//  1. If its predicted recall on exam day, with no more review, is safely above the target (the prediction must
//     leave at most half of the target's shortfall, as the scheduler's parameters are not the learner's), it needs
//     nothing more before the exam: it comes back at its plain FSRS interval or after the exam, whichever is later.
//  2. Otherwise it comes back when its recall falls to the working retention (0.75: fewer reviews while the exam is
//     far), but no later than the first day of the final window (the last 2 study days, or as many as one review of
//     every card of the content set, with room to spare, needs within the daily minutes: `finalWindowDays`). In the
//     window the queue's weakest-first order and the daily minutes share the reviews out, and a card comes back each
//     day until it is safe.
// Setting an exam brings forward the cards plain FSRS dated past the window that are not safe (`bringForward`).
// After the exam day the rule does nothing, and `backToPlainFsrs` re-dates every card from its stability.

import { FSRSAlgorithm, generatorParameters } from "ts-fsrs";
import { dayKey } from "./day.js";
import { examMoment } from "./exam-goal.js";
import { isoOf } from "./iso.js";
import { RATINGS, type CardState, type ExamGoal, type SchedulerSettings } from "./model.js";
import { outcomeOf } from "./outcome.js";
import type { Outcome, Outcomes, Scheduler } from "./scheduler.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The rule's settings: the shipped values in EXAM_RULE, the others tried in the simulator. */
export interface ExamRule {
  /** Recall at which a card not yet safe for the exam comes back, while the exam is far. */
  workingRetention: number;
  /**
   * Study days before the exam in which final reviews are placed: the least window. A scheduler whose settings carry
   * `finalWindowDays` (the content set's, from `finalWindowDays()`) uses that instead.
   */
  windowDays: number;
  /**
   * How much of the target's shortfall the scheduler's own prediction must leave: a card counts as safe when its
   * predicted exam-day recall is at least 1 − (1 − target) × margin. 1 trusts the prediction; below 1 leaves room
   * for a learner whose memory the default parameters do not describe.
   */
  margin: number;
  /**
   * Where a final review goes in the window: "earliest-safe", the first day from which a Good answer carries the
   * card to the target (spreading by strength), or "window-start", the window's first day, after which the queue's
   * weakest-first order and the daily minutes share the window out, a card coming back each day until it is safe.
   */
  placement: "earliest-safe" | "window-start";
  /**
   * When set, the working retention rises toward this as the exam comes closer, over `nearDays`:
   * w(t) = near + (working − near) · (1 − e^(−t / nearDays)), t the days left. The best gap shrinks as the test
   * approaches (Cepeda et al. 2008).
   */
  nearRetention?: number;
  nearDays?: number;
  /**
   * Same-day steps skipped: with an exam set, an answer that would leave a card in a learning or relearning step
   * minutes later (Again, Hard, Good) takes the card straight to the review phase with the stability FSRS gave the
   * answer, due by the rule, when the scheduler's own parameters say a Good answer minutes later would multiply its
   * stability by less than `skipStepsBelow` (FSRS-6's defaults say at most 1.22). 0 keeps every step.
   */
  skipStepsBelow: number;
}

/** The rule cogquiz ships, chosen in `cogquiz simulate` on seed 1 (docs/exam-mode.md has every rule tried). */
export const EXAM_RULE: ExamRule = { workingRetention: 0.75, windowDays: 2, margin: 0.5, placement: "window-start", skipStepsBelow: 1.5 };

/** The longest final window, in study days: a week. */
export const MAX_WINDOW_DAYS = 7;
/**
 * The answer time a final review is counted at when the window's length is set: the plan's stated default for a
 * review. One figure for every student, so the quiz, the plan and the simulator date cards alike without the log.
 */
export const WINDOW_REVIEW_SECONDS = 20;

/**
 * The room a final window keeps beyond one review of every card: a Good answer in the window does not make every card
 * safe (a card learnt late, or a weak one, comes back the next day), and a window filled to the minute by the first
 * reviews leaves those repeats waiting on exam day (150 cards 87 days out: 24 minutes a day fitted, 25 did not).
 * 15 % keeps the bundled content's windows from being sized exactly full; it makes a plan that more daily minutes
 * fit worse rarer, not impossible (docs/exam-mode.md, rule 3).
 */
export const WINDOW_SLACK = 0.15;

/**
 * The final window's study days for a content set of `cards` cards (not counting suspended ones) and the exam's
 * daily minutes: the rule's least window, or as many days as one final review of every card and WINDOW_SLACK more
 * take within the daily minutes at WINDOW_REVIEW_SECONDS a review, at most MAX_WINDOW_DAYS. With 150 cards: 2 days at
 * 30 minutes a day, 3 at 20 and 25, 4 at 15, 5 at 14, 6 at 10. A window shorter than that leaves the last reviews of
 * the weakest-first queue undone.
 */
export function finalWindowDays(cards: number, minutesPerDay: number, rule: ExamRule = EXAM_RULE): number {
  if (!(cards > 0) || !(minutesPerDay > 0)) return rule.windowDays;
  const needed = Math.ceil((cards * (1 + WINDOW_SLACK) * WINDOW_REVIEW_SECONDS) / (minutesPerDay * 60) - 1e-9);
  return Math.max(rule.windowDays, Math.min(MAX_WINDOW_DAYS, needed));
}

/** The rule with the window the settings carry (`finalWindowDays`), or the rule's own. */
function withWindow(rule: ExamRule, settings: Pick<SchedulerSettings, "finalWindowDays">): ExamRule {
  const days = settings.finalWindowDays;
  return days === undefined || days === rule.windowDays ? rule : { ...rule, windowDays: days };
}

// The exam's hour and start are the goal's rules, in exam-goal.ts; here for the rule's callers too.
export { EXAM_HOUR, examMoment } from "./exam-goal.js";

/** What the exam changed on an outcome, for the screen: "3d, exam in 5d". */
export interface ExamChange {
  /** The interval plain FSRS would have given. */
  plainIntervalMs: number;
  /** Whole days from the review to the exam's date. */
  daysToExam: number;
}

/** Whole calendar days from the study day of `now` to the exam's date (0 on exam day, negative after). */
export function daysUntilExam(goal: Pick<ExamGoal, "date">, now: Date): number {
  const today = dayKey(now);
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+goal.date.slice(0, 4), +goal.date.slice(5, 7) - 1, +goal.date.slice(8, 10));
  return Math.round((b - a) / DAY_MS);
}

/** True once the exam's study day is over: scheduling is plain FSRS again. */
export function examIsOver(goal: ExamGoal, now: Date): boolean {
  return dayKey(now) > goal.date;
}

/** Whether the exam has begun: its start on its day has come (its day may not be over). */
export function examHasBegun(goal: ExamGoal, now: Date): boolean {
  return now >= examMoment(goal.date);
}

/** The FSRS math the rule needs, with the scheduler's own parameters. */
export interface MemoryMath {
  /** Recall after `days` at stability `s`. */
  recall(days: number, s: number): number;
  /** Days until recall falls to `r` at stability `s`. */
  daysUntil(r: number, s: number): number;
  /** Stability after a Good answer `days` after the last review (0: the same day, FSRS-6's short-term rule). */
  stabilityAfterGood(difficulty: number, s: number, days: number): number;
}

export function memoryMath(settings: Pick<SchedulerSettings, "parameters">): MemoryMath {
  const algo = new FSRSAlgorithm(generatorParameters({ ...(settings.parameters ? { w: [...settings.parameters] } : {}), enable_short_term: true }));
  const w = algo.parameters.w;
  const decay = -w[20]!;
  const factor = Math.pow(0.9, 1 / decay) - 1;
  return {
    recall: (days, s) => Math.pow(1 + (factor * Math.max(0, days)) / s, decay),
    daysUntil: (r, s) => (s / factor) * (Math.pow(r, 1 / decay) - 1),
    stabilityAfterGood: (difficulty, s, days) => algo.next_state({ difficulty, stability: s }, Math.max(0, days), 3).stability,
  };
}

/**
 * The whole days from `now` the card should come back, or undefined to leave the plain outcome as it is.
 * `toExam` is the time to the exam in days; `lastDay` the last whole day from now before it.
 */
export function examInterval(
  card: CardState,
  toExam: number,
  lastDay: number,
  plainDays: number,
  target: number,
  rule: ExamRule,
  math: MemoryMath,
): number | undefined {
  if (card.phase !== "review" || lastDay < 1) return undefined;
  const s = card.stability;
  target = 1 - (1 - target) * rule.margin;
  if (math.recall(toExam, s) >= target) {
    // Safe for the exam already: nothing more before it.
    return Math.max(Math.round(plainDays), lastDay + 1);
  }
  const w =
    rule.nearRetention === undefined
      ? rule.workingRetention
      : rule.nearRetention + (rule.workingRetention - rule.nearRetention) * (1 - Math.exp(-toExam / (rule.nearDays ?? 15)));
  const working = Math.max(1, Math.round(math.daysUntil(w, s)));
  const safeAfter = (k: number) => math.recall(toExam - k, math.stabilityAfterGood(card.difficulty, s, k)) >= target;
  // Exam-day recall after a Good review on day k grows with k (more spacing, less time left), so the earliest day
  // of the window that is safe is found by bisection; none safe means the last day.
  let lo = Math.max(1, lastDay - rule.windowDays + 1);
  if (rule.placement === "window-start") return Math.max(1, Math.min(working, lo));
  let hi = lastDay;
  if (!safeAfter(hi)) lo = hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (safeAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(1, Math.min(working, lo));
}

/** Where the exam stands from `now`, for `examOutcome`; undefined when there is no exam, or it is over. */
interface ExamClock {
  goal: ExamGoal;
  nowMs: number;
  /** Days to the exam's start. */
  toExam: number;
  /** The last whole day from now that is still a study day before the exam starts. */
  lastDay: number;
  daysToExam: number;
  desiredRetention: number;
}

function examClock(settings: SchedulerSettings, now: Date): ExamClock | undefined {
  const goal = settings.exam;
  if (!goal || examIsOver(goal, now)) return undefined;
  const nowMs = now.getTime();
  const examMs = examMoment(goal.date).getTime();
  const toExam = (examMs - nowMs) / DAY_MS;
  return { goal, nowMs, toExam, lastDay: lastStudyDay(goal, now), daysToExam: daysUntilExam(goal, now), desiredRetention: settings.desiredRetention };
}

/**
 * One outcome with the exam's due date. A same-day step the scheduler's own parameters say is worth little goes
 * straight to the review phase; Again on a review card is left alone.
 */
function examOutcome(plain: Outcome, clock: ExamClock, math: MemoryMath, rule: ExamRule): Outcome {
  let o = plain;
  if (plain.rating !== "easy" && (o.card.phase === "learning" || o.card.phase === "relearning")) {
    const c = o.card;
    if (clock.lastDay < 1 || math.stabilityAfterGood(c.difficulty, c.stability, 0) >= rule.skipStepsBelow * c.stability) return plain;
    o = { ...o, card: { ...c, phase: "review", learningSteps: 0 }, intervalMs: Math.max(1, Math.round(math.daysUntil(clock.desiredRetention, c.stability))) * DAY_MS };
  } else if (plain.rating === "again") return plain;
  const plainDays = o.intervalMs / DAY_MS;
  const k = examInterval(o.card, clock.toExam, clock.lastDay, plainDays, clock.goal.target, rule, math);
  if (k === undefined || (o === plain && Math.abs(k * DAY_MS - o.intervalMs) < HOUR_MS)) return plain;
  return {
    rating: plain.rating,
    card: { ...o.card, due: isoOf(clock.nowMs + k * DAY_MS), scheduledDays: k },
    intervalMs: k * DAY_MS,
    exam: { plainIntervalMs: plain.intervalMs, daysToExam: clock.daysToExam },
  };
}

/** The outcomes with the exam's due dates; plain outcomes when there is no exam, or it is over. */
export function examOutcomes(outcomes: Outcomes, settings: SchedulerSettings, now: Date, math: MemoryMath, rule: ExamRule = EXAM_RULE): Outcomes {
  const clock = examClock(settings, now);
  if (!clock) return outcomes;
  rule = withWindow(rule, settings);
  const out = { ...outcomes };
  for (const rating of RATINGS) out[rating] = examOutcome(outcomes[rating], clock, math, rule);
  return out;
}

/**
 * Whole days from `now` to the last study day before the exam, the eve of its date (0: today is that day; negative:
 * none), counted in study days as the plan and the pace count them. Counted in hours to the exam's start instead, an
 * answer before 08:00 would make the exam's morning a study day: the window a day later, and no steps on the eve.
 */
export function lastStudyDay(goal: ExamGoal, now: Date): number {
  return daysUntilExam(goal, now) - 1;
}

/**
 * When an exam is set: a card scheduled before it (by plain FSRS, due after the final window starts) whose predicted
 * recall on exam day, with no more review, is not safe for the target is brought forward to the window's first day
 * (today, when the window has begun), as the rule would have dated it. Any other card is returned as it is.
 * `math`: `memoryMath(settings)`, when the caller has it for many cards.
 */
export function bringForward(card: CardState, settings: SchedulerSettings, now: Date, rule: ExamRule = EXAM_RULE, math?: MemoryMath): CardState {
  const goal = settings.exam;
  if (!goal || examIsOver(goal, now) || card.phase !== "review" || card.lastReview === undefined) return card;
  rule = withWindow(rule, settings);
  const lastDay = lastStudyDay(goal, now);
  if (lastDay < 0) return card;
  const nowMs = now.getTime();
  const start = Math.max(0, lastDay - rule.windowDays + 1);
  const latest = nowMs + start * DAY_MS;
  if (Date.parse(card.due) <= latest) return card;
  const toExam = (examMoment(goal.date).getTime() - Date.parse(card.lastReview)) / DAY_MS;
  if ((math ?? memoryMath(settings)).recall(toExam, card.stability) >= 1 - (1 - goal.target) * rule.margin) return card;
  return { ...card, due: new Date(latest).toISOString() };
}

/** A scheduler that applies the exam rule to `base`'s outcomes (the simulator tries rules this way). */
export function withExamRule(base: Scheduler, settings: SchedulerSettings, rule: ExamRule = EXAM_RULE): Scheduler {
  if (!settings.exam) return base;
  const math = memoryMath(settings);
  rule = withWindow(rule, settings);
  return {
    preview: (card, now) => examOutcomes(base.preview(card, now), settings, now, math, rule),
    outcome: (card, now, rating) => {
      const o = outcomeOf(base, card, now, rating);
      const clock = examClock(settings, now);
      return clock ? examOutcome(o, clock, math, rule) : o;
    },
    retrievability: (card, now) => base.retrievability(card, now),
  };
}

/**
 * After the exam: the card's due date recomputed from its stability at the desired retention, as plain FSRS would
 * have set it at its last review, so no card keeps a shortened exam interval. Cards in learning steps, new cards and
 * cards without a last review are left as they are.
 */
export function backToPlainFsrs(card: CardState, settings: Pick<SchedulerSettings, "parameters" | "desiredRetention">): CardState {
  if (card.phase !== "review" || card.lastReview === undefined) return card;
  const math = memoryMath(settings);
  const days = Math.max(1, Math.round(math.daysUntil(settings.desiredRetention, card.stability)));
  const due = new Date(Date.parse(card.lastReview) + days * DAY_MS).toISOString();
  return due === card.due && card.scheduledDays === days ? card : { ...card, due, scheduledDays: days };
}

/** "3d, exam in 5d": a button's interval, saying when the exam changed it. */
export function examNote(outcome: Outcome): string {
  return outcome.exam ? `, exam in ${outcome.exam.daysToExam}d` : "";
}


