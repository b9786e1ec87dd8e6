// The exam loop: no feedback, free navigation, flags, a review screen, and a clock that submits by itself.
// It talks to an ExamUI; every prompt gets an AbortSignal that fires when time is up.

import type { MultipleChoiceQuestion } from "../content/model.js";
import { dayKey } from "../srs/day.js";
import type { Scheduler } from "../srs/scheduler.js";
import { countsToward, type ExamRecord, type ReviewRecord } from "../srs/records.js";
import { scoreExam, type ExamPlan, type ExamScore } from "./exam.js";
import type { ProgressPort } from "./quiz-session.js";
import { seededRandom, shuffle } from "./random.js";

/** How often the exam reads the time of day to know whether it is over. */
const CLOCK_CHECK_MS = 1000;

export interface ExamState {
  /** Per question, the chosen option indexes (into question.choices). */
  answers: (number[] | undefined)[];
  flagged: boolean[];
}

export interface ExamView {
  question: MultipleChoiceQuestion;
  index: number;
  total: number;
  /** Display order of the options: indexes into question.choices. */
  order: number[];
  state: ExamState;
  /** Epoch ms when time runs out. */
  deadline: number;
}

export type ExamMove = "next" | "previous" | "review" | "interrupt" | "timeout";
/** `at` of an interrupt: the question under the review's cursor, where the list opens again if the exam goes on. */
export type ReviewChoice = { type: "goto"; index: number } | { type: "submit" } | { type: "interrupt"; at?: number } | { type: "timeout" };

export interface ExamUI {
  /** Shows one question; changes to the answer or the flag are written into view.state as they happen. */
  question(view: ExamView, signal: AbortSignal): Promise<ExamMove>;
  /** The list of every question, its cursor on `from` (the question the student came from). */
  review(state: ExamState, questions: readonly MultipleChoiceQuestion[], deadline: number, from: number, signal: AbortSignal): Promise<ReviewChoice>;
  /** Ctrl-C: true to abandon the exam. `deadline` (epoch ms): the time left stays in sight while it asks. */
  confirmAbandon(deadline: number, signal: AbortSignal): Promise<boolean>;
}

export interface ExamOutcome {
  record: ExamRecord;
  score: ExamScore;
  state: ExamState;
  /** Per question, the order its options were shown in (indexes into question.choices): the review keeps it. */
  orders: number[][];
}

