// Mock exams: the draw, the clock's defaults and the score. Pure: questions, seed and answers in.

import type { MultipleChoiceQuestion } from "../content/model.js";
import { gradeChoice } from "./grading.js";
import { seededRandom, shuffle } from "./random.js";

/** The associate exams: 65 questions in 130 minutes, pass at 720 of 1000. */
export const EXAM_DEFAULTS = { count: 65, minutes: 130, pass: 720 } as const;
const MINUTES_PER_QUESTION = EXAM_DEFAULTS.minutes / EXAM_DEFAULTS.count;

export interface ExamPlan {
  questions: MultipleChoiceQuestion[];
  minutes: number;
  passScore: number;
  seed: number;
}

/** Draws `count` questions at random, taking from each topic in turn so every topic is represented. */
export function drawExam(pool: readonly MultipleChoiceQuestion[], count: number, seed: number): MultipleChoiceQuestion[] {
  const random = seededRandom(seed);
  // Balance over the top-level topics (the exam's domains); a bank with one top-level topic balances below it.
  // Topics are grouped by their normalised key, as the tree merges them: two spellings of one title are one area.
  const areaOf = (q: MultipleChoiceQuestion) => q.topicKey.split(" / ")[0] ?? "";
  const topLevel = new Set(pool.map(areaOf));
  const group = (q: MultipleChoiceQuestion) => (topLevel.size > 1 ? areaOf(q) : q.topicKey);
  const byTopic = new Map<string, MultipleChoiceQuestion[]>();
  for (const q of pool) {
    const list = byTopic.get(group(q)) ?? [];
    list.push(q);
    byTopic.set(group(q), list);
  }
  const queues = shuffle([...byTopic.values()], random).map((qs) => shuffle(qs, random));
  const drawn: MultipleChoiceQuestion[] = [];
  while (drawn.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next && drawn.length < count) drawn.push(next);
    }
  }
  // Topic-by-topic order would hint at the topic; the exam shows them mixed.
  return shuffle(drawn, random);
}

/** Fewer questions than asked for: all of them, and the time scaled to match (unless minutes were given). */
export function planExam(
  pool: readonly MultipleChoiceQuestion[],
  options: { count?: number; minutes?: number; pass?: number; seed: number },
): ExamPlan {
  const count = Math.min(options.count ?? EXAM_DEFAULTS.count, pool.length);
  const questions = drawExam(pool, count, options.seed);
  return {
    questions,
    minutes: options.minutes ?? Math.max(1, Math.round(questions.length * MINUTES_PER_QUESTION * 10) / 10),
    passScore: options.pass ?? EXAM_DEFAULTS.pass,
    seed: options.seed,
  };
}

export interface ExamScore {
  correct: number;
  total: number;
  /** 100 + 900 × correct / total, rounded: an estimate; AWS does not publish its scaling. */
  scaled: number;
  passed: boolean;
  byTopic: Map<string, { correct: number; total: number }>;
  /** Per question, right or wrong (unanswered is wrong). */
  results: boolean[];
}

export function scaledScore(correct: number, total: number): number {
  return total === 0 ? 100 : Math.round(100 + (900 * correct) / total);
}

/** Choose-N questions count only when exactly the keys are picked, as on the real exam. */
export function scoreExam(questions: readonly MultipleChoiceQuestion[], answers: readonly (number[] | undefined)[], passScore: number): ExamScore {
  const byTopic = new Map<string, { correct: number; total: number }>();
  // Grouped by the normalised topic key, named by the first path seen with it.
  const names = new Map<string, string>();
  const results = questions.map((q, i) => {
    const chosen = answers[i];
    const ok = chosen !== undefined && chosen.length > 0 && gradeChoice(q, chosen);
    if (!names.has(q.topicKey)) names.set(q.topicKey, q.topic.join(" › "));
    const key = names.get(q.topicKey)!;
    const t = byTopic.get(key) ?? { correct: 0, total: 0 };
    t.total++;
    if (ok) t.correct++;
    byTopic.set(key, t);
    return ok;
  });
  const correct = results.filter(Boolean).length;
  const scaled = scaledScore(correct, questions.length);
  return { correct, total: questions.length, scaled, passed: scaled >= passScore, byTopic, results };
}
