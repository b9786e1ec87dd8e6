// Right or wrong, all or nothing: a multiple-response answer counts only when it picks exactly the keys.

import type { MultipleChoiceQuestion } from "../content/model.js";

export function gradeChoice(q: MultipleChoiceQuestion, chosen: readonly number[]): boolean {
  const picked = new Set(chosen);
  if (picked.size !== chosen.length) return false;
  return q.choices.every((c, i) => c.correct === picked.has(i));
}

/** How many options the learner must pick: the keys' count (a Choose N hint always matches it in a valid bank). */
export function pickCount(q: MultipleChoiceQuestion): number {
  return q.choices.filter((c) => c.correct).length;
}
