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
//
// A log may hold millions of answers, so a history is kept as numbers in typed arrays (a time, a day and a grade per
// review, about 13 bytes), never as the records or one object per review.

import { DAY_STARTS_AT_HOUR } from "./day.js";
import { GRADE, type CardKind, type RatingName } from "./model.js";
import { digits, parseIso } from "./iso.js";

const DAY_MS = 86_400_000;

export type { CardKind } from "./model.js";
export { CARD_KINDS } from "./model.js";
const KIND_CODE: Record<CardKind, number> = { recall: 0, choice: 1 };

export interface HistoryReview {
  /** Time of the answer, ms since the epoch. */
  at: number;
  /** Study day, as days since 1970-01-01 (so delta_t is a subtraction). */
  day: number;
  /** FSRS grade: 1 Again, 2 Hard, 3 Good, 4 Easy. */
  grade: 1 | 2 | 3 | 4;
}

/** One card's history as plain values (for tests and for looking at one card). */
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

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), by arithmetic (H. Hinnant's days_from_civil). */
function civilDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Day number of a YYYY-MM-DD text (at `from` in s), or NaN. */
function dayTextNumber(s: string, from = 0): number {
  if (s.charCodeAt(from + 4) !== 45 || s.charCodeAt(from + 7) !== 45) return Number.NaN;
  const y = digits(s, from, 4);
  const m = digits(s, from + 5, 2);
  const d = digits(s, from + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
  return civilDays(y, m, d);
}

/** A study day as a day number: from the record's `day`, else from its time, in the local time zone. */
export function studyDayNumber(day: unknown, atMs: number): number {
  if (typeof day === "string" && day.length === 10) {
    const n = dayTextNumber(day);
    if (!Number.isNaN(n)) return n;
  }
  const shifted = new Date(atMs - DAY_STARTS_AT_HOUR * 3_600_000);
  return Date.UTC(shifted.getFullYear(), shifted.getMonth(), shifted.getDate()) / DAY_MS;
}

const isRatingName = (v: unknown): v is RatingName => v === "again" || v === "hard" || v === "good" || v === "easy";

/** An undo takes back one of the last answers of a session; answers further back than this are never undone. */
const UNDO_REACH = 256;

/** A fresh copy of a short string, so that it does not keep alive the large text it was cut from. */
const detached = (s: string): string => Buffer.from(s, "utf8").toString("utf8");

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** Every card's history, compact: card c's reviews are [start[c], start[c + 1]) of `at`, `day` and `grade`, in time order. */
export class Histories {
  constructor(
    readonly ids: readonly string[],
    /** 0 recall, 1 choice (see `kind`). */
    readonly kinds: Uint8Array,
    readonly start: Int32Array,
    readonly at: Float64Array,
    readonly day: Int32Array,
    readonly grade: Uint8Array,
  ) {}

  /** Cards with at least one review. */
  get size(): number {
    return this.ids.length;
  }

  /** Answers in all the histories. */
  get answers(): number {
    return this.start[this.ids.length] ?? 0;
  }

  kind(c: number): CardKind {
    return this.kinds[c] === 1 ? "choice" : "recall";
  }

  /** One card's history as plain values. */
  card(c: number): CardHistory {
    const reviews: HistoryReview[] = [];
    for (let i = this.start[c]!; i < this.start[c + 1]!; i++) reviews.push({ at: this.at[i]!, day: this.day[i]!, grade: this.grade[i] as 1 | 2 | 3 | 4 });
    return { questionId: this.ids[c]!, kind: this.kind(c), reviews };
  }

  /** Every card's history as plain values (tests, small logs). */
  list(): CardHistory[] {
    return this.ids.map((_, c) => this.card(c));
  }
}

/** Reads log records one at a time (the log may hold millions) and keeps only what the histories need. */
export class HistoryBuilder {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private kinds = new Uint8Array(1024);
  /** Per card, the first review (in log order) its latest reset left in. */
  private from = new Int32Array(1024);
  // Per review, in log order; a grade of 0 marks a review undone.
  private card = new Int32Array(4096);
  private at = new Float64Array(4096);
  private day = new Int32Array(4096);
  private grade = new Uint8Array(4096);
  private n = 0;
  private sorted = true;
  /** The latest answers (their reviewId and place), for undo records to find theirs. */
  private recentIds: string[] = [];
  private recentAt: number[] = [];
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
      const c = this.index.get(id);
      if (c !== undefined) {
        this.from[c] = this.n;
        for (let i = this.recentAt.length - 1; i >= 0; i--) {
          if (this.card[this.recentAt[i]!] === c) {
            this.recentAt.splice(i, 1);
            this.recentIds.splice(i, 1);
          }
        }
      }
      this.counts.resets++;
    }
  }

  private cardIndex(id: string): number {
    let c = this.index.get(id);
    if (c === undefined) {
      c = this.ids.length;
      const own = detached(id);
      this.ids.push(own);
      this.index.set(own, c);
      this.kinds = grown(this.kinds, c + 1);
      this.from = grown(this.from, c + 1);
    }
    return c;
  }

  private addReview(id: string, r: Record<string, unknown>): void {
    if (!isRatingName(r.rating) || typeof r.at !== "string" || typeof r.reviewId !== "string") return;
    const at = parseIso(r.at);
    if (Number.isNaN(at)) return;
    if (r.source === "exam" && (!Array.isArray(r.chosen) || r.chosen.length === 0)) {
      this.counts.unreachedExam++;
      return;
    }
    const c = this.cardIndex(id);
    this.kinds[c] = r.correct === null || r.correct === undefined ? KIND_CODE.recall : KIND_CODE.choice;
    const k = this.n++;
    if (k >= this.card.length) {
      this.card = grown(this.card, k + 1);
      this.at = grown(this.at, k + 1);
      this.day = grown(this.day, k + 1);
      this.grade = grown(this.grade, k + 1);
    }
    if (this.sorted && k > 0 && this.at[k - 1]! > at) this.sorted = false;
    this.card[k] = c;
    this.at[k] = at;
    this.day[k] = studyDayNumber(r.day, at);
    this.grade[k] = GRADE[r.rating];
    this.recentIds.push(r.reviewId);
    this.recentAt.push(k);
    if (this.recentAt.length > 2 * UNDO_REACH) {
      this.recentIds = this.recentIds.slice(-UNDO_REACH);
      this.recentAt = this.recentAt.slice(-UNDO_REACH);
    }
    this.counts.reviews++;
  }

  private undo(id: string, reviewId: unknown): void {
    if (typeof reviewId !== "string") return;
    for (let i = this.recentIds.length - 1; i >= 0; i--) {
      if (this.recentIds[i] !== reviewId) continue;
      const k = this.recentAt[i]!;
      if (this.grade[k] !== 0 && this.index.get(id) === this.card[k]) {
        this.grade[k] = 0;
        this.counts.undone++;
      }
      this.recentIds.splice(i, 1);
      this.recentAt.splice(i, 1);
      return;
    }
  }

  /** Every card with at least one review left, its reviews in time order (answers logged out of order are sorted). */
  histories(): Histories {
    const cards = this.ids.length;
    const kept = (k: number): boolean => this.grade[k] !== 0 && k >= this.from[this.card[k]!]!;
    const count = new Int32Array(cards);
    for (let k = 0; k < this.n; k++) if (kept(k)) count[this.card[k]!]!++;
    // Cards left with no review are dropped; the others keep the order they first appeared in.
    const newIndex = new Int32Array(cards).fill(-1);
    const ids: string[] = [];
    for (let c = 0; c < cards; c++) if (count[c]! > 0) newIndex[c] = ids.push(this.ids[c]!) - 1;
    const start = new Int32Array(ids.length + 1);
    const kinds = new Uint8Array(ids.length);
    for (let c = 0; c < cards; c++) {
      const to = newIndex[c]!;
      if (to >= 0) {
        start[to + 1] = count[c]!;
        kinds[to] = this.kinds[c]!;
      }
    }
    for (let c = 0; c < ids.length; c++) start[c + 1]! += start[c]!;
    const total = start[ids.length]!;
    const at = new Float64Array(total);
    const day = new Int32Array(total);
    const grade = new Uint8Array(total);
    const fill = start.slice(0, ids.length);
    for (let k = 0; k < this.n; k++) {
      if (!kept(k)) continue;
      const i = fill[newIndex[this.card[k]!]!]!++;
      at[i] = this.at[k]!;
      day[i] = this.day[k]!;
      grade[i] = this.grade[k]!;
    }
    if (!this.sorted) {
      for (let c = 0; c < ids.length; c++) sortSegment(at, day, grade, start[c]!, start[c + 1]!);
    }
    return new Histories(ids, kinds, start, at, day, grade);
  }
}

