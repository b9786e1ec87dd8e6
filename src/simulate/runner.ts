// The simulator: strategies on the same simulated learners and cards, day by day, through the shipped scheduler
// (createScheduler, the exam rule) and the shipped queue (buildQueue, daily limits, same-session learning steps),
// within a daily study time. Plain data in, figures out; deterministic under a seed.

import type { ExamGoal, RatingName, CardState, SchedulerSettings } from "../srs/model.js";
import { createScheduler, outcomeOf, type Scheduler } from "../srs/scheduler.js";
import { afterAnswer, buildQueue, buriesSiblings, pickNext, type QueueItem } from "../srs/queue.js";
import { dayKey } from "../srs/day.js";
import { examMoment, finalWindowDays, withExamRule, type ExamRule } from "../srs/exam-rule.js";
import { newCardPace } from "../srs/exam-pace.js";
import { seededRandom } from "../session/random.js";
import { createLearner, type Learner, type LearnerType } from "./learners.js";
import { createSm2Scheduler } from "./sm2.js";
import {
  AFTER_EXAM_DAYS,
  EXAM_FORM_QUESTIONS,
  EXAM_FORMS_PER_LEARNER,
  FIRST_RATING_PROB,
  NEW_CARD_SECONDS,
  PASS_SCORE,
  REVIEW_SECONDS,
  SIMULATION_START,
  STUDY_HOUR,
  SUCCESS_RATING_PROB,
} from "./assumptions.js";

const DAY_MS = 86_400_000;

/** A card as the simulator needs it: what the queue knows of it, and its chance of a lucky guess. */
export interface SimCard extends QueueItem {
  /** Chance of a right answer without recall: 0 for a recall card. */
  guess: number;
}

export interface SimulationConfig {
  cards: readonly SimCard[];
  days: number;
  /** New cards a day, or "plan": the exam plan's pace, recomputed each day as the quiz does (`newCardPace`). */
  newPerDay: number | "plan";
  minutesPerDay: number;
  learners: number;
  learner: LearnerType;
  seed: number;
  /** Exam-date mode's target recall. */
  target: number;
  /**
   * The student's fitted FSRS-6 parameters (`simulate --parameters yours`): every FSRS scheduler uses them, and the
   * FSRS-family learners are drawn around them instead of around FSRS-6's defaults. Absent: the defaults.
   */
  parameters?: readonly number[];
}

/** How a strategy studies: through a scheduler and the queue, or by cramming. */
export type Plan =
  | {
      kind: "scheduled";
      scheduler: (exam: ExamGoal, parameters: readonly number[] | undefined, cards: number) => Scheduler;
      /** The exam is set, as the quiz sets it for exam-date mode: its eve buries no siblings (`buriesSiblings`). */
      examSet?: true;
    }
  | { kind: "cram"; cramDays: number };

export interface StrategyRun {
  minutes: number;
  reviews: number;
  meanRecall: number;
  shareAtLeast90: number;
  scaledScore: number;
  pPass: number;
  /** Mean true recall over all cards AFTER_EXAM_DAYS days after the exam, with no study after it. */
  recallAfterExam: number;
  /** Mean true recall over all cards at each day's study time, and on exam day last. */
  recallByDay: number[];
}

/** Exam-date mode's final window for the run's cards and daily minutes, as the quiz sizes it for a content set. */
export function simulatedWindowDays(config: Pick<SimulationConfig, "cards" | "minutesPerDay">): number {
  return finalWindowDays(config.cards.length, config.minutesPerDay);
}

/** New cards on simulated day `day` with `unseen` cards not seen yet: the fixed number, or the plan's pace that day. */
export function newCardsOn(config: Pick<SimulationConfig, "newPerDay" | "days" | "cards" | "minutesPerDay">, day: number, unseen: number): number {
  return config.newPerDay === "plan" ? newCardPace(unseen, config.days - day, simulatedWindowDays(config)).newPerDay : config.newPerDay;
}

/** The calendar date of simulated day `day`, YYYY-MM-DD (local, as the exam date is). */
export function simulatedDate(day: number): string {
  const d = new Date(SIMULATION_START + day * DAY_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** The start of day `day`'s study session, local time. */
function sessionStart(day: number): number {
  const d = new Date(SIMULATION_START + day * DAY_MS);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), STUDY_HOUR).getTime();
}

