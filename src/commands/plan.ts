// cogquiz plan: set, show or clear the exam goal; and the exam's end, when scheduling returns to plain FSRS.

import { settingsForKind, type CardKind, type ExamGoal, type SchedulerSettings } from "../srs/model.js";
import { EXAM_RULE, backToPlainFsrs, bringForward, daysUntilExam, examHasBegun, examIsOver, finalWindowDays, memoryMath, type MemoryMath } from "../srs/exam-rule.js";
import type { CardState } from "../srs/model.js";
import { cardKind, type Question } from "../content/model.js";
import type { Settings } from "../store/schema.js";
import { meanRecallTracker } from "../analysis/readiness.js";
import { EXAM_HOUR_TEXT, EXAM_MINUTES, EXAM_SETTINGS, EXAM_TARGET, EXAM_YEARS_AHEAD, examDateFrom, examMoment, examDateRange, examSetting, type ExamDateChoice, type ExamSettingKey } from "../srs/exam-goal.js";
import { appliedNewCards, stillNew, windowCardCount, type AppliedPace } from "../srs/exam-pace.js";
import { findGuideId, GUIDE_IDS } from "../srs/exam-guides-ids.js";
import { dayKey } from "../srs/day.js";
import { createScheduler } from "../srs/scheduler.js";
import type { ProgressStore } from "../store/progress-store.js";
import { scanLog, type LogRecord } from "../store/log.js";
import { standingReviews } from "../session/stats.js";
import { answerTimes, computePlan, formatPlan } from "../analysis/plan.js";
import { contentErrorsNote, contentPaths, loadContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError, UserFacingError } from "./exit.js";
import { wrapWideLines } from "../ui/layout.js";
import { decimalIn } from "./numbers.js";
import { noteToStderr as note, openProgress, schedulerFor, schedulerSettingsOf } from "./progress.js";

export interface PlanOptions extends GlobalOptions {
  exam?: string;
  minutes?: string;
  target?: string;
  guide?: string;
  clear?: boolean;
  json?: boolean;
}


/** Why `--exam` (or `config set exam`, named `what`) cannot take what was typed, in one sentence with the dates it can take. */
export function examDateProblem(typed: string, refused: Extract<ExamDateChoice, { ok: false }>, what = "--exam"): string {
  const range = `from ${refused.range.earliest} to ${refused.range.latest}`;
  switch (refused.why) {
    case "unreadable":
      return `${what} takes a date ${range}, as YYYY-MM-DD or as days or weeks from today (+45d, +6w, "in 45 days") (got "${typed}")`;
    case "no-such-day":
      return `${what} ${refused.date} is no day on the calendar: give a date ${range}, as YYYY-MM-DD`;
    case "past":
      return `${what} ${refused.date} is in the past: give a date ${range}`;
    case "started":
      return `${what} ${refused.date} is today, and the exam's start at ${EXAM_HOUR_TEXT} has passed: give a date ${range}`;
    case "too-far":
      return `${what} ${typed.trim()} is more than ${EXAM_YEARS_AHEAD} years ahead: give a date ${range}`;
  }
}

/** How the plan's options are named to the student: `plan`'s flags, or `config`'s setting names. */
export type GoalOptionNames = Record<"exam" | "minutes" | "target", string>;
const PLAN_FLAGS: GoalOptionNames = { exam: "--exam", minutes: "--minutes", target: "--target" };

/**
 * A stored exam date further ahead than `--exam` takes (saved by an older version, or edited by hand): the sentence
 * to refuse the plan with, before anything is computed or saved.
 */
export function storedDateProblem(goal: ExamGoal, now: Date): string | undefined {
  const range = examDateRange(now);
  if (goal.date <= range.latest) return undefined;
  return `the saved exam date ${goal.date} is more than ${EXAM_YEARS_AHEAD} years ahead: \`cogquiz plan --exam YYYY-MM-DD\` sets one from ${range.earliest} to ${range.latest}, or \`cogquiz plan --clear\` removes it`;
}

