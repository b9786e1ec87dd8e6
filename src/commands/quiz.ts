// cogquiz quiz: a spaced-repetition session. Needs a terminal on both ends.

import { runQuiz, type QuizOptions as RunOptions } from "../session/quiz-session.js";
import { dayKey } from "../srs/day.js";
import { formatSummary, QuizScreens } from "../ui/quiz-screens.js";
import { catchInterrupts } from "../ui/prompts.js";
import { contentPaths, loadContentForSession, refuseBrokenContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { positiveNumber, wholeNumber } from "./numbers.js";
import { cardKind } from "../content/model.js";
import type { CardKind } from "../srs/model.js";
import { dailyLimits, openProgress, schedulerFor } from "./progress.js";
import { closing, openWatched } from "./hang-up.js";
import { windowCardCount } from "../srs/exam-pace.js";

/** Interactive commands without a terminal: say so and exit 2, so `npm start` in CI never hangs. */
export function needsTerminal(command: string): number | undefined {
  if (process.stdin.isTTY && process.stdout.isTTY) return undefined;
  process.stderr.write(`cogquiz: ${command} needs an interactive terminal; try \`cogquiz validate\` or \`cogquiz topics\`\n`);
  return EXIT.usage;
}

export interface QuizOptions extends GlobalOptions {
  topic?: string;
  new?: string;
  limit?: string;
  seed?: string;
}

/** Minutes one round of extra study adds past the exam plan's minutes for the day. */
export const EXTRA_MINUTES = 10;

/** New cards one round of extra study adds beyond today's limit: a day's worth, and at least 10. */
export function extraStudyAllowance(newPerDay: number): number {
  return Math.max(newPerDay, 10);
}

export async function quizCommand(opts: QuizOptions): Promise<number> {
  // Bad values are refused before anything else, with or without a terminal.
  const newOverride = wholeNumber("--new", opts.new);
  const sessionLimit = positiveNumber("--limit", opts.limit);
  const seed = wholeNumber("--seed", opts.seed) ?? (Date.now() & 0x7fffffff);
  const noTerminal = needsTerminal("quiz");
  if (noTerminal !== undefined) return noTerminal;

  const notes: string[] = [];
  // A terminal closed or a kill: checkpoint and let go of the lock. Every answer is already on disk.
  const { store, watch } = await openWatched(() => openProgress(opts, true, (t) => notes.push(t)), closing);
  let releaseInterrupts: (() => void) | undefined;
  try {
    // Exam-date mode only when an exam is set: without one, nothing of it loads.
    const examMode = store.data.settings.exam ? await import("./plan.js") : undefined;
    const { bank, prepare } = await loadContentForSession(contentPaths(opts, store.data.settings.contentPaths));
    if (examMode) {
      // Built only if the exam is over and cards are re-dated: most starts with an exam set never need it.
      let kinds: Map<string, CardKind> | undefined;
      const over = await examMode.retireExamIfOver(store, new Date(), (id) => (kinds ??= new Map(bank.questions.map((q) => [q.id, cardKind(q)]))).get(id));
      if (over) notes.push(over);
    }
    const settings = store.data.settings;
    const broken = bank.questions.filter((q) => q.hasErrors).length;
    if (broken > 0) notes.push(`${broken} question${broken === 1 ? " has" : "s have"} content errors and ${broken === 1 ? "is" : "are"} skipped; \`cogquiz validate\` says why`);
    const { questions, topics, also } = sessionQuestions(bank, opts.topic);
    if (questions.length === 0) refuseBrokenContent(bank.diagnostics);
    const matched = [...topics.map((t) => t.path.join(" › ")), ...also];
    if (matched.length > 0) notes.push(`topic: ${matched.join(", ")}`);
    const known = new Set(bank.questions.map((q) => q.id));
    const orphans = Object.keys(store.data.cards).filter((id) => !known.has(id)).length;
    if (orphans > 0) notes.push(`${orphans} card${orphans === 1 ? "" : "s"} of questions no longer in the content ${orphans === 1 ? "is" : "are"} kept (orphaned), not deleted`);

    // The exam's days and readiness head every card's status line; the first note says them only when no card is
    // shown (today's minutes already studied).
    // Over the whole content set, whatever --topic picks, as stats and the plan count it.
    const everyQuestion = sessionQuestions(bank, undefined).questions;
    const examStatus = examMode?.examStatusTracker(settings, everyQuestion, (id) => store.card(id));
    // With an exam: the day's new cards follow the plan's pace (over the whole content set, whatever --topic
    // picks), and the day ends at the plan's minutes.
    const pace = examMode?.appliedPace(settings, everyQuestion, (id) => store.card(id), store.counters(dayKey(new Date())).new, new Date());
    if (pace && newOverride === undefined && pace.unseen > 0) notes.push(examMode!.paceNote(pace, settings));
    const exam = settings.exam && pace ? settings.exam : undefined;
    const studiedToday = store.studiedMs(dayKey(new Date())) / 60_000;
    if (exam && studiedToday >= 0.5) notes.push(`today: ${Math.round(studiedToday)} of the plan's ${exam.minutesPerDay} minutes studied`);
    const newPerDay = pace?.newPerDay ?? settings.newPerDay;
    // The exam's final window is sized for the whole content set, whatever --topic picks, as the plan sizes it.
    const windowCards = exam ? windowCardCount(everyQuestion.map((q) => q.id), (id) => store.card(id)) : undefined;
    const screens = new QuizScreens(undefined, undefined, notes);
    // A Ctrl-C pressed while the content was read is a stop, not a quit at the first prompt.
    await watch.settle();
    releaseInterrupts = catchInterrupts();
    const limits = {
      ...dailyLimits(settings, new Date()),
      newPerDay,
      ...(newOverride !== undefined ? { newOverride } : {}),
      ...(sessionLimit !== undefined ? { sessionLimit } : {}),
    };
    let minutes = exam?.minutesPerDay;
    let round = 0;
    /** One session: the command's limits with `more` over them, stopping at the day's minutes unless `uncapped`. */
    const session = (more: Partial<RunOptions["limits"]>, uncapped = false) =>
      runQuiz(questions, store, schedulerFor(settings, windowCards), screens, () => new Date(), {
        limits: { ...limits, ...more },
        seed: seed + round++,
        prepare,
        ...(minutes !== undefined && !uncapped ? { minutesPerDay: minutes } : {}),
        ...(examStatus ? { examStatus } : {}),
        ...(exam ? { examDate: exam.date } : {}),
      });
    const summaryContext = exam ? { examDate: exam.date } : {};
    let summary = await session({});
    // Today's minutes were done before this session began: the notes (the exam, today's minutes) had no card to go on.
    const status = summary.end.kind === "minutes" && summary.answered === 0 ? examStatus?.(new Date()) : undefined;
    const unshown = summary.end.kind === "minutes" && summary.answered === 0 ? screens.takeNotes(status ? [status] : []) : "";
    process.stdout.write(`\n${unshown}${screens.takeDeferredNotes()}${formatSummary(summary, new Date(), questions, undefined, summaryContext)}`);
    // Today's minutes of the exam plan are done, with cards left: offer more minutes, as extra study.
    while (summary.end.kind === "minutes" && minutes !== undefined && (await screens.offerExtraMinutes(EXTRA_MINUTES, exam!.minutesPerDay))) {
      minutes = summary.end.studiedMs / 60_000 + EXTRA_MINUTES;
      summary = await session({});
      process.stdout.write(`\n${formatSummary(summary, new Date(), questions, "minutes", summaryContext)}`);
    }
    // Nothing left but new cards today's limit holds back: offer them, as extra study.
    const extra = Math.min(summary.newBeyondLimit, extraStudyAllowance(newPerDay));
    if (summary.end.kind === "empty" && extra > 0 && (await screens.offerExtraStudy(extra))) {
      // The offer is for that many new cards: --limit, which this session's end did not reach, does not cut it, nor
      // do the exam plan's minutes, which an offer of extra study is past (else a day whose minutes were done would
      // offer cards that could never be shown).
      summary = await session({ extraNew: extra, sessionLimit: undefined }, true);
      process.stdout.write(`\n${formatSummary(summary, new Date(), questions, "new", summaryContext)}`);
    }
    await store.close();
    return EXIT.ok;
  } finally {
    releaseInterrupts?.();
    await store.close();
    watch.end();
  }
}

