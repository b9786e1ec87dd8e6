// The review log, read as each card's history: what the optimizer fits on and what memory states are replayed from.
//
// Rules, in the order the log is read:
// - an undo takes its review out of the history (the review never happened, for the scheduler); it is one of the
//   last UNDO_REACH answers, as the quiz only undoes answers of the session;
// - a reset (`{"kind": "reset", "questionId", "at"}`) starts the card's history afresh: what came before is left out;
// - an exam question that was never reached (source "exam", nothing chosen; older logs hold them as Again) is left
//   out: it says nothing of the student's memory;
// - any other kind of record (a suspension, a kind this version does not know) changes no history.
// A review belongs to the study day it was answered on (its `day`, written in the student's own time zone with the
// day starting at 04:00), and the optimizer counts time in whole study days between reviews, as fsrs-rs expects:
// a second review on the same study day has delta_t 0 and feeds FSRS's short-term memory parameters.

import { DAY_STARTS_AT_HOUR } from "./day.js";
import { GRADE, type RatingName } from "./model.js";

const DAY_MS = 86_400_000;

/** Recall cards and multiple-choice questions are judged apart: a guess can get a choice right, never a recall card. */
export type CardKind = "recall" | "choice";

export interface HistoryReview {
  /** Time of the answer, ms since the epoch. */
  at: number;
  /** Study day, as days since 1970-01-01 (so delta_t is a subtraction). */
  day: number;
  /** FSRS grade: 1 Again, 2 Hard, 3 Good, 4 Easy. */
  grade: 1 | 2 | 3 | 4;
}

export interface CardHistory {
  questionId: string;
  kind: CardKind;
  /** In time order. */
  reviews: HistoryReview[];
}

/** What a reset writes to the log; only `kind`, `questionId` and `at` are read. */
export interface ResetMark {
  kind: "reset";
  questionId: string;
  at: string;
}

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A study day as a day number: from the record's `day`, else from its time, in the local time zone. */
export function studyDayNumber(day: unknown, atMs: number): number {
  if (typeof day === "string") {
    const m = DAY_TEXT.exec(day);
    if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  }
  const shifted = new Date(atMs - DAY_STARTS_AT_HOUR * 3_600_000);
  return Date.UTC(shifted.getFullYear(), shifted.getMonth(), shifted.getDate()) / DAY_MS;
}

const isRatingName = (v: unknown): v is RatingName => v === "again" || v === "hard" || v === "good" || v === "easy";

/** An undo takes back one of the last answers of a session; answers further back than this are never undone. */
const UNDO_REACH = 256;

/** A fresh copy of a short string, so that it does not keep alive the large text it was cut from. */
const detached = (s: string): string => Buffer.from(s, "utf8").toString("utf8");

type Card = { kind: CardKind; reviews: HistoryReview[]; sorted: boolean };

/** Reads log records one at a time (the log may hold millions) and keeps only what the histories need. */
export class HistoryBuilder {
  private readonly cards = new Map<string, Card>();
  /** The latest answers, for undo records to find theirs. */
  private recent: { reviewId: string; card: Card; review: HistoryReview }[] = [];
  /** Records that changed a history, by kind, for the report. */
  readonly counts = { reviews: 0, undone: 0, resets: 0, unreachedExam: 0 };

  add(record: unknown): void {
    if (typeof record !== "object" || record === null) return;
    const r = record as Record<string, unknown>;
    const id = r.questionId;
    if (typeof id !== "string") return;
    if (r.kind === "review") this.addReview(id, r);
    else if (r.kind === "undo") this.undo(id, r.reviewId);
    else if (r.kind === "reset") {
      const card = this.cards.get(id);
      if (card) {
        card.reviews = [];
        card.sorted = true;
        this.recent = this.recent.filter((x) => x.card !== card);
      }
      this.counts.resets++;
    }
  }