/** Whether the options set any part of the exam goal (date, minutes, target, guide). */
function setsGoal(opts: PlanOptions): boolean {
  return opts.exam !== undefined || opts.minutes !== undefined || opts.target !== undefined || opts.guide !== undefined;
}

/** The goal the options ask for, on top of the stored one. */
export function goalFromOptions(opts: PlanOptions, stored: ExamGoal | undefined, now: Date, names: GoalOptionNames = PLAN_FLAGS): ExamGoal | undefined {
  if (!setsGoal(opts)) return undefined;
  // An exam whose day is over is no exam to change: its minutes or guide would be saved to a plan that has ended,
  // and the plan printed for it would speak of exam day.
  if (stored && opts.exam === undefined && examIsOver(stored, now)) {
    throw new UsageError(`the exam of ${stored.date} is over: give the next exam's date with ${names.exam} YYYY-MM-DD (or +6w)`);
  }
  let date = stored?.date;
  if (opts.exam !== undefined) {
    const chosen = examDateFrom(opts.exam, now);
    if (!chosen.ok) throw new UsageError(examDateProblem(opts.exam, chosen, names.exam));
    date = chosen.date;
  }
  if (date === undefined) throw new UsageError(`no exam date set: give one with ${names.exam} YYYY-MM-DD (or +6w)`);
  const goal: ExamGoal = {
    date,
    minutesPerDay: opts.minutes !== undefined ? decimalIn(names.minutes, opts.minutes, EXAM_MINUTES) : (stored?.minutesPerDay ?? EXAM_MINUTES.default),
    target: opts.target !== undefined ? decimalIn(names.target, opts.target, EXAM_TARGET) : (stored?.target ?? EXAM_TARGET.default),
  };
  const guide = opts.guide ?? stored?.guide;
  if (guide !== undefined) {
    const id = findGuideId(guide);
    if (!id) throw new UsageError(`unknown exam guide "${guide}"; guides are ${GUIDE_IDS.join(", ")}`);
    goal.guide = id;
  }
  return goal;
}

/** The exam goal saved, and the cards plain FSRS dated past the final window that are not safe for the target brought into it. */
async function saveGoal(store: ProgressStore, goal: ExamGoal, content: { questions: readonly Question[]; kindOf: (id: string) => CardKind | undefined }, now: Date): Promise<void> {
  const kind = content.kindOf;
  await store.update((d) => {
    d.settings.exam = goal;
    // The final window of this content set at the goal's minutes: a longer one brings more cards forward.
    const settings = schedulerSettingsOf(d.settings, undefined, windowCardCount(content.questions.map((q) => q.id), (id) => d.cards[id]));
    // One set of settings and memory math per kind of card, not one per card.
    const perKind = new Map<CardKind | undefined, [SchedulerSettings, MemoryMath]>();
    for (const [id, card] of Object.entries(d.cards)) {
      const k = kind(id);
      let own = perKind.get(k);
      if (!own) {
        const forKind = settingsForKind(settings, k);
        own = [forKind, memoryMath(forKind)];
        perKind.set(k, own);
      }
      d.cards[id] = bringForward(card, own[0], now, EXAM_RULE, own[1]);
    }
  });
}

const CONFIG_NAMES: GoalOptionNames = { exam: "exam", minutes: "minutesPerDay", target: "target" };

/**
 * `config set exam|minutesPerDay|target|guide <value>`: what `plan --exam|--minutes|--target|--guide` does, with the
 * same checks, the cards brought forward alike (and the plan's pace followed again), nothing saved on a bad value.
 * Returns the value as stored.
 */
