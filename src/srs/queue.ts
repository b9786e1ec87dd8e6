// Which card a session shows next, and why it stops. Pure: card states, the clock and the limits come in as
// arguments, and every step returns a new queue value.
//
// The rules, as Anki's scheduler has them:
// - Cards in a learning or relearning step are due by the minute and join the session as they come due, whichever
//   session put them there; when nothing else is left, one due within the learn-ahead window is shown early.
// - Cards in the review phase are due from the start of their due study day (04:00 local), weakest first.
// - New cards are mixed: they alternate between recall and multiple choice and rotate over the top-level areas.
// - What the daily limits count: the first answer of a new card counts toward newPerDay, an answer to a card in the
//   review phase toward reviewsPerDay; learning-step answers and exam answers count toward neither.
// - A card's declared siblings are buried for the study day once it is answered (except on an exam's eve and day:
//   `buriesSiblings`), and two cards of the same leaf topic are not shown back to back while another card can be.

import { addDays, dayKey, daysBetween, dayStart } from "./day.js";
import { isoOf, parseIso } from "./iso.js";
import type { CardState } from "./model.js";
import type { Scheduler } from "./scheduler.js";

/** Learning cards due within this span are shown early when nothing else is left (Anki's learn-ahead limit). */
export const LEARN_AHEAD_MS = 20 * 60_000;

/** What the queue needs to know of a question. */
export interface QueueItem {
  id: string;
  /** Normalised leaf topic: two cards of one topic are not shown back to back. */
  topicKey: string;
  /** Normalised top-level topic: new cards rotate over these. */
  area: string;
  kind: "recall" | "choice";
  /** Declared siblings, buried for the day once this card is answered. */
  siblings?: readonly string[];
}

export interface QueueLimits {
  newPerDay: number;
  reviewsPerDay: number;
  /** Already counted today (the study day, see day.ts): see `countsToward` in records.ts. */
  newToday: number;
  reviewsToday: number;
  /** `--new n`: new cards for this session, instead of what is left of the daily limit. */
  newOverride?: number;
  /** `--limit n`: at most this many cards in the session (their later learning steps come back regardless). */
  sessionLimit?: number;
  /** Extra study: this many new cards beyond what is left of today's limit. */
  extraNew?: number;
}

/** When a card can next be shown: review-phase cards from the start of their due study day, others by the minute. */
export function availableFrom(card: CardState): number {
  if (card.phase === "review") return dayStart(dayKey(new Date(card.due))).getTime();
  return parseIso(card.due);
}

/** Whether an ISO time falls in study day `today`: the day's bounds once, then per card a comparison of strings. */
function answeredOnDay(today: string): (card: CardState | undefined) => boolean {
  const from = isoOf(dayStart(today).getTime());
  const to = isoOf(dayStart(addDays(today, 1)).getTime());
  return (card) => {
    const at = card?.lastReview;
    if (at === undefined) return false;
    // Times as toISOString writes them (24 characters, years 0-9999) order as strings do; any other form is parsed.
    if (at.length === 24 && from.length === 24 && to.length === 24) return at >= from && at < to;
    return dayKey(new Date(at)) === today;
  };
}

/**
 * Whether study day `today` buries siblings: not on the eve of the exam dated `examDate` (a calendar date), nor on its
 * day. Then a card's last review before the exam is worth more than keeping a sibling from hinting at its answer, and
 * a card buried would meet the exam unreviewed; earlier in the final window a buried card comes the next day, which
 * the window has room for.
 */
export function buriesSiblings(today: string, examDate?: string): boolean {
  if (examDate === undefined) return true;
  const days = daysBetween(today, examDate);
  return days < 0 || days > 1;
}

/**
 * The cards buried for study day `today`: the declared siblings of every card answered today, except cards in a
 * learning step (those go on with their steps); none on an exam's eve and day (`buriesSiblings`). Derived from the
 * card states alone, so a second session the same day buries the same cards, and an undone answer unburies them.
 */
