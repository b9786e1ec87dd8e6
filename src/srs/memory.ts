// Memory states recomputed from history: when the parameters change, every card's stability and difficulty are
// what the new parameters make of the answers it has had (as Anki does), and its due date follows from them.

import type { CardHistory } from "./history.js";
import { RATINGS, type CardState } from "./model.js";
import type { Scheduler } from "./scheduler.js";

/** A card's state after replaying its history from new through `scheduler`. */
export function replayHistory(history: CardHistory, scheduler: Scheduler): CardState | undefined {
  let card: CardState | undefined;
  for (const r of history.reviews) card = scheduler.preview(card, new Date(r.at))[RATINGS[r.grade - 1]!].card;
  return card;
}

export interface Recomputed {
  cards: Record<string, CardState>;
  /** Cards whose state was recomputed. */
  changed: number;
  /** Cards in progress that the log holds no history for (kept as they are). */
  withoutHistory: number;
}

/**
 * Every card of `cards` with a history gets the state its history gives under `scheduler`; what cogquiz adds to a
 * card (suspended, leech) is kept. A card with progress but no history (or only a reset) keeps its state, and a
 * history whose card has no progress any more (reset without a log record, say) is not brought back.
 */
export function recomputeCards(cards: Readonly<Record<string, CardState>>, histories: readonly CardHistory[], scheduler: Scheduler): Recomputed {
  const out: Record<string, CardState> = { ...cards };
  const byId = new Map(histories.map((h) => [h.questionId, h]));
  let changed = 0;
  let withoutHistory = 0;
  for (const id of Object.keys(cards)) {
    const current = cards[id]!;
    const history = byId.get(id);
    if (!history || current.phase === "new") {
      if (current.phase !== "new") withoutHistory++;
      continue;
    }
    const state = replayHistory(history, scheduler);
    if (!state) continue;
    if (current.suspended) state.suspended = true;
    if (current.leech) state.leech = true;
    out[id] = state;
    changed++;
  }
  return { cards: out, changed, withoutHistory };
}
