// The progress file's shape, its defaults, the checks a file must pass before we trust it, and migrations.

import { CLAMP_PARAMETERS, S_MAX, S_MIN, W17_W18_Ceiling } from "ts-fsrs";
import type { CardState, ExamGoal, FittedParameters } from "../srs/model.js";
import type { DayCounters, ExamRecord } from "../srs/records.js";
import type { AnswerTally } from "../srs/tally.js";

export type { DayCounters, ExamAnswer, ExamRecord } from "../srs/records.js";
export type { AnswerTally } from "../srs/tally.js";
import { PHASES } from "../srs/model.js";
import { checkExamGoal } from "../srs/exam-goal.js";
import { checkFittedParameters } from "../srs/fsrs-parameters.js";

export const SCHEMA_VERSION = 1;

export interface Settings {
  /** New cards a study day. */
  newPerDay: number;
  /** Reviews a study day. */
  reviewsPerDay: number;
  /** FSRS desired retention, 0.7-0.99. */
  desiredRetention: number;
  /** Extra note files or folders loaded with the bundled content. */
  contentPaths: string[];
  /** The exam the student aims at (`cogquiz plan`); absent means plain FSRS. */
  exam?: ExamGoal;
  /** FSRS parameters fitted to this student's log (`cogquiz optimize`); absent means FSRS-6's defaults. */
  fsrs?: FittedParameters;
}

export const DEFAULT_SETTINGS: Settings = { newPerDay: 20, reviewsPerDay: 200, desiredRetention: 0.9, contentPaths: [] };

export interface Progress {
  schemaVersion: number;
  settings: Settings;
  /** Per study day (YYYY-MM-DD, days start at 04:00). */
  days: Record<string, DayCounters>;
  /** Card state per question id. Ids of questions no longer in the bank stay here (orphans), never deleted. */
  cards: Record<string, CardState>;
  exams: ExamRecord[];
  /** Bytes of the review log already applied to this file; later lines are replayed at start-up. */
  logApplied: number;
  /**
   * Answers per study day by the card's phase before the answer, folded from the log up to logApplied: what stats
   * reads instead of the log. Absent in files written before it was kept; then rebuilt from the log once.
   */
  answers?: AnswerTally;
  /**
   * Study time per study day in milliseconds: each answer's time, capped (`studyTimeOf`), undone answers included
   * (the time was spent). Exam-date mode stops the day's quiz at the plan's minutes from it, across sessions.
   * Absent in files written before it was kept; then rebuilt from the log once.
   */
  studied?: Record<string, number>;
}

export function emptyProgress(): Progress {
  return { schemaVersion: SCHEMA_VERSION, settings: { ...DEFAULT_SETTINGS, contentPaths: [] }, days: {}, cards: {}, exams: [], logApplied: 0, answers: {} };
}

/** Desired retention as `config set` allows it. */
export const RETENTION_RANGE = [0.7, 0.99] as const;
/** A lastReview this far ahead of the clock is taken as clock skew between machines; further is refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** The most any day count (interval, elapsed days) can sensibly be: ts-fsrs's stability cap, 100 years. */
const MAX_DAYS = S_MAX;
/** The bounds of each FSRS-6 weight, as ts-fsrs clamps them. */
export const FSRS6_WEIGHT_BOUNDS: readonly (readonly [number, number])[] = CLAMP_PARAMETERS(W17_W18_Ceiling, true).map(([lo, hi]) => [lo!, hi!] as const);

/** Keys that could reach an object's prototype if the data were ever merged into an object. */
const HOSTILE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A question id the store will key a card by: a non-empty string that is not a prototype's name. */
export const isCardId = (v: unknown): v is string => typeof v === "string" && v !== "" && v.length <= 1000 && !HOSTILE_KEYS.has(v);

/** Any of the hostile names as a JSON string, escapes included (a key could be written "\u005f_proto__"). */
const HOSTILE_KEY_TEXT = /__proto__|constructor|prototype|\\u/;

/** Parses JSON, refusing any object key that could pollute a prototype. Returns the hostile key found, if any. */
export function parseJsonSafely(text: string): { value: unknown } | { hostileKey: string } | { syntaxError: string } {
  let hostile: string | undefined;
  let value: unknown;
  try {
    // A reviver costs several times the parse; run it only when such a key may be there at all.
    value = HOSTILE_KEY_TEXT.test(text)
      ? JSON.parse(text, function (key, v) {
          if (HOSTILE_KEYS.has(key)) hostile ??= key;
          return v;
        })
      : JSON.parse(text);
  } catch (e) {
    return { syntaxError: e instanceof Error ? e.message : String(e) };
  }
  // JSON.parse creates "__proto__" as an own key, which the reviver sees; checked here as well for certainty.
  return hostile !== undefined ? { hostileKey: hostile } : { value };
}