function draw(probabilities: readonly number[], random: () => number): number {
  let u = random();
  for (let i = 0; i < probabilities.length; i++) {
    u -= probabilities[i]!;
    if (u < 0) return i;
  }
  return probabilities.length - 1;
}

const RATING_OF: readonly RatingName[] = ["again", "hard", "good", "easy"];

/** One learner answering card `i` at `t`: the rating the scheduler sees, and the learner's memory updated. */
function answer(learner: Learner, card: SimCard, i: number, t: number, random: () => number): RatingName {
  if (!learner.seen(i)) {
    const grade = (draw(FIRST_RATING_PROB, random) + 1) as 1 | 2 | 3 | 4;
    learner.study(i, t, grade);
    return RATING_OF[grade - 1]!;
  }
  const recalled = random() < learner.recall(i, t);
  const right = recalled || random() < card.guess;
  if (!right) {
    learner.study(i, t, 1);
    return "again";
  }
  const grade = (draw(SUCCESS_RATING_PROB, random) + 2) as 2 | 3 | 4;
  // A lucky guess is a failed retrieval followed by the answer: the learner's memory takes it as a miss.
  learner.study(i, t, recalled ? grade : 1);
  return RATING_OF[grade - 1]!;
}

interface Tally {
  minutes: number;
  reviews: number;
  recallByDay: number[];
}

function meanRecall(learner: Learner, n: number, t: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += learner.recall(i, t);
  return sum / n;
}

/** One learner's days through the queue and a scheduler, each day within the study minutes. */
function runScheduled(config: SimulationConfig, scheduler: Scheduler, learner: Learner, random: () => number, examDate?: string): Tally {
  const { cards } = config;
  const index = new Map(cards.map((c, i) => [c.id, i]));
  const topicOf = new Map(cards.map((c) => [c.id, c.topicKey]));
  const topicOfId = (id: string) => topicOf.get(id);
  const state = new Map<string, CardState>();
  const budget = config.minutesPerDay * 60_000;
  const tally: Tally = { minutes: 0, reviews: 0, recallByDay: [] };
  for (let day = 0; day < config.days; day++) {
    let t = sessionStart(day);
    tally.recallByDay.push(meanRecall(learner, cards.length, t));
    // The quiz's own queue: buildQueue for the day, then pickNext and afterAnswer card by card, so learning steps,
    // learn-ahead, topic spreading and buried siblings are exactly the session's.
    let queue = buildQueue(
      cards,
      (id) => state.get(id),
      new Date(t),
      { newPerDay: newCardsOn(config, day, cards.length - state.size), reviewsPerDay: Number.MAX_SAFE_INTEGER, newToday: 0, reviewsToday: 0 },
      scheduler,
      examDate,
    );
    // Cards buried when the day begins are not in the queue (buildQueue leaves them out), so the day's buried set
    // starts empty and takes the siblings of each card answered, as the session's would (none on the exam's eve).
    const buried = new Set<string>();
    const burying = buriesSiblings(dayKey(new Date(t)), examDate);
    let lastTopic: string | undefined;
    let used = 0;
    for (;;) {
      const now = new Date(t);
      const pick = pickNext(queue, now, { buried, topicOf: topicOfId, lastTopic });
      if (!pick) break;
      const id = pick.id;
      const i = index.get(id)!;
      const before = state.get(id);
      const cost = (before === undefined || before.phase === "new" ? NEW_CARD_SECONDS : REVIEW_SECONDS) * 1000;
      if (used + cost > budget) break;
      // The outcome of the rating given, as the quiz applies it (the preview's, without the other three).
      const rating = answer(learner, cards[i]!, i, t, random);
      const after = outcomeOf(scheduler, before, now, rating).card;
      state.set(id, after);
      used += cost;
      t += cost;
      tally.reviews++;
      queue = afterAnswer(pick.queue, id, after);
      lastTopic = cards[i]!.topicKey;
      if (burying) for (const s of cards[i]!.siblings ?? []) if (s !== id) buried.add(s);
    }
    tally.minutes += used / 60_000;
  }
  return tally;
}