export async function runExam(
  plan: ExamPlan,
  ui: ExamUI,
  clock: () => Date,
  store: ProgressPort & { saveExam(record: ExamRecord): Promise<void> },
  scheduler: Scheduler,
  /** Aborted when the exam must end now (its terminal went away): it is saved as abandoned, with the answers so far. */
  stop?: AbortSignal,
): Promise<ExamOutcome> {
  const { questions } = plan;
  const startedAt = clock();
  const deadline = startedAt.getTime() + plan.minutes * 60_000;
  const random = seededRandom(plan.seed ^ 0x5eed);
  const orders = questions.map((q) => shuffle(q.choices.map((_, i) => i), random));
  const state: ExamState = { answers: questions.map(() => undefined), flagged: questions.map(() => false) };
  /** Questions the student had on screen: only those were retrievals the scheduler should hear of. */
  const viewed = questions.map(() => false);

  // The clock: one abort for every prompt open when time runs out, or when the exam is stopped. Time is the time of
  // day, read again at least every second: one timer for the whole exam counts the machine's running time, and a
  // laptop asleep through the deadline woke to an exam at 0:00:00 that went on taking answers.
  const timer = new AbortController();
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const watchClock = (): void => {
    const left = deadline - clock().getTime();
    if (left <= 0) timer.abort(new Error("time is up"));
    else timeout = setTimeout(watchClock, Math.min(left, CLOCK_CHECK_MS));
  };
  watchClock();
  const onStop = (): void => timer.abort(new Error("stopped"));
  stop?.addEventListener("abort", onStop, { once: true });
  if (stop?.aborted) onStop();
  /** Time up, unless the abort was a stop. */
  const ended = (): ExamRecord["status"] => (stop?.aborted ? "abandoned" : "timed-out");
  /**
   * A yes to "Abandon this exam?": the exam is abandoned, unless time ran out before the yes came (the clock is read
   * once a second): an exam whose time is up is submitted, as it would have been had the answer come a second later.
   */
  const abandonedOrEnded = (): ExamRecord["status"] => (clock().getTime() >= deadline ? ended() : "abandoned");

  let status: ExamRecord["status"] = "submitted";
  let index = 0;
  let reviewing = false;
  try {
    exam: for (;;) {
      if (timer.signal.aborted || clock().getTime() >= deadline) {
        status = ended();
        break;
      }
      if (reviewing) {
        const choice = await ui.review(state, questions, deadline, index, timer.signal);
        if (choice.type === "timeout") {
          status = ended();
          break;
        }
        if (choice.type === "submit") break;
        if (choice.type === "interrupt") {
          if (choice.at !== undefined) index = choice.at;
          if (await ui.confirmAbandon(deadline, timer.signal)) {
            status = abandonedOrEnded();
            break exam;
          }
          continue;
        }
        index = choice.index;
        reviewing = false;
        continue;
      }
      viewed[index] = true;
      const move = await ui.question({ question: questions[index]!, index, total: questions.length, order: orders[index]!, state, deadline }, timer.signal);
      switch (move) {
        case "timeout":
          status = ended();
          break exam;
        case "interrupt":
          if (timer.signal.aborted) {
            status = ended();
            break exam;
          }
          if (await ui.confirmAbandon(deadline, timer.signal)) {
            status = abandonedOrEnded();
            break exam;
          }
          break;
        case "previous":
          index = Math.max(0, index - 1);
          break;
        case "next":
          if (index < questions.length - 1) index++;
          else reviewing = true;
          break;
        case "review":
          reviewing = true;
          break;
      }
    }
  } finally {
    clearTimeout(timeout);
    stop?.removeEventListener("abort", onStop);
  }

  // Time ran out at the deadline, however late the program saw it (a machine asleep then).
  const endedAt = status === "timed-out" ? new Date(Math.min(deadline, clock().getTime())) : clock();
  const score = scoreExam(questions, state.answers, plan.passScore);
  const record: ExamRecord = {
    id: `exam-${startedAt.getTime().toString(36)}`,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    status,
    minutes: plan.minutes,
    passScore: plan.passScore,
    seed: plan.seed,
    total: score.total,
    correct: score.correct,
    scaled: score.scaled,
    passed: status !== "abandoned" && score.passed,
    byTopic: Object.fromEntries(score.byTopic),
    answers: questions.map((q, i) => ({
      questionId: q.id,
      chosen: (state.answers[i] ?? []).map((c) => q.choices[c]!.text),
      correct: score.results[i]!,
      flagged: state.flagged[i]!,
      viewed: viewed[i]!,
    })),
  };
  await store.saveExam(record);

  // A finished exam teaches the scheduler too: a miss is Again, a hit is Good. A question viewed and left blank
  // was a failed retrieval (Again); one never reached before time ran out was no retrieval at all, and is left
  // alone (both count as wrong in the score). Exam answers use up no daily limit.
  if (status !== "abandoned") {
    for (const [i, q] of questions.entries()) {
      const before = store.card(q.id) ?? null;
      if (before?.suspended || !viewed[i]) continue;
      const rating = score.results[i] ? "good" : "again";
      // Exam questions are multiple choice: scheduled by the parameters of that kind, when it has its own.
      const outcome = scheduler.preview(before ?? undefined, endedAt, "choice")[rating];
      const review: ReviewRecord = {
        kind: "review",
        v: 1,
        reviewId: `${record.id}-${i}-${Math.floor(random() * 1e9).toString(36)}`,
        questionId: q.id,
        at: endedAt.toISOString(),
        day: dayKey(endedAt),
        rating,
        correct: score.results[i]!,
        chosen: record.answers[i]!.chosen,
        ms: 0,
        source: "exam",
        wasNew: before === null || before.phase === "new",
        before,
        after: outcome.card,
      };
      review.counts = countsToward(review);
      await store.recordReview(review);
    }
  }
  return { record, score, state, orders };
}
