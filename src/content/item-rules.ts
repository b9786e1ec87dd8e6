// Item-writing rules for one question, from the flaws Haladyna, Downing & Rodriguez (2002) list as checkable:
// a key that stands out by length, a negative stem whose negative is easy to miss, specific determiners (always,
// never, only) that only distractors use, an option that alone echoes the stem, and an item with no source.
// Each reports through the file's context, with a message that says what to change.

import type { FileContext } from "./context.js";
import type { Reference } from "./model.js";
import { contentWords, loneEcho } from "./near-duplicates.js";
import { excerpt } from "./text.js";

export interface OptionView {
  plain: string;
  markdown: string;
  correct: boolean;
  line: number;
  /** The option's length as a reader sees it (`visibleLength` of the markdown). */
  length: number;
}

export interface ItemView {
  line: number;
  title: string;
  /** The stem's prose as plain text (title and text parts, no code blocks). */
  prose: string;
  /** The same prose as markdown, to see emphasis. */
  proseMarkdown: string;
  options: OptionView[];
  explanation?: string;
  references: Reference[];
}

/** A key is "much longer" from this ratio to the longest distractor, and by at least this many characters. */
export const KEY_LENGTH_RATIO = 1.5;
export const KEY_LENGTH_MARGIN = 15;

export function checkItem(ctx: FileContext, item: ItemView): void {
  const keys = item.options.filter((o) => o.correct);
  const distractors = item.options.filter((o) => !o.correct);
  if (keys.length > 0 && distractors.length > 0) {
    keyMuchLonger(ctx, item, keys, distractors);
    absoluteWords(ctx, keys, distractors);
  }
  negativeStem(ctx, item);
  if (item.options.length >= 3) echoesStem(ctx, item);
  if (item.explanation !== undefined && item.references.length === 0) {
    const bare = /https?:\/\//i.test(item.explanation);
    ctx.report(
      "missing-reference",
      item.line,
      bare
        ? `the explanation of "${excerpt(item.title)}" has a URL in its prose but no reference link; write the page it rests on as [page title](https://docs.aws.amazon.com/…)`
        : `the explanation of "${excerpt(item.title)}" cites no page; add the documentation it rests on as [page title](https://docs.aws.amazon.com/…)`,
    );
  }
}

/** missing-reference for a recall card: the answer should say where the fact is written. */
export function checkCardReferences(ctx: FileContext, line: number, title: string, answer: string, references: readonly Reference[]): void {
  if (references.length > 0) return;
  const bare = /https?:\/\//i.test(answer);
  ctx.report(
    "missing-reference",
    line,
    bare
      ? `recall card "${excerpt(title)}" has a URL in its answer but no reference link; write the page as [page title](https://docs.aws.amazon.com/…)`
      : `recall card "${excerpt(title)}" cites no page; add the documentation its answer rests on as [page title](https://docs.aws.amazon.com/…)`,
  );
}

function keyMuchLonger(ctx: FileContext, item: ItemView, keys: OptionView[], distractors: OptionView[]): void {
  // Folds, not Math.min(...spread): a question can have more options than a call has room for arguments.
  const shortestKey = keys.reduce((m, k) => Math.min(m, k.length), Infinity);
  const longestDistractor = distractors.reduce((m, d) => Math.max(m, d.length), -Infinity);
  if (shortestKey >= KEY_LENGTH_RATIO * longestDistractor && shortestKey - longestDistractor >= KEY_LENGTH_MARGIN) {
    const key = keys.find((k) => k.length === shortestKey)!;
    ctx.report(
      "key-much-longer",
      keys.length === 1 ? key.line : item.line,
      `${keys.length === 1 ? "the key" : "every key"} of "${excerpt(item.title)}" is ${shortestKey} characters long and the longest distractor ` +
        `${longestDistractor}: the longest option is a known giveaway. Shorten the key or give distractors the same detail and qualifiers`,
    );
  }
}

const ABSOLUTE = /(?<![\w-])(always|never|only)(?![\w-])/i;

function hasAbsolute(text: string): boolean {
  const lower = text.toLowerCase();
  return (lower.includes("only") || lower.includes("never") || lower.includes("always")) && ABSOLUTE.test(text);
}

function absoluteWords(ctx: FileContext, keys: OptionView[], distractors: OptionView[]): void {
  if (keys.some((k) => hasAbsolute(k.plain))) return;
  const found = distractors.find((d) => hasAbsolute(d.plain));
  if (!found) return;
  const word = ABSOLUTE.exec(found.plain)![1]!.toLowerCase();
  ctx.report(
    "absolute-word-in-distractor",
    found.line,
    `distractor "${excerpt(found.plain)}" says "${word}" and no key says always, never or only: test-wise readers rule out absolute ` +
      `options. Reword the distractor without it, or let a key carry one too`,
  );
}

/** The interrogative sentence: up to the last question mark, from the sentence break before it (or the last sentence). */
export function questionSentence(prose: string): string {
  const text = prose.replace(/\s+/g, " ").trim();
  const end = text.lastIndexOf("?");
  const upTo = end >= 0 ? text.slice(0, end + 1) : text;
  // The last ". ", "! ", "? " or ": " before the end starts the sentence.
  let start = 0;
  for (let i = upTo.length - 2; i > 0; i--) {
    const c = upTo.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63 || c === 58) && upTo.charCodeAt(i + 1) === 32) {
      start = i + 1;
      break;
    }
  }
  return upTo.slice(start).trim();
}

/** Cheap test first: most stems have no negative at all. */
const MAY_BE_NEGATIVE = /\b(?:not|except|cannot)\b|n't\b/i;

