// One markdown file → its topics, questions and diagnostics. Pure: text in, data out.
// The pipeline is marked's lexer tokens → our model; no regexes over raw lines where a token says what text is.

import { Lexer, type Token, type Tokens } from "marked";
import type { FrontMatter } from "./model.js";
import { FileContext, type Draft, type Place, type RelativeLink } from "./context.js";
import { splitFrontMatter } from "./front-matter.js";
import { newlines, withLines } from "./lines.js";
import { isTaskList, readMultipleChoice, type Located } from "./multiple-choice.js";
import { recallFromList, recallFromParagraph } from "./recall.js";
import { firstControlCharacter, normalise, plainText } from "./text.js";

/** Notes under one heading of one file. */
export interface TopicSection {
  path: string[];
  key: string;
  line: number;
  body: string;
}

export interface ParsedFile {
  file: string;
  frontMatter: FrontMatter;
  sections: TopicSection[];
  drafts: Draft[];
  diagnostics: FileContext["diagnostics"];
  links: RelativeLink[];
}

/** The key topics merge on: each title normalised, joined by " / ". */
export function topicKeyOf(path: readonly string[]): string {
  return path.map(normalise).join(" / ");
}

function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(md|markdown|mdown|mkd)$/i, "");
}

const MAX_CONTROL_REPORTS = 20;

export function parseFile(file: string, rawText: string): ParsedFile {
  const text = rawText.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const fm = splitFrontMatter(text);
  const sourceLines = fm.body.split("\n");
  const ctx = new FileContext(file, fm.frontMatter, sourceLines, fm.bodyLineOffset);
  for (const p of fm.problems) ctx.report("front-matter", p.line, p.message, p.column);
  reportControlCharacters(ctx, text);

  const sections: TopicSection[] = [];
  const drafts: Draft[] = [];
  const result = (): ParsedFile => ({ file, frontMatter: fm.frontMatter, sections, drafts, diagnostics: ctx.diagnostics, links: ctx.links });

  const deep = tooDeepLine(fm.body);
  if (deep >= 0) {
    ctx.report("too-deeply-nested", deep + 1 + fm.bodyLineOffset, "lists or quotes are nested too deeply to read (over 60 levels); flatten them", 1);
    return result();
  }
  let tokens: Token[];
  try {
    tokens = lexMarkdown(fm.body);
  } catch (e) {
    if (e instanceof RangeError) {
      ctx.report("too-deeply-nested", 1 + fm.bodyLineOffset, "lists or quotes are nested too deeply to read; flatten them", 1);
      return result();
    }
    throw e;
  }

  const located = withLines(tokens, fm.bodyLineOffset + 1);
  const fallback = fm.frontMatter.topic ?? fileTitle(file);
  const stack: { depth: number; title: string }[] = [];
  let place: Place = { topic: [fallback], topicKey: topicKeyOf([fallback]) };
  let section: TopicSection | undefined;

  const sectionFor = (line: number): TopicSection => {
    if (!section) {
      section = { path: place.topic, key: place.topicKey, line, body: "" };
      sections.push(section);
    }
    return section;
  };

  for (let i = 0; i < located.length; i++) {
    const { token, line } = located[i]!;
    if (token.type === "heading") {
      const heading = located[i] as Located<Tokens.Heading>;
      const end = nextHeading(located, i + 1);
      const listAt = findOptionList(located, i + 1, end);
      if (listAt >= 0) {
        const explanation = findExplanation(located, listAt + 1, end);
        drafts.push(
          readMultipleChoice(ctx, place, heading, located.slice(i + 1, listAt), located[listAt] as Located<Tokens.List>, explanation),
        );
        // What follows a question up to the next heading (separators, "back to top" links) is not notes,
        // but a recall card written there is still a card.
        for (let k = listAt + 1; k < end; k++) {
          const after = located[k]!;
          ctx.collectLinks(tokenChildren(after.token), after.token.raw, after.line);
          if (after.token.type === "list") recallFromList(ctx, place, after as Located<Tokens.List>, drafts);
          else if (after.token.type === "paragraph") {
            k += recallFromParagraph(ctx, place, after as Located<Tokens.Paragraph>, located.slice(k + 1, Math.min(k + 4, end)), drafts);
          }
        }
        i = end - 1;
        continue;
      }
      const title = plainText(heading.token.tokens, heading.token.text).trim();
      if (title === "") continue;
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.token.depth) stack.pop();
      stack.push({ depth: heading.token.depth, title });
      const path = stack.map((s) => s.title);
      place = { topic: path, topicKey: topicKeyOf(path) };
      section = { path, key: place.topicKey, line, body: "" };
      sections.push(section);
      ctx.collectLinks(heading.token.tokens, heading.token.raw, line);
      continue;
    }
    if (token.type === "space") {
      if (section) section.body += token.raw;
      continue;
    }
    const s = sectionFor(line);
    s.body += token.raw;
    if (token.raw.endsWith("\n") === false && i + 1 < located.length) s.body += "\n";
    ctx.collectLinks(tokenChildren(token), token.raw, line);
    if (token.type === "list") {
      recallFromList(ctx, place, located[i] as Located<Tokens.List>, drafts);
    } else if (token.type === "paragraph") {
      const consumed = recallFromParagraph(ctx, place, located[i] as Located<Tokens.Paragraph>, located.slice(i + 1, i + 4), drafts);
      for (let k = 1; k <= consumed; k++) {
        const next = located[i + k]!;
        s.body += next.token.raw;
        ctx.collectLinks(tokenChildren(next.token), next.token.raw, next.line);
      }
      i += consumed;
    }
  }
  for (const sec of sections) sec.body = sec.body.trim();
  return result();
}