export async function setExamSetting(key: ExamSettingKey, value: string, globals: GlobalOptions): Promise<string> {
  const now = new Date();
  const store = await openProgress(globals, true, note);
  try {
    const stored = store.data.settings.exam;
    if (!stored && key !== "exam") throw new UsageError("no exam is set: `cogquiz config set exam YYYY-MM-DD` (or `cogquiz plan --exam`) sets one first");
    if (stored && key !== "exam" && examIsOver(stored, now)) {
      throw new UsageError(`the exam of ${stored.date} is over: \`cogquiz config set exam YYYY-MM-DD\` (or \`cogquiz plan --exam\`) sets the next one first`);
    }
    if (stored && key !== "exam") {
      const problem = storedDateProblem(stored, now);
      if (problem) throw new UserFacingError(problem);
    }
    const goal = goalFromOptions({ ...globals, [EXAM_SETTINGS[key]]: value }, stored, now, CONFIG_NAMES)!;
    const { questions } = sessionQuestions(await loadContent(contentPaths(globals, store.data.settings.contentPaths)), undefined);
    const kinds = new Map(questions.map((q) => [q.id, cardKind(q)]));
    const over = await retireExamIfOver(store, now, (id) => kinds.get(id));
    if (over) note(over);
    await saveGoal(store, goal, { questions, kindOf: (id) => kinds.get(id) }, now);
    // The goal was just given this setting: it is set.
    return examSetting(goal, key)!;
  } finally {
    await store.close();
  }
}

/**
 * Once the exam's day is over: every card re-dated from its stability at the desired retention, and the exam goal
 * removed, so no card keeps a shortened exam interval. Returns the note to show, if anything changed.
 */
export async function retireExamIfOver(store: ProgressStore, now: Date, kindOf?: (id: string) => CardKind | undefined): Promise<string | undefined> {
  const goal = store.data.settings.exam;
  if (!goal || !examIsOver(goal, now)) return undefined;
  const changed = await removeExam(store, kindOf);
  return `the exam of ${goal.date} is over: scheduling is plain FSRS at ${store.data.settings.desiredRetention} again (${redated(changed)})`;
}

/**
 * The cards as plain FSRS dates them once the exam's day is over, without writing anything (stats reads progress and
 * never writes it): what the next quiz or plan will save. Undefined while the exam is ahead or when none is set.
 */
export function cardsAfterExam(
  settings: Settings,
  cards: Readonly<Record<string, CardState>>,
  now: Date,
  kindOf?: (id: string) => CardKind | undefined,
): Record<string, CardState> | undefined {
  if (!settings.exam || !examIsOver(settings.exam, now)) return undefined;
  const scheduler = schedulerSettingsOf(settings);
  return Object.fromEntries(Object.entries(cards).map(([id, card]) => [id, backToPlainFsrs(card, settingsForKind(scheduler, kindOf?.(id)))]));
}

/**
 * The exam goal removed and every card re-dated from its stability at the desired retention, as plain FSRS would
 * have dated it: the exam's end and `plan --clear` alike. Returns how many cards changed.
 */
async function removeExam(store: ProgressStore, kindOf?: (id: string) => CardKind | undefined): Promise<number> {
  const settings = schedulerSettingsOf(store.data.settings);
  let changed = 0;
  await store.update((d) => {
    for (const [id, card] of Object.entries(d.cards)) {
      // A card of a kind with parameters of its own is re-dated by them, as its scheduler dates it.
      const back = backToPlainFsrs(card, settingsForKind(settings, kindOf?.(id)));
      if (back !== card) {
        d.cards[id] = back;
        changed++;
      }
    }
    delete d.settings.exam;
  });
  return changed;
}

function redated(changed: number): string {
  return `${changed} card${changed === 1 ? "" : "s"} re-dated from their stability`;
}

