// What a study session produces, as plain values: an answer, its undo, a day's counters, a mock exam.
// They belong to the model, not to storage: the store writes them, sessions and screens make and read them.

import type { CardState, RatingName } from "./model.js";

export interface DayCounters {
  new: number;
  reviews: number;
}

export interface ExamAnswer {
  questionId: string;
  /** Option texts chosen; empty when unanswered. */
  chosen: string[];
  correct: boolean;
  flagged: boolean;
  /** The question was on screen at some point; absent in exams recorded before this was kept. */
  viewed?: boolean;
}

/** One mock exam, as sat. */
export interface ExamRecord {
  id: string;
  startedAt: string;
  endedAt: string;
  /** submitted by the learner, submitted when time ran out, or abandoned with Ctrl-C. */
  status: "submitted" | "timed-out" | "abandoned";
  minutes: number;
  passScore: number;
  seed: number;
  total: number;
  correct: number;
  /** 100 + 900 × correct / total: an estimate, AWS does not publish its scaling. */
  scaled: number;
  passed: boolean;
  byTopic: Record<string, { correct: number; total: number }>;
  answers: ExamAnswer[];
}

export interface ReviewRecord {
  kind: "review";
  v: number;
  reviewId: string;
  questionId: string;
  /** ISO time of the answer. */
  at: string;
  /** Study day the answer counts toward. */
  day: string;
  rating: RatingName;
  /** Multiple choice: right or wrong; recall: null (the rating says it). */
  correct: boolean | null;
  /** The option texts chosen (multiple choice). */
  chosen: string[];
  /** Time to answer in milliseconds. */
  ms: number;
  source: "quiz" | "exam";
  /** The card was new before this answer. */
  wasNew: boolean;
  /** The daily counter this answer used up (see `countsToward`); absent in logs written before it was recorded. */
  counts?: DayCounter;
  before: CardState | null;
  after: CardState;
}

export interface UndoRecord {
  kind: "undo";
  v: number;
  reviewId: string;
  questionId: string;
  at: string;
  day: string;
  wasNew: boolean;
  /** The counter the undone answer used up, given back. */
  counts?: DayCounter;
  restore: CardState | null;
}

export type LogRecord = ReviewRecord | UndoRecord;

/** A daily limit an answer counts toward: newPerDay, reviewsPerDay, or neither. */
export type DayCounter = "new" | "review" | "none";

/**
 * Which daily counter an answer uses up. The first answer of a new card counts toward newPerDay and an answer to a
 * card in the review phase toward reviewsPerDay; answers in a learning or relearning step, and every exam answer,
 * count toward neither.
 */
export function countsToward(record: Pick<ReviewRecord, "source" | "wasNew" | "before">): DayCounter {
  if (record.source === "exam") return "none";
  if (record.wasNew) return "new";
  return record.before?.phase === "review" ? "review" : "none";
}

/** The counter a logged answer or undo moved; a record from before `counts` existed counted as new or review. */
export function counterOf(record: LogRecord): DayCounter {
  return record.counts ?? (record.wasNew ? "new" : "review");
}