export function buriedSiblings(items: readonly QueueItem[], card: (id: string) => CardState | undefined, today: string, examDate?: string): Set<string> {
  const buried = new Set<string>();
  if (!buriesSiblings(today, examDate)) return buried;
  const answeredToday = answeredOnDay(today);
  for (const item of items) {
    if (!item.siblings || item.siblings.length === 0 || !answeredToday(card(item.id))) continue;
    for (const s of item.siblings) {
      const phase = card(s)?.phase;
      if (s !== item.id && phase !== "learning" && phase !== "relearning") buried.add(s);
    }
  }
  return buried;
}

export interface LearningEntry {
  id: string;
  /** Epoch ms of the step's due time. */
  due: number;
}

export interface Queue {
  /** Cards in a learning or relearning step, soonest first. */
  learning: readonly LearningEntry[];
  /** Every due review, weakest first; `room` says how many of them the session may still show. */
  reviews: readonly string[];
  /** Every new card, mixed into study order; `room` says how many of them the session may still show. */
  fresh: readonly string[];
  /**
   * How many more cards the limits let this session show. A card taken from `reviews` or `fresh` uses one; an undone
   * or skipped one gives it back. The cards shown are the first that are not buried, so a card buried during the
   * session (its sibling was answered) leaves its place to the next one, and the day's limit is still met.
   */
  room: Room;
  /** New cards included beyond today's limit (extra study). */
  extraNew: number;
  /** Cards to ask before any other, whatever their list (an undone answer, then the card it interrupted). */
  front?: readonly string[];
  /** Cards skipped in this session, by the list they came from: out of it, but still waiting (see heldBack). */
  skipped?: { readonly reviews: readonly string[]; readonly fresh: readonly string[] };
}

export interface Room {
  /** Reviews left of reviewsPerDay. */
  reviews: number;
  /** New cards left of newPerDay (or of `--new`), with extra study's added. */
  fresh: number;
  /** Cards left of `--limit`, of either kind; Infinity without it. */
  session: number;
}

/** What the limits hold back at a moment: cards that are not buried and that a limit keeps out of the session. */
export interface Held {
  /** Due reviews over reviewsPerDay. */
  reviews: number;
  /** New cards over today's new limit (or `--new`). */
  fresh: number;
  /** Cards the daily limits would let in but `--limit` keeps out. */
  session: number;
}

/** The first `n` ids of `list` that are not buried. */
function firstUnburied(list: readonly string[], n: number, buried: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length && out.length < n; i++) if (!buried.has(list[i]!)) out.push(list[i]!);
  return out;
}

function countUnburied(list: readonly string[], buried: ReadonlySet<string>): number {
  if (buried.size === 0) return list.length;
  let n = 0;
  for (const id of list) if (!buried.has(id)) n++;
  return n;
}

/** The reviews and new cards the session may show now, in order: within each room, buried cards passed over. */
export function showable(queue: Queue, buried: ReadonlySet<string>): { reviews: string[]; fresh: string[] } {
  const reviews = firstUnburied(queue.reviews, Math.min(queue.room.reviews, queue.room.session), buried);
  const fresh = firstUnburied(queue.fresh, Math.min(queue.room.fresh, queue.room.session - reviews.length), buried);
  return { reviews, fresh };
}

/**
 * What each limit holds back now. A daily limit holds back what lies beyond its room; `--limit` holds back what the
 * daily limits would let in and it does not.
 */
export function heldBack(queue: Queue, buried: ReadonlySet<string>): Held {
  // A skipped card waits as the others do: the next session shows it, when the limits let it in.
  const r = countUnburied(queue.reviews, buried) + countUnburied(queue.skipped?.reviews ?? [], buried);
  const f = countUnburied(queue.fresh, buried) + countUnburied(queue.skipped?.fresh ?? [], buried);
  const v = showable(queue, buried);
  const inDaily = Math.min(r, queue.room.reviews) + Math.min(f, queue.room.fresh);
  return { reviews: Math.max(0, r - queue.room.reviews), fresh: Math.max(0, f - queue.room.fresh), session: inDaily - v.reviews.length - v.fresh.length };
}

