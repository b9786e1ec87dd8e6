// Small pure text helpers shared by the reader: plain text from marked's inline tokens,
// normalisation for keys and ids, and control-character handling.

import { createRequire } from "node:module";
import type { Token, Tokens } from "marked";
import { neutraliseControls, neutraliseRawControls } from "./controls.js";

/** Plain text of inline tokens: emphasis, code spans and links reduced to their words. */
export function plainText(tokens: readonly Token[] | undefined, fallback = ""): string {
  if (!tokens) return fallback;
  let out = "";
  for (const t of tokens) {
    switch (t.type) {
      case "html":
        // Comments (ids) and inline tags are not words of the text.
        break;
      case "br":
        out += " ";
        break;
      case "codespan":
        out += (t as Tokens.Codespan).text;
        break;
      case "image":
        out += (t as Tokens.Image).text;
        break;
      case "escape":
        out += (t as Tokens.Escape).text;
        break;
      case "checkbox":
        break;
      default: {
        const withChildren = t as { tokens?: Token[]; text?: string };
        out += withChildren.tokens ? plainText(withChildren.tokens) : (withChildren.text ?? "");
      }
    }
  }
  return decodeEntities(out);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? _);
}

/** Whitespace collapsed and lower case: the form stems and topic titles are compared in. */
export function normalise(s: string): string {
  // Most text has single spaces only; skip the rewrite then (it is a hot path for big banks).
  return (/\s\s|[\t\n\r\f\v\u00a0]/.test(s) ? s.replace(/\s+/g, " ") : s).trim().toLowerCase();
}

/** Inline text with nothing marked's inline rules act on: emphasis, code, links, images, HTML, entities, escapes, breaks. */
const PLAIN_INLINE = /^[^*_`[\]<>!&~\\@]*$/;
/** Bare URLs and hard line breaks need no special character to be markdown. */
const INLINE_TRIGGER = /https?:|ftp:|www\.| {2,}\n/i;

/** Whether marked would make one plain text token of this inline text: the reader and the renderer skip lexing it. */
export function isPlainInline(text: string): boolean {
  return PLAIN_INLINE.test(text) && !INLINE_TRIGGER.test(text);
}

/** The key topics merge on: each title normalised, joined by " / ". */
export function topicKeyOf(path: readonly string[]): string {
  return path.map(normalise).join(" / ");
}

/**
 * `s` with every control character, raw or as a numeric entity (`&#27;`), shown as a visible escape such as `\x1b`,
 * so neither it nor a later entity decoder can drive the terminal.
 */
export function escapeControls(s: string): string {
  return neutraliseControls(s);
}

/**
 * Plain text decoded from markdown (a title, an option's words) as it may be printed: raw controls shown escaped,
 * and an entity in it left as the literal text it is (`&amp;#x1b;` is shown `&#x1b;`, as the quiz shows it).
 */
export function escapePlain(s: string): string {
  return neutraliseRawControls(s);
}

let decodeHTMLStrict: ((s: string) => string) | undefined;

/**
 * Text as a browser shows it (a screen's words, an Anki card's): character references decoded with the HTML5 table
 * (`&copy;`, `&mdash;`, `&#8594;`), a name HTML does not define left as typed, and then every raw control, one a
 * reference named (`&lrm;`, `&Tab;`) too, shown as its visible escape, never sent raw. The table is loaded only for
 * text that has a reference.
 */
export function decodeReferences(s: string): string {
  if (!/&(?:#|[A-Za-z])/.test(s)) return neutraliseRawControls(s);
  decodeHTMLStrict ??= (createRequire(import.meta.url)("entities/decode") as { decodeHTMLStrict: (s: string) => string }).decodeHTMLStrict;
  return neutraliseRawControls(decodeHTMLStrict(s));
}

/** The same plain text cut to `max` characters on one line, for messages. */
export function excerpt(s: string, max = 60): string {
  const one = escapePlain(s.replace(/\s+/g, " ").trim());
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** An option that names other options by letter or position breaks once options are shuffled. */
const REFERS_TO_OPTION = [
  /\b(?:all|none|both|neither|any)\s+of\s+the\s+(?:above|below|(?:other\s+)?(?:options|answers|choices))\b/i,
  /\b(?:both|either|neither|only)\s+\(?[A-H]\)?\s*(?:,|and|or|nor|&)\s*\(?[A-H]\)?(?![\w-])/,
  /\b(?:[Oo]ptions?|[Aa]nswers?|[Cc]hoices?)\s+\(?(?:[A-H]|[1-9])\)?(?:\s*(?:,|and|or|&)\s*\(?(?:[A-H]|[1-9])\)?)+(?![\w-])/,
];

/** "A, B and C only.": a list of letters that ends the option. */
const LETTER_LIST_AT_END = /(?<![\w-])\(?[A-H]\)?\s*(?:,\s*\(?[A-H]\)?\s*)*(?:,\s*)?(?:and|or|&)\s+\(?[A-H]\)?(?![\w-])\s*(?:only|are|is|both)?\s*\.?$/;
/** How much of an option's end LETTER_LIST_AT_END reads: far more than any list of eight letters takes. */
const LETTER_LIST_ROOM = 200;

/**
 * The end of `s` that a list of letters ending it lies in, from a space on (a letter after it sees what it saw in
 * `s`). The list regex tries each letter as a start and reads on to the end: over the whole of an option of 10,000
 * "A, " it took seconds, over a megabyte of them hours. Any longer list ends in a shorter one, which this end holds.
 */
function letterListEnd(s: string): string {
  if (s.length <= LETTER_LIST_ROOM) return s;
  const end = s.slice(s.length - LETTER_LIST_ROOM);
  const space = end.search(/\s/);
  return space < 0 ? "" : end.slice(space);
}

/**
 * What every option that names another has (a cheap test first, as most options name none): a capital A to H or a
 * digit 1 to 9 standing as a word, or one of the words the patterns above are built on. The letters are capitals, as
 * in the patterns: the article "a" and other one-letter words sent almost every option to all the patterns.
 */
const MIGHT_REFER_LETTER = /\b[A-H1-9]\b/;
const MIGHT_REFER_WORD = /above|below|option|answer|choice/i;

export function refersToOtherOption(optionText: string): boolean {
  return (MIGHT_REFER_LETTER.test(optionText) || MIGHT_REFER_WORD.test(optionText)) && namesOtherOptions(optionText);
}

/** The patterns themselves, without the cheap test (which a test checks never changes the answer). */
export function namesOtherOptions(optionText: string): boolean {
  return REFERS_TO_OPTION.some((re) => re.test(optionText)) || LETTER_LIST_AT_END.test(letterListEnd(optionText));
}

/** A relative link target (not a URL, not an in-page anchor), without its fragment or query. */
export function relativeTarget(href: string): string | undefined {
  const h = href.trim();
  if (h === "" || h.startsWith("#") || h.startsWith("/") || h.startsWith("<")) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(h)) return undefined; // http:, https:, mailto:, data: …
  const cut = h.replace(/[?#].*$/, "");
  if (cut === "") return undefined;
  try {
    return decodeURIComponent(cut);
  } catch {
    return cut;
  }
}
