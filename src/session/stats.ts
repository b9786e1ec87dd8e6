// Where a learner stands: every figure of `cogquiz stats`, computed from plain data and a clock.

import type { Question, Topic } from "../content/model.js";
import { allTopics, questionsUnder } from "../content/bank.js";
import { addDays, dayKey } from "../srs/day.js";
import type { CardState } from "../srs/model.js";
import type { LogRecord, ReviewRecord } from "../srs/records.js";
import type { ExamRecord } from "../srs/records.js";
import { answersOn, tallyOf, type AnswerTally } from "../srs/tally.js";

export const STATS_VERSION = 1;
/** FSRS stability, in days, from which a card counts as mature. */
export const MATURE_DAYS = 21;
export const FORECAST_DAYS = 14;
export const HEATMAP_WEEKS = 12;

export interface TopicStats {
  path: string[];
  total: number;
  seen: number;
  mature: number;
  /** Share of all the topic's cards that are mature, 0..1. */
  mastery: number;
}

export interface Retention {
  right: number;
  total: number;
  /** right / total, or null with no reviews. */
  rate: number | null;
}

export interface ExamSummary {
  startedAt: string;
  /** The start on the local clock, YYYY-MM-DD HH:MM. */
  startedAtLocal: string;
  status: string;
  correct: number;
  total: number;
  /** The scaled score; null for an abandoned exam, which is not scored. */
  scaled: number | null;
  passed: boolean;
}

export interface Stats {
  version: number;
  generatedAt: string;
  cards: { total: number; seen: number; mature: number; suspended: number; orphaned: number };
  topics: TopicStats[];
  /** Cards due on each of the next 14 study days; the first day includes everything overdue. */
  forecast: { date: string; due: number }[];
  /** Answers per study day over the last 12 weeks, oldest first. */
  reviewsPerDay: { date: string; reviews: number }[];
  /** True retention: share of answers to review-phase cards not rated Again (learning steps and new cards left out). */
  retention: { last7: Retention; last30: Retention };
  streak: { current: number; longest: number };
  leeches: { id: string; title: string; lapses: number }[];
  exams: ExamSummary[];
  /** Scaled score of the last exam minus the one before, or null. */
  examTrend: number | null;
}

/** Reviews still standing: those an undo took back are dropped. */
export function standingReviews(log: readonly LogRecord[]): ReviewRecord[] {
  const undone = new Set(log.filter((r) => r.kind === "undo").map((r) => r.reviewId));
  return log.filter((r): r is ReviewRecord => r.kind === "review" && !undone.has(r.reviewId));
}

/**
 * True retention, as Anki computes it: of the answers to cards that were in the review phase before the answer,
 * the share not rated Again. Learning and relearning steps are left out (a card failed six times the same day would
 * otherwise show 100 % once it passes its step), and so are new cards' first answers.
 */
function retention(answers: AnswerTally, fromDay: string): Retention {
  let right = 0;
  let total = 0;
  for (const day in answers) {
    if (day < fromDay) continue;
    const c = answers[day]!.review;
    if (!c) continue;
    total += c[0];
    right += c[1];
  }
  return { right, total, rate: total === 0 ? null : right / total };
}

/** An ISO time on the local clock, YYYY-MM-DD HH:MM; the text as given when it is not a time. */
export function localMinute(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}`;
}

export function computeStats(input: {
  root: Topic;
  questions: readonly Question[];
  cards: Readonly<Record<string, CardState>>;
  /** Answers per day by phase, as the progress file keeps them; or the log they are tallied from. */
  answers?: AnswerTally;
  log?: readonly LogRecord[];
  exams: readonly ExamRecord[];
  now: Date;
}): Stats {
  const { root, questions, cards, now } = input;
  const card = (id: string): CardState | undefined => (Object.hasOwn(cards, id) ? cards[id] : undefined);
  const isSeen = (c: CardState | undefined) => c !== undefined && c.phase !== "new";
  const isMature = (c: CardState | undefined) => c !== undefined && c.phase === "review" && c.stability >= MATURE_DAYS;

  const topics: TopicStats[] = allTopics(root).map((t) => {
    const qs = questionsUnder(questions, t.key);
    const seen = qs.filter((q) => isSeen(card(q.id))).length;
    const mature = qs.filter((q) => isMature(card(q.id))).length;
    return { path: t.path, total: qs.length, seen, mature, mastery: qs.length === 0 ? 0 : mature / qs.length };
  });

  const today = dayKey(now);
  const forecast = Array.from({ length: FORECAST_DAYS }, (_, i) => ({ date: addDays(today, i), due: 0 }));
  const known = new Set(questions.map((q) => q.id));
  let suspended = 0;
  for (const q of questions) {
    const c = card(q.id);
    // A card suspended before it was ever answered is suspended all the same.
    if (c?.suspended) {
      suspended++;
      continue;
    }
    if (!c || c.phase === "new") continue;
    const due = dayKey(new Date(c.due));
    const slot = due <= today ? 0 : forecast.findIndex((f) => f.date === due);
    if (slot >= 0) forecast[slot]!.due++;
  }

  const answers = input.answers ?? tallyOf(input.log ?? []);
  const perDay = new Map<string, number>();
  for (const day in answers) {
    const n = answersOn(answers[day]);
    if (n > 0) perDay.set(day, n);
  }
  const first = addDays(today, -(HEATMAP_WEEKS * 7 - 1));
  const reviewsPerDay = Array.from({ length: HEATMAP_WEEKS * 7 }, (_, i) => {
    const date = addDays(first, i);
    return { date, reviews: perDay.get(date) ?? 0 };
  });

  // A streak still counts today when today has no answers yet but yesterday had.
  let current = 0;
  for (let d = perDay.has(today) ? today : addDays(today, -1); perDay.has(d); d = addDays(d, -1)) current++;
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const d of [...perDay.keys()].sort()) {
    run = previous !== undefined && addDays(previous, 1) === d ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = d;
  }

  const leeches = questions
    .filter((q) => card(q.id)?.leech)
    .map((q) => ({ id: q.id, title: q.title, lapses: card(q.id)!.lapses }));

  const exams: ExamSummary[] = input.exams.map((e) => ({
    startedAt: String(e.startedAt ?? ""),
    startedAtLocal: localMinute(String(e.startedAt ?? "")),
    status: String(e.status ?? ""),
    correct: Number(e.correct ?? 0),
    total: Number(e.total ?? 0),
    scaled: e.status === "abandoned" ? null : Number(e.scaled ?? 0),
    passed: e.passed === true,
  }));
  const scored = exams.filter((e): e is ExamSummary & { scaled: number } => e.scaled !== null);
  const examTrend = scored.length >= 2 ? scored[scored.length - 1]!.scaled - scored[scored.length - 2]!.scaled : null;

  return {
    version: STATS_VERSION,
    generatedAt: now.toISOString(),
    cards: {
      total: questions.length,
      seen: questions.filter((q) => isSeen(card(q.id))).length,
      mature: questions.filter((q) => isMature(card(q.id))).length,
      suspended,
      orphaned: Object.keys(cards).filter((id) => !known.has(id)).length,
    },
    topics,
    forecast,
    reviewsPerDay,
    retention: { last7: retention(answers, addDays(today, -6)), last30: retention(answers, addDays(today, -29)) },
    streak: { current, longest },
    leeches,
    exams: exams.slice(-10),
    examTrend,
  };
}