/**
 * Cramming: new cards as they come (first sight and one repeat in the same session), no reviews, then in the last
 * `cramDays` days every card, least recently studied first, as often as the minutes allow.
 */
function runCram(config: SimulationConfig, cramDays: number, learner: Learner, random: () => number): Tally {
  const { cards } = config;
  const n = cards.length;
  const budget = config.minutesPerDay * 60_000;
  const lastStudied = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const tally: Tally = { minutes: 0, reviews: 0, recallByDay: [] };
  let introduced = 0;
  const cramFrom = Math.max(0, config.days - cramDays);
  for (let day = 0; day < config.days; day++) {
    let t = sessionStart(day);
    tally.recallByDay.push(meanRecall(learner, n, t));
    let used = 0;
    const study = (i: number, seconds: number): boolean => {
      if (used + seconds * 1000 > budget) return false;
      answer(learner, cards[i]!, i, t, random);
      lastStudied[i] = t;
      used += seconds * 1000;
      t += seconds * 1000;
      tally.reviews++;
      return true;
    };
    if (day < cramFrom) {
      const today: number[] = [];
      const fresh = newCardsOn(config, day, n - introduced);
      while (introduced < n && today.length < fresh && study(introduced, NEW_CARD_SECONDS)) today.push(introduced++);
      for (const i of today) if (!study(i, REVIEW_SECONDS)) break;
    } else {
      for (;;) {
        if (introduced < n) {
          if (!study(introduced, NEW_CARD_SECONDS)) break;
          introduced++;
          continue;
        }
        let oldest = 0;
        for (let i = 1; i < n; i++) if (lastStudied[i]! < lastStudied[oldest]!) oldest = i;
        if (!study(oldest, REVIEW_SECONDS)) break;
      }
    }
    tally.minutes += used / 60_000;
  }
  return tally;
}

/** The exam goal of a run: the day after the last study day. */
export function simulatedExam(config: Pick<SimulationConfig, "days" | "minutesPerDay" | "target">): ExamGoal {
  return { date: simulatedDate(config.days), minutesPerDay: config.minutesPerDay, target: config.target };
}

/** Runs one strategy over the config's learners, or those numbered from `range[0]` to before `range[1]`. */
export function runStrategy(config: SimulationConfig, plan: Plan, range: readonly [number, number] = [0, config.learners]): StrategyRun {
  const exam = simulatedExam(config);
  const examT = examMoment(exam.date).getTime();
  const n = config.cards.length;
  const choiceIdx = config.cards.flatMap((c, i) => (c.guess > 0 ? [i] : []));
  // Each exam form is drawn from the multiple-choice cards in bank order, shuffled in place in one reused array.
  const choices = Int32Array.from(choiceIdx);
  const pool = new Int32Array(choices.length);
  let minutes = 0;
  let reviews = 0;
  let recall = 0;
  let after = 0;
  let atLeast90 = 0;
  let score = 0;
  let passes = 0;
  let forms = 0;
  const recallByDay = new Array<number>(config.days + 1).fill(0);
  for (let k = range[0]; k < range[1]; k++) {
    const learner = createLearner(config.learner, n, config.seed, k, config.parameters);
    // The learner's answers draw from their own stream, the same for every strategy.
    const random = seededRandom((config.seed * 31 + k * 2_654_435_761) >>> 0);
    const tally = plan.kind === "cram" ? runCram(config, plan.cramDays, learner, random) : runScheduled(config, plan.scheduler(exam, config.parameters, n), learner, random, plan.examSet ? exam.date : undefined);
    minutes += tally.minutes;
    reviews += tally.reviews;
    tally.recallByDay.forEach((r, d) => (recallByDay[d]! += r));
    const p = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const r = learner.recall(i, examT);
      p[i] = r;
      sum += r;
      if (r >= 0.9) atLeast90++;
    }
    recall += sum;
    recallByDay[config.days]! += sum / n;
    const laterT = examT + AFTER_EXAM_DAYS * DAY_MS;
    for (let i = 0; i < n; i++) after += learner.recall(i, laterT);
    // The exam: multiple-choice questions of the content, right by recall or by a guess for the rest.
    if (choiceIdx.length > 0) {
      let expected = 0;
      for (const i of choiceIdx) expected += p[i]! + (1 - p[i]!) * config.cards[i]!.guess;
      score += 100 + (900 * expected) / choiceIdx.length;
      const formRandom = seededRandom((config.seed * 131 + k * 7) >>> 0);
      const size = Math.min(EXAM_FORM_QUESTIONS, choiceIdx.length);
      for (let f = 0; f < EXAM_FORMS_PER_LEARNER; f++) {
        pool.set(choices);
        let right = 0;
        for (let q = 0; q < size; q++) {
          const j = q + Math.floor(formRandom() * (pool.length - q));
          const i = pool[j]!;
          pool[j] = pool[q]!;
          pool[q] = i;
          if (formRandom() < p[i]! + (1 - p[i]!) * config.cards[i]!.guess) right++;
        }
        if (100 + (900 * right) / size >= PASS_SCORE) passes++;
        forms++;
      }
    }
  }
  const L = Math.max(1, range[1] - range[0]);
  return {
    minutes: minutes / L,
    reviews: reviews / L,
    meanRecall: recall / (L * n),
    recallAfterExam: after / (L * n),
    shareAtLeast90: atLeast90 / (L * n),
    scaledScore: choiceIdx.length > 0 ? score / L : 0,
    pPass: forms > 0 ? passes / forms : 0,
    recallByDay: recallByDay.map((r) => r / L),
  };
}

