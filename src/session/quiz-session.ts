// The quiz loop. It talks to a QuizUI and a ProgressPort, never to the terminal or the disk, so tests can drive it
// with a scripted UI, a fixed clock and a seed.

import type { MultipleChoiceQuestion, Question } from "../content/model.js";
import { dayKey } from "../srs/day.js";
import { formatInterval } from "../srs/interval.js";
import type { CardState, RatingName } from "../srs/model.js";
import { buildQueue, type QueueLimits } from "../srs/queue.js";
import type { Outcomes, Scheduler } from "../srs/scheduler.js";
import { examNote } from "../srs/exam-rule.js";
import type { DayCounters } from "../srs/records.js";
import type { ReviewRecord } from "../srs/records.js";
import { gradeChoice } from "./grading.js";
import { seededRandom, shuffle } from "./random.js";

/** What the session needs of the progress store. */
export interface ProgressPort {
  card(id: string): CardState | undefined;
  counters(day: string): DayCounters;
  recordReview(record: ReviewRecord): Promise<void>;
  recordUndo(record: ReviewRecord, at: Date): Promise<void>;
}

export interface CardView {
  question: Question;
  /** 1-based number of this card in the session so far. */
  number: number;
  /** Cards still queued after this one. */
  remaining: number;
  canUndo: boolean;
  /** Display order of the options: indexes into question.choices. */
  order: number[];
  /** The interval each rating gives, computed before the answer. */
  intervals: Record<RatingName, string>;
  /** A summary of the previous answer, once it is on disk. */
  acknowledgement?: string;
}

export type ChoiceAction = { type: "answer"; chosen: number[] } | { type: "skip" } | { type: "undo" } | { type: "quit" };
export type RevealAction = { type: "reveal" } | { type: "skip" } | { type: "undo" } | { type: "quit" };
export type RatingAction = { type: "rate"; rating: RatingName } | { type: "undo" } | { type: "quit" };
export type ContinueAction = { type: "continue" } | { type: "undo" } | { type: "quit" };

export interface QuizUI {
  askChoice(view: CardView): Promise<ChoiceAction>;
  /** A right answer: show the result and ask Hard / Good / Easy. */
  rateCorrectChoice(view: CardView, chosen: number[]): Promise<RatingAction>;
  /** A wrong answer, already saved as Again: show the result. */
  showWrongChoice(view: CardView, chosen: number[], saved: string): Promise<ContinueAction>;
  askRecall(view: CardView): Promise<RevealAction>;
  rateRecall(view: CardView): Promise<RatingAction>;
}

export interface QuizOptions {
  /** The daily limits and session overrides; what today already used is read from the store. */
  limits: Omit<QueueLimits, "newToday" | "reviewsToday">;
  seed: number;
  source?: "quiz" | "exam";
  /** Called with each question just before it is shown: a bank read lazily gives the question its texts here. */
  prepare?: (question: Question) => void;
}

export interface TopicTally {
  answered: number;
  correct: number;
}

export interface SessionSummary {
  answered: number;
  correct: number;
  skipped: number;
  byTopic: Map<string, TopicTally>;
  startedAt: Date;
  endedAt: Date;
  /** Questions that became leeches in this session. */
  leeches: Question[];
  /** When the next card of the bank falls due, if any. */
  nextDue?: Date;
  /** Nothing was due and there were no new cards. */
  nothingToDo: boolean;
}

/** Learning cards due within this span come back in the same session. */
export const LEARN_AHEAD_MS = 20 * 60_000;

interface Done {
  record: ReviewRecord;
  question: Question;
}

