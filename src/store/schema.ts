// The progress file's shape, its defaults, the checks a file must pass before we trust it, and migrations.

import type { CardState, ExamGoal, FittedParameters } from "../srs/model.js";
import type { DayCounters, ExamRecord } from "../srs/records.js";

export type { DayCounters, ExamAnswer, ExamRecord } from "../srs/records.js";
import { PHASES } from "../srs/model.js";
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
}

export function emptyProgress(): Progress {
  return { schemaVersion: SCHEMA_VERSION, settings: { ...DEFAULT_SETTINGS, contentPaths: [] }, days: {}, cards: {}, exams: [], logApplied: 0 };
}

/** Keys that could reach an object's prototype if the data were ever merged into an object. */
const HOSTILE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

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
const isIsoDate = (v: unknown): v is string => typeof v === "string" && ISO_DATE.test(v);

/**
 * The whole card check as one expression: the start-up path runs it over every card, mostly before the JIT has
 * warmed up, where it costs half of what `checkCard` does. It accepts exactly what `checkCard` accepts (a test holds
 * them to that); `checkCard` then says what is wrong with a card it refuses.
 */
export function isWellFormedCard(c: unknown): boolean {
  if (typeof c !== "object" || c === null) return false; // an array has no due date, so fails below
  const k = c as Record<string, unknown>;
  const { due, lastReview, phase } = k;
  return (
    typeof due === "string" &&
    ISO_DATE.test(due) &&
    isFiniteNumber(k.stability) &&
    isFiniteNumber(k.difficulty) &&
    isFiniteNumber(k.elapsedDays) &&
    isFiniteNumber(k.scheduledDays) &&
    isCount(k.learningSteps) &&
    isCount(k.reps) &&
    isCount(k.lapses) &&
    (phase === "review" || phase === "learning" || phase === "new" || phase === "relearning") &&
    (lastReview === undefined || (typeof lastReview === "string" && ISO_DATE.test(lastReview)))
  );
}

export function checkCard(id: string, c: unknown): string | undefined {
  if (!isObject(c)) return `card ${id} is not an object`;
  if (!isIsoDate(c.due)) return `card ${id} has no valid due date`;
  for (const k of ["stability", "difficulty", "elapsedDays", "scheduledDays"] as const) {
    if (!isFiniteNumber(c[k])) return `card ${id} has a bad ${k}`;
  }
  for (const k of ["learningSteps", "reps", "lapses"] as const) if (!isCount(c[k])) return `card ${id} has a bad ${k}`;
  if (!PHASES.includes(c.phase as never)) return `card ${id} has an unknown phase`;
  if (c.lastReview !== undefined && !isIsoDate(c.lastReview)) return `card ${id} has a bad lastReview`;
  return undefined;
}

/** Checks a parsed file of the current version. */
export function checkProgress(v: unknown): SchemaProblem | undefined {
  if (!isObject(v)) return { kind: "shape", detail: "the top level is not an object" };
  if (typeof v.schemaVersion !== "number") return { kind: "shape", detail: "schemaVersion is missing" };
  if (v.schemaVersion > SCHEMA_VERSION) return { kind: "newer", version: v.schemaVersion };
  const s = v.settings;
  if (!isObject(s)) return { kind: "shape", detail: "settings is not an object" };
  if (!isCount(s.newPerDay) || !isCount(s.reviewsPerDay)) return { kind: "shape", detail: "settings has bad limits" };
  if (!isFiniteNumber(s.desiredRetention)) return { kind: "shape", detail: "settings.desiredRetention is not a number" };
  if (!Array.isArray(s.contentPaths) || !s.contentPaths.every((p) => typeof p === "string")) {
    return { kind: "shape", detail: "settings.contentPaths is not a list of paths" };
  }
  if (s.fsrs !== undefined) {
    const bad = checkFittedParameters(s.fsrs);
    if (bad) return { kind: "shape", detail: bad };
  }
  if (!isObject(v.days)) return { kind: "shape", detail: "days is not an object" };
  for (const [day, c] of Object.entries(v.days)) {
    if (!isObject(c) || !isCount(c.new) || !isCount(c.reviews)) return { kind: "shape", detail: `day ${day} has bad counters` };
  }
  if (!isObject(v.cards)) return { kind: "shape", detail: "cards is not an object" };
  const cards = v.cards;
  for (const id in cards) {
    if (!isWellFormedCard(cards[id])) return { kind: "shape", detail: checkCard(id, cards[id]) ?? `card ${id} is malformed` };
  }
  if (!Array.isArray(v.exams) || !v.exams.every(isObject)) return { kind: "shape", detail: "exams is not a list of exams" };
  if (!isCount(v.logApplied)) return { kind: "shape", detail: "logApplied is not a byte count" };
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

/** The version a parsed file claims (0 when it has none). */
export function versionOf(v: unknown): number {
  return isObject(v) && typeof v.schemaVersion === "number" ? v.schemaVersion : 0;
}

/** Brings a parsed older file up to the current version; the caller has made a backup. */
export function migrate(v: Record<string, unknown>): Record<string, unknown> {
  let data = v;
  for (let version = versionOf(v); version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from schema version ${version}`);
    data = step(data);
    data.schemaVersion = version + 1;
  }
  return data;
}