/** Puts one card's reviews in time order (stable: answers at the same instant keep the log's order). */
function sortSegment(at: Float64Array, day: Int32Array, grade: Uint8Array, from: number, to: number): void {
  let ordered = true;
  for (let i = from + 1; i < to && ordered; i++) if (at[i - 1]! > at[i]!) ordered = false;
  if (ordered) return;
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => at[a]! - at[b]! || a - b);
  const a = order.map((i) => at[i]!);
  const d = order.map((i) => day[i]!);
  const g = order.map((i) => grade[i]!);
  at.set(a, from);
  day.set(d, from);
  grade.set(g, from);
}

/** Histories from a list of records (tests, small logs). */
export function historiesOf(records: Iterable<unknown>): Histories {
  const b = new HistoryBuilder();
  for (const r of records) b.add(r);
  return b.histories();
}

/** One review as fsrs-rs wants it: the grade and the whole study days since the previous review (0 for the first). */
export interface ItemReview {
  rating: number;
  deltaT: number;
}

/** Whole study days between review i and the one before it of the same card (0 for a card's first review). */
export function deltaDays(h: Histories, c: number, i: number): number {
  return i === h.start[c] ? 0 : Math.max(0, h.day[i]! - h.day[i - 1]!);
}

/** The reviews of card c as fsrs-rs reviews (each item of the card takes a prefix of them). */
export function itemReviews(h: Histories, c: number): ItemReview[] {
  const out: ItemReview[] = [];
  for (let i = h.start[c]!; i < h.start[c + 1]!; i++) out.push({ rating: h.grade[i]!, deltaT: deltaDays(h, c, i) });
  return out;
}

