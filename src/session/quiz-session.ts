// The quiz loop. It talks to a QuizUI and a ProgressPort, never to the terminal or the disk, so tests can drive it
// with a scripted UI, a fixed clock and a seed.

import { cardKind, type MultipleChoiceQuestion, type Question } from "../content/model.js";
import { addDays, dayKey, dayStart } from "../srs/day.js";
import { formatInterval } from "../srs/interval.js";
import type { CardState, RatingName } from "../srs/model.js";
import {
  availableFrom,
  afterAnswer,
  afterSkip,
  buildQueue,
  buriedSiblings,
  heldBack,
  nextAvailable,
  pickNext,
  putBack,
  queueCounts,
  showable,
  skippedOpen,
  stillQueued,
  type Held,
  type Queue,
  type QueueCounts,
  type QueueItem,
  type QueueLimits,
} from "../srs/queue.js";
import type { Outcomes, Scheduler } from "../srs/scheduler.js";
import { examNote } from "../srs/exam-rule.js";
import { countsToward, type DayCounters, type ReviewRecord } from "../srs/records.js";
import { studyTimeOf } from "../srs/tally.js";
import { gradeChoice } from "./grading.js";
import { seededRandom, shuffle } from "./random.js";

/** What the session needs of the progress store. */
export interface ProgressPort {
  card(id: string): CardState | undefined;
  counters(day: string): DayCounters;
  recordReview(record: ReviewRecord): Promise<void>;
  recordUndo(record: ReviewRecord, at: Date): Promise<void>;
  /** Study time of a study day so far, over every session of the day (needed with `minutesPerDay`). */
  studiedMs?(day: string): number;
}

export { LEARN_AHEAD_MS } from "../srs/queue.js";

export interface CardView {
  question: Question;
  /** 1-based number of this card in the session so far. */
  number: number;
  /** Cards still queued after this one (new + learning + due). */
  remaining: number;
  /** What is left after this card, as Anki counts it: new, learning (due within learn-ahead), due reviews. */
  counts: QueueCounts;
  /** Cards of this session's set buried for today (a sibling or twin was answered). */
  buried: number;
  /** A learning card shown before its step is due (learn-ahead). */
  early: boolean;
  /** New cards this session takes beyond today's new-card limit (extra study). */
  extraNew: number;
  canUndo: boolean;
  /** Display order of the options: indexes into question.choices. */
  order: number[];
  /** The interval each rating gives, computed before the answer. */
  intervals: Record<RatingName, string>;
  /** A summary of the previous answer, once it is on disk. */
  acknowledgement?: string;
  /** With an exam set: the days to it and the readiness as this card is shown. */
  exam?: string;
}

export type ChoiceAction = { type: "answer"; chosen: number[] } | { type: "skip" } | { type: "undo" } | { type: "quit" };
export type RevealAction = { type: "reveal" } | { type: "skip" } | { type: "undo" } | { type: "quit" };
export type RatingAction = { type: "rate"; rating: RatingName } | { type: "undo" } | { type: "quit" };
export type ContinueAction = { type: "continue" } | { type: "undo" } | { type: "quit" };

export interface QuizUI {
  askChoice(view: CardView): Promise<ChoiceAction>;
  /**
   * A right answer: show the result and ask Again ("I guessed") / Hard / Good / Easy. Undo here takes back this
   * card's answer, nothing of which is saved yet: the question is shown again with the same option order.
   */
  rateCorrectChoice(view: CardView, chosen: number[]): Promise<RatingAction>;
  /** A wrong answer, already saved as Again: show the result. Undo here takes back this answer. */
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
  /**
   * Exam-date mode: the day's study minutes. No card is shown once today's study time (every session of the day,
   * from the store) has reached them; the session ends saying so.
   */
  minutesPerDay?: number;
  /** Exam-date mode: "exam in 12 days · readiness 64 %" at a moment, for each card's status line. */
  examStatus?: (now: Date) => string | undefined;
  /** Exam-date mode: the exam's date; its eve and its day bury no siblings (`buriesSiblings`). */
  examDate?: string;
}

export interface TopicTally {
  answered: number;
  correct: number;
}

/** A limit that left cards out of the session. */
export interface LimitHit {
  limit: "reviewsPerDay" | "newPerDay" | "--new" | "--limit";
  value: number;
  /** Cards it left out. */
  waiting: number;
}

/** Why a session ended: the student quit, or the queue ran out (with the limits that held cards back, if any). */
export type EndReason =
  | { kind: "quit"; queued: number; /** A card answered but quit at its rating prompt: nothing of it saved. */ unrated?: string }
  | { kind: "empty"; limits: LimitHit[] }
  | { kind: "minutes"; minutesPerDay: number; studiedMs: number; waiting: MinutesWaiting };