/** Up to eight words between "which" and the verb, none of them opening a clause of the scenario ("… that users do not"). */
const GAP = String.raw`(?:\s+(?!(?:that|so|when|if|because|to|while|unless|who|whose|where|after|before|until|and|or)\b)[\w'’()-]+){0,8}?`;
/**
 * "Which … is NOT" (but not "is not only … but also"), "What … does not", "Which … cannot", "… EXCEPT": the negative that decides what to pick. EXCEPT
 * is the operator when it ends the sentence ("… EXCEPT:"), asks ("except which one?") or follows a sentence's opening
 * "All of the following"; elsewhere it is a preposition of the scenario ("a policy that denies all actions except s3:GetObject").
 */
const NEGATIVE_OPERATOR = [
  new RegExp(String.raw`\b(?:which|what)\b${GAP}\s+(?:is|are|does|do|did|would|will|should|can|could|must|was|were|has|have)\s+(not)\b(?!\s+only\b)`, "i"),
  new RegExp(String.raw`\b(?:which|what)\b${GAP}\s+(cannot|can't|isn't|aren't|doesn't|don't|won't|wouldn't|shouldn't)\b`, "i"),
  /\b(except)\b(?=\s*(?:for\s+)?(?:which|what|one|the\s+one)\b|[\s?:.…]*$)/i,
  /^(?:all|each|every|any)\s+(?:\w+\s+)?of\s+(?:the\s+following|these|those|them|the\s+options|the\s+statements)\b.*?\b(except)\b/i,
];

function negativeStem(ctx: FileContext, item: ItemView): void {
  if (!MAY_BE_NEGATIVE.test(item.prose)) return;
  const sentence = questionSentence(item.prose);
  let word: string | undefined;
  for (const re of NEGATIVE_OPERATOR) {
    const m = re.exec(sentence);
    if (m) {
      word = m[1];
      break;
    }
  }
  if (word === undefined) return;
  if (emphasised(item.proseMarkdown, word)) return;
  ctx.report(
    "negative-not-emphasised",
    item.line,
    `"${excerpt(item.title)}" asks for the option that is "${word}", which readers skim past; write it as **${word.toUpperCase()}** ` +
      `(or ${word.toUpperCase()}), or ask the question the positive way`,
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether the word appears in capitals, or inside bold (** **, __ __, <strong>, <b>), in the markdown. */
function emphasised(markdown: string, word: string): boolean {
  const w = escapeRegExp(word);
  if (new RegExp(String.raw`(?<![\w'])${escapeRegExp(word.toUpperCase())}(?![\w'])`).test(markdown) && word.toUpperCase() !== word.toLowerCase()) {
    return true;
  }
  const word_ = String.raw`(?<![A-Za-z'])${w}(?![A-Za-z'])`;
  return (
    new RegExp(String.raw`\*\*[^*]*?${word_}[^*]*?\*\*`, "i").test(markdown) ||
    new RegExp(String.raw`__[^_]*?${word_}[^_]*?__`, "i").test(markdown) ||
    new RegExp(String.raw`<(strong|b)>[^<]*?${word_}[^<]*?</\1>`, "i").test(markdown)
  );
}

/** Content words shorter than this are too common to make an echo. */
const MIN_ECHO_WORD = 4;

function echoesStem(ctx: FileContext, item: ItemView): void {
  const echoing = loneEcho(item.prose, item.options.map((o) => o.plain), MIN_ECHO_WORD, 2);
  if (echoing < 0) return;
  const option = item.options[echoing]!;
  const stem = new Set(contentWords(item.prose, MIN_ECHO_WORD));
  const words = [...new Set(contentWords(option.plain, MIN_ECHO_WORD).filter((w) => stem.has(w)))];
  ctx.report(
    "option-echoes-stem",
    option.line,
    `option "${excerpt(option.plain)}" is the only one that repeats the stem's words (${words.slice(0, 4).map((w) => `"${w}"`).join(", ")}): ` +
      `the echo points at it. Reword it, or let other options use the stem's terms too`,
  );
}

/**
 * An http(s) URL whose host is dot-separated ASCII labels ending in one that starts with a letter (so never an IPv4
 * address), with no user, no port and nothing but printable ASCII after the host.
 */
const PLAIN_URL = /^https?:\/\/((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?)(?:[/?#][!-~]*)?$/i;

/**
 * Whether a link is a reference a reader can open: an https or http page on a real host. Not a local address, an
 * example domain, or a template such as `https://cognito-idp.{region}.amazonaws.com`.
 */
export function isReferenceUrl(href: string): boolean {
  if (/[{}<>$\s]/.test(href)) return false;
  // Most references are plain https links: their host read here is the one the URL parser would give, without the
  // parser's cost (a tenth of a second per 100,000 links). Anything else goes through the parser.
  const plain = PLAIN_URL.exec(href);
  let host: string;
  if (plain && !/xn--/i.test(plain[1]!)) host = plain[1]!.toLowerCase();
  else {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return false;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return false;
    host = url.hostname.toLowerCase();
    // The parser decodes %7B and %7D in a host, so a template written encoded shows its braces only here.
    if (/[{}<>$]/.test(host)) return false;
  }
  if (!host.includes(".") || /^[\d.]+$/.test(host) || host.startsWith("[")) return false;
  // The names RFC 2606 and RFC 6761 keep for examples and tests (.example, .test, .invalid, .localhost), the example
  // domains, and names that only resolve inside a network.
  if (/(^|\.)(localhost|example(\.(com|org|net))?|test|invalid|local|internal)$/.test(host) || /^example\./.test(host)) return false;
  return true;
}
