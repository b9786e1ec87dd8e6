// `--topic <name>`: a prefix of the topic path, or words found in it, a front-matter tag, or the start of question
// ids; case and emphasis ignored.

import type { Question, Topic } from "../content/model.js";
import { allTopics, questionsUnder } from "../content/bank.js";
import { normalise } from "../content/text.js";

export interface TopicMatch {
  /** Topics matched by their path, best first: the one titled exactly `name` before one that only contains it. */
  topics: Topic[];
  questions: Question[];
  /** What else matched, for the session's first screen: `tag "integrations"`, `ids starting "cup-"`. */
  also: string[];
}

/** How well a topic's own title answers `wanted`: exactly, as its start, or only somewhere in the path. */
function rank(t: Topic, wanted: string): number {
  const title = normalise(t.title.replace(/[*_`]/g, ""));
  const last = wanted.split(" / ").pop() ?? wanted;
  if (t.key === wanted || title === last) return 0;
  if (title.startsWith(last)) return 1;
  return 2;
}

/**
 * Topics whose path starts with `name` (as "a / b" or "a > b" or "a › b"), else whose path holds every word of it;
 * questions tagged `name` in their file's front matter, or whose id starts with `name`, come too.
 */
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
  // A stable sort: tree order among equals.
  hits = hits.map((t, i) => ({ t, i, r: rank(t, wanted) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.t);

  const seen = new Set<string>();
  const out: Question[] = [];
  const add = (q: Question) => {
    if (!seen.has(q.id)) {
      seen.add(q.id);
      out.push(q);
    }
  };
  for (const t of hits) for (const q of questionsUnder(questions, t.key)) add(q);

  const also: string[] = [];
  const bare = name.trim().toLowerCase();
  if (bare !== "") {
    const tagged = new Set<string>();
    for (const q of questions) {
      for (const tag of q.tags) {
        const t = tag.toLowerCase();
        // A tag is a name: "alb" finds "alb" and "alb-apigw-integration", not "nalb".
        if (t === bare || t.startsWith(`${bare}-`) || t.startsWith(`${bare}/`) || t.startsWith(`${bare}:`)) {
          tagged.add(tag);
          add(q);
        }
      }
    }
    if (tagged.size > 0) also.push(`tag${tagged.size === 1 ? "" : "s"} ${[...tagged].map((t) => `"${t}"`).join(", ")}`);
    const byId = questions.filter((q) => q.id.toLowerCase().startsWith(bare));
    byId.forEach(add);
    if (byId.length > 0) also.push(`id${byId.length === 1 ? "" : "s"} starting "${name.trim()}"`);
  }
  return { topics: hits, questions: out, also };
}