export async function planCommand(opts: PlanOptions): Promise<number> {
  const now = new Date();
  if (opts.clear && setsGoal(opts)) {
    throw new UsageError("--clear takes no other plan option");
  }
  const changes = opts.clear === true || setsGoal(opts);
  // Opened again below: what the first opening said is not said twice.
  const said = new Set<string>();
  const noteOnce = (text: string) => {
    if (said.has(text)) return;
    said.add(text);
    note(text);
  };
  let store = await openProgress(opts, changes, noteOnce);
  // An exam whose day is over is retired here, which writes the file and the log: that takes the lock, as any change
  // does, and a file that cannot be changed says so (a reader's write would go past another session's lock).
  if (!changes && store.data.settings.exam && examIsOver(store.data.settings.exam, now)) {
    await store.close();
    store = await openProgress(opts, true, noteOnce);
  }
  try {
    /** The content set's questions and each one's kind of card, read once, and only when an exam is or will be set. */
    let content: { questions: Question[]; kindOf: (id: string) => CardKind | undefined } | undefined;
    const readContent = async () => {
      if (!content) {
        const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
        const errors = contentErrorsNote(bank.diagnostics);
        if (errors) note(errors);
        const { questions } = sessionQuestions(bank, undefined);
        const kinds = new Map(questions.map((q) => [q.id, cardKind(q)]));
        content = { questions, kindOf: (id) => kinds.get(id) };
      }
      return content;
    };
    if (opts.clear) {
      const had = store.data.settings.exam;
      // As after the exam's day: no card keeps an interval the exam shortened or a date it brought forward.
      const changed = had ? await removeExam(store, (await readContent()).kindOf) : 0;
      if (opts.json) {
        // The plan's shape with no exam in it, and what was cleared.
        const cleared = had ? { date: had.date, cardsRedated: changed } : null;
        process.stdout.write(`${JSON.stringify({ version: 1, exam: null, cleared }, null, 2)}\n`);
      } else {
        process.stdout.write(
          had ? wrapWideLines(`Exam of ${had.date} cleared: scheduling is plain FSRS at ${store.data.settings.desiredRetention} again (${redated(changed)}).\n`) : "No exam was set.\n",
        );
      }
      return EXIT.ok;
    }
    const stored = store.data.settings.exam;
    const storedProblem = stored && opts.exam === undefined ? storedDateProblem(stored, now) : undefined;
    if (storedProblem) throw new UserFacingError(storedProblem);
    const goal = goalFromOptions(opts, stored, now);
    if (goal) {
      // A new exam after one whose day is over: the old one is retired first, as any plan does, so no card keeps a
      // date it gave.
      const over = await retireExamIfOver(store, now, (await readContent()).kindOf);
      if (over) note(over);
      await saveGoal(store, goal, await readContent(), now);
    } else {
      const over = store.data.settings.exam ? await retireExamIfOver(store, now, (await readContent()).kindOf) : undefined;
      if (over) note(over);
    }
    const exam = store.data.settings.exam;
    if (!exam) {
      // A script reading --json gets JSON either way: the plan's shape with no exam in it.
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ version: 1, exam: null }, null, 2)}\n`
          : wrapWideLines("No exam set. `cogquiz plan --exam YYYY-MM-DD [--minutes 30] [--target 0.97] [--guide dva-c02]` sets one.\n"),
      );
      return EXIT.ok;
    }
    const { questions, kindOf } = await readContent();
    // Answer times are all the plan needs of the log: answers and their undos, streamed, without the card states
    // that make up most of a record (a long log would otherwise be held whole).
    const answers: LogRecord[] = [];
    scanLog(store.paths.log, 0, (r) => {
      // Only the fields standingReviews and answerTimes read are kept.
      if (r.kind === "review") answers.push({ kind: "review", reviewId: r.reviewId, ms: r.ms, source: r.source, wasNew: r.wasNew } as unknown as LogRecord);
      else if (r.kind === "undo") answers.push({ kind: "undo", reviewId: r.reviewId } as unknown as LogRecord);
    });
    const questionIds = questions.map((q) => q.id);
    const windowDays = finalWindowDays(windowCardCount(questionIds, (id) => store.card(id)), exam.minutesPerDay);
    /** The scheduler for a goal whose final window is `days`, whatever the content set's count would give. */
    const forGoal = (goal: ExamGoal, days: number) => createScheduler({ ...schedulerSettingsOf({ ...store.data.settings, exam: goal }), finalWindowDays: days });
    const plan = computePlan({
      exam,
      now,
      questionIds,
      card: (id) => store.card(id),
      scheduler: forGoal(exam, windowDays),
      schedulerFor: forGoal,
      windowDays,
      kindOf: (id) => kindOf(id) ?? "choice",
      times: answerTimes(standingReviews(answers)),
      newToday: store.counters(dayKey(now)).new,
      studiedTodayMs: store.studiedMs(dayKey(now)),
      ...(exam.ownNewPerDay ? { ownNewPerDay: store.data.settings.newPerDay } : {}),
    });
    // On a terminal, the plan's sentences wrap to its width; the forecast's rows are narrow and stay as they are.
    process.stdout.write(opts.json ? `${JSON.stringify({ version: 1, ...plan }, null, 2)}\n` : wrapWideLines(formatPlan(plan)));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/**
 * With an exam set (and not over): the quiz's new-card limit for today. The plan's pace, from the content set's cards
 * not seen before today and the days left, unless the student set newPerDay after the plan. Undefined without an exam.
 */
export function appliedPace(
  settings: Settings,
  questions: readonly Question[],
  card: (id: string) => CardState | undefined,
  newToday: number,
  now: Date,
): AppliedPace | undefined {
  const exam = settings.exam;
  if (!exam || examIsOver(exam, now)) return undefined;
  let stillNewCount = 0;
  for (const q of questions) if (stillNew(card(q.id))) stillNewCount++;
  const windowDays = finalWindowDays(windowCardCount(questions.map((q) => q.id), card), exam.minutesPerDay);
  return appliedNewCards(stillNewCount, newToday, daysUntilExam(exam, now), exam.ownNewPerDay ? settings.newPerDay : undefined, windowDays);
}

/** The quiz's note on which new-card limit it uses. */
export function paceNote(p: AppliedPace, settings: Settings): string {
  if (p.from === "plan" && p.newPerDay === 0 && p.unseen > 0) {
    return `new cards today: none, the plan introduces none on exam day (${p.unseen} not seen yet; \`--new N\` takes some for one session), instead of newPerDay ${settings.newPerDay}`;
  }
  return p.from === "plan"
    ? `new cards today: ${p.newPerDay}, the plan's pace (${p.unseen} not seen before today, over ${p.pace.introductionDays} day${p.pace.introductionDays === 1 ? "" : "s"}), instead of newPerDay ${settings.newPerDay}`
    : `new cards today: ${p.newPerDay}, your newPerDay set after the plan (the plan's pace is ${p.pace.newPerDay}; \`cogquiz config set newPerDay plan\` follows it)`;
}

