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

/** The knobs of scheduling, in one place. */
export interface SchedulerSettings {
  desiredRetention: number;
  /** ts-fsrs fuzz spreads due dates; tests may turn it off. */
  fuzz: boolean;
}

export const LEECH_LAPSES = 8;
