// The exam plan: days left, cards not yet seen, the pace of new cards, and a forecast of reviews and minutes a day
// until the exam, from the student's own answer times. Pure: cards, clock and log come in as arguments.

import type { ReviewRecord } from "../srs/records.js";
import type { CardState, ExamGoal } from "../srs/model.js";
import type { Scheduler } from "../srs/scheduler.js";
import { daysUntilExam, examHasBegun, finalWindowDays } from "../srs/exam-rule.js";
import { appliedNewCards, newCardPace, stillNew, windowCardCount, type AppliedPace } from "../srs/exam-pace.js";
import { NEW_CARD_SECONDS, REVIEW_SECONDS } from "../simulate/assumptions.js";
import { EXAM_HOUR_TEXT, EXAM_MINUTES, EXAM_YEARS_AHEAD, examDateRange } from "../srs/exam-goal.js";
import { fromStudyClock, toStudyClock } from "../srs/day.js";

const DAY_MS = 86_400_000;
/** Answers slower than this are a student away from the screen, not answer time. */
export const IDLE_MS = 5 * 60_000;

export interface AnswerTimes {
  newMs: number;
  reviewMs: number;
  /** Answers the medians come from; 0 means the stated defaults. */
  newAnswers: number;
  reviewAnswers: number;
}

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

/**
 * Time per card from the log, robustly: the median, with idle outliers (over five minutes) and exam answers (their
 * times are zero: the exam times the whole form) left out; the stated defaults (60 s new, 20 s review) before any.
 */
export function answerTimes(reviews: readonly ReviewRecord[]): AnswerTimes {
  const fresh: number[] = [];
  const later: number[] = [];
  for (const r of reviews) {
    if (r.source === "exam" || r.ms <= 0 || r.ms > IDLE_MS) continue;
    (r.wasNew ? fresh : later).push(r.ms);
  }
  return {
    newMs: fresh.length > 0 ? median(fresh) : NEW_CARD_SECONDS * 1000,
    reviewMs: later.length > 0 ? median(later) : REVIEW_SECONDS * 1000,
    newAnswers: fresh.length,
    reviewAnswers: later.length,
  };
}

export interface PlanDay {
  date: string;
  newCards: number;
  reviews: number;
  minutes: number;
}

