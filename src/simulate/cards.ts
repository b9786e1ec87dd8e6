// The simulator's cards from a content set: each question with its guessing chance and its new-card group.

import type { Question } from "../content/model.js";
import { queueItem } from "../session/quiz-session.js";
import type { SimCard } from "./runner.js";

function choose(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

/** The chance of a right answer without recall: 1/options, or 1/C(options, N) for "choose N"; 0 for recall. */
export function guessingChance(q: Question): number {
  if (q.kind === "recall") return 0;
  const right = q.choices.filter((c) => c.correct).length;
  return 1 / choose(q.choices.length, q.kind === "single" ? 1 : right);
}

/** Each question as the quiz queues it (topic, area, kind, siblings), with its guessing chance. */
export function simCards(questions: readonly Question[]): SimCard[] {
  return questions.map((q) => ({ ...queueItem(q), guess: guessingChance(q) }));
}

/** `n` cards shaped like the content set's (its mix of kinds, repeated), for `--cards N`. */
export function resizeCards(cards: readonly SimCard[], n: number): SimCard[] {
  if (cards.length === 0) return [];
  return Array.from({ length: n }, (_, i) => {
    const c = cards[i % cards.length]!;
    return i < cards.length ? c : { ...c, id: `${c.id}#${Math.floor(i / cards.length)}`, siblings: undefined };
  });
}
