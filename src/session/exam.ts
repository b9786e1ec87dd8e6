// Mock exams: the draw, the clock's defaults and the score. Pure: questions, seed and answers in.

import type { MultipleChoiceQuestion } from "../content/model.js";
import type { ExamRecord } from "../srs/records.js";
import { gradeChoice, pickCount } from "./grading.js";
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

/**
 * Whether a twin of `q` (the same stem asked again) was drawn already; if not, `q` counts as drawn. A mock exam asks a
 * question once, however many times a bank repeats it.
 */
export function twinGuard(): (q: MultipleChoiceQuestion) => boolean {
  const drawn = new Set<string>();
  return (q) => {
    if (q.twins?.some((id) => drawn.has(id))) return true;
    drawn.add(q.id);
    return false;
  };
}

/** Draws `count` questions at random, taking from each topic in turn so every topic is represented; never two twins. */
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
  const twinDrawn = twinGuard();
  while (drawn.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next && drawn.length < count && !twinDrawn(next)) drawn.push(next);
    }
  }
  // Topic-by-topic order would hint at the topic; the exam shows them mixed.
  return shuffle(drawn, random);
}

/**
 * What a student is told when `--count` asked for more questions than the draw could give: every question the
 * content set (or the topic, or the guide's domains) offers was drawn, and declared siblings count once.
 */
export function shortExamNote(asked: number, drawn: number, where: { topic?: string; guide?: string } = {}): string {
  const from = where.topic !== undefined ? `topic "${where.topic}"` : "the content set";
  const guide = where.guide !== undefined ? ` maps to ${where.guide} and` : "";
  return `--count ${asked}: the exam had ${drawn} question${drawn === 1 ? "" : "s"}, every multiple-choice question ${from}${guide} offers (siblings count once)`;
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
  /** Per topic (grouped by the topic's normalised key, named by its path as written), right of total. */
  byTopic: Map<string, { correct: number; total: number }>;
  /** Per question, right or wrong (unanswered is wrong). */
  results: boolean[];
}

export function scaledScore(correct: number, total: number): number {
  return total === 0 ? 100 : Math.round(100 + (900 * correct) / total);
}

/** Choose-N questions count only when exactly the keys are picked, as on the real exam. */
export function scoreExam(questions: readonly MultipleChoiceQuestion[], answers: readonly (number[] | undefined)[], passScore: number): ExamScore {
  const byKey = new Map<string, { name: string; correct: number; total: number }>();
  const results = questions.map((q, i) => {
    const chosen = answers[i];
    const ok = chosen !== undefined && chosen.length > 0 && gradeChoice(q, chosen);
    // One topic however its heading is spelled: the key, as the topic tree merges them; named as first met.
    const t = byKey.get(q.topicKey) ?? { name: q.topic.join(" › "), correct: 0, total: 0 };
    t.total++;
    if (ok) t.correct++;
    byKey.set(q.topicKey, t);
    return ok;
  });
  const byTopic = new Map([...byKey.values()].map((t) => [t.name, { correct: t.correct, total: t.total }] as const));
  const correct = results.filter(Boolean).length;
  const scaled = scaledScore(correct, questions.length);
  return { correct, total: questions.length, scaled, passed: scaled >= passScore, byTopic, results };
}

/** Where a question stands before submitting: a choose-N question with another number of picks is incomplete. */
export type AnswerStatus = "unanswered" | "incomplete" | "answered";

export function answerStatus(q: MultipleChoiceQuestion, chosen: readonly number[] | undefined): AnswerStatus {
  if (chosen === undefined || chosen.length === 0) return "unanswered";
  if (q.kind === "multiple" && chosen.length !== pickCount(q)) return "incomplete";
  return "answered";
}

/** How many questions are unanswered, incomplete and flagged: what submitting leaves behind. */
export function submitCounts(
  questions: readonly MultipleChoiceQuestion[],
  answers: readonly (number[] | undefined)[],
  flagged: readonly boolean[],
): { unanswered: number; incomplete: number; flagged: number } {
  const status = questions.map((q, i) => answerStatus(q, answers[i]));
  return {
    unanswered: status.filter((s) => s === "unanswered").length,
    incomplete: status.filter((s) => s === "incomplete").length,
    flagged: flagged.filter(Boolean).length,
  };
}

/** Which questions of the last exam `--retake` sits again. */
export type RetakeChoice = "missed" | "flagged" | "all";
export const RETAKE_CHOICES: readonly RetakeChoice[] = ["missed", "flagged", "all"];

/** The last exam that was scored (abandoned ones are not). */
export function lastScoredExam(exams: readonly ExamRecord[]): ExamRecord | undefined {
  return [...exams].reverse().find((e) => e.status !== "abandoned");
}

/**
 * The questions of `exam` to sit again, found in today's pool by id, in the exam's order; `gone` counts those no
 * longer in the content.
 */
export function retakeQuestions(
  exam: ExamRecord,
  which: RetakeChoice,
  pool: readonly MultipleChoiceQuestion[],
): { questions: MultipleChoiceQuestion[]; gone: number } {
  const byId = new Map(pool.map((q) => [q.id, q]));
  const wanted = exam.answers.filter((a) => which === "all" || (which === "missed" ? !a.correct : a.flagged));
  const questions = wanted.map((a) => byId.get(a.questionId)).filter((q): q is MultipleChoiceQuestion => q !== undefined);
  return { questions, gone: wanted.length - questions.length };
}

/** A plan over exactly these questions (mixed by the seed), its time scaled as for a draw. */
export function planRetake(questions: readonly MultipleChoiceQuestion[], options: { minutes?: number; pass?: number; seed: number }): ExamPlan {
  return {
    questions: shuffle(questions, seededRandom(options.seed)),
    minutes: options.minutes ?? Math.max(1, Math.round(questions.length * MINUTES_PER_QUESTION * 10) / 10),
    passScore: options.pass ?? EXAM_DEFAULTS.pass,
    seed: options.seed,
  };
}
