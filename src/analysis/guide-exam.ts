// `cogquiz exam --guide`: a mock exam drawn by the guide's domain weights where the content set maps questions to
// the guide's domains, and the score per domain, as the real score report gives it.

import type { MultipleChoiceQuestion } from "../content/model.js";
import { seededRandom, shuffle } from "../session/random.js";
import { drawExam, twinGuard } from "../session/exam.js";
import { questionDomains, type ExamGuide } from "./guides.js";

export interface GuideDraw {
  questions: MultipleChoiceQuestion[];
  /** Questions drawn per domain id. */
  perDomain: Record<string, number>;
  /** Domains of the guide with no question in the pool. */
  missing: string[];
  /** False when no question maps to the guide: the draw is the plain one, by topic. */
  byWeight: boolean;
}

/**
 * Each domain gets its weight's share of `count` (largest remainders), capped at the questions it has; what a
 * domain cannot fill goes to the others in weight order. A question serving two domains counts for the first drawn.
 */
export function drawByGuide(pool: readonly MultipleChoiceQuestion[], guide: ExamGuide, count: number, seed: number): GuideDraw {
  const random = seededRandom(seed);
  const byDomain = new Map(guide.domains.map((d) => [d.id, shuffle(pool.filter((q) => questionDomains(q.domains, guide).includes(d.id)), random)]));
  const missing = guide.domains.filter((d) => byDomain.get(d.id)!.length === 0).map((d) => d.name);
  const mapped = new Set([...byDomain.values()].flat());
  if (mapped.size === 0) {
    return { questions: drawExam(pool, Math.min(count, pool.length), seed), perDomain: {}, missing, byWeight: false };
  }
  const total = Math.min(count, mapped.size);
  const present = guide.domains.filter((d) => byDomain.get(d.id)!.length > 0);
  const weightSum = present.reduce((s, d) => s + d.weight, 0);
  const exact = present.map((d) => ({ id: d.id, share: (d.weight / weightSum) * total }));
  const quota = new Map(exact.map((e) => [e.id, Math.floor(e.share)]));
  let left = total - [...quota.values()].reduce((a, b) => a + b, 0);
  for (const e of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1))) if (left-- > 0) quota.set(e.id, quota.get(e.id)! + 1);
  const taken = new Set<MultipleChoiceQuestion>();
  const twinDrawn = twinGuard();
  const perDomain: Record<string, number> = {};
  const take = (id: string, n: number) => {
    let got = 0;
    for (const q of byDomain.get(id)!) {
      if (got >= n) break;
      if (taken.has(q) || twinDrawn(q)) continue;
      taken.add(q);
      got++;
    }
    perDomain[id] = (perDomain[id] ?? 0) + got;
    return got;
  };
  let short = 0;
  for (const d of present) short += quota.get(d.id)! - take(d.id, quota.get(d.id)!);
  for (const d of [...present].sort((a, b) => b.weight - a.weight)) if (short > 0) short -= take(d.id, short);
  return { questions: shuffle([...taken], random), perDomain, missing, byWeight: true };
}

/** A domain's right answers of the questions that served it. */
export interface DomainScore {
  id: string;
  name: string;
  correct: number;
  total: number;
}

/** Right answers per domain of the guide, from the exam's per-question results. */
export function scoreByDomain(questions: readonly MultipleChoiceQuestion[], results: readonly boolean[], guide: ExamGuide): DomainScore[] {
  return guide.domains
    .map((d) => {
      let correct = 0;
      let total = 0;
      questions.forEach((q, i) => {
        if (!questionDomains(q.domains, guide).includes(d.id)) return;
        total++;
        if (results[i]) correct++;
      });
      return { id: d.id, name: d.name, correct, total };
    })
    .filter((d) => d.total > 0);
}