export async function runQuiz(
  questions: readonly Question[],
  store: ProgressPort,
  scheduler: Scheduler,
  ui: QuizUI,
  clock: () => Date,
  options: QuizOptions,
): Promise<SessionSummary> {
  const startedAt = clock();
  const byId = new Map(questions.map((q) => [q.id, q]));
  const day = dayKey(startedAt);
  const counters = store.counters(day);
  const queue = buildQueue(
    questions.map((q) => q.id),
    (id) => store.card(id),
    startedAt,
    { ...options.limits, newToday: counters.new, reviewsToday: counters.reviews },
    scheduler,
    // A first session should not be one file's recall cards in a row: mix areas, and recall with multiple choice.
    (id) => {
      const q = byId.get(id)!;
      return `${q.topic[0] ?? ""}\u0000${q.kind === "recall" ? "recall" : "choice"}`;
    },
  );
  const pending: string[] = [...queue.due, ...queue.fresh];
  const learning: { id: string; due: number }[] = [];
  const done: Done[] = [];
  const random = seededRandom(options.seed);
  let skipped = 0;
  let acknowledgement: string | undefined;
  let shown = 0;

  const next = (now: Date): string | undefined => {
    learning.sort((a, b) => a.due - b.due);
    if (learning[0] && learning[0].due <= now.getTime()) return learning.shift()!.id;
    if (pending.length > 0) return pending.shift();
    if (learning[0] && learning[0].due <= now.getTime() + LEARN_AHEAD_MS) return learning.shift()!.id;
    return undefined;
  };

  const undoLast = async (current: string | undefined): Promise<void> => {
    const last = done.pop();
    if (!last) return;
    await store.recordUndo(last.record, clock());
    const at = learning.findIndex((l) => l.id === last.record.questionId);
    if (at >= 0) learning.splice(at, 1);
    if (current !== undefined) pending.unshift(current);
    pending.unshift(last.record.questionId);
    shown = Math.max(0, shown - 2);
    acknowledgement = `undone: ${last.record.questionId} is back as it was`;
  };

  const save = async (q: Question, outcomes: Outcomes, rating: RatingName, correct: boolean | null, chosen: number[], shownAt: Date) => {
    const now = clock();
    const before = store.card(q.id) ?? null;
    const outcome = outcomes[rating];
    const record: ReviewRecord = {
      kind: "review",
      v: 1,
      reviewId: `${now.getTime().toString(36)}-${q.id}-${Math.floor(random() * 1e9).toString(36)}`,
      questionId: q.id,
      at: now.toISOString(),
      day: dayKey(shownAt),
      rating,
      correct,
      chosen: q.kind === "recall" ? [] : chosen.map((i) => (q as MultipleChoiceQuestion).choices[i]!.text),
      ms: Math.max(0, now.getTime() - shownAt.getTime()),
      source: options.source ?? "quiz",
      wasNew: before === null || before.phase === "new",
      before,
      after: outcome.card,
    };
    await store.recordReview(record);
    done.push({ record, question: q });
    const due = new Date(outcome.card.due).getTime();
    if (due <= shownAt.getTime() + LEARN_AHEAD_MS) learning.push({ id: q.id, due });
    const label = `${rating[0]!.toUpperCase()}${rating.slice(1)} · ${formatInterval(outcome.intervalMs)}${examNote(outcome)}`;
    const leech = outcome.card.leech && !before?.leech ? " · now a leech: it keeps slipping; rewrite or suspend it" : "";
    return `saved ${q.id}: ${label}${leech}`;
  };

  type Step = { type: "quit" } | { type: "skip" } | { type: "answered" } | { type: "undo"; current: string | undefined };
  /** A command key: undo puts `current` (the card on screen, if its answer is not saved) back in the queue. */
  const command = (type: "quit" | "skip" | "undo", current: string | undefined): Step =>
    type === "undo" ? { type, current } : { type };

  /** One card, asked and answered (or skipped, undone, quit). The answer is saved before it is acknowledged. */
  const askCard = async (q: Question, view: CardView, outcomes: Outcomes, shownAt: Date): Promise<Step> => {
    if (q.kind === "recall") {
      const reveal = await ui.askRecall(view);
      if (reveal.type !== "reveal") return command(reveal.type, q.id);
      const rated = await ui.rateRecall(view);
      if (rated.type !== "rate") return command(rated.type, q.id);
      acknowledgement = await save(q, outcomes, rated.rating, null, [], shownAt);
      return { type: "answered" };
    }
    const asked = await ui.askChoice(view);
    if (asked.type !== "answer") return command(asked.type, q.id);
    if (!gradeChoice(q, asked.chosen)) {
      const saved = await save(q, outcomes, "again", false, asked.chosen, shownAt);
      const after = await ui.showWrongChoice(view, asked.chosen, saved);
      // Undo here takes back this very answer, which is already the last one saved.
      return after.type === "continue" ? { type: "answered" } : command(after.type, undefined);
    }
    const rated = await ui.rateCorrectChoice(view, asked.chosen);
    // Nothing of this answer is saved yet: undo takes back the answer before it, and this card comes again.
    if (rated.type !== "rate") return command(rated.type, q.id);
    acknowledgement = await save(q, outcomes, rated.rating === "again" ? "good" : rated.rating, true, asked.chosen, shownAt);
    return { type: "answered" };
  };

  let current = next(startedAt);
  const nothingToDo = current === undefined;
  while (current !== undefined) {
    const q = byId.get(current);
    if (!q) {
      current = next(clock());
      continue;
    }
    options.prepare?.(q);
    const shownAt = clock();
    const outcomes = scheduler.preview(store.card(q.id), shownAt);
    const intervals = Object.fromEntries(
      (Object.keys(outcomes) as RatingName[]).map((r) => [r, formatInterval(outcomes[r].intervalMs) + examNote(outcomes[r])]),
    ) as Record<RatingName, string>;
    const order = q.kind === "recall" ? [] : shuffle(q.choices.map((_, i) => i), random);
    shown++;
    const view: CardView = {
      question: q,
      number: shown,
      remaining: pending.length + learning.length,
      canUndo: done.length > 0,
      order,
      intervals,
    };
    if (acknowledgement !== undefined) view.acknowledgement = acknowledgement;
    acknowledgement = undefined;

    const step = await askCard(q, view, outcomes, shownAt);
    if (step.type === "quit") break;
    if (step.type === "undo") await undoLast(step.current);
    if (step.type === "skip") skipped++;
    current = next(clock());
  }

  return summarise(done, skipped, startedAt, clock(), questions, store, nothingToDo);
}

function summarise(
  done: Done[],
  skipped: number,
  startedAt: Date,
  endedAt: Date,
  questions: readonly Question[],
  store: ProgressPort,
  nothingToDo: boolean,
): SessionSummary {
  const byTopic = new Map<string, TopicTally>();
  let correct = 0;
  const leeches: Question[] = [];
  for (const { record, question } of done) {
    const ok = record.correct ?? record.rating !== "again";
    if (ok) correct++;
    const key = question.topic.join(" › ");
    const t = byTopic.get(key) ?? { answered: 0, correct: 0 };
    t.answered++;
    if (ok) t.correct++;
    byTopic.set(key, t);
    if (record.after.leech && !record.before?.leech && !leeches.includes(question)) leeches.push(question);
  }
  let nextDue: Date | undefined;
  for (const q of questions) {
    const c = store.card(q.id);
    if (!c || c.suspended) continue;
    const due = new Date(c.due);
    if (!nextDue || due < nextDue) nextDue = due;
  }
  const summary: SessionSummary = { answered: done.length, correct, skipped, byTopic, startedAt, endedAt, leeches, nothingToDo };
  if (nextDue) summary.nextDue = nextDue;
  return summary;
}
