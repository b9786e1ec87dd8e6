// A review line read without JSON.parse: the log is mostly review records written by one JSON.stringify in one key
// order, and reading a million of them through JSON.parse takes several seconds. This reader accepts only that
// exact form (ASCII, the keys in the order the store writes them, no escapes outside the option texts) and gives the
// value JSON.parse would give for it; any other line is left to JSON.parse. It decides nothing about validity:
// the reader of the log runs the same record check on what this returns as on what JSON.parse returns.

/** A JSON string of printable ASCII without escapes (ids, times, names). */
const S = String.raw`[\x20\x21\x23-\x5b\x5d-\x7e]*`;
/** A JSON string's content, escapes allowed (option texts). */
const ESCAPED = String.raw`(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*`;
/** A JSON number, as JSON's grammar has it (Number() reads it to the same double as JSON.parse). */
const N = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const BOOL = "(true|false)";

/** A card state as the scheduler writes it (a card suspended later may hold its keys in another order: JSON.parse reads it). */
const CARD = String.raw`\{"due":"(${S})","stability":(${N}),"difficulty":(${N}),"elapsedDays":(${N}),"scheduledDays":(${N}),"learningSteps":(${N}),"reps":(${N}),"lapses":(${N}),"phase":"(${S})"(?:,"lastReview":"(${S})")?(?:,"suspended":${BOOL})?(?:,"leech":${BOOL})?\}`;
const CARD_GROUPS = 12;

const REVIEW = new RegExp(
  String.raw`^\{"kind":"review","v":(${N}),"reviewId":"(${S})","questionId":"(${S})","at":"(${S})","day":"(${S})","rating":"(${S})","correct":(true|false|null),"chosen":\[((?:"${ESCAPED}"(?:,"${ESCAPED}")*)?)\],"ms":(${N}),"source":"(${S})","wasNew":${BOOL},"before":(?:null|${CARD}),"after":${CARD}(?:,"counts":"(${S})")?\}$`,
);
function card(m: RegExpExecArray, at: number): Record<string, unknown> {
  const c: Record<string, unknown> = {
    due: m[at],
    stability: Number(m[at + 1]),
    difficulty: Number(m[at + 2]),
    elapsedDays: Number(m[at + 3]),
    scheduledDays: Number(m[at + 4]),
    learningSteps: Number(m[at + 5]),
    reps: Number(m[at + 6]),
    lapses: Number(m[at + 7]),
    phase: m[at + 8],
  };
  if (m[at + 9] !== undefined) c.lastReview = m[at + 9];
  if (m[at + 10] !== undefined) c.suspended = m[at + 10] === "true";
  if (m[at + 11] !== undefined) c.leech = m[at + 11] === "true";
  return c;
}

/** The value JSON.parse gives for `text` when it is a review line in the store's own form, else undefined. */
export function readStoredReview(text: string): Record<string, unknown> | undefined {
  const m = REVIEW.exec(text);
  if (!m) return undefined;
  const chosen = m[8]!;
  const beforeAt = 12;
  const afterAt = beforeAt + CARD_GROUPS;
  const r: Record<string, unknown> = {
    kind: "review",
    v: Number(m[1]),
    reviewId: m[2],
    questionId: m[3],
    at: m[4],
    day: m[5],
    rating: m[6],
    correct: m[7] === "null" ? null : m[7] === "true",
    // Without a backslash no text holds a quote, so the texts are what lies between the quotes.
    chosen: chosen === "" ? [] : chosen.includes("\\") ? (JSON.parse(`[${chosen}]`) as string[]) : chosen.slice(1, -1).split('","'),
    ms: Number(m[9]),
    source: m[10],
    wasNew: m[11] === "true",
    before: m[beforeAt] === undefined ? null : card(m, beforeAt),
    after: card(m, afterAt),
  };
  const counts = m[afterAt + CARD_GROUPS];
  if (counts !== undefined) r.counts = counts;
  return r;
}