/**
 * The things to predict: each a card's review on a later study day than the one before, with the history that led
 * to it. The history's same-day reviews stay in it (short-term memory); a same-day review is not a target itself,
 * since fsrs-rs only predicts recall across days. Item j holds the reviews [h.start[card[j]], end[j]] (end
 * inclusive, indices into the histories' arrays); reviews[end] is the one predicted. Items are in time order of the
 * review predicted.
 */
export interface TrainingItems {
  readonly length: number;
  readonly card: Int32Array;
  readonly end: Int32Array;
  /** Time of the review predicted. */
  readonly at: Float64Array;
}

/** Every training item of the histories, in time order of the review predicted (ties in card order). */
export function trainingItems(h: Histories): TrainingItems {
  let n = 0;
  for (let c = 0; c < h.size; c++) for (let i = h.start[c]! + 1; i < h.start[c + 1]!; i++) if (h.day[i]! > h.day[i - 1]!) n++;
  const card = new Int32Array(n);
  const end = new Int32Array(n);
  let j = 0;
  let ordered = true;
  for (let c = 0; c < h.size; c++) {
    for (let i = h.start[c]! + 1; i < h.start[c + 1]!; i++) {
      if (h.day[i]! <= h.day[i - 1]!) continue;
      card[j] = c;
      end[j] = i;
      if (j > 0 && h.at[end[j - 1]!]! > h.at[i]!) ordered = false;
      j++;
    }
  }
  if (ordered) return { length: n, card, end, at: end.reduce((a, i, k) => ((a[k] = h.at[i]!), a), new Float64Array(n)) };
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => h.at[end[a]!]! - h.at[end[b]!]! || a - b);
  const sortedCard = new Int32Array(n);
  const sortedEnd = new Int32Array(n);
  const at = new Float64Array(n);
  order.forEach((k, i) => {
    sortedCard[i] = card[k]!;
    sortedEnd[i] = end[k]!;
    at[i] = h.at[end[k]!]!;
  });
  return { length: n, card: sortedCard, end: sortedEnd, at };
}

/**
 * Where items (in time order) split by time: the earliest `trainShare` of them train, the rest test. Items at the
 * cut's exact time go to the training part, so no test review precedes a training one. Returns the number of
 * training items: items [0, train) train, [train, length) test.
 */
export function splitByTime(items: TrainingItems, trainShare: number): { train: number; cutAt: number } {
  const n = items.length;
  if (n === 0) return { train: 0, cutAt: 0 };
  const k = Math.min(n - 1, Math.max(0, Math.floor(n * trainShare) - 1));
  const cutAt = items.at[k]!;
  let train = k + 1;
  while (train < n && items.at[train]! <= cutAt) train++;
  return { train, cutAt };
}