export interface ExamPlan {
  exam: ExamGoal;
  daysLeft: number;
  cards: number;
  unseen: number;
  /** New cards a day that introduce every card before the final window (and a margin): the plan's pace today. */
  newPerDay: number;
  /** New cards answered today already (they count in today's pace). */
  newToday: number;
  /** The new-card limit the quiz applies, and where it comes from: the plan's pace or the student's newPerDay. */
  applied: { newPerDay: number; from: "plan" | "config" };
  /** Study days on which the plan's pace introduces new cards, today included (newCardPace's). */
  introductionDays: number;
  /** The final window's study days for this content set and the daily minutes (`finalWindowDays`). */
  windowDays: number;
  times: AnswerTimes;
  forecast: PlanDay[];
  peakMinutes: number;
  /** Cards not seen yet that the applied new-card limit leaves unseen on exam day. */
  neverIntroduced: number;
  /** Cards never seen that are suspended: no quiz introduces them, and they are not in `unseen`. */
  suspendedUnseen: number;
  /** Reviews the minutes could not take before the exam. */
  reviewsLeftOver: number;
  /**
   * Cards not seen yet that the applied new-card limit would introduce before the exam and the daily minutes leave no
   * time for: the quiz takes the reviews due first and new cards with the minutes left.
   */
  unseenLeftOver: number;
  /**
   * The first study day of the forecast whose minutes, after its reviews, hold fewer new cards than the new-card limit
   * allows that day: from there the table's new cards are what the minutes hold, not the pace.
   */
  newHeldByMinutesFrom?: string;
  /** Whether the forecast fits the daily minutes; null when no study day is left to forecast (exam day, or after). */
  fits: boolean | null;
  /** Whether the exam's start (09:00 on its date) has passed: on exam day, the plan has nothing left but to say so. */
  examStarted: boolean;
  /**
   * When it does not fit: what would. Each is left out when it is not one to offer: more minutes than a day has, a
   * date further ahead than `--exam` takes, or fewer than 1 card (or all of them).
   */
  wouldFit?: { minutesPerDay?: number; date?: string; cards?: number };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The plan. The forecast assumes every answer is Good and uses the scheduler the student studies with (the exam rule
 * included), so reviews fall where they will be shown; cards already overdue are spread over the first three days
 * rather than piled on today.
 */
export function computePlan(input: {
  exam: ExamGoal;
  now: Date;
  questionIds: readonly string[];
  card: (id: string) => CardState | undefined;
  scheduler: Scheduler;
  times: AnswerTimes;
  /** New cards answered today already (the study day's counter). */
  newToday?: number;
  /** Time studied today already (the study day's minutes, as the quiz counts them): today has only the rest. */
  studiedTodayMs?: number;
  /** The student's own newPerDay, when it replaces the plan's pace (set after the plan). */
  ownNewPerDay?: number;
  /** The kind of card of a question, for a scheduler with parameters fitted to one kind. */
  kindOf?: (id: string) => "recall" | "choice";
  /**
   * The scheduler the student would study with for another exam goal and final window: with it, a later date, more
   * minutes or fewer cards are offered only once a plan with them fits (more minutes or fewer cards can shorten the
   * window). Without it the date offered is an estimate from the reviews left waiting.
   */
  schedulerFor?: (exam: ExamGoal, windowDays: number) => Scheduler;
  /**
   * The final window `scheduler` dates cards by: the content set's (`finalWindowDays` of its cards not suspended and
   * the daily minutes) when absent.
   */
  windowDays?: number;
  /** False for a plan computed only to see whether it fits: no advice on what would. */
  advice?: boolean;
}): ExamPlan {
  const { exam, now, scheduler, times } = input;
  const windowCards = windowCardCount(input.questionIds, input.card);
  const windowDays = input.windowDays ?? finalWindowDays(windowCards, exam.minutesPerDay);
  const daysLeft = daysUntilExam(exam, now);
  const studyDays = Math.max(0, daysLeft);
  const newToday = input.newToday ?? 0;
  const unseenIds = input.questionIds.filter((id) => stillNew(input.card(id)));
  const suspendedUnseen = input.questionIds.filter((id) => {
    const c = input.card(id);
    return c?.suspended === true && c.phase === "new";
  }).length;
  // The limit the quiz applies today, from the same function.
  const today = appliedNewCards(unseenIds.length, newToday, daysLeft, input.ownNewPerDay, windowDays);
  const applied = { newPerDay: today.newPerDay, from: today.from };
  const { newPerDay, introductionDays } = today.pace;
  const base = { input, unseenIds, daysLeft };
  const load = forecastDays(base, scheduler, windowDays, applied, exam.minutesPerDay, true);
  const forecast = load.days;
  const left = load.left;
  const next = load.next;
  const peakMinutes = forecast.reduce((m, d) => Math.max(m, d.minutes), 0);
  const fits = studyDays === 0 ? null : left === 0 && load.crowdedOut === 0;
  const plan: ExamPlan = { exam, daysLeft, cards: input.questionIds.length, unseen: unseenIds.length, newPerDay, newToday, applied, neverIntroduced: unseenIds.length - next, suspendedUnseen, introductionDays, windowDays, times, forecast, peakMinutes, fits, examStarted: examHasBegun(exam, now), reviewsLeftOver: left, unseenLeftOver: load.crowdedOut, ...(load.heldFrom !== undefined ? { newHeldByMinutesFrom: load.heldFrom } : {}) };
  if (fits === false && input.advice !== false) {
    // The fewest whole minutes above these that fit. With more minutes the quiz takes more new cards sooner, so each
    // try is a forecast of its own. Minutes that shorten the final window date the cards anew (a scheduler for that
    // window), and a window a day shorter holds fewer minutes in all: a plan can fit at some minutes and not at a few
    // more. So the minutes are searched window by window, in the order of the minutes: within one window's minutes
    // more never fit worse, and the first fit is found by halving.
    const fitsIn = (m: number, w: number) => {
      const goal = { ...exam, minutesPerDay: m };
      const pace = appliedNewCards(unseenIds.length, newToday, daysLeft, input.ownNewPerDay, w);
      const f = forecastDays(base, w === windowDays ? scheduler : input.schedulerFor!(goal, w), w, pace, m, false);
      return f.left === 0 && f.crowdedOut === 0;
    };
    const windowAt = (m: number) => (input.schedulerFor ? finalWindowDays(windowCards, m) : windowDays);
    let minutes: number | undefined;
    for (let from = Math.floor(exam.minutesPerDay) + 1; from <= EXAM_MINUTES.max && minutes === undefined; ) {
      const w = windowAt(from);
      let to = from;
      while (to < EXAM_MINUTES.max && windowAt(to + 1) === w) to++;
      if (fitsIn(to, w)) {
        let low = from;
        let high = to;
        while (low < high) {
          const mid = (low + high) >> 1;
          if (fitsIn(mid, w)) high = mid;
          else low = mid + 1;
        }
        minutes = high;
      }
      from = to + 1;
    }
    const perDay = Math.max(1, Math.floor((exam.minutesPerDay * 60_000) / times.reviewMs));
    const examDay = Date.UTC(+exam.date.slice(0, 4), +exam.date.slice(5, 7) - 1, +exam.date.slice(8, 10));
    const reviewsDue = load.reviewsDue;
    const demand = reviewsDue * times.reviewMs + unseenIds.length * times.newMs;
    const supply = studyDays * exam.minutesPerDay * 60_000;
    const estimate = Math.max(1, Math.ceil(left / perDay), Math.ceil((demand - supply) / (exam.minutesPerDay * 60_000)));
    const latest = examDateRange(now).latest;
    const date = input.schedulerFor ? laterDateThatFits({ ...input, windowDays }, input.schedulerFor, estimate, latest) : isoDay(examDay + estimate * DAY_MS);
    // Fewer cards: the most that fit, halving from all but one: a share of the minutes or of the reviews left waiting
    // is no bound on it (with nearly every review left waiting, such a share would offer no cards at all).
    const cards = fewerCardsThatFit({ ...input, windowDays });
    plan.wouldFit = {
      ...(minutes !== undefined ? { minutesPerDay: minutes } : {}),
      ...(date !== undefined && date <= latest ? { date } : {}),
      ...(cards >= 1 && cards < input.questionIds.length ? { cards } : {}),
    };
  }
  return plan;
}

/** Minutes to a tenth: a forecast's figure, not a measurement (7.8, not 7.833333333333333, in the JSON). */
function tenths(minutes: number): number {
  return Math.round(minutes * 10) / 10;
}

/** A forecast of the study days until the exam at some daily minutes. */
interface Forecast {
  /** The days, when asked for: the search for the minutes that fit wants only the counts. */
  days: PlanDay[];
  /** Reviews the minutes cannot take before the exam, each day's excess carried to the next. */
  left: number;
  /** New cards the days introduce. */
  next: number;
  /** Cards the new-card limit would introduce before the exam and the minutes leave no time for. */
  crowdedOut: number;
  /** Reviews due over the days, including those the minutes do not take. */
  reviewsDue: number;
  /** The first day whose minutes held fewer new cards than its limit allowed, if any. */
  heldFrom?: string;
}

/**
 * The reviews and new cards of each study day until the exam, every answer Good, with `scheduler` (the final window
 * `windowDays` is its), the new-card limit `applied` and the daily minutes, as the quiz takes them: each day the
 * reviews due first (weakest first; what the minutes do not take waits for the next day), then new cards while
 * minutes are left, up to the day's limit; the new cards a day has no time for are the next days'.
 */
function forecastDays(
  base: { input: Parameters<typeof computePlan>[0]; unseenIds: readonly string[]; daysLeft: number },
  scheduler: Scheduler,
  windowDays: number,
  applied: Pick<AppliedPace, "newPerDay" | "from">,
  minutesPerDay: number,
  keepDays: boolean,
): Forecast {
  const { input, unseenIds, daysLeft } = base;
  const { now, times } = input;
  const studyDays = Math.max(0, daysLeft);
  const newToday = input.newToday ?? 0;
  const reviews = new Array<number>(studyDays).fill(0);
  const startMs = now.getTime();
  // Days are study days (from 04:00 local), as the queue and stats count them, not 24-hour spans from now: a card
  // due at 04:00 tomorrow is tomorrow's even when that is less than a day away. On the study clock the UTC date is
  // the study day, so day d of the forecast is the study day d after today, and its date is that UTC date.
  const nowOnStudyClock = toStudyClock(now).getTime();
  const todayIndex = Math.floor(nowOnStudyClock / DAY_MS);
  const dayOf = (ms: number) => Math.floor(toStudyClock(new Date(ms)).getTime() / DAY_MS) - todayIndex;
  /** The moment on study day d at the time of day it is now: when the forecast has that day's answers given. */
  const onDay = (d: number) => (d === 0 ? startMs : fromStudyClock(new Date(nowOnStudyClock + d * DAY_MS)).getTime());
  // Follows one card's reviews until the exam, answering Good each time.
  const follow = (card: CardState | undefined, fromMs: number, kind: "recall" | "choice" | undefined) => {
    let c = card;
    let t = fromMs;
    for (let guard = 0; guard < 200; guard++) {
      const o = scheduler.preview(c, new Date(t), kind).good;
      c = o.card;
      t = Math.max(t + 60_000, Date.parse(c.due));
      const d = dayOf(t);
      if (d >= studyDays) return;
      reviews[d]!++;
    }
  };
  let overdue = 0;
  let seen = 0;
  for (const id of input.questionIds) {
    const c = input.card(id);
    if (!c || c.phase === "new" || c.suspended) continue;
    seen++;
    // Due today (since the study day began, 04:00) is today's, as the quiz shows it; only a card due before today is
    // overdue, and those are spread over the first days.
    let d = dayOf(Date.parse(c.due));
    if (d < 0) d = overdue++ % Math.min(3, Math.max(1, studyDays));
    if (d >= studyDays) continue;
    reviews[d]!++;
    follow(c, onDay(d), input.kindOf?.(id));
  }
  // Today has the daily minutes less those studied already.
  const studiedMs = Math.max(0, input.studiedTodayMs ?? 0);
  /** New cards day d's limit allows when `left` are still unseen: today the applied limit less what today already
   * introduced; each later day the plan's pace recomputed from the cards left and the days left (or the student's own
   * limit, unchanged). */
  const limitOn = (d: number, left: number) =>
    d === 0 ? applied.newPerDay - newToday : applied.from === "plan" ? newCardPace(left, daysLeft - d, windowDays).newPerDay : applied.newPerDay;
  const days: PlanDay[] = [];
  let carry = 0;
  let next = 0;
  // The new cards the limits alone would introduce, whatever the minutes: those the minutes leave out are the rest.
  let wanted = 0;
  let heldFrom: string | undefined;
  for (let d = 0; d < studyDays; d++) {
    let budget = Math.max(0, minutesPerDay * 60_000 - (d === 0 ? studiedMs : 0));
    // A card waits as one due review however many of its follow-ups (each dated from a Good answer on time) fall
    // behind it: no day has more due than the cards seen so far.
    const due = Math.min(reviews[d]! + carry, seen + next);
    const done = Math.min(due, Math.floor(budget / times.reviewMs));
    budget -= done * times.reviewMs;
    const before = reviews[d]!;
    const allowed = Math.max(0, Math.min(limitOn(d, unseenIds.length - next), unseenIds.length - next));
    const take = Math.max(0, Math.min(allowed, Math.floor(budget / times.newMs)));
    if (take < allowed) heldFrom ??= isoDay((todayIndex + d) * DAY_MS);
    for (let n = 0; n < take; n++, next++) follow(undefined, onDay(d), input.kindOf?.(unseenIds[next]!));
    budget -= take * times.newMs;
    // A same-day learning step after a new card (only when the scheduler keeps one: the exam rule skips them) is
    // this day's too, when minutes are left for it.
    const steps = reviews[d]! - before;
    const stepsDone = Math.min(steps, Math.floor(budget / times.reviewMs));
    carry = due - done + steps - stepsDone;
    wanted += Math.max(0, Math.min(limitOn(d, unseenIds.length - wanted), unseenIds.length - wanted));
    if (keepDays) days.push({ date: isoDay((todayIndex + d) * DAY_MS), newCards: take, reviews: done + stepsDone, minutes: tenths((take * times.newMs + (done + stepsDone) * times.reviewMs) / 60_000) });
  }
  return { days, left: carry, next, crowdedOut: Math.max(0, wanted - next), reviewsDue: reviews.reduce((a, b) => a + b, 0), ...(heldFrom !== undefined ? { heldFrom } : {}) };
}

/**
 * The earliest exam date, at least `estimate` days after the planned one, on which the plan fits, searched by
 * doubling the days added and then halving between the last date that did not fit and the first that did; none when
 * not even the latest date `--exam` takes fits.
 */
function laterDateThatFits(input: Parameters<typeof computePlan>[0] & { windowDays: number }, schedulerFor: (exam: ExamGoal, windowDays: number) => Scheduler, estimate: number, latest: string): string | undefined {
  const examDay = Date.UTC(+input.exam.date.slice(0, 4), +input.exam.date.slice(5, 7) - 1, +input.exam.date.slice(8, 10));
  const dateAfter = (days: number) => isoDay(examDay + days * DAY_MS);
  const maxDays = Math.round((Date.parse(`${latest}T00:00:00Z`) - examDay) / DAY_MS);
  const fitsAfter = (days: number) => {
    const exam = { ...input.exam, date: dateAfter(days) };
    return computePlan({ ...input, exam, scheduler: schedulerFor(exam, input.windowDays), advice: false }).fits === true;
  };
  if (maxDays < 1) return undefined;
  let low = 0;
  let high = Math.min(Math.max(1, estimate), maxDays);
  while (!fitsAfter(high)) {
    if (high === maxDays) return undefined;
    low = high;
    high = Math.min(high * 2, maxDays);
  }
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (fitsAfter(mid)) high = mid;
    else low = mid;
  }
  return dateAfter(high);
}

