// Readiness: predicted recall of this content set's facts on exam day (or now), per topic and per exam-guide domain,
// and a predicted score on the exam's scale from Monte Carlo exam forms of the content's multiple-choice questions.
// It estimates recall of these facts, not the real exam. Pure: cards, clock and seed come in as arguments.

import { cardKind, type Question } from "../content/model.js";
import type { CardState } from "../srs/model.js";
import type { Scheduler } from "../srs/scheduler.js";
import { seededRandom } from "../session/random.js";
import { guessingChance } from "../simulate/cards.js";
import { questionDomains, type ExamGuide } from "./guides.js";

export const READINESS_STATEMENT =
  "This estimates recall of this content set's facts on the day shown, from your review history; it is not a prediction of the real exam.";

export interface ReadinessInput {
  questions: readonly Question[];
  card: (id: string) => CardState | undefined;
  scheduler: Scheduler;
  /** When recall is predicted: the exam's start, or now without an exam. */
  at: Date;
  guide?: ExamGuide;
  /** FSRS parameters fitted on this student's answers: their success rate already includes lucky guesses. */
  fitted: boolean;
  seed: number;
  forms?: number;
}

export interface GroupRecall {
  name: string;
  cards: number;
  seen: number;
  /** Mean predicted recall, unseen cards counted as 0; null with no cards. */
  recall: number | null;
}

export interface Readiness {
  version: 1;
  at: string;
  statement: string;
  cards: { total: number; seen: number };
  meanRecall: number;
  topics: GroupRecall[];
  guide?: {
    id: string;
    title: string;
    passScore: number;
    domains: (GroupRecall & { id: string; weight: number })[];
    /** Domains of the guide with no question of this content set. */
    missingDomains: string[];
    covered: boolean;
  };
  /** Score on the 100-1000 scale over exam forms of the content's multiple-choice questions. */
  score?: { median: number; low: number; high: number; pPass: number | null; forms: number; questions: number };
  guessing: string;
}

/** Predicted recall of a card at `at`: 0 when never seen. */
export function predictedRecall(card: CardState | undefined, at: Date, scheduler: Scheduler, kind?: "recall" | "choice"): number {
  if (!card || card.phase === "new") return 0;
  return scheduler.retrievability(card, at, kind);
}

/**
 * The chance of answering a multiple-choice question right: with default parameters, recall plus a guess for the
 * unrecalled share, r + (1 − r)·g; with fitted parameters r alone, as their success rate already holds the guesses.
 */
export function answerChance(recall: number, guess: number, fitted: boolean): number {
  return fitted ? recall : recall + (1 - recall) * guess;
}

/**
 * computeReadiness's meanRecall, kept up to date as cards change: each call predicts again only the cards whose state
 * is not the one it saw last (states are replaced, never changed in place), so a session can show it on every card.
 */
export function meanRecallTracker(questions: readonly Question[], card: (id: string) => CardState | undefined, at: Date, scheduler: Scheduler): () => number {
  const states: (CardState | undefined | null)[] = new Array(questions.length).fill(null);
  const recalls = new Float64Array(questions.length);
  return () => {
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i]!;
      const c = card(q.id);
      if (states[i] === c) continue;
      states[i] = c;
      recalls[i] = predictedRecall(c, at, scheduler, cardKind(q));
    }
    // Summed in the questions' order from 0, as computeReadiness sums: the same figure to the last bit.
    let sum = 0;
    for (let i = 0; i < recalls.length; i++) sum += recalls[i]!;
    return questions.length === 0 ? 0 : sum / questions.length;
  };
}

