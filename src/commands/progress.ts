// Opening the progress store for a command, with its start-up report turned into notes for the user.

import { oneLine } from "../content/controls.js";
import { ProgressStore } from "../store/progress-store.js";
import { dataPaths } from "../store/paths.js";
import type { Settings } from "../store/schema.js";
import { createScheduler, type Scheduler } from "../srs/scheduler.js";
import { CARD_KINDS, settingsForKind, type CardKind, type SchedulerSettings } from "../srs/model.js";
import { finalWindowDays } from "../srs/exam-rule.js";
import { reviewLimit } from "../srs/exam-pace.js";
import type { QuizOptions } from "../session/quiz-session.js";
import { localMinute } from "../session/stats.js";
import type { GlobalOptions } from "./content-set.js";

/** Notes for the user on standard error, prefixed like every cogquiz message. */
export const noteToStderr = (text: string): void => {
  process.stderr.write(`cogquiz: ${oneLine(text)}\n`);
};

/**
 * The one path from stored settings to scheduler settings (fuzz on, as in every real session). With a kind of card,
 * the settings that kind is scheduled by (its own fitted set, if it has one); without, every kind's, for a scheduler
 * that picks the set by the kind of card it is asked about.
 */
export function schedulerSettingsOf(settings: Settings, kind?: CardKind, contentCards?: number): SchedulerSettings {
  const out: SchedulerSettings = { desiredRetention: settings.desiredRetention, fuzz: true };
  if (settings.fsrs) {
    out.parameters = settings.fsrs.w;
    const kinds = settings.fsrs.kinds;
    if (kinds) {
      for (const k of CARD_KINDS) if (kinds[k]) (out.parametersByKind ??= {})[k] = kinds[k].w;
    }
  }
  if (settings.exam) {
    out.exam = settings.exam;
    if (contentCards !== undefined) out.finalWindowDays = finalWindowDays(contentCards, settings.exam.minutesPerDay);
  }
  return kind === undefined ? out : settingsForKind(out, kind);
}

/**
 * The scheduler the learner's settings ask for. `contentCards`: with an exam set, the content set's cards the final
 * window is sized for (`windowCardCount`); a command that dates cards for the exam passes it.
 */
export function schedulerFor(settings: Settings, contentCards?: number): Scheduler {
  return createScheduler(schedulerSettingsOf(settings, undefined, contentCards));
}

/**
 * The daily limits from the settings at `now`; a session adds what today already used. With an exam ahead the plan's
 * minutes bound the day's reviews, not reviewsPerDay (`reviewLimit`).
 */
export function dailyLimits(settings: Settings, now: Date): QuizOptions["limits"] {
  return { newPerDay: settings.newPerDay, reviewsPerDay: reviewLimit(settings.reviewsPerDay, settings.exam, now) };
}

/** "skipped N lines of PATH that are not a valid record (byte …: why; …)": the first five by offset, then a count. */
export function skippedLines(path: string, bad: readonly { offset: number; why: string }[]): string {
  const shown = bad.slice(0, 5).map((b) => `byte ${b.offset}: ${b.why}`).join("; ");
  const more = bad.length > 5 ? `; and ${bad.length - 5} more` : "";
  return `skipped ${bad.length} line${bad.length === 1 ? "" : "s"} of ${path} that ${bad.length === 1 ? "is" : "are"} not a valid record (${shown}${more})`;
}

/**
 * Opens the store for a command; `note` takes the start-up notes. `atClose` takes what the store can say only when
 * it closes (that another program changed the progress file meanwhile); by default it goes to standard error then,
 * after what the command printed: a command that clears the screen after closing passes its own.
 */
export async function openProgress(
  globals: GlobalOptions,
  lock: boolean,
  note: (text: string) => void,
  atClose: (text: string) => void = noteToStderr,
): Promise<ProgressStore> {
  const store = await ProgressStore.open(dataPaths(globals.data), { lock, onChangedOutside: atClose });
  const r = store.report;
  if (r.migrated?.backup) note(`progress file upgraded from schema version ${r.migrated.version}; the old file is kept at ${r.migrated.backup}`);
  if (r.replayed > 0) note(`recovered ${r.replayed} record${r.replayed === 1 ? "" : "s"} (answers, undos, resets, suspensions) from the review log`);
  if (r.badLog.length > 0) note(`${skippedLines(store.paths.log, r.badLog)}; they were not applied, and every other line was`);
  if (r.logShrunk) {
    note(
      r.logMissing
        ? `the review log ${store.paths.log} was not there (deleted or moved?); progress.json is kept as is, and answers from now on go to a new log`
        : `the review log ${store.paths.log} is shorter than expected (cut or replaced?); progress.json is kept as is, and answers from now on are added after its end`,
    );
  }
  if (r.aheadOfClock) {
    const { cards, latest } = r.aheadOfClock;
    note(
      `${cards} card${cards === 1 ? " was" : "s were"} last answered after the time this computer's clock shows now (the latest at ${localMinute(latest)}); is the clock right? ${cards === 1 ? "It is" : "They are"} kept as answered`,
    );
  }
  return store;
}
