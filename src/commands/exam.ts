// cogquiz exam: a timed mock exam of multiple-choice questions, drawn at random and balanced over topics.

import { GUIDE_IDS, findGuideId } from "../srs/exam-guides-ids.js";
import { isMultipleChoice } from "../content/model.js";
import { lastScoredExam, planExam, planRetake, RETAKE_CHOICES, retakeQuestions, shortExamNote, type ExamPlan, type RetakeChoice } from "../session/exam.js";
import { runExam, type ExamOutcome } from "../session/exam-session.js";
import { ExamScreens, formatExamSummary, showExamResult } from "../ui/exam-screens.js";
import { catchInterrupts, CLEAR_SCREEN } from "../ui/prompts.js";
import { contentPaths, loadContent, refuseBrokenContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError, UserFacingError } from "./exit.js";
import { noteToStderr, openProgress, schedulerFor } from "./progress.js";
import { needsTerminal } from "./quiz.js";
import { decimalIn, positiveNumber, wholeNumber } from "./numbers.js";
import { EXAM_MINUTES } from "../srs/exam-goal.js";
import { openWatched } from "./hang-up.js";
import { windowCardCount } from "../srs/exam-pace.js";

export interface ExamOptions extends GlobalOptions {
  count?: string;
  minutes?: string;
  topic?: string;
  pass?: string;
  seed?: string;
  retake?: string;
  /** An exam guide's id; false with --no-guide; unset: the plan's guide, if it has one. */
  guide?: string | false;
}