  private addReview(id: string, r: Record<string, unknown>): void {
    if (!isRatingName(r.rating) || typeof r.at !== "string" || typeof r.reviewId !== "string") return;
    const at = Date.parse(r.at);
    if (Number.isNaN(at)) return;
    if (r.source === "exam" && (!Array.isArray(r.chosen) || r.chosen.length === 0)) {
      this.counts.unreachedExam++;
      return;
    }
    const kind: CardKind = r.correct === null || r.correct === undefined ? "recall" : "choice";
    let card = this.cards.get(id);
    if (!card) {
      card = { kind, reviews: [], sorted: true };
      this.cards.set(detached(id), card);
    }
    card.kind = kind;
    const last = card.reviews[card.reviews.length - 1];
    if (last && last.at > at) card.sorted = false;
    const review: HistoryReview = { at, day: studyDayNumber(r.day, at), grade: GRADE[r.rating] };
    card.reviews.push(review);
    this.recent.push({ reviewId: r.reviewId, card, review });
    if (this.recent.length > 2 * UNDO_REACH) this.recent = this.recent.slice(-UNDO_REACH);
    this.counts.reviews++;
  }

  private undo(id: string, reviewId: unknown): void {
    if (typeof reviewId !== "string") return;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const { reviewId: rid, card, review } = this.recent[i]!;
      if (rid !== reviewId) continue;
      const at = card.reviews.lastIndexOf(review);
      if (at >= 0 && this.cards.get(id) === card) {
        card.reviews.splice(at, 1);
        this.counts.undone++;
      }
      this.recent.splice(i, 1);
      return;
    }
  }

  /** Every card with at least one review left, its reviews in time order. */
  histories(): CardHistory[] {
    const out: CardHistory[] = [];
    for (const [questionId, card] of this.cards) {
      if (card.reviews.length === 0) continue;
      if (!card.sorted) card.reviews.sort((a, b) => a.at - b.at);
      out.push({ questionId, kind: card.kind, reviews: card.reviews });
    }
    return out;
  }
}

/** Histories from a list of records (tests, small logs). */
export function historiesOf(records: Iterable<unknown>): CardHistory[] {
  const b = new HistoryBuilder();
  for (const r of records) b.add(r);
  return b.histories();
}

/** One review as fsrs-rs wants it: the grade and the whole study days since the previous review (0 for the first). */
export interface ItemReview {
  rating: number;
  deltaT: number;
}

/**
 * One thing to predict: a card's review on a later study day than the one before, with the history that led to it.
 * The history's same-day reviews stay in it (short-term memory); a same-day review is not a target itself, since
 * fsrs-rs only predicts recall across days.
 */
export interface TrainingItem {
  history: CardHistory;
  /** The item holds reviews[0..end], end inclusive; reviews[end] is the one predicted. */
  end: number;
  /** Time of the predicted review. */
  at: number;
  kind: CardKind;
}

/** The reviews of a history as fsrs-rs reviews (built once per card; each item takes a prefix). */
export function itemReviews(history: CardHistory): ItemReview[] {
  return history.reviews.map((r, i) => ({ rating: r.grade, deltaT: i === 0 ? 0 : Math.max(0, r.day - history.reviews[i - 1]!.day) }));
}

/** Every training item of the histories: one per review that came on a later study day than the card's previous one. */
export function trainingItems(histories: readonly CardHistory[]): TrainingItem[] {
  const out: TrainingItem[] = [];
  for (const h of histories) {
    for (let i = 1; i < h.reviews.length; i++) {
      if (h.reviews[i]!.day > h.reviews[i - 1]!.day) out.push({ history: h, end: i, at: h.reviews[i]!.at, kind: h.kind });
    }
  }
  return out;
}

/**
 * Splits items by time: the earliest `trainShare` of them (by the time of the review predicted) train, the rest test.
 * Items at the cut's exact time go to the training part, so no test review precedes a training one.
 */
export function splitByTime(items: readonly TrainingItem[], trainShare: number): { train: TrainingItem[]; test: TrainingItem[]; cutAt: number } {
  const sorted = [...items].sort((a, b) => a.at - b.at);
  if (sorted.length === 0) return { train: [], test: [], cutAt: 0 };
  const k = Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * trainShare) - 1));
  const cutAt = sorted[k]!.at;
  const train: TrainingItem[] = [];
  const test: TrainingItem[] = [];
  for (const it of sorted) (it.at <= cutAt ? train : test).push(it);
  return { train, test, cutAt };
}