/**
 * New cards in study order: alternating recall and multiple choice while both are left, and rotating over the
 * areas, keeping bank order inside each area and kind. Only the first `limit` are worked out.
 */
export function mixNew(items: readonly QueueItem[], limit = items.length): string[] {
  const areas: string[] = [];
  const lists = new Map<string, { recall: string[]; choice: string[] }>();
  for (const item of items) {
    let l = lists.get(item.area);
    if (!l) {
      l = { recall: [], choice: [] };
      lists.set(item.area, l);
      areas.push(item.area);
    }
    l[item.kind].push(item.id);
  }
  const byArea = areas.map((a) => lists.get(a)!);
  const taken = areas.map(() => ({ recall: 0, choice: 0 }));
  const out: string[] = [];
  const total = Math.min(limit, items.length);
  let kind: "recall" | "choice" = items[0]?.kind ?? "recall";
  let areaAt = 0;
  while (out.length < total) {
    // The next area in turn that has a card of the wanted kind; if none has, the kind flips.
    let at = -1;
    let k = kind;
    for (let flip = 0; flip < 2 && at < 0; flip++, k = k === "recall" ? "choice" : "recall") {
      for (let i = 0; i < areas.length; i++) {
        const a = (areaAt + i) % areas.length;
        if (taken[a]![k] < byArea[a]![k].length) {
          at = a;
          break;
        }
      }
      if (at >= 0) break;
    }
    out.push(byArea[at]![k][taken[at]![k]++]!);
    areaAt = (at + 1) % areas.length;
    kind = k === "recall" ? "choice" : "recall";
  }
  return out;
}

export function buildQueue(
  items: readonly QueueItem[],
  card: (id: string) => CardState | undefined,
  now: Date,
  limits: QueueLimits,
  scheduler: Scheduler,
  /** The exam's date, when one is set: its eve and its day bury no siblings. */
  examDate?: string,
): Queue {
  const today = dayKey(now);
  const buried = buriedSiblings(items, card, today, examDate);
  const learning: LearningEntry[] = [];
  const due: { id: string; r: number }[] = [];
  const fresh: QueueItem[] = [];
  // Review cards are due up to the end of today's study day; comparing ISO strings spares parsing every due date.
  const endOfDay = isoOf(dayStart(addDays(today, 1)).getTime());
  for (const item of items) {
    const c = card(item.id);
    if (c?.suspended) continue;
    if (!c || c.phase === "new") {
      if (!buried.has(item.id)) fresh.push(item);
    } else if (c.phase === "learning" || c.phase === "relearning") {
      learning.push({ id: item.id, due: parseIso(c.due) });
    } else if (!buried.has(item.id) && (c.due.length === 24 ? c.due < endOfDay : availableFrom(c) <= now.getTime())) {
      due.push({ id: item.id, r: scheduler.retrievability(c, now, item.kind) });
    }
  }
  learning.sort((a, b) => a.due - b.due);
  due.sort((a, b) => a.r - b.r);
  const reviewsLeft = Math.max(0, limits.reviewsPerDay - limits.reviewsToday);
  const todayLeft = limits.newOverride ?? Math.max(0, limits.newPerDay - limits.newToday);
  const newLeft = todayLeft + Math.max(0, limits.extraNew ?? 0);
  // Cards in a learning step when the session starts count toward --limit; their later steps come back regardless.
  const session = limits.sessionLimit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, limits.sessionLimit - learning.length);
  const queue: Queue = {
    learning,
    reviews: due.map((d) => d.id),
    fresh: mixNew(fresh),
    room: { reviews: reviewsLeft, fresh: newLeft, session },
    extraNew: 0,
  };
  queue.extraNew = Math.max(0, showable(queue, NONE).fresh.length - todayLeft);
  return queue;
}

const NONE: ReadonlySet<string> = new Set();

export interface Pick {
  id: string;
  from: "learning" | "review" | "new";
  /** A learning card shown before its due time (learn-ahead). */
  early: boolean;
  /** The queue without this card. */
  queue: Queue;
}