export async function examCommand(opts: ExamOptions): Promise<number> {
  const retake = opts.retake as RetakeChoice | undefined;
  if (retake !== undefined && !RETAKE_CHOICES.includes(retake)) {
    throw new UsageError(`--retake takes ${RETAKE_CHOICES.join(", ")} (got "${opts.retake}")`);
  }
  if (retake !== undefined && (opts.count !== undefined || opts.topic !== undefined)) {
    throw new UsageError("--retake sits the last exam's questions again; it takes no --count or --topic");
  }
  if (retake !== undefined && typeof opts.guide === "string") {
    throw new UsageError("--retake and --guide do not go together: a retake sits the last exam's own questions");
  }
  // Bad values are refused before anything else, with or without a terminal, as the quiz does.
  const count = positiveNumber("--count", opts.count);
  const minutes = opts.minutes === undefined ? undefined : decimalIn("--minutes", opts.minutes, { min: 0, max: EXAM_MINUTES.max, above: true });
  const pass = wholeNumber("--pass", opts.pass, { min: 100, max: 1000 });
  const seed = wholeNumber("--seed", opts.seed) ?? (Date.now() & 0x7fffffff);
  if (typeof opts.guide === "string" && findGuideId(opts.guide) === undefined) {
    throw new UsageError(`unknown exam guide "${opts.guide}"; guides are ${GUIDE_IDS.join(", ")}`);
  }
  const noTerminal = needsTerminal("exam");
  if (noTerminal !== undefined) return noTerminal;

  const notes: string[] = [];
  // Notes from closing too go with the others after the result: the review clears the screen.
  // A terminal closed or a kill: an exam under way is saved as abandoned with its answers so far, then the lock goes.
  const stopExam = new AbortController();
  let sitting: Promise<ExamOutcome> | undefined;
  /** The exam ended on its own (submitted, timed out or abandoned) before any stop. */
  let finished = false;
  const { store, watch } = await openWatched(
    () => openProgress(opts, true, (t) => notes.push(t), (t) => notes.push(t)),
    async (opened) => {
      stopExam.abort();
      const stoppedMidway = sitting !== undefined && !finished;
      await sitting?.catch(() => undefined);
      await opened.close();
      if (sitting === undefined) return "no exam had begun";
      return stoppedMidway ? "the exam is saved as abandoned, with its answers so far" : "the exam is saved";
    },
  );
  let release: (() => void) | undefined;
  try {
    const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
    const choices = sessionQuestions(bank, opts.topic).questions.filter(isMultipleChoice);
    if (choices.length === 0) refuseBrokenContent(bank.diagnostics);
    const broken = bank.questions.filter((q) => q.hasErrors && isMultipleChoice(q)).length;
    if (broken > 0) {
      notes.push(`${broken} multiple-choice question${broken === 1 ? " has" : "s have"} content errors and ${broken === 1 ? "is" : "are"} left out of exams; \`cogquiz validate\` says why`);
    }
    if (choices.length === 0) throw new UsageError("no multiple-choice questions to draw an exam from");
    const timing = { ...(minutes !== undefined ? { minutes } : {}), ...(pass !== undefined ? { pass } : {}), seed };
    // Without --guide, a new exam follows the plan's guide (a retake sits the last exam's own questions).
    const planGuide = opts.guide === undefined && retake === undefined ? store.data.settings.exam?.guide : undefined;
    const guideId = typeof opts.guide === "string" ? opts.guide : planGuide;
    const guideExam = guideId === undefined ? undefined : await import("./exam-guide.js");
    let guided: ReturnType<NonNullable<typeof guideExam>["guidedDraw"]> | undefined;
    let plan: ExamPlan;
    if (retake !== undefined) {
      const last = lastScoredExam(store.data.exams);
      if (!last) throw new UserFacingError("no exam to retake yet: sit one with `cogquiz exam` first");
      const { questions, gone } = retakeQuestions(last, retake, choices);
      if (gone > 0) notes.push(`${gone} question${gone === 1 ? " is" : "s are"} of the last exam no longer in the content and left out`);
      if (questions.length === 0) {
        const none = retake === "missed" ? "missed no question" : retake === "flagged" ? "has no flagged question" : "has no question left in the content";
        process.stdout.write(`Your last exam (${last.startedAt.slice(0, 10)}, ${last.correct} of ${last.total} right) ${none}: nothing to retake.\n`);
        notes.forEach(noteToStderr);
        return EXIT.ok;
      }
      plan = planRetake(questions, timing);
    } else {
      guided = guideExam?.guidedDraw(guideId!, choices, count, seed);
      // A guide no question maps to is drawn by topic, which the domain report says; the note is for a weighted draw.
      if (planGuide !== undefined && guided?.draw.byWeight) {
        notes.push(`drawn by the domain weights of ${planGuide}, your plan's exam guide; \`cogquiz exam --no-guide\` draws from the whole content set`);
      }
      plan = planExam(guided?.draw.questions ?? choices, {
        ...(count !== undefined ? { count } : guided ? { count: guided.draw.questions.length } : {}),
        ...(minutes !== undefined ? { minutes } : guided ? { minutes: guided.minutes } : {}),
        ...(pass !== undefined ? { pass } : guided ? { pass: guided.guide.passScore } : {}),
        seed,
      });
      if (count !== undefined && plan.questions.length < count) {
        notes.push(shortExamNote(count, plan.questions.length, { ...(opts.topic !== undefined ? { topic: opts.topic } : {}), ...(guided?.draw.byWeight ? { guide: guided.guide.id.toUpperCase() } : {}) }));
      }
    }
    // A Ctrl-C pressed while the content was read is a stop, not a quit at the first prompt.
    await watch.settle();
    release = catchInterrupts();
    // The answers feed the scheduler; with an exam date, its final window is the whole content set's.
    const windowCards = store.data.settings.exam ? windowCardCount(sessionQuestions(bank, undefined).questions.map((q) => q.id), (id) => store.card(id)) : undefined;
    sitting = runExam(plan, new ExamScreens(), () => new Date(), store, schedulerFor(store.data.settings, windowCards), stopExam.signal);
    const outcome = await sitting;
    // Stopped: watchHangUp closes the files and exits; nothing more is shown.
    if (stopExam.signal.aborted) return await new Promise<never>(() => undefined);
    finished = true;
    release();
    release = undefined;
    await store.close();
    const domains = guided && guideExam ? (width?: number) => guideExam.domainReport(guided, plan.questions, outcome.score.results, width) : undefined;
    const result = {
      record: outcome.record,
      score: outcome.score,
      questions: plan.questions,
      answers: outcome.state.answers,
      flagged: outcome.state.flagged,
      orders: outcome.orders,
      ...(domains ? { domains } : {}),
    };
    if (outcome.record.status !== "abandoned") await showExamResult(result);
    // The score stays on the terminal after the review closes.
    process.stdout.write(`${CLEAR_SCREEN}${formatExamSummary(result)}\n`);
    if (domains) process.stdout.write(domains());
    if (outcome.record.status !== "abandoned" && outcome.score.results.some((ok) => !ok)) {
      process.stdout.write(`\nSit the missed questions again: cogquiz exam --retake missed\n`);
    }
    notes.forEach(noteToStderr);
    return EXIT.ok;
  } finally {
    release?.();
    await store.close();
    watch.end();
  }
}