/** What today's minutes left unstudied. */
export interface MinutesWaiting {
  /** Due reviews (those over the review limit included). */
  reviews: number;
  /** Cards in a learning or relearning step. */
  learning: number;
  /** New cards of today's share. */
  fresh: number;
}

export interface SessionSummary {
  answered: number;
  correct: number;
  skipped: number;
  /** Skipped cards that a session could show now (the limits would let them in): set when the queue ran out. */
  skippedOpen: number;
  /** Per topic (grouped by the normalised topic key, named by its path). */
  byTopic: Map<string, TopicTally>;
  startedAt: Date;
  endedAt: Date;
  /**
   * Study time of the session's answers, each counted as today's minutes count it (at most 2 minutes; `studyTimeOf`):
   * what the exam plan's minutes are spent by, and never more than the day's total.
   */
  studiedMs: number;
  /** Questions that became leeches in this session. */
  leeches: Question[];
  /** When the next card of the set can be studied (learning steps by the minute, reviews from their day's start). */
  nextDue?: Date;
  /** Nothing was due and there were no new cards. */
  nothingToDo: boolean;
  end: EndReason;
  /** Cards of the set buried until tomorrow (their sibling was answered today). */
  buried: number;
  /** New cards taken beyond today's new-card limit (extra study). */
  extraNew: number;
  /** New cards of the set that today's newPerDay keeps out: what extra study could add. */
  newBeyondLimit: number;
  /** The acknowledgement of the last answer ("saved …"), when no card came after it to show it on. */
  lastSaved?: string;
}

interface Done {
  record: ReviewRecord;
  question: Question;
  /** The option order it was answered in. */
  order: number[];
}