/** Inline text with nothing marked's inline rules act on: emphasis, code, links, images, HTML, entities, escapes, autolinks, breaks. */
const PLAIN_INLINE = /^[^*_`[\]<>!&~\\@]*$/;
const INLINE_TRIGGER = /https?:|ftp:|www\.| {2,}\n/i;

/**
 * marked's lexer, with one shortcut: inline text that holds no character an inline rule acts on becomes the one text
 * token marked would make of it, without running every inline rule over it. A test checks the tokens are the same.
 */
export function lexMarkdown(src: string, shortcut = true): Token[] {
  const lexer = new Lexer({ gfm: true });
  if (!shortcut) return lexer.lex(src);
  const tokens = lexer.blockTokens(src.replace(/\r\n|\r/g, "\n"), lexer.tokens);
  for (const next of lexer.inlineQueue) {
    if (PLAIN_INLINE.test(next.src) && !INLINE_TRIGGER.test(next.src)) {
      if (next.src !== "") next.tokens.push({ type: "text", raw: next.src, text: next.src, escaped: false } as Tokens.Text);
    } else {
      lexer.state.inRawBlock = false;
      lexer.inlineTokens(next.src, next.tokens);
    }
  }
  lexer.inlineQueue = [];
  return tokens;
}

function tokenChildren(token: Token): Token[] | undefined {
  const t = token as { tokens?: Token[]; items?: Token[] };
  if (t.tokens) return t.tokens;
  if (t.items) return [token];
  if (token.type === "table") return [token];
  return undefined;
}

function nextHeading(located: Located<Token>[], from: number): number {
  for (let k = from; k < located.length; k++) if (located[k]!.token.type === "heading") return k;
  return located.length;
}

/** Index of the option list that makes a heading a question, or -1 when the heading is a topic. */
function findOptionList(located: Located<Token>[], from: number, end: number): number {
  for (let k = from; k < end; k++) {
    const t = located[k]!.token;
    if (isTaskList(t)) return k;
  }
  return -1;
}

function findExplanation(located: Located<Token>[], from: number, end: number): Located<Tokens.Blockquote> | undefined {
  for (let k = from; k < end; k++) {
    const t = located[k]!.token;
    if (t.type === "space" || (t.type === "html" && /^\s*<!--/.test(t.raw))) continue;
    return t.type === "blockquote" ? (located[k] as Located<Tokens.Blockquote>) : undefined;
  }
  return undefined;
}

// marked's work grows with the cube of nesting depth; past these bounds a file is refused, not read for minutes.
const TOO_DEEP = [/^[ \t]{160,}\S/, /^(?:[ \t]*>){60,}/, /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+){60,}/];
/** Characters that can open a nested line: indentation, quote marks, list markers. */
const NESTING = new Set([..." \t>-*+.)0123456789"].map((c) => c.charCodeAt(0)));

/** Index of the first line nested too deeply to read, or -1. One pass; only long line openings are looked at closely. */
function tooDeepLine(body: string): number {
  let line = 0;
  for (let start = 0; start < body.length; line++) {
    let i = start;
    while (i < body.length && NESTING.has(body.charCodeAt(i))) i++;
    const end = body.indexOf("\n", start);
    // Every limit needs an opening of at least 60 such characters.
    if (i - start >= 60) {
      const text = body.slice(start, end < 0 ? body.length : end);
      if (TOO_DEEP.some((re) => re.test(text))) return line;
    }
    if (end < 0) break;
    start = end + 1;
  }
  return -1;
}

function reportControlCharacters(ctx: FileContext, text: string): void {
  if (firstControlCharacter(text) < 0) return;
  const lines = text.split("\n");
  let reported = 0;
  for (let i = 0; i < lines.length && reported < MAX_CONTROL_REPORTS; i++) {
    const at = firstControlCharacter(lines[i]!);
    if (at < 0) continue;
    const code = lines[i]!.charCodeAt(at).toString(16).padStart(2, "0");
    ctx.report("control-character", i + 1, `control character \\x${code} in the text (shown escaped, never sent to the terminal)`, at + 1);
    reported++;
  }
}