/** "exam in 12 days · readiness 64 %" for the quiz's status line and stats; undefined without an exam. */
export function examStatus(settings: Settings, questions: readonly Question[], card: (id: string) => CardState | undefined, now: Date): string | undefined {
  return examStatusTracker(settings, questions, card)(now);
}

/**
 * examStatus at any moment of a session, predicting again only the cards answered since the last call: a quiz
 * shows it on every card, and over 10,000 cards predicting all of them each time costs a visible pause.
 */
export function examStatusTracker(settings: Settings, questions: readonly Question[], card: (id: string) => CardState | undefined): (now: Date) => string | undefined {
  const exam = settings.exam;
  if (!exam) return () => undefined;
  const meanRecall = meanRecallTracker(questions, card, examMoment(exam.date), schedulerFor(settings));
  return (now) => {
    if (examIsOver(exam, now)) return undefined;
    // Once the exam has begun, a card answered since counts as known at its start: no figure is honest any more.
    if (examHasBegun(exam, now)) return `exam today, begun at ${EXAM_HOUR_TEXT}`;
    const days = daysUntilExam(exam, now);
    return `${days === 0 ? "exam today" : `exam in ${days} day${days === 1 ? "" : "s"}`} · readiness ${(meanRecall() * 100).toFixed(0)} %`;
  };
}
