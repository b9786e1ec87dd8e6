// The pace of new cards toward an exam, written once: `cogquiz plan` prints it, the quiz applies it as the day's
// new-card limit, and the simulator can run on it. Recomputed each study day from the cards not yet seen and the
// days left, so a missed day raises the pace a little for every day left instead of piling its cards on one day.

import { EXAM_RULE, examIsOver } from "./exam-rule.js";
import type { CardState, ExamGoal } from "./model.js";

export interface NewCardPace {
  /** New cards a day. */
  newPerDay: number;
  /**
   * Study days on which new cards are introduced, today included, when the pace is recomputed each day as the quiz
   * does (0 when there are none to introduce): the days before the final window and a day of margin, or one card a
   * day when there are fewer cards than days.
   */
  introductionDays: number;
}

/**
 * New cards a day that introduce `unseen` cards before the exam's final window (the rule's last `windowDays` study
 * days) with a day of margin, so every card is seen early enough to be reviewed again before the window. `daysLeft`
 * counts study days from today to the exam's date (0 on exam day). Inside the window every card left is due today:
 * there is no later day to give it. On exam day (and after) there are none: the plan's study days end the day before
 * it, and a card first seen hours before the exam is a cram, not a card learnt.
 */
export function newCardPace(unseen: number, daysLeft: number, windowDays: number = EXAM_RULE.windowDays): NewCardPace {
  if (daysLeft <= 0 || unseen <= 0) return { newPerDay: 0, introductionDays: 0 };
  const days = Math.max(1, daysLeft - windowDays - 1);
  // Recomputed each day, a pace rounded up falls by one once what is left divides evenly (150 cards over 27 days: 6 a
  // day for 15 days, then 5), so the cards take every day; with fewer cards than days, one a day takes as many days.
  return { newPerDay: Math.ceil(unseen / days), introductionDays: Math.min(unseen, days) };
}

/**
 * The cards of a content set the final window is sized for (`finalWindowDays`): every one but the suspended, which
 * no quiz shows. The quiz, the plan and `plan --exam` count them alike, so they date cards alike.
 */
export function windowCardCount(questionIds: Iterable<string>, card: (id: string) => CardState | undefined): number {
  let n = 0;
  for (const id of questionIds) if (!card(id)?.suspended) n++;
  return n;
}

/** A card a quiz would still introduce: never answered, and not suspended (a suspended card never comes). */
export function stillNew(card: CardState | undefined): boolean {
  return !card?.suspended && (card?.phase ?? "new") === "new";
}

/** The day's new-card limit with an exam set, and where it comes from. */
export interface AppliedPace {
  newPerDay: number;
  from: "plan" | "config";
  /** The plan's pace today, and the cards not seen before today it comes from. */
  pace: NewCardPace;
  unseen: number;
}

/**
 * Today's new-card limit: the plan's pace from the cards still new plus those introduced today (so it stays the
 * same all day), unless the student set newPerDay after the plan (`ownNewPerDay`). `windowDays`: the content set's
 * final window (`finalWindowDays`).
 */
export function appliedNewCards(stillNewCount: number, newToday: number, daysLeft: number, ownNewPerDay?: number, windowDays: number = EXAM_RULE.windowDays): AppliedPace {
  const unseen = stillNewCount + newToday;
  const pace = newCardPace(unseen, daysLeft, windowDays);
  return ownNewPerDay !== undefined ? { newPerDay: ownNewPerDay, from: "config", pace, unseen } : { newPerDay: pace.newPerDay, from: "plan", pace, unseen };
}

/**
 * The day's review limit: reviewsPerDay, but none while an exam is set and not over. Then the plan's minutes bound the
 * day (the quiz stops at them), the plan's forecast counts every review due, and a final review must not wait behind
 * a count set for ordinary days: 200 reviews at 20 s are 67 minutes, less than a plan of 90 minutes a day holds.
 */
export function reviewLimit(reviewsPerDay: number, exam: ExamGoal | undefined, now: Date): number {
  return exam !== undefined && !examIsOver(exam, now) ? Number.MAX_SAFE_INTEGER : reviewsPerDay;
}