/** The queue's view of a question. */
export function queueItem(q: Question): QueueItem {
  const item: QueueItem = {
    id: q.id,
    topicKey: q.topicKey,
    area: q.topicKey.split(" / ")[0] ?? "",
    kind: q.kind === "recall" ? "recall" : "choice",
  };
  // Twins (the same stem asked again) are buried as siblings are.
  const buried = q.twins ? [...(q.siblings ?? []), ...q.twins] : q.siblings;
  if (buried && buried.length > 0) item.siblings = buried;
  return item;
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
  const items = questions.map(queueItem);
  const withSiblings = items.filter((i) => i.siblings !== undefined);
  const card = (id: string) => store.card(id);
  const buriedAt = (now: Date) => buriedSiblings(withSiblings, card, dayKey(now), options.examDate);
  const counters = store.counters(dayKey(startedAt));
  const limits: QueueLimits = { ...options.limits, newToday: counters.new, reviewsToday: counters.reviews };
  let queue: Queue = buildQueue(items, card, startedAt, limits, scheduler, options.examDate);
  const done: Done[] = [];
  const random = seededRandom(options.seed);
  let skipped = 0;
  let acknowledgement: string | undefined;
  let shown = 0;
  let lastTopic: string | undefined;
  /** An undone card is asked again with the options in the order it had. */
  const keptOrder = new Map<string, number[]>();

  /** Buried cards of the set that would otherwise be studied today. */
  const buriedCount = (now: Date, buried: ReadonlySet<string>): number => {
    const endOfDay = dayStart(addDays(dayKey(now), 1)).getTime();
    let n = 0;
    for (const id of buried) {
      if (!byId.has(id)) continue;
      const c = card(id);
      if (c?.suspended) continue;
      if (!c || c.phase === "new" || availableFrom(c) < endOfDay) n++;
    }
    return n;
  };

  /** Undo of the last saved answer; `current` (the card on screen, unanswered) goes back to the front after it. */
  const undoLast = async (current: string | undefined): Promise<void> => {
    const last = done.pop();
    if (!last) return;
    const now = clock();
    await store.recordUndo(last.record, now);
    if (current !== undefined && current !== last.record.questionId) queue = putBack(queue, current, card(current) ?? null, now);
    // Put back once: the card on screen may be this very card, come straight back for its next step.
    queue = putBack(queue, last.record.questionId, last.record.before, now);
    if (last.question.kind !== "recall") keptOrder.set(last.record.questionId, last.order);
    shown = Math.max(0, shown - (current !== undefined ? 2 : 1));
    lastTopic = undefined;
    acknowledgement = `undone: ${last.record.questionId} is back as it was`;
  };

  const save = async (q: Question, order: number[], outcomes: Outcomes, rating: RatingName, correct: boolean | null, chosen: number[], shownAt: Date) => {
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
    record.counts = countsToward(record);
    await store.recordReview(record);
    done.push({ record, question: q, order });
    queue = afterAnswer(queue, q.id, outcome.card);
    const label = `${rating[0]!.toUpperCase()}${rating.slice(1)} · ${formatInterval(outcome.intervalMs)}${examNote(outcome)}`;
    const leech = outcome.card.leech && !before?.leech ? " · now a leech: it keeps slipping; rewrite or suspend it" : "";
    return `saved ${q.id}: ${label}${leech}`;
  };

  type Step = { type: "skip" } | { type: "answered" } | { type: "undo" | "quit"; current: string | undefined; unrated?: string };
  /** A command key; `current` is the card on screen if its answer is not saved: undo and quit leave it queued. */
  const command = (type: "quit" | "skip" | "undo", current: string | undefined): Step =>
    type === "skip" ? { type } : { type, current };

  /** One card, asked and answered (or skipped, undone, quit). The answer is saved before it is acknowledged. */
  const askCard = async (q: Question, view: CardView, outcomes: Outcomes, shownAt: Date): Promise<Step> => {
    if (q.kind === "recall") {
      const reveal = await ui.askRecall(view);
      if (reveal.type !== "reveal") return command(reveal.type, q.id);
      const rated = await ui.rateRecall(view);
      if (rated.type === "quit") return { type: "quit", current: q.id, unrated: q.id };
      if (rated.type !== "rate") return command(rated.type, q.id);
      acknowledgement = await save(q, view.order, outcomes, rated.rating, null, [], shownAt);
      return { type: "answered" };
    }
    for (;;) {
      const asked = await ui.askChoice(view);
      if (asked.type !== "answer") return command(asked.type, q.id);
      if (!gradeChoice(q, asked.chosen)) {
        const saved = await save(q, view.order, outcomes, "again", false, asked.chosen, shownAt);
        const after = await ui.showWrongChoice(view, asked.chosen, saved);
        // Undo here takes back this very answer, which is already the last one saved.
        return after.type === "continue" ? { type: "answered" } : command(after.type, undefined);
      }
      const rated = await ui.rateCorrectChoice(view, asked.chosen);
      // Nothing of this answer is saved yet: undo takes it back, and the question is asked again as it was.
      if (rated.type === "undo") continue;
      if (rated.type === "quit") return { type: "quit", current: q.id, unrated: q.id };
      // A right answer rated Again ("I guessed") stays right in the log and Again for the scheduler.
      acknowledgement = await save(q, view.order, outcomes, rated.rating, true, asked.chosen, shownAt);
      return { type: "answered" };
    }
  };

  let end: EndReason | undefined;
  let first = true;
  let nothingToDo = false;
  for (;;) {
    const now = clock();
    const buried = buriedAt(now);
    const picked = pickNext(queue, now, { buried, topicOf: (id) => byId.get(id)?.topicKey, lastTopic });
    if (first) nothingToDo = picked === undefined;
    first = false;
    if (!picked) break;
    if (options.minutesPerDay !== undefined) {
      const studiedMs = store.studiedMs?.(dayKey(now)) ?? 0;
      if (studiedMs >= options.minutesPerDay * 60_000) {
        const open = showable(queue, buried);
        const waiting: MinutesWaiting = {
          reviews: open.reviews.length + heldBack(queue, buried).reviews,
          learning: queue.learning.length,
          fresh: open.fresh.length,
        };
        end = { kind: "minutes", minutesPerDay: options.minutesPerDay, studiedMs, waiting };
        break;
      }
    }
    queue = picked.queue;
    const q = byId.get(picked.id);
    if (!q) continue;
    options.prepare?.(q);
    const shownAt = clock();
    const outcomes = scheduler.preview(store.card(q.id), shownAt, cardKind(q));
    const intervals = Object.fromEntries(
      (Object.keys(outcomes) as RatingName[]).map((r) => [r, formatInterval(outcomes[r].intervalMs) + examNote(outcomes[r])]),
    ) as Record<RatingName, string>;
    const kept = keptOrder.get(q.id);
    keptOrder.delete(q.id);
    const order = q.kind === "recall" ? [] : kept ?? shuffle(q.choices.map((_, i) => i), random);
    shown++;
    const counts = queueCounts(queue, shownAt, buried);
    const view: CardView = {
      question: q,
      number: shown,
      remaining: counts.new + counts.learning + counts.due,
      counts,
      buried: buriedCount(shownAt, buried),
      early: picked.early,
      extraNew: queue.extraNew,
      canUndo: done.length > 0,
      order,
      intervals,
    };
    if (acknowledgement !== undefined) view.acknowledgement = acknowledgement;
    acknowledgement = undefined;
    const exam = options.examStatus?.(shownAt);
    if (exam !== undefined) view.exam = exam;

    const step = await askCard(q, view, outcomes, shownAt);
    lastTopic = q.topicKey;
    if (step.type === "quit") {
      // A card on screen whose answer was not saved is still queued.
      if (step.current !== undefined) queue = putBack(queue, step.current, store.card(step.current) ?? null, clock());
      const held = buriedAt(clock());
      // Skipped cards wait too: those today's limits let in are shown by the next quiz, so they are counted.
      end = { kind: "quit", queued: stillQueued(queue, held) };
      if (step.unrated !== undefined) end.unrated = step.unrated;
      break;
    }
    if (step.type === "undo") {
      // The card on screen comes back after the undone one with the options as they were, so a remembered number
      // still picks the same option.
      if (step.current !== undefined && q.kind !== "recall") keptOrder.set(step.current, order);
      await undoLast(step.current);
    }
    if (step.type === "skip") {
      skipped++;
      // A skipped card does not use up a limit: the next card takes its place.
      queue = afterSkip(queue, picked.id, picked.from);
    }
  }
  const endedAt = clock();
  const buried = buriedAt(endedAt);
  const held = heldBack(queue, buried);
  end ??= { kind: "empty", limits: limitsHit(queue, held, options.limits) };
  const summary = summarise(done, skipped, startedAt, endedAt, nothingToDo);
  // Cards --limit held back, and skipped cards the limits would let in, can be studied now, in the next session: no
  // "next card due" hours away.
  const sessionHeld = end.kind === "empty" && end.limits.some((l) => l.limit === "--limit");
  summary.skippedOpen = end.kind === "empty" && !sessionHeld ? skippedOpen(queue, buried) : 0;
  const nextDue = sessionHeld || summary.skippedOpen > 0 ? undefined : nextAvailable(items, card, endedAt, buried);
  if (nextDue) summary.nextDue = nextDue;
  summary.end = end;
  summary.buried = buriedCount(endedAt, buried);
  summary.extraNew = queue.extraNew;
  // What extra study could add: new cards today's limit holds back once it is used up, and only then.
  summary.newBeyondLimit = options.limits.newOverride === undefined && queue.room.fresh <= 0 && !sessionHeld ? held.fresh : 0;
  // The last answer's "saved" had no next card to show on: the summary shows it first.
  if (acknowledgement !== undefined) summary.lastSaved = acknowledgement;
  return summary;
}

