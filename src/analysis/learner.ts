// A simulated learner whose memory follows FSRS-6 under its own "true" weights, studied by cogquiz's real
// scheduler: it writes the review log a student with that memory would write. Tests use it to check that the
// optimizer recovers a memory that differs from the defaults; the bench uses it for large logs.
//
// Assumptions, stated once:
// - one session a day, starting at 19:00 local time plus up to an hour; every due card is answered (no daily limit),
//   then up to `newPerDay` new cards; learning steps are answered as they come due within the session;
// - recall happens with the probability FSRS-6 gives under the true weights for the time elapsed (in fractional days);
// - a recalled card is rated Hard, Good or Easy with RECALLED_GRADES' shares, a forgotten one Again;
// - a multiple-choice question is right when recalled, or by a lucky guess (`guessRate`) when not; a right answer
//   is rated Good, a wrong one Again, as a student answering in the quiz would.

import { FSRSAlgorithm, forgetting_curve, type FSRSState } from "ts-fsrs";
import { dayKey } from "../srs/day.js";
import { RATINGS, type CardState, type RatingName } from "../srs/model.js";
import type { ReviewRecord } from "../srs/records.js";
import { createScheduler } from "../srs/scheduler.js";
import { seededRandom } from "../session/random.js";

export interface LearnerOptions {
  cards: number;
  days: number;
  newPerDay: number;
  seed: number;
  /** The learner's real memory. */
  trueWeights: readonly number[];
  /** What schedules the reviews; FSRS-6's defaults when absent. */
  schedulerWeights?: readonly number[];
  desiredRetention?: number;
  /** Share of the cards that are recall cards; the rest are multiple-choice questions. */
  recallShare?: number;
  /** Chance of a right answer to a multiple-choice question the learner has forgotten. */
  guessRate?: number;
  /**
   * The memory of multiple-choice questions, when it is not `trueWeights`: recognising the right option among others
   * is not recalling it, and a learner's memory of the two may differ. `trueWeights` then holds for recall cards.
   */
  choiceTrueWeights?: readonly number[];
  /** The first study day's midnight. */
  start?: Date;
}

/** Hard, Good, Easy shares of a recalled card's rating. */
export const RECALLED_GRADES: readonly [number, number, number] = [0.15, 0.75, 0.1];

const DAY_MS = 86_400_000;

/** Weights that differ from FSRS-6's defaults the way a real learner's might: slower forgetting, easier cards. */
export const SAMPLE_TRUE_WEIGHTS: readonly number[] = [
  0.9, 3.2, 6.5, 20, 5.6, 0.6, 1.6, 0.02, 2.3, 0.1, 1.1, 1.1, 0.08, 0.4, 1.2, 0.5, 2.2, 0.4, 0.2, 0.1, 0.3,
];

/** Weights of a memory that forgets much faster than FSRS-6's defaults (first stabilities of hours to days). */
export const FAST_FORGETTING_WEIGHTS: readonly number[] = [
  0.1, 0.3, 0.8, 3, 7, 0.9, 3.5, 0.01, 1.2, 0.3, 0.6, 2.5, 0.05, 0.2, 2.5, 0.6, 1.8, 0.6, 0.1, 0.1, 0.4,
];

export interface SyntheticLog {
  records: ReviewRecord[];
  /** Each card's state after its last review, as progress.json would hold it. */
  cards: Record<string, CardState>;
}