export type SchemaProblem = { kind: "shape"; detail: string } | { kind: "newer"; version: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
// The form toISOString writes; a regex is many times faster than Date.parse over 10,000 cards.
const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;
export const isIsoDate = (v: unknown): v is string => typeof v === "string" && ISO_DATE.test(v);
const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
/** A study day, YYYY-MM-DD. */
export const isDay = (v: unknown): v is string => typeof v === "string" && DAY.test(v);
const inRange = (v: unknown, lo: number, hi: number): v is number => typeof v === "number" && v >= lo && v <= hi; // false for NaN
const isBoundedCount = (v: unknown): v is number => isCount(v) && v <= 1e9;

/**
 * The whole card check as one expression: the start-up path runs it over every card, mostly before the JIT has
 * warmed up, where it costs half of what `checkCard` does. It accepts exactly what `checkCard` accepts (a test holds
 * them to that); `checkCard` then says what is wrong with a card it refuses.
 *
 * Every number is bounded to what it means, so nothing accepted here can make the scheduler throw: stability within
 * ts-fsrs's [S_MIN, S_MAX] and difficulty within 1-10 once a card has been answered (a new card holds zeros), day
 * counts within 0-36500, counts whole and non-negative. A last review later than the clock is accepted (a clock set
 * back, a laptop whose battery died): the scheduler counts it as just answered, and the store reports such cards
 * (`aheadOfClock`) rather than lock the student out of every command.
 */
/** The latest last-review time `now` allows, as toISOString writes it; kept for the next card checked at the same now. */
let latest: { now: number; iso: string } | undefined;
function latestReviewIso(now: Date): string {
  const t = now.getTime();
  if (latest?.now !== t) latest = { now: t, iso: new Date(t + CLOCK_SKEW_MS).toISOString() };
  return latest.iso;
}

/** A last review no later than the clock allows; two ISO times of the same form compare as text, without parsing. */
export function notInFuture(lastReview: string, now: Date): boolean {
  const bound = latestReviewIso(now);
  return lastReview.length === 24 && bound.length === 24 ? lastReview <= bound : Date.parse(lastReview) <= now.getTime() + CLOCK_SKEW_MS;
}

export function isWellFormedCard(c: unknown): boolean {
  if (typeof c !== "object" || c === null) return false; // an array has no due date, so fails below
  const k = c as Record<string, unknown>;
  const { due, lastReview, phase, stability, difficulty } = k;
  const fresh = phase === "new";
  return (
    typeof due === "string" &&
    ISO_DATE.test(due) &&
    (inRange(stability, S_MIN, S_MAX) || (fresh && stability === 0)) &&
    (inRange(difficulty, 1, 10) || (fresh && difficulty === 0)) &&
    inRange(k.elapsedDays, 0, MAX_DAYS) &&
    inRange(k.scheduledDays, 0, MAX_DAYS) &&
    isBoundedCount(k.learningSteps) &&
    isBoundedCount(k.reps) &&
    isBoundedCount(k.lapses) &&
    (fresh || phase === "learning" || phase === "review" || phase === "relearning") &&
    (lastReview === undefined || (typeof lastReview === "string" && ISO_DATE.test(lastReview))) &&
    (k.suspended === undefined || typeof k.suspended === "boolean") &&
    (k.leech === undefined || typeof k.leech === "boolean")
  );
}

export function checkCard(id: string, c: unknown): string | undefined {
  if (!isObject(c)) return `card ${id} is not an object`;
  if (!isIsoDate(c.due)) return `card ${id} has no valid due date`;
  if (!PHASES.includes(c.phase as never)) return `card ${id} has an unknown phase`;
  const fresh = c.phase === "new";
  if (!(inRange(c.stability, S_MIN, S_MAX) || (fresh && c.stability === 0))) return `card ${id} has a stability outside ${S_MIN}-${S_MAX} days`;
  if (!(inRange(c.difficulty, 1, 10) || (fresh && c.difficulty === 0))) return `card ${id} has a difficulty outside 1-10`;
  for (const k of ["elapsedDays", "scheduledDays"] as const) {
    if (!inRange(c[k], 0, MAX_DAYS)) return `card ${id} has a ${k} outside 0-${MAX_DAYS}`;
  }
  for (const k of ["learningSteps", "reps", "lapses"] as const) if (!isBoundedCount(c[k])) return `card ${id} has a bad ${k}`;
  if (c.lastReview !== undefined && !isIsoDate(c.lastReview)) return `card ${id} has a bad lastReview`;
  for (const k of ["suspended", "leech"] as const) if (c[k] !== undefined && typeof c[k] !== "boolean") return `card ${id} has a bad ${k}`;
  return undefined;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");



export function checkSettings(s: unknown): string | undefined {
  if (!isObject(s)) return "settings is not an object";
  for (const k of ["newPerDay", "reviewsPerDay"] as const) {
    if (!inRange(s[k], 0, 999_999) || !isCount(s[k])) return `settings.${k} is not a whole number from 0 to 999999`;
  }
  if (!inRange(s.desiredRetention, RETENTION_RANGE[0], RETENTION_RANGE[1])) {
    return `settings.desiredRetention is not a number from ${RETENTION_RANGE[0]} to ${RETENTION_RANGE[1]}`;
  }
  if (!isStringList(s.contentPaths)) return "settings.contentPaths is not a list of paths";
  if (s.exam !== undefined) {
    const problem = checkExamGoal(s.exam);
    if (problem) return problem;
  }
  if (s.fsrs !== undefined) return checkFittedParameters(s.fsrs);
  return undefined;
}

const EXAM_STATUSES = new Set(["submitted", "timed-out", "abandoned"]);

export function checkExam(e: unknown, i: number): string | undefined {
  const at = `exam ${i + 1}`;
  if (!isObject(e)) return `${at} is not an object`;
  if (typeof e.id !== "string") return `${at} has no id`;
  if (!isIsoDate(e.startedAt) || !isIsoDate(e.endedAt)) return `${at} has a bad start or end time`;
  if (!EXAM_STATUSES.has(e.status as string)) return `${at} has an unknown status`;
  if (!isCount(e.total) || !isCount(e.correct) || e.correct > e.total) return `${at} has bad counts`;
  // Each as an exam can have it: time given (a retake's can pass a day), a score of 100-1000, a whole seed.
  if (!isFiniteNumber(e.minutes) || e.minutes <= 0) return `${at} has a bad minutes`;
  if (!isCount(e.passScore) || !inRange(e.passScore, 100, 1000)) return `${at} has a bad passScore`;
  if (!isCount(e.seed)) return `${at} has a bad seed`;
  if (!inRange(e.scaled, 100, 1000)) return `${at} has a bad scaled`;
  if (typeof e.passed !== "boolean") return `${at} has a bad passed`;
  if (!isObject(e.byTopic) || !Object.values(e.byTopic).every((t) => isObject(t) && isCount(t.correct) && isCount(t.total))) return `${at} has a bad byTopic`;
  if (!Array.isArray(e.answers) || !e.answers.every((a) => isObject(a) && typeof a.questionId === "string" && isStringList(a.chosen))) {
    return `${at} has bad answers`;
  }
  return undefined;
}

function checkTally(t: unknown): string | undefined {
  if (!isObject(t)) return "answers is not an object";
  for (const day in t) {
    const d = t[day];
    if (!isDay(day) || !isObject(d)) return `answers of day ${day} are malformed`;
    for (const phase in d) {
      const c = d[phase];
      if (!PHASES.includes(phase as never) || !Array.isArray(c) || c.length !== 2 || !isCount(c[0]) || !isCount(c[1]) || c[1] > c[0]) {
        return `answers of day ${day} are malformed`;
      }
    }
  }
  return undefined;
}

/** Checks a parsed file of the current version. */
export function checkProgress(v: unknown): SchemaProblem | undefined {
  if (!isObject(v)) return { kind: "shape", detail: "the top level is not an object" };
  if (v.schemaVersion !== SCHEMA_VERSION) return { kind: "shape", detail: `schemaVersion is not ${SCHEMA_VERSION}` };
  const settings = checkSettings(v.settings);
  if (settings) return { kind: "shape", detail: settings };
  if (!isObject(v.days)) return { kind: "shape", detail: "days is not an object" };
  for (const [day, c] of Object.entries(v.days)) {
    if (!isDay(day)) return { kind: "shape", detail: `days holds ${JSON.stringify(day)}, which is not a day (YYYY-MM-DD)` };
    if (!isObject(c) || !isCount(c.new) || !isCount(c.reviews)) return { kind: "shape", detail: `day ${day} has bad counters` };
  }
  if (!isObject(v.cards)) return { kind: "shape", detail: "cards is not an object" };
  const cards = v.cards;
  for (const id in cards) {
    if (!isCardId(id)) return { kind: "shape", detail: `cards holds the id ${JSON.stringify(id)}` };
    if (!isWellFormedCard(cards[id])) return { kind: "shape", detail: checkCard(id, cards[id]) ?? `card ${id} is malformed` };
  }
  if (!Array.isArray(v.exams)) return { kind: "shape", detail: "exams is not a list of exams" };
  for (let i = 0; i < v.exams.length; i++) {
    const problem = checkExam(v.exams[i], i);
    if (problem) return { kind: "shape", detail: problem };
  }
  if (!isCount(v.logApplied)) return { kind: "shape", detail: "logApplied is not a byte count" };
  if (v.answers !== undefined) {
    const problem = checkTally(v.answers);
    if (problem) return { kind: "shape", detail: problem };
  }
  if (v.studied !== undefined) {
    if (!isObject(v.studied)) return { kind: "shape", detail: "studied is not an object" };
    for (const [day, ms] of Object.entries(v.studied)) {
      if (!isDay(day) || !isFiniteNumber(ms) || ms < 0) return { kind: "shape", detail: `studied holds a bad time for ${JSON.stringify(day)}` };
    }
  }
  return undefined;
}

/**
 * Migrations from older versions, each taking the previous version's data to the next.
 * Version 0 is a file without schemaVersion: `{ "cards": {…} }` and optional `settings`.
 */
export const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  0: (old) => {
    const base = emptyProgress();
    const settings = isObject(old.settings) ? old.settings : {};
    return {
      ...base,
      settings: { ...base.settings, ...settings },
      cards: isObject(old.cards) ? old.cards : {},
    };
  },
};

/**
 * The version a parsed file claims: 0 when it has none, the number when it is a whole number, else a reason to
 * refuse it ("1" as a string, null, -1 or 0.5 are no version cogquiz ever wrote, and are not guessed at).
 */
/**
 * The schema version a parsed file claims. `text`, the file as read, lets a refusal quote a number as it was
 * written: a literal too large for a double (1e400) parses as Infinity, which JSON.stringify would show as null.
 */
export function versionOf(v: unknown, text?: string): { version: number } | { bad: string } {
  if (!isObject(v)) return { bad: "does not hold a progress object" };
  // Version 0 holds its cards: an object with neither (another program's JSON, named by --data by mistake) is no
  // progress file, and migrating it would replace it.
  if (!Object.hasOwn(v, "schemaVersion")) {
    return isObject(v.cards) ? { version: 0 } : { bad: "holds no cogquiz progress: it has neither a schemaVersion nor cards" };
  }
  const claimed = v.schemaVersion;
  if (typeof claimed !== "number" || !Number.isSafeInteger(claimed) || claimed < 0) {
    const written = typeof claimed === "number" && !Number.isFinite(claimed) ? writtenNumber(text, claimed) : `schemaVersion ${JSON.stringify(claimed) ?? String(claimed)}`;
    return { bad: `has ${written}, which is no version cogquiz writes (whole numbers 0 to ${SCHEMA_VERSION})` };
  }
  return { version: claimed };
}

/** A schemaVersion that parsed to ±Infinity, as the file's text has it; described when the text does not show it. */
function writtenNumber(text: string | undefined, value: number): string {
  for (const m of text?.matchAll(/"schemaVersion"\s*:\s*(-?\d[\d.eE+-]*)/g) ?? []) {
    if (Number(m[1]) === value) return `schemaVersion ${m[1]!.length <= 40 ? m[1]! : `${m[1]!.slice(0, 40)}…`}`;
  }
  return `a schemaVersion too large for a number (${value < 0 ? "below -" : "over "}1.8e308)`;
}

/** Brings a parsed older file up to the current version; the caller has made a backup. */
export function migrate(v: Record<string, unknown>): Record<string, unknown> {
  let data = v;
  const from = versionOf(v);
  if (!("version" in from)) throw new Error(`migrate called on a file that ${from.bad}`);
  for (let version = from.version; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from schema version ${version}`);
    data = step(data);
    data.schemaVersion = version + 1;
  }
  return data;
}
