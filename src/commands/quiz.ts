// cogquiz quiz: a spaced-repetition session. Needs a terminal on both ends.

import { runQuiz } from "../session/quiz-session.js";
import { formatSummary, QuizScreens } from "../ui/quiz-screens.js";
import { catchInterrupts } from "../ui/prompts.js";
import { contentPaths, loadContentForSession, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { dailyLimits, openProgress, schedulerFor } from "./progress.js";

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

export function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`${flag} takes a whole number (got "${value}")`);
  return Number.parseInt(value, 10);
}

export async function quizCommand(opts: QuizOptions): Promise<number> {
  const noTerminal = needsTerminal("quiz");
  if (noTerminal !== undefined) return noTerminal;
  const newOverride = wholeNumber("--new", opts.new);
  const sessionLimit = wholeNumber("--limit", opts.limit);
  const seed = wholeNumber("--seed", opts.seed) ?? (Date.now() & 0x7fffffff);

  const notes: string[] = [];
  const store = await openProgress(opts, true, (t) => notes.push(t));
  // A terminal closed or a kill: checkpoint and let go of the lock. Every answer is already on disk.
  const onSignal = (signal: NodeJS.Signals) => {
    void store.close().finally(() => process.exit(signal === "SIGHUP" ? 129 : 143));
  };
  process.once("SIGTERM", onSignal);
  let releaseInterrupts: (() => void) | undefined;
  process.once("SIGHUP", onSignal);
  try {
    // Exam-date mode only when an exam is set: without one, nothing of it loads.
    const examMode = store.data.settings.exam ? await import("./plan.js") : undefined;
    const over = examMode ? await examMode.retireExamIfOver(store, new Date()) : undefined;
    if (over) notes.push(over);
    const settings = store.data.settings;
    const { bank, prepare } = await loadContentForSession(contentPaths(opts, settings.contentPaths));
    const broken = bank.questions.filter((q) => q.hasErrors).length;
    if (broken > 0) notes.push(`${broken} question${broken === 1 ? " has" : "s have"} content errors and ${broken === 1 ? "is" : "are"} skipped; \`cogquiz validate\` says why`);
    const { questions, topics } = sessionQuestions(bank, opts.topic);
    if (topics.length > 0) notes.push(`topic: ${topics.map((t) => t.path.join(" › ")).join(", ")}`);
    const known = new Set(bank.questions.map((q) => q.id));
    const orphans = Object.keys(store.data.cards).filter((id) => !known.has(id)).length;
    if (orphans > 0) notes.push(`${orphans} card${orphans === 1 ? "" : "s"} of questions no longer in the content ${orphans === 1 ? "is" : "are"} kept (orphaned), not deleted`);

    const status = examMode?.examStatus(settings, questions, (id) => store.card(id), new Date());
    if (status) notes.push(status);
    const screens = new QuizScreens(undefined, undefined, notes);
    releaseInterrupts = catchInterrupts();
    const summary = await runQuiz(questions, store, schedulerFor(settings), screens, () => new Date(), {
      limits: {
        ...dailyLimits(settings),
        ...(newOverride !== undefined ? { newOverride } : {}),
        ...(sessionLimit !== undefined ? { sessionLimit } : {}),
      },
      seed,
      prepare,
    });
    await store.close();
    process.stdout.write(`\n${formatSummary(summary, new Date(), questions)}`);
    return EXIT.ok;
  } finally {
    releaseInterrupts?.();
    process.removeListener("SIGTERM", onSignal);
    process.removeListener("SIGHUP", onSignal);
    await store.close();
  }
}
