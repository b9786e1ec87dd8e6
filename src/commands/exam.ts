// cogquiz exam: a timed mock exam of multiple-choice questions, drawn at random and balanced over topics.

import { isMultipleChoice } from "../content/model.js";
import { planExam } from "../session/exam.js";
import { runExam } from "../session/exam-session.js";
import { ExamScreens, formatExamResult } from "../ui/exam-screens.js";
import { catchInterrupts } from "../ui/prompts.js";
import { contentPaths, loadContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { noteToStderr, openProgress, schedulerFor } from "./progress.js";
import { needsTerminal, wholeNumber } from "./quiz.js";

export interface ExamOptions extends GlobalOptions {
  count?: string;
  minutes?: string;
  topic?: string;
  pass?: string;
  seed?: string;
  guide?: string;
}

function positiveNumber(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > max) throw new UsageError(`${flag} takes a number above 0 and at most ${max} (got "${value}")`);
  return n;
}

export async function examCommand(opts: ExamOptions): Promise<number> {
  const noTerminal = needsTerminal("exam");
  if (noTerminal !== undefined) return noTerminal;
  const count = wholeNumber("--count", opts.count);
  if (count === 0) throw new UsageError("--count takes a whole number above 0");
  const minutes = positiveNumber("--minutes", opts.minutes, 24 * 60);
  const pass = wholeNumber("--pass", opts.pass);
  if (pass !== undefined && (pass < 100 || pass > 1000)) throw new UsageError(`--pass takes a score from 100 to 1000 (got ${pass})`);
  const seed = wholeNumber("--seed", opts.seed) ?? (Date.now() & 0x7fffffff);

  const notes: string[] = [];
  const store = await openProgress(opts, true, (t) => notes.push(t));
  let release: (() => void) | undefined;
  try {
    const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
    const choices = sessionQuestions(bank, opts.topic).questions.filter(isMultipleChoice);
    if (choices.length === 0) throw new UsageError("no multiple-choice questions to draw an exam from");
    const guideExam = opts.guide === undefined ? undefined : await import("./exam-guide.js");
    const guided = guideExam?.guidedDraw(opts.guide!, choices, count, seed);
    const plan = planExam(guided?.draw.questions ?? choices, {
      ...(count !== undefined ? { count } : guided ? { count: guided.draw.questions.length } : {}),
      ...(minutes !== undefined ? { minutes } : guided ? { minutes: guided.minutes } : {}),
      ...(pass !== undefined ? { pass } : guided ? { pass: guided.guide.passScore } : {}),
      seed,
    });
    release = catchInterrupts();
    const outcome = await runExam(plan, new ExamScreens(), () => new Date(), store, schedulerFor(store.data.settings));
    release();
    release = undefined;
    await store.close();
    process.stdout.write(formatExamResult(outcome.record, outcome.score, plan.questions, outcome.state.answers));
    if (guided && guideExam) process.stdout.write(guideExam.domainReport(guided, plan.questions, outcome.score.results));
    notes.forEach(noteToStderr);
    return EXIT.ok;
  } finally {
    release?.();
    await store.close();
  }
}
