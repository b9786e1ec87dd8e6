// Memory states recomputed from history: when the parameters change, every card's stability and difficulty are
// what the new parameters make of the answers it has had (as Anki does), and a card in review gets the interval they
// give, counted from its last review.
//
// The replay is FSRS's own arithmetic (ts-fsrs's next_state, with the days the scheduler counts between two answers:
// UTC calendar days, as ts-fsrs does), not a run of the scheduler per answer: that costs about 100 µs an answer, and
// a log may hold a million. Phase, learning step, reps and lapses follow from the ratings alone, not from the
// parameters, so they stay as the scheduler left them.

import { FSRSAlgorithm, type FSRSState } from "ts-fsrs";
import type { CardKind, Histories } from "./history.js";
import type { CardState } from "./model.js";

const DAY_MS = 86_400_000;

/** Whole UTC calendar days from `a` to `b`, as ts-fsrs counts elapsed days. */
function utcDays(a: number, b: number): number {
  return Math.max(0, Math.floor(b / DAY_MS) - Math.floor(a / DAY_MS));
}

export interface MemoryEngine {
  /** Stability and difficulty after card c's whole history. */
  memoryOf(histories: Histories, c: number): FSRSState;
  /** Days to the next review for a card of this stability in review, at the desired retention (no fuzz). */
  intervalOf(stability: number): number;
}

export function memoryEngine(w: readonly number[], desiredRetention: number): MemoryEngine {
  const algorithm = new FSRSAlgorithm({ w: [...w], request_retention: desiredRetention, enable_fuzz: false, enable_short_term: true });
  return {
    memoryOf(h, c) {
      let state: FSRSState = { stability: 0, difficulty: 0 };
      const from = h.start[c]!;
      for (let i = from; i < h.start[c + 1]!; i++) {
        state = algorithm.next_state(i === from ? null : state, i === from ? 0 : utcDays(h.at[i - 1]!, h.at[i]!), h.grade[i]!);
      }
      return state;
    },
    intervalOf(stability) {
      return algorithm.next_interval(stability, 0);
    },
  };
}

export interface Recomputed {
  cards: Record<string, CardState>;
  /** Cards whose state was recomputed. */
  changed: number;
  /** Cards in progress that the log holds no history for (kept as they are). */
  withoutHistory: number;
}

/**
 * Every studied card of `cards` with a history gets the memory state its history gives under the engine of its kind
 * of card (`engineFor`); a card in review is due its new interval after its last review. What cogquiz adds to a
 * card (suspended, leech) is kept. A card with progress but no history keeps its state, and a history whose card has
 * no progress any more (reset without a log record, say) is not brought back.
 */
export function recomputeCards(cards: Readonly<Record<string, CardState>>, histories: Histories, engineFor: (kind: CardKind) => MemoryEngine): Recomputed {
  const out: Record<string, CardState> = { ...cards };
  const byId = new Map(histories.ids.map((id, c) => [id, c]));
  let changed = 0;
  let withoutHistory = 0;
  for (const id of Object.keys(cards)) {
    const current = cards[id]!;
    if (current.phase === "new") continue;
    const c = byId.get(id);
    if (c === undefined) {
      withoutHistory++;
      continue;
    }
    const engine = engineFor(histories.kind(c));
    const memory = engine.memoryOf(histories, c);
    const next: CardState = { ...current, stability: memory.stability, difficulty: memory.difficulty };
    const lastAt = histories.at[histories.start[c + 1]! - 1]!;
    if (current.phase === "review") {
      const days = engine.intervalOf(memory.stability);
      next.scheduledDays = days;
      next.due = new Date(lastAt + days * DAY_MS).toISOString();
    }
    out[id] = next;
    changed++;
  }
  return { cards: out, changed, withoutHistory };
}