export interface PickContext {
  /** Cards not to show today (buried siblings). */
  buried: ReadonlySet<string>;
  /** Leaf topic of a card. */
  topicOf: (id: string) => string | undefined;
  /** Leaf topic of the card shown last. */
  lastTopic?: string | undefined;
}

/**
 * The next card: a learning card that is due, else a review, else a new card; when none is left, a learning card
 * due within the learn-ahead window, shown early. The first of these not of the last card's leaf topic is taken,
 * so one topic does not come twice in a row while another card can come.
 */
export function pickNext(queue: Queue, now: Date, context: PickContext): Pick | undefined {
  const nowMs = now.getTime();
  const first = queue.front?.[0];
  if (first !== undefined) {
    const from = queue.learning.some((l) => l.id === first) ? "learning" : queue.reviews.includes(first) ? "review" : "new";
    return { id: first, from, early: false, queue: taken(queue, first, from) };
  }
  const { buried, lastTopic } = context;
  const fits = (id: string) => lastTopic === undefined || context.topicOf(id) !== lastTopic;
  const picked = (id: string, from: Pick["from"], early: boolean): Pick => ({ id, from, early, queue: taken(queue, id, from) });
  const { reviews, fresh } = showable(queue, buried);
  // In order: learning cards due, reviews, new cards; the first that fits, else the first of them.
  let fallback: { id: string; from: Pick["from"] } | undefined;
  for (const l of queue.learning) {
    if (l.due > nowMs) continue;
    if (fits(l.id)) return picked(l.id, "learning", false);
    fallback ??= { id: l.id, from: "learning" };
  }
  for (const id of reviews) {
    if (fits(id)) return picked(id, "review", false);
    fallback ??= { id, from: "review" };
  }
  for (const id of fresh) {
    if (fits(id)) return picked(id, "new", false);
    fallback ??= { id, from: "new" };
  }
  if (fallback) return picked(fallback.id, fallback.from, false);
  // Nothing else left: a learning card due within the learn-ahead window, shown early.
  let early: string | undefined;
  for (const l of queue.learning) {
    if (l.due <= nowMs || l.due > nowMs + LEARN_AHEAD_MS) continue;
    if (fits(l.id)) return picked(l.id, "learning", true);
    early ??= l.id;
  }
  return early === undefined ? undefined : picked(early, "learning", true);
}

/** The queue once a card is taken from it to be shown: out of its list, and one less room for its kind. */
function taken(queue: Queue, id: string, from: Pick["from"]): Queue {
  const rest = without(queue, id);
  return from === "learning" ? rest : { ...rest, room: withRoom(rest.room, from, -1) };
}

function withRoom(room: Room, from: "review" | "new", by: number): Room {
  return {
    reviews: from === "review" ? room.reviews + by : room.reviews,
    fresh: from === "new" ? room.fresh + by : room.fresh,
    session: room.session + by,
  };
}

/**
 * A card shown and skipped: it is out of the session, its place is given back to the next card of its kind, and it is
 * counted among the cards that wait.
 */
export function afterSkip(queue: Queue, id: string, from: Pick["from"]): Queue {
  if (from === "learning") return queue;
  const skipped = queue.skipped ?? { reviews: [], fresh: [] };
  return {
    ...queue,
    room: withRoom(queue.room, from, 1),
    skipped: from === "review" ? { ...skipped, reviews: [...skipped.reviews, id] } : { ...skipped, fresh: [...skipped.fresh, id] },
  };
}

/**
 * Skipped cards the next session could show now: those the limits' room left for today would let in. They are why
 * a session that ran out can still have cards to study at once.
 */
export function skippedOpen(queue: Queue, buried: ReadonlySet<string>): number {
  const r = countUnburied(queue.skipped?.reviews ?? [], buried);
  const f = countUnburied(queue.skipped?.fresh ?? [], buried);
  return Math.min(r, Math.max(0, queue.room.reviews)) + Math.min(f, Math.max(0, queue.room.fresh));
}

/**
 * The cards a session could still show today, learning steps included: each kind's queued and skipped cards within
 * that kind's room (and `--limit`'s). A skipped card gave its room back, so it and the card that took its place
 * share one place: counted apart they would name one card more than the limits let in.
 */
