// Answers per study day, tallied by the card's phase before the answer: what stats needs of the review log, kept
// small enough to live in the checkpoint so stats never reads the log. The split by phase lets a figure count only
// the answers it means (retention: reviews of cards already learnt, not first answers).

import type { CardPhase } from "./model.js";
import type { LogRecord, ReviewRecord } from "./records.js";

/** [answers, right] for one phase on one day. */
export type PhaseCount = [number, number];
/** One study day: counts per phase before the answer (absent phase: none). */
export type DayAnswers = Partial<Record<CardPhase, PhaseCount>>;
/** Study day (YYYY-MM-DD) → its answers. */
export type AnswerTally = Record<string, DayAnswers>;

/**
 * Whether an answer counts as recalled: by the student's rating, as the scheduler reads it (a right choice rated
 * Again, "I guessed", is not recalled; accuracy, which reads `correct`, is a figure of its own).
 */
export const isRight = (r: { correct: boolean | null; rating: string }): boolean => r.rating !== "again";

/** The phase an answer found its card in (a card that was not new and has no state recorded counts as in review). */
export const phaseBefore = (r: Pick<ReviewRecord, "before" | "wasNew">): CardPhase => (r.wasNew ? "new" : (r.before?.phase ?? "review"));

function add(tally: AnswerTally, day: string, phase: CardPhase, n: number, right: number): void {
  const d = Object.hasOwn(tally, day) ? tally[day]! : (tally[day] = {});
  const c = d[phase] ?? [0, 0];
  const answers = Math.max(0, c[0] + n);
  d[phase] = [answers, Math.min(answers, Math.max(0, c[1] + right))];
}

/**
 * Folds records into a tally, in log order. An undo takes its answer back; `recent` remembers the last answers so
 * an undo written before undo records carried the answer's rating can still find it.
 */
export class AnswerTallier {
  private readonly recent = new Map<string, { right: boolean }>();
  constructor(readonly tally: AnswerTally = {}) {}

  apply(r: LogRecord): void {
    if (r.kind === "review") {
      const right = isRight(r);
      add(this.tally, r.day, phaseBefore(r), 1, right ? 1 : 0);
      this.recent.set(r.reviewId, { right });
      if (this.recent.size > 256) this.recent.delete(this.recent.keys().next().value!);
    } else if (r.kind === "undo") {
      const known = r.undone ? { right: isRight(r.undone) } : this.recent.get(r.reviewId);
      const phase = phaseBefore({ wasNew: r.wasNew, before: r.restore });
      add(this.tally, r.day, phase, -1, known?.right ? -1 : 0);
      this.recent.delete(r.reviewId);
    }
  }
}

export function tallyOf(log: readonly LogRecord[]): AnswerTally {
  const t = new AnswerTallier();
  for (const r of log) t.apply(r);
  return t.tally;
}

/** All answers of a day. */
export function answersOn(day: DayAnswers | undefined): number {
  if (!day) return 0;
  let n = 0;
  for (const c of Object.values(day)) n += c[0];
  return n;
}

/**
 * The most one answer adds to a day's study time: an answer that took longer was mostly time away from the screen
 * (the plan's time per card leaves such answers out; the day's minutes count them at this much).
 */
export const ANSWER_TIME_CAP_MS = 2 * 60_000;

/** What an answer adds to its day's study time: its time, capped; a mock exam's answers (time 0) add nothing. */
export function studyTimeOf(r: Pick<ReviewRecord, "ms" | "source">): number {
  return r.source === "exam" ? 0 : Math.min(Math.max(0, r.ms), ANSWER_TIME_CAP_MS);
}