/**
 * The limits that kept cards out of this session: a daily limit (or --new) when it is used up with cards behind it,
 * --limit when it is used up with cards the daily limits would still let in.
 */
function limitsHit(queue: Queue, held: Held, limits: QuizOptions["limits"]): LimitHit[] {
  const out: LimitHit[] = [];
  if (queue.room.reviews <= 0 && held.reviews > 0) out.push({ limit: "reviewsPerDay", value: limits.reviewsPerDay, waiting: held.reviews });
  if (queue.room.fresh <= 0 && held.fresh > 0) {
    out.push(
      limits.newOverride !== undefined
        ? { limit: "--new", value: limits.newOverride, waiting: held.fresh }
        : { limit: "newPerDay", value: limits.newPerDay, waiting: held.fresh },
    );
  }
  if (queue.room.session <= 0 && held.session > 0 && limits.sessionLimit !== undefined) out.push({ limit: "--limit", value: limits.sessionLimit, waiting: held.session });
  return out;
}

function summarise(done: Done[], skipped: number, startedAt: Date, endedAt: Date, nothingToDo: boolean): SessionSummary {
  const byTopic = new Map<string, TopicTally>();
  // One topic is one key: `# Amazon Cognito` and `` # `Amazon  Cognito` `` tally together, under the first name seen.
  const names = new Map<string, string>();
  let correct = 0;
  let studiedMs = 0;
  const leeches: Question[] = [];
  for (const { record, question } of done) {
    studiedMs += studyTimeOf(record);
    const ok = record.correct ?? record.rating !== "again";
    if (ok) correct++;
    if (!names.has(question.topicKey)) names.set(question.topicKey, question.topic.join(" › "));
    const key = names.get(question.topicKey)!;
    const t = byTopic.get(key) ?? { answered: 0, correct: 0 };
    t.answered++;
    if (ok) t.correct++;
    byTopic.set(key, t);
    if (record.after.leech && !record.before?.leech && !leeches.includes(question)) leeches.push(question);
  }
  return {
    answered: done.length,
    correct,
    skipped,
    skippedOpen: 0,
    byTopic,
    startedAt,
    endedAt,
    studiedMs,
    leeches,
    nothingToDo,
    end: { kind: "empty", limits: [] },
    buried: 0,
    extraNew: 0,
    newBeyondLimit: 0,
  };
}
