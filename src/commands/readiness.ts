// cogquiz readiness: predicted recall on exam day per topic and domain, and the predicted score.

import { computeReadiness, type Readiness } from "../analysis/readiness.js";
import { formatReadiness } from "../ui/readiness-view.js";
import { findGuide } from "../analysis/guides.js";
import { examHasBegun, examIsOver } from "../srs/exam-rule.js";
import { EXAM_HOUR_TEXT, examMoment } from "../srs/exam-goal.js";
import { choiceParametersFitted } from "../srs/fsrs-parameters.js";
import type { Settings } from "../store/schema.js";
import type { CardState } from "../srs/model.js";
import type { Question } from "../content/model.js";
import { contentErrorsNote, contentPaths, loadContent, refuseBrokenContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { noteToStderr as note, openProgress, schedulerFor } from "./progress.js";
import { GUIDE_IDS } from "../srs/exam-guides-ids.js";

/** Readiness for the stored settings: at the exam's start when one is set and not over, else now. */
export function readinessFor(settings: Settings, questions: readonly Question[], card: (id: string) => CardState | undefined, now: Date, guideId?: string, forms?: number): { readiness: Readiness; when: string } {
  const exam = settings.exam && !examIsOver(settings.exam, now) ? settings.exam : undefined;
  // Once the exam has begun, a card answered since would count as known at its start: recall is predicted now.
  const begun = exam !== undefined && examHasBegun(exam, now);
  const at = exam && !begun ? examMoment(exam.date) : now;
  const id = guideId ?? exam?.guide;
  // An empty --guide "" (an unset variable in a script) is refused like any unknown guide, not read as none.
  const guide = id !== undefined ? findGuide(id) : undefined;
  if (id !== undefined && !guide) throw new UsageError(`unknown exam guide "${id}"; guides are ${GUIDE_IDS.join(", ")}`);
  const readiness = computeReadiness({ questions, card, scheduler: schedulerFor(settings), at, fitted: choiceParametersFitted(settings.fsrs), seed: 1, ...(guide ? { guide } : {}), ...(forms !== undefined ? { forms } : {}) });
  // An exam whose day is over is still in the settings until the next quiz or plan retires it: not "no exam set".
  const none = settings.exam ? `now (the exam of ${settings.exam.date} is over)` : "now (no exam set)";
  return { readiness, when: begun ? `now (the exam of ${exam!.date} began at ${EXAM_HOUR_TEXT})` : exam ? `on exam day (${exam.date})` : none };
}

export async function readinessCommand(opts: GlobalOptions & { json?: boolean; guide?: string }): Promise<number> {
  const store = await openProgress(opts, false, note);
  await store.close();
  const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
  const { questions } = sessionQuestions(bank, undefined);
  if (questions.length === 0) refuseBrokenContent(bank.diagnostics, "no question to predict");
  if (questions.length === 0) throw new UsageError("the content set has no questions to predict");
  const errors = contentErrorsNote(bank.diagnostics);
  if (errors) note(errors);
  const { readiness, when } = readinessFor(store.data.settings, questions, (id) => store.card(id), new Date(), opts.guide);
  process.stdout.write(opts.json ? `${JSON.stringify(readiness, null, 2)}\n` : formatReadiness(readiness, when));
  return EXIT.ok;
}
