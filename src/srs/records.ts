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
  /** What the undone answer was, so a tally can take it back without finding the answer (absent in older logs). */
  undone?: { correct: boolean | null; rating: RatingName };
}

/**
 * `cogquiz reset`: the card is new again. Its history starts again here: answers before this record say nothing of
 * the card's memory from now on (the optimizer starts the card's history afresh after it).
 */
export interface ResetRecord {
  kind: "reset";
  v: number;
  questionId: string;
  at: string;
  day: string;
}

/** `cogquiz suspend` (suspended: true) or `--lift` (false). A card without progress gets a new card's state. */
export interface SuspendRecord {
  kind: "suspend";
  v: number;
  questionId: string;
  at: string;
  day: string;
  suspended: boolean;
}

/** The stored settings after a change (`config set`, a fitted optimizer, an exam goal): the whole object. */
export interface SettingsRecord {
  kind: "settings";
  v: number;
  at: string;
  day: string;
  /** As progress.json holds them (the store's `Settings`). */
  settings: Record<string, unknown>;
  /**
   * Cards the same change re-dated, id → [due, scheduledDays]: setting or moving the exam brings cards into its
   * final window, and its end or `plan --clear` dates them by plain FSRS again. A replay dates them as the change did.
   */
  redated?: Record<string, [string, number]>;
}

/** A mock exam as saved to the history (its answers are review records of their own, with source "exam"). */
export interface ExamSavedRecord {
  kind: "exam";
  v: number;
  at: string;
  day: string;
  exam: ExamRecord;
}

/** Everything the log holds. The optimizer reads `review` records, and starts a card's history again at `reset`. */
export type LogRecord = ReviewRecord | UndoRecord | ResetRecord | SuspendRecord | SettingsRecord | ExamSavedRecord;
/** Records about one card. */
export type CardRecord = ReviewRecord | UndoRecord | ResetRecord | SuspendRecord;
export const LOG_RECORD_KINDS: readonly LogRecord["kind"][] = ["review", "undo", "reset", "suspend", "settings", "exam"];
/** The record format version this cogquiz writes and reads. */
export const LOG_RECORD_VERSION = 1;

/** The state of a card never answered, as of `at` (what ts-fsrs's createEmptyCard gives). */
export function newCardState(at: Date): CardState {
  return { due: at.toISOString(), stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, phase: "new" };
}

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
export function counterOf(record: ReviewRecord | UndoRecord): DayCounter {
  return record.counts ?? (record.wasNew ? "new" : "review");
}