/**
 * Fuzz off in the simulator: it only spreads due dates by a day or so, costs a tenth of the run time, and is the
 * same for every strategy.
 */
export const SIMULATION_FUZZ = false;

/** Plain FSRS at a desired retention, through the shipped scheduler. */
export function fsrsPlan(desiredRetention: number): Plan {
  return { kind: "scheduled", scheduler: (_exam, parameters) => createScheduler({ desiredRetention, fuzz: SIMULATION_FUZZ, ...(parameters ? { parameters } : {}) }) };
}

/** Runs of disjoint learner ranges merged into one: every figure is a mean per learner, weighted by learners. */
export function mergeRuns(parts: readonly { run: StrategyRun; learners: number }[]): StrategyRun {
  const total = parts.reduce((s, p) => s + p.learners, 0);
  const mean = (f: (r: StrategyRun) => number) => parts.reduce((s, p) => s + f(p.run) * p.learners, 0) / total;
  return {
    minutes: mean((r) => r.minutes),
    reviews: mean((r) => r.reviews),
    meanRecall: mean((r) => r.meanRecall),
    recallAfterExam: mean((r) => r.recallAfterExam),
    shareAtLeast90: mean((r) => r.shareAtLeast90),
    scaledScore: mean((r) => r.scaledScore),
    pPass: mean((r) => r.pPass),
    recallByDay: parts[0]!.run.recallByDay.map((_, d) => mean((r) => r.recallByDay[d]!)),
  };
}

/**
 * Exam-date mode: the shipped scheduler with the exam set, its final window sized for the cards and the daily minutes
 * as the quiz sizes it; a rule other than the shipped one, or a window of `windowDays`, when trying rules.
 */
export function examPlan(rule?: ExamRule, windowDays?: number): Plan {
  return {
    kind: "scheduled",
    examSet: true,
    scheduler: (exam, parameters, cards) => {
      const plain: SchedulerSettings = { desiredRetention: 0.9, fuzz: SIMULATION_FUZZ, ...(parameters ? { parameters } : {}) };
      const settings: SchedulerSettings = { ...plain, exam, finalWindowDays: windowDays ?? finalWindowDays(cards, exam.minutesPerDay, rule) };
      // The shipped scheduler as the quiz builds it; a rule being tried goes on the same scheduler without its exam.
      return rule ? withExamRule(createScheduler(plain), settings, rule) : createScheduler(settings);
    },
  };
}

export function sm2Plan(intervalModifier = 1): Plan {
  return { kind: "scheduled", scheduler: () => createSm2Scheduler(intervalModifier) };
}

export function cramPlan(cramDays: number): Plan {
  return { kind: "cram", cramDays };
}