function group(name: string, recalls: readonly number[], seen: number): GroupRecall {
  return { name, cards: recalls.length, seen, recall: recalls.length === 0 ? null : recalls.reduce((a, b) => a + b, 0) / recalls.length };
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function computeReadiness(input: ReadinessInput): Readiness {
  const { questions, guide } = input;
  const recalls = new Map<string, number>();
  let seen = 0;
  for (const q of questions) {
    const c = input.card(q.id);
    if (c && c.phase !== "new") seen++;
    recalls.set(q.id, predictedRecall(c, input.at, input.scheduler, cardKind(q)));
  }
  const byTopic = new Map<string, Question[]>();
  for (const q of questions) {
    const key = q.topic[0] ?? "(no topic)";
    const list = byTopic.get(key);
    if (list) list.push(q);
    else byTopic.set(key, [q]);
  }
  const seenOf = (qs: readonly Question[]) => qs.filter((q) => (input.card(q.id)?.phase ?? "new") !== "new").length;
  const out: Readiness = {
    version: 1,
    at: input.at.toISOString(),
    statement: READINESS_STATEMENT,
    cards: { total: questions.length, seen },
    meanRecall: questions.length === 0 ? 0 : [...recalls.values()].reduce((a, b) => a + b, 0) / questions.length,
    topics: [...byTopic].map(([name, qs]) => group(name, qs.map((q) => recalls.get(q.id)!), seenOf(qs))),
    guessing: input.fitted
      ? "fitted parameters: a multiple-choice answer's chance is its predicted recall, which already includes lucky guesses"
      : "default parameters: a multiple-choice answer's chance is recall plus a guess (1/options, 1/C(options, N) for choose N) for the unrecalled share",
  };

  const choice = questions.filter((q) => q.kind !== "recall");
  const chance = new Map(choice.map((q) => [q.id, answerChance(recalls.get(q.id)!, guessingChance(q), input.fitted)]));
  let pools: { weight: number; questions: Question[] }[] = [{ weight: 1, questions: choice }];
  let covered = false;
  if (guide) {
    const domains = guide.domains.map((d) => {
      const qs = questions.filter((q) => questionDomains(q.domains, guide).includes(d.id));
      return { ...group(d.name, qs.map((q) => recalls.get(q.id)!), seenOf(qs)), id: d.id, weight: d.weight, choice: qs.filter((q) => q.kind !== "recall") };
    });
    const missing = domains.filter((d) => d.choice.length === 0).map((d) => d.name);
    covered = missing.length === 0;
    out.guide = {
      id: guide.id,
      title: guide.title,
      passScore: guide.passScore,
      domains: domains.map(({ choice: _, ...d }) => d),
      missingDomains: missing,
      covered,
    };
    if (covered) pools = domains.map((d) => ({ weight: d.weight, questions: d.choice }));
  }
  const forms = input.forms ?? 2000;
  if (choice.length === 0 || forms === 0) return out;

  // Monte Carlo exam forms: per pool (a guide domain when the content covers the guide) its weight's share of the
  // form's questions, drawn without replacement while the pool lasts.
  const size = Math.min(guide?.scoredQuestions ?? 65, choice.length);
  const random = seededRandom(input.seed);
  const scores: number[] = [];
  let passes = 0;
  const pass = guide?.passScore ?? 720;
  for (let f = 0; f < forms; f++) {
    let right = 0;
    let asked = 0;
    for (const pool of pools) {
      const n = pools.length === 1 ? size : Math.max(1, Math.round(pool.weight * size));
      const order = [...pool.questions];
      for (let k = 0; k < n; k++) {
        let q: Question;
        if (k < order.length) {
          const j = k + Math.floor(random() * (order.length - k));
          [order[k], order[j]] = [order[j]!, order[k]!];
          q = order[k]!;
        } else q = order[Math.floor(random() * order.length)]!;
        if (random() < chance.get(q.id)!) right++;
        asked++;
      }
    }
    const scaled = 100 + (900 * right) / asked;
    scores.push(scaled);
    if (scaled >= pass) passes++;
  }
  scores.sort((a, b) => a - b);
  out.score = {
    median: Math.round(quantile(scores, 0.5)),
    low: Math.round(quantile(scores, 0.1)),
    high: Math.round(quantile(scores, 0.9)),
    pPass: guide && covered ? passes / forms : null,
    forms,
    questions: size,
  };
  return out;
}