/**
 * The most cards, fewer than all, whose plan fits: the first so many of the content set's (the student picks which
 * with --topic), halving between a number that fits and one that does not; 0 when not even one card fits.
 */
function fewerCardsThatFit(input: Parameters<typeof computePlan>[0] & { windowDays: number }): number {
  const fitsWith = (n: number) => {
    const questionIds = input.questionIds.slice(0, n);
    // Fewer cards can shorten the final window: with the scheduler for it, the plan dates them by their own window.
    const w = finalWindowDays(windowCardCount(questionIds, input.card), input.exam.minutesPerDay);
    const own = input.schedulerFor && w !== input.windowDays ? { scheduler: input.schedulerFor(input.exam, w), windowDays: w } : {};
    return computePlan({ ...input, questionIds, ...own, advice: false }).fits === true;
  };
  let high = input.questionIds.length - 1;
  if (high < 1) return 0;
  if (fitsWith(high)) return high;
  let low = 0;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (fitsWith(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** What a plan that does not fit leaves undone on exam day, in a clause. */
function shortfall(p: ExamPlan): string {
  const waiting = p.reviewsLeftOver > 0 ? `${p.reviewsLeftOver} review${p.reviewsLeftOver === 1 ? "" : "s"} would still be waiting on exam day` : undefined;
  const unseen = p.unseenLeftOver > 0 ? `${p.unseenLeftOver} card${p.unseenLeftOver === 1 ? "" : "s"} not seen yet would find no time before the exam, as the quiz takes the reviews due first` : undefined;
  return [waiting, unseen].filter((x) => x !== undefined).join(", and ");
}

/** "1 minute a day", "30 minutes a day". */
function perDay(minutes: number | string): string {
  return `${minutes} minute${Number(minutes) === 1 ? "" : "s"} a day`;
}

/** The plan's new cards in a sentence: its pace, or why there is none. */
function paceLine(p: ExamPlan, examDay: boolean): string {
  const today = p.newToday > 0 ? ` (${p.newToday} ${p.unseen > 0 ? "more " : ""}introduced today)` : "";
  if (p.cards === 0) return "The content set has no cards: there is nothing to introduce or review.";
  if (p.unseen === 0 && p.newPerDay === 0) {
    // A suspended card never answered has not been seen: it is left out, not learnt.
    const all = p.suspendedUnseen === 0 ? `Every one of the ${p.cards} card${p.cards === 1 ? "" : "s"} has been seen` : `Every card has been seen but ${p.suspendedUnseen} suspended card${p.suspendedUnseen === 1 ? "" : "s"}, which no quiz shows`;
    return `${all}${today}: no new cards are left to introduce.`;
  }
  const unseen = `${p.unseen} of ${p.cards} card${p.cards === 1 ? "" : "s"} not seen yet${today}`;
  if (examDay) return `${unseen}: the plan introduces no new cards on exam day.`;
  if (p.daysLeft <= p.windowDays) {
    // The pace is every card left; the minutes take what they hold, reviews first, and the rest the days after.
    const taken = p.forecast[0]?.newCards ?? 0;
    // What the days left take of the rest, as the forecast has it: the reviews due come first on them too.
    const later = p.forecast.slice(1).reduce((n, d) => n + d.newCards, 0);
    const rest = p.unseen - taken;
    const after =
      later >= rest ? "the rest come on the days left" : later === 0 ? "the rest find no time before the exam" : `${later} more come on the days left and ${rest - later} find no time before the exam`;
    const minutes = taken < p.unseen ? ` (today's minutes hold ${taken}${taken === 0 ? "" : " of them"}, after the reviews due; ${after})` : "";
    const inside = p.daysLeft === 1 ? "the exam is tomorrow" : `the exam is ${p.daysLeft} study days off, inside the final ${p.windowDays}`;
    return `${unseen}: ${inside}, so the plan's pace is all ${p.unseen + p.newToday} today${minutes}.`;
  }
  // Recomputed each day, the pace falls by one once what is left divides evenly: the forecast has the day (before any
  // day whose minutes hold fewer than the pace, where the table's figure is the minutes', not the pace's).
  const held = p.newHeldByMinutesFrom;
  const lower =
    p.applied.from === "plan" ? p.forecast.find((d, i) => i > 0 && (held === undefined || d.date < held) && d.newCards > 0 && d.newCards < p.newPerDay) : undefined;
  const then = lower ? ` (${lower.newCards} a day from ${lower.date}, as fewer are left)` : "";
  const minutes =
    held === undefined
      ? ""
      : ` ${held === p.forecast[0]?.date ? "From today" : `From ${held}`} the daily minutes hold fewer than that after the reviews due: the table has what they hold.`;
  return `${unseen}: ${p.newPerDay} new a day introduces them all in ${p.introductionDays} day${p.introductionDays === 1 ? "" : "s"}${then}, leaving the last ${p.windowDays} days for final reviews.${minutes}`;
}

export function formatPlan(p: ExamPlan): string {
  const t = p.times;
  const examDay = p.daysLeft < 1;
  const hour = EXAM_HOUR_TEXT;
  const timeNote =
    t.reviewAnswers + t.newAnswers > 0
      ? `time per card from your log (median, idle answers over 5 minutes and exam answers left out): ${(t.newMs / 1000).toFixed(0)} s new (${t.newAnswers} answers), ${(t.reviewMs / 1000).toFixed(0)} s review (${t.reviewAnswers} answers)`
      : `time per card: ${(t.newMs / 1000).toFixed(0)} s new, ${(t.reviewMs / 1000).toFixed(0)} s review (defaults until you have answers in the log)`;
  const goal = `${perDay(p.exam.minutesPerDay)} · target recall ${p.exam.target}${p.exam.guide ? ` · guide ${p.exam.guide}` : ""}`;
  const lines = [
    p.daysLeft < 0
      ? `Exam on ${p.exam.date}, over · ${goal}`
      : examDay
        ? `Exam today, ${p.exam.date}, at ${hour} · ${goal}`
        : `Exam on ${p.exam.date}: ${p.daysLeft} day${p.daysLeft === 1 ? "" : "s"} left · ${goal}`,
    paceLine(p, examDay),
  ];
  // No cards: no pace to apply, no forecast of nothing.
  if (p.cards === 0) return `${lines.join("\n")}\n`;
  lines.push(
    p.applied.from === "config"
      ? `The quiz applies your own newPerDay, ${p.applied.newPerDay} a day, set after the plan, not the plan's pace of ${p.newPerDay} (\`cogquiz config set newPerDay plan\` follows the plan)${p.daysLeft > 0 && p.neverIntroduced > 0 ? `; at it, ${p.neverIntroduced} card${p.neverIntroduced === 1 ? "" : "s"} would not be seen before the exam` : ""}.`
      : examDay
        ? "The quiz introduces no new cards today (`cogquiz quiz --new N` takes some for one session)."
        : `The quiz applies this pace: ${p.applied.newPerDay} new card${p.applied.newPerDay === 1 ? "" : "s"} a day, recomputed each day from the cards not seen yet and the days left (\`cogquiz config set newPerDay N\` sets your own).`,
  );
  // Exam day has no study day left to forecast: no table, no time per card.
  if (p.forecast.length > 0) lines.push(timeNote, "", "date        new  reviews  minutes");
  const shown = p.forecast.length > 21 ? [...p.forecast.slice(0, 14), undefined, ...p.forecast.slice(-7)] : p.forecast;
  for (const d of shown) {
    if (!d) {
      lines.push("…");
      continue;
    }
    lines.push(`${d.date}  ${String(d.newCards).padStart(3)}  ${String(d.reviews).padStart(7)}  ${d.minutes.toFixed(0).padStart(7)}${d.minutes > p.exam.minutesPerDay + 0.5 ? "  over" : ""}`);
  }
  lines.push("");
  if (examDay && !p.examStarted) {
    lines.push(`It is exam day: the exam starts at ${hour}, and there is nothing left to plan; a quiz before then reviews what is due, weakest first.`);
  } else if (p.daysLeft < 0) {
    lines.push(`The exam of ${p.exam.date} is over: there is nothing left to plan; \`cogquiz plan --exam YYYY-MM-DD\` sets another exam.`);
  } else if (examDay) {
    lines.push(`The exam started at ${hour} today: there is nothing left to plan. From tomorrow scheduling is plain FSRS again; \`cogquiz plan --exam YYYY-MM-DD\` sets another exam.`);
  } else if (p.fits) lines.push(`The plan fits ${perDay(p.exam.minutesPerDay)} (busiest day ${p.peakMinutes.toFixed(0)} minute${p.peakMinutes.toFixed(0) === "1" ? "" : "s"}; reviews beyond a day's minutes wait for the next day, weakest first).`);
  else if (p.wouldFit) {
    const w = p.wouldFit;
    const short = w.minutesPerDay !== undefined ? `${perDay((w.minutesPerDay - p.exam.minutesPerDay).toFixed(0))} short` : `not even ${EXAM_MINUTES.max} minutes a day would take them`;
    const offers = [
      ...(w.minutesPerDay !== undefined ? [perDay(w.minutesPerDay)] : []),
      ...(w.date !== undefined ? [`an exam on ${w.date}`] : []),
      ...(w.cards !== undefined ? [`about ${w.cards} card${w.cards === 1 ? "" : "s"} (with --topic in quizzes)`] : []),
    ];
    lines.push(
      `The plan does not fit ${perDay(p.exam.minutesPerDay)} (${short}): ${shortfall(p)}.`,
      offers.length > 0
        ? `What would fit: ${offers.join(", or ")}.`
        : `Neither more minutes (up to ${EXAM_MINUTES.max} a day), a later exam (up to ${EXAM_YEARS_AHEAD} years ahead) nor fewer cards would fit: the plan is more than the time left holds.`,
    );
  }
  if (!examDay) lines.push("The forecast assumes every answer is Good; missed days are spread over the next days when you come back.");
  return `${lines.join("\n")}\n`;
}