/** Simulates the learner, calling `each` with every review in time order; returns the final card states. */
export function simulateLearner(o: LearnerOptions, each: (r: ReviewRecord) => void): Record<string, CardState> {
  const random = seededRandom(o.seed);
  const scheduler = createScheduler({
    desiredRetention: o.desiredRetention ?? 0.9,
    fuzz: true,
    ...(o.schedulerWeights ? { parameters: o.schedulerWeights } : {}),
  });
  const truth = new FSRSAlgorithm({ w: [...o.trueWeights], enable_short_term: true });
  const choiceWeights = o.choiceTrueWeights ?? o.trueWeights;
  const choiceTruth = o.choiceTrueWeights ? new FSRSAlgorithm({ w: [...o.choiceTrueWeights], enable_short_term: true }) : truth;
  const guess = o.guessRate ?? 0.25;
  const recallShare = o.recallShare ?? 0.5;
  const start = o.start ?? new Date(2026, 0, 5);
  const cards: Record<string, CardState> = {};
  const memory = new Map<string, { state: FSRSState; at: number }>();
  const ids: string[] = [];
  const dueAt = new Map<string, number>();
  let serial = 0;

  const answer = (id: string, at: number): CardState => {
    const before = cards[id];
    const mem = memory.get(id);
    const isRecall = Number(id.slice(5)) % 100 < recallShare * 100;
    const elapsed = mem ? Math.max(0, (at - mem.at) / DAY_MS) : 0;
    const weights = isRecall ? o.trueWeights : choiceWeights;
    const recalled = mem ? random() < forgetting_curve(weights, elapsed, mem.state.stability) : random() < 0.6;
    let rating: RatingName;
    let correct: boolean | null = null;
    if (isRecall) {
      if (!recalled) rating = "again";
      else {
        const u = random();
        rating = u < RECALLED_GRADES[0] ? "hard" : u < RECALLED_GRADES[0] + RECALLED_GRADES[1] ? "good" : "easy";
      }
    } else {
      correct = recalled || random() < guess;
      rating = correct ? "good" : "again";
    }
    const grade = RATINGS.indexOf(rating) + 1;
    // The true memory moves by whole days, as FSRS counts them; same-day answers take its short-term path.
    const days = mem ? Math.max(0, Math.round((dayStart(at) - dayStart(mem.at)) / DAY_MS)) : 0;
    const state = (isRecall ? truth : choiceTruth).next_state(mem ? mem.state : null, days, grade);
    memory.set(id, { state, at });
    const after = scheduler.preview(before, new Date(at))[rating].card;
    const when = new Date(at);
    each({
      kind: "review",
      v: 1,
      reviewId: `syn-${(serial++).toString(36)}`,
      questionId: id,
      at: when.toISOString(),
      day: dayKey(when),
      rating,
      correct,
      chosen: isRecall ? [] : [correct ? "the right option" : "a wrong option"],
      ms: 4000 + Math.floor(random() * 8000),
      source: "quiz",
      wasNew: before === undefined,
      before: before ?? null,
      after,
    });
    cards[id] = after;
    dueAt.set(id, Date.parse(after.due));
    return after;
  };

  for (let d = 0; d < o.days; d++) {
    const sessionStart = new Date(start.getFullYear(), start.getMonth(), start.getDate() + d, 19, Math.floor(random() * 60)).getTime();
    let t = sessionStart;
    const due = ids.filter((id) => dueAt.get(id)! <= sessionStart + 3_600_000);
    for (let i = 0; i < o.newPerDay && ids.length < o.cards; i++) {
      const id = `card-${ids.length}`;
      ids.push(id);
      due.push(id);
    }
    for (const id of due) {
      t += 10_000;
      let card = answer(id, t);
      // Learning steps come back within the session.
      let at = t;
      while (Date.parse(card.due) - at < 3_600_000) {
        at = Math.max(Date.parse(card.due), at + 30_000);
        card = answer(id, at);
      }
    }
  }
  return cards;
}

/** The local midnight of the study day of `ms` (days start at 04:00). */
function dayStart(ms: number): number {
  const k = dayKey(new Date(ms));
  const [y, m, dd] = k.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, dd).getTime();
}

/** The whole log at once (small logs). */
export function syntheticLog(o: LearnerOptions): SyntheticLog {
  const records: ReviewRecord[] = [];
  const cards = simulateLearner(o, (r) => records.push(r));
  return { records, cards };
}
