// `--topic <name>`: a prefix of the topic path, or words found in it, case and emphasis ignored.

import type { Question, Topic } from "../content/model.js";
import { allTopics, questionsUnder } from "../content/bank.js";
import { normalise } from "../content/text.js";

export interface TopicMatch {
  topics: Topic[];
  questions: Question[];
}

/** Topics whose path starts with `name` (as "a / b" or "a > b" or "a › b"), else whose path holds every word of it. */
export function matchTopics(root: Topic, questions: readonly Question[], name: string): TopicMatch {
  const wanted = normalise(name).replace(/\s*[>›/]\s*/g, " / ");
  const topics = allTopics(root);
  let hits = topics.filter((t) => t.key === wanted || t.key.startsWith(`${wanted} / `) || t.key.startsWith(wanted));
  if (hits.length === 0) {
    const words = wanted.split(/[\s/]+/).filter(Boolean);
    hits = topics.filter((t) => words.every((w) => t.key.includes(w)));
  }
  // Keep only the outermost matches: a topic under another match adds nothing.
  hits = hits.filter((t) => !hits.some((o) => o !== t && t.key.startsWith(`${o.key} / `)));
  const seen = new Set<string>();
  const out: Question[] = [];
  for (const t of hits) {
    for (const q of questionsUnder(questions, t.key)) {
      if (!seen.has(q.id)) {
        seen.add(q.id);
        out.push(q);
      }
    }
  }
  return { topics: hits, questions: out };
}