export function stillQueued(queue: Queue, buried: ReadonlySet<string>): number {
  const reviews = Math.min(countUnburied(queue.reviews, buried) + countUnburied(queue.skipped?.reviews ?? [], buried), Math.max(0, queue.room.reviews));
  const fresh = Math.min(countUnburied(queue.fresh, buried) + countUnburied(queue.skipped?.fresh ?? [], buried), Math.max(0, queue.room.fresh));
  return queue.learning.length + Math.min(reviews + fresh, Math.max(0, queue.room.session));
}

/** The queue without a card, wherever it was. A list without the card is kept as it is (queues are values). */
export function without(queue: Queue, id: string): Queue {
  const drop = (list: readonly string[]): readonly string[] => (list.includes(id) ? list.filter((x) => x !== id) : list);
  // Field by field: a spread costs more than the rest of this on every answer.
  return {
    learning: queue.learning.some((l) => l.id === id) ? queue.learning.filter((l) => l.id !== id) : queue.learning,
    reviews: drop(queue.reviews),
    fresh: drop(queue.fresh),
    room: queue.room,
    extraNew: queue.extraNew,
    front: queue.front ? drop(queue.front) : [],
    ...(queue.skipped ? { skipped: queue.skipped } : {}),
  };
}

/** After an answer: a card left in a learning or relearning step comes back when that step is due. */
export function afterAnswer(queue: Queue, id: string, after: CardState): Queue {
  const rest = without(queue, id);
  if (after.phase !== "learning" && after.phase !== "relearning") return rest;
  const learning = [...rest.learning, { id, due: parseIso(after.due) }].sort((a, b) => a.due - b.due);
  return { ...rest, learning };
}

/**
 * After an undo (or a quit): the card is back as it was, once, in its list and at the front, to be asked next. A
 * card that was in a learning step is due at once.
 */
export function putBack(queue: Queue, id: string, restored: CardState | null, now: Date): Queue {
  const rest = without(queue, id);
  const front = [id, ...(rest.front ?? [])];
  // Its place in the limits is given back with it: it is taken again when it is asked.
  if (restored === null || restored.phase === "new") return { ...rest, front, fresh: [id, ...rest.fresh], room: withRoom(rest.room, "new", 1) };
  if (restored.phase === "review") return { ...rest, front, reviews: [id, ...rest.reviews], room: withRoom(rest.room, "review", 1) };
  return { ...rest, front, learning: [{ id, due: Math.min(now.getTime(), parseIso(restored.due)) }, ...rest.learning] };
}

/** The counts a student steers by, as Anki shows them: new, learning (due within learn-ahead) and due reviews. */
export interface QueueCounts {
  new: number;
  learning: number;
  due: number;
}

export function queueCounts(queue: Queue, now: Date, buried: ReadonlySet<string>): QueueCounts {
  const cutoff = now.getTime() + LEARN_AHEAD_MS;
  const { reviews, fresh } = showable(queue, buried);
  return { new: fresh.length, learning: queue.learning.filter((l) => l.due <= cutoff).length, due: reviews.length };
}

/**
 * The earliest time a card of `items` can next be studied, if any is scheduled. A card that could be shown now but
 * is not in the queue (held back by a limit, skipped) and a buried card, new or not, count from tomorrow's start.
 */
export function nextAvailable(
  items: readonly QueueItem[],
  card: (id: string) => CardState | undefined,
  now: Date,
  buried: ReadonlySet<string>,
): Date | undefined {
  const tomorrow = dayStart(addDays(dayKey(now), 1)).getTime();
  let next: number | undefined;
  for (const item of items) {
    const c = card(item.id);
    if (c?.suspended) continue;
    if (buried.has(item.id)) {
      next = next === undefined ? tomorrow : Math.min(next, tomorrow);
      continue;
    }
    if (!c || c.phase === "new") continue;
    const from = availableFrom(c);
    const at = from <= now.getTime() ? tomorrow : from;
    if (next === undefined || at < next) next = at;
  }
  return next === undefined ? undefined : new Date(next);
}
