// Counts that reports and the topic tree show.

import type { Bank, Question, Topic } from "./model.js";
import { allTopics } from "./bank.js";
import { topicKeyOf } from "./text.js";

export interface KindCounts {
  single: number;
  multiple: number;
  recall: number;
}

export interface BankSummary extends KindCounts {
  files: number;
  topics: number;
  /** Multiple-choice questions: single + multiple. */
  questions: number;
  errors: number;
  warnings: number;
}

export function countKinds(questions: Iterable<Question>): KindCounts {
  const c: KindCounts = { single: 0, multiple: 0, recall: 0 };
  for (const q of questions) c[q.kind]++;
  return c;
}

export function summarise(bank: Bank): BankSummary {
  const kinds = countKinds(bank.questions);
  let errors = 0;
  let warnings = 0;
  for (const d of bank.diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
  }
  return {
    files: bank.files.length,
    topics: allTopics(bank.root).length,
    questions: kinds.single + kinds.multiple,
    ...kinds,
    errors,
    warnings,
  };
}

/** Per topic: the questions at the topic itself and at or under it. */
export function countsByTopic(bank: Bank): Map<string, { own: KindCounts; total: KindCounts }> {
  const out = new Map<string, { own: KindCounts; total: KindCounts }>();
  const zero = (): KindCounts => ({ single: 0, multiple: 0, recall: 0 });
  const visit = (t: Topic): void => {
    out.set(t.key, { own: zero(), total: zero() });
    t.children.forEach(visit);
  };
  visit(bank.root);
  for (const q of bank.questions) {
    const own = out.get(q.topicKey);
    if (own) own.own[q.kind]++;
    // Every ancestor, including the root, counts the question in its total.
    for (let n = q.topic.length; n >= 0; n--) {
      const entry = out.get(topicKeyOf(q.topic.slice(0, n)));
      if (entry) entry.total[q.kind]++;
    }
  }
  return out;
}
