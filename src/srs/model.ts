// Card state as stored: plain JSON, FSRS fields plus what cogquiz adds (suspended, leech).

export type RatingName = "again" | "hard" | "good" | "easy";
export const RATINGS: readonly RatingName[] = ["again", "hard", "good", "easy"];
/** FSRS grades: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export const GRADE: Record<RatingName, 1 | 2 | 3 | 4> = { again: 1, hard: 2, good: 3, easy: 4 };

export type CardPhase = "new" | "learning" | "review" | "relearning";
export const PHASES: readonly CardPhase[] = ["new", "learning", "review", "relearning"];

/** One question's memory state. Dates are ISO strings so the value is its own JSON. */
export interface CardState {
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  phase: CardPhase;
  lastReview?: string;
  suspended?: boolean;
  /** Set once a card has lapsed LEECH_LAPSES times. */
  leech?: boolean;
}

/** The exam a student aims at. Without one, scheduling is plain FSRS at the desired retention. */
export interface ExamGoal {
  /** The exam's local calendar date, YYYY-MM-DD. */
  date: string;
  /** Study minutes a day the plan fits into. */
  minutesPerDay: number;
  /** Recall to reach on exam day, 0..1. */
  target: number;
  /** Exam guide id, such as "dva-c02"; absent when none was chosen. */
  guide?: string;
  /**
   * Set when `config set newPerDay` was run after the plan: the quiz's new-card limit is then the student's
   * newPerDay, not the plan's pace. Setting the plan again clears it.
   */
  ownNewPerDay?: true;
}

/** Recall cards and multiple-choice questions are judged apart: a guess can get a choice right, never a recall card. */
export type CardKind = "recall" | "choice";
export const CARD_KINDS: readonly CardKind[] = ["recall", "choice"];

/** A parameter set fitted to one kind of card alone. */
export interface KindParameters {
  /** The 21 FSRS-6 weights. */
  w: number[];
  /** Answers of that kind the fit was made from. */
  reviews: number;
}

/** FSRS-6 parameters fitted to the student's own review log, with where they came from. */
export interface FittedParameters {
  /** The 21 FSRS-6 weights, for every card without a set of its kind (FSRS-6's defaults when only a kind's set was adopted). */
  w: number[];
  /** ISO time of the fit. */
  fittedAt: string;
  /** Reviews the fit was made from. */
  reviews: number;
  /** Sets fitted to one kind of card alone, where one set served that kind clearly worse; absent when there are none. */
  kinds?: Partial<Record<CardKind, KindParameters>>;
}

/**
 * The knobs of scheduling, in one place: every scheduler is built from one of these, so quiz, exam, readiness,
 * plan and simulate all schedule by the same rules.
 */
export interface SchedulerSettings {
  desiredRetention: number;
  /** ts-fsrs fuzz spreads due dates; tests may turn it off. */
  fuzz: boolean;
  /** FSRS-6 weights; FSRS-6's defaults when absent. */
  parameters?: readonly number[];
  /** Weights for one kind of card instead of `parameters` (see `settingsForKind`). */
  parametersByKind?: Partial<Record<CardKind, readonly number[]>>;
  /** With an exam goal, scheduling aims at recall on the exam day. */
  exam?: ExamGoal;
  /**
   * With an exam goal: the final window's study days for the content set being studied (`finalWindowDays` in
   * exam-rule.ts, from its number of cards and the exam's daily minutes). The rule's least window when absent.
   */
  finalWindowDays?: number;
}

export const LEECH_LAPSES = 8;

/** The settings one kind of card is scheduled by: its own parameters when it has a set, else the common ones. */
export function settingsForKind(settings: SchedulerSettings, kind: CardKind | undefined): SchedulerSettings {
  const { parametersByKind, ...rest } = settings;
  const own = kind === undefined ? undefined : parametersByKind?.[kind];
  return own ? { ...rest, parameters: own } : rest;
}
