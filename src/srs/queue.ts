// Which cards a session shows, in what order: due cards with the lowest recall probability first, then new cards,
// within the daily limits. Pure: cards, clock and limits come in as arguments.

import type { CardState } from "./model.js";
import type { Scheduler } from "./scheduler.js";

export interface QueueLimits {
  newPerDay: number;
  reviewsPerDay: number;
  /** Already done today (the study day, see day.ts). */
  newToday: number;
  reviewsToday: number;
  /** `--new n`: new cards for this session, instead of what is left of the daily limit. */
  newOverride?: number;
  /** `--limit n`: at most this many cards in the session. */
  sessionLimit?: number;
}

export interface Queue {
  /** Due reviews, weakest first. */
  due: string[];
  /** New cards: bank order, taken in turn from each group when `groupOf` is given. */
  fresh: string[];
}

/** Takes one from each group in turn (groups in order of first appearance), keeping order inside a group. */
export function interleave(ids: readonly string[], groupOf: (id: string) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const g = groupOf(id);
    const list = groups.get(g);
    if (list) list.push(id);
    else groups.set(g, [id]);
  }
  const queues = [...groups.values()];
  const out: string[] = [];
  for (let round = 0; out.length < ids.length; round++) {
    for (const q of queues) if (round < q.length) out.push(q[round]!);
  }
  return out;
}

export function buildQueue(
  questionIds: readonly string[],
  cards: (id: string) => CardState | undefined,
  now: Date,
  limits: QueueLimits,
  scheduler: Scheduler,
  /** New cards are mixed across these groups (say, top-level topic and kind) instead of coming file by file. */
  groupOf?: (id: string) => string,
): Queue {
  const due: { id: string; r: number }[] = [];
  const fresh: string[] = [];
  const nowMs = now.getTime();
  // Two dates in toISOString's fixed form compare as text, which spares parsing 10,000 of them at start-up.
  const nowIso = now.toISOString();
  const isDue = (due: string): boolean => (due.length === 24 && nowIso.length === 24 ? due <= nowIso : Date.parse(due) <= nowMs);
  for (const id of questionIds) {
    const card = cards(id);
    if (!card) {
      fresh.push(id);
      continue;
    }
    if (card.suspended) continue;
    if (card.phase === "new") {
      fresh.push(id);
      continue;
    }
    if (isDue(card.due)) due.push({ id, r: scheduler.retrievability(card, now) });
  }
  due.sort((a, b) => a.r - b.r);
  const reviewsLeft = Math.max(0, limits.reviewsPerDay - limits.reviewsToday);
  const newLeft = limits.newOverride ?? Math.max(0, limits.newPerDay - limits.newToday);
  let dueIds = due.slice(0, reviewsLeft).map((d) => d.id);
  let freshIds = (groupOf ? interleave(fresh, groupOf) : fresh).slice(0, newLeft);
  if (limits.sessionLimit !== undefined) {
    dueIds = dueIds.slice(0, limits.sessionLimit);
    freshIds = freshIds.slice(0, Math.max(0, limits.sessionLimit - dueIds.length));
  }
  return { due: dueIds, fresh: freshIds };
}
