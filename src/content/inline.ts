// Inline text as marked's inline lexer tokenizes it, with a shortcut for what most of a bank's text is: plain words,
// single-backtick code spans and `[words](address)` links. Property tests hold the shortcut to marked's own tokens.

import { Lexer, type Token, type Tokens } from "marked";
import { isPlainInline } from "./text.js";

/** Emphasis, struck-out text and links nested deeper than this are refused, as lists and quotes are past 60 levels. */
export const MAX_INLINE_LEVELS = 60;

/** Inline marks nested past MAX_INLINE_LEVELS: a RangeError, as the stack overflow it stands in for. */
export class InlineTooDeep extends RangeError {}

/**
 * marked's lexer, refusing inline marks nested past MAX_INLINE_LEVELS. marked reads each level by calling itself, so
 * without a bound of its own a file would read or overflow depending on how much stack the reading thread has (a
 * parse thread has more than the main one): the bound is the file's, the same in every thread.
 */
export class BoundedLexer extends Lexer {
  private inlineDepth = 0;

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (this.inlineDepth > MAX_INLINE_LEVELS) throw new InlineTooDeep(`inline marks nested over ${MAX_INLINE_LEVELS} levels`);
    this.inlineDepth++;
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      this.inlineDepth--;
    }
  }
}

/**
 * Appends the inline tokens marked makes of `src` to `into`. Plain text, and text whose only marks are code spans and
 * simple links, are made here; anything else by the inline lexer of `lexer()` (called only then).
 */
export function inlineTokens(src: string, into: Token[], lexer: () => Lexer = () => new BoundedLexer({ gfm: true })): void {
  if (isPlainInline(src)) {
    if (src !== "") into.push(textToken(src));
  } else if (!simpleInline(src, into)) {
    lexer().inlineTokens(src, into);
  }
}

const BACKTICK = 96;
const OPEN_BRACKET = 91;
const SPACE = 32;

/** The inline text token marked makes of text no inline rule acts on. */
function textToken(text: string): Tokens.Text {
  return { type: "text", raw: text, text, escaped: false } as Tokens.Text;
}

/**
 * The inline tokens marked makes of text that is plain (see `isPlainInline`) but for code spans of single backticks
 * and links written `[plain words](address)`: most stems, options and explanations of a bank. Appends them to
 * `tokens` and says true; says false, having appended nothing, for anything else (emphasis, images, escapes,
 * entities, titles, references, autolinks, double backticks…), which marked's inline lexer reads. marked ends a text
 * token at every character an inline rule may start on and joins neighbouring text tokens again, so the text between
 * two code spans or links is one token.
 */
function simpleInline(src: string, tokens: Token[]): boolean {
  const out: Token[] = [];
  let text = 0;
  let i = 0;
  const pushText = (end: number): boolean => {
    if (end === text) return true;
    const t = src.slice(text, end);
    if (!isPlainInline(t)) return false;
    out.push(textToken(t));
    return true;
  };
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === BACKTICK) {
      const close = src.indexOf("`", i + 1);
      // One backtick each side, something between, no line break in it.
      if (close <= i + 1 || src.charCodeAt(close + 1) === BACKTICK) return false;
      const content = src.slice(i + 1, close);
      if (content.includes("\n")) return false;
      if (!pushText(i)) return false;
      const strip = content.length > 2 && content.charCodeAt(0) === SPACE && content.charCodeAt(content.length - 1) === SPACE && /[^ ]/.test(content);
      const raw = src.slice(i, close + 1);
      out.push({ type: "codespan", raw, text: strip ? content.slice(1, -1) : content } as Tokens.Codespan);
      i = close + 1;
      text = i;
    } else if (c === OPEN_BRACKET) {
      LINK.lastIndex = i;
      const link = LINK.exec(src);
      if (!link || !isPlainInline(link[1]!)) return false;
      if (!pushText(i)) return false;
      const label = link[1]!;
      const raw = link[0];
      out.push({
        type: "link",
        raw,
        href: link[2]!,
        title: null,
        text: label,
        tokens: [textToken(label)],
      } as Tokens.Link);
      i += raw.length;
      text = i;
    } else i++;
  }
  if (!pushText(src.length)) return false;
  for (const t of out) tokens.push(t);
  return true;
}

/** `[label](address)`: a label of one line without brackets, marks or backslashes; an address of URL characters only. */
const LINK = /\[([^\[\]\\`*_<>!&~\n]+)\]\(([A-Za-z0-9\-._~:/?#@$+,;=%]+)\)/y;
