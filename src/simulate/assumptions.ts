// Every assumption of the simulator, in one place, with its value and where it comes from. `cogquiz simulate` and
// the README print these; nothing else in src/simulate/ hides a number that shapes a result.

/** First-sight ratings Again / Hard / Good / Easy: fsrs-rs's simulator defaults (first_rating_prob). */
export const FIRST_RATING_PROB = [0.24, 0.094, 0.495, 0.171] as const;
/** Of the successes at a later answer, Hard / Good / Easy: fsrs-rs's simulator defaults (review_rating_prob). */
export const SUCCESS_RATING_PROB = [0.224, 0.632, 0.144] as const;

/** Study time of a card's first sight (read it, answer, read the explanation), in seconds. */
export const NEW_CARD_SECONDS = 60;
/** Study time of every later answer (reviews and same-day learning steps), in seconds. */
export const REVIEW_SECONDS = 20;

/** The daily session starts at this hour (local time, simulated clock); answers follow one another by their cost. */
export const STUDY_HOUR = 18;
/** The exam starts at exam-rule.ts's EXAM_HOUR (local time) on exam day, the day after the last study day. */
export { EXAM_HOUR } from "../srs/exam-rule.js";
/** Simulated day 0's calendar date (a Monday). Nothing depends on the weekday. */
export const SIMULATION_START = Date.UTC(2027, 0, 4);

/**
 * A multiple-choice answer is right when the learner recalls the fact, or else by a lucky guess: 1 / options for a
 * single-answer question, 1 / C(options, N) for "choose N". A lucky guess is rated like any success by the scheduler,
 * but teaches the learner's memory only what a miss with feedback would (it is a failed retrieval).
 */
export const GUESSING = "right answer without recall: 1/options (single), 1/C(options, N) (choose N)";

/** A recall card never seen is recalled with probability 0; a multiple-choice question never seen scores its guess. */
export const UNSEEN = "recall 0; a multiple-choice question scores its guessing chance";

/** The pass mark on the 100-1000 scale, and the questions of a simulated exam form. */
export const PASS_SCORE = 720;
export const EXAM_FORM_QUESTIONS = 65;
/** Exam forms drawn per learner for P(pass). */
export const EXAM_FORMS_PER_LEARNER = 20;

/**
 * Days after the exam at which the simulator also reads each card's true recall, with no study after the exam: what
 * each strategy leaves for the work after the certificate. Reported beside the exam-day figures, never in them.
 */
export const AFTER_EXAM_DAYS = 30;
