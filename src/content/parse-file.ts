// One markdown file → its topics, questions and diagnostics. Pure: text in, data out.
// The pipeline is marked's lexer tokens → our model; no regexes over raw lines where a token says what text is.

import { Tokenizer, type Links, type Token, type Tokens } from "marked";
import type { FrontMatter } from "./model.js";
import { FileContext, type Draft, type Place, type RelativeLink } from "./context.js";
import { splitFrontMatter } from "./front-matter.js";
import { unfoldDetails } from "./details.js";
import { leadingBlankLines, newlines, withLines } from "./lines.js";
import { isTaskList, readMultipleChoice, type Located } from "./multiple-choice.js";
import { recallFromList, recallFromParagraph, type Tail } from "./recall.js";
import { letteredAfterHeading, letteredFromList } from "./lettered.js";
import { itemStems, stemHeading } from "./item-stems.js";
import { allControls, controlKind, firstControl, neutraliseControls, percentControlInLink, visibleControl } from "./controls.js";
import { BoundedLexer, InlineTooDeep, MAX_INLINE_LEVELS, inlineTokens } from "./inline.js";
import { excerpt, plainText, topicKeyOf } from "./text.js";

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

function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(md|markdown|mdown|mkd)$/i, "");
}

const MAX_CONTROL_REPORTS = 20;

/**
 * `sectionChars`: the shortest run of the body lexed on its own (see `sectionStarts`); Infinity lexes the body whole.
 * Either way the outcome is the same.
 */
export function parseFile(file: string, rawText: string, sectionChars = MIN_SECTION_CHARS): ParsedFile {
  const text = rawText.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  // Controls, raw or as entities, become visible text before anything reads the file: no field of the model
  // (front matter, headings, stems, options, links) can carry one to a screen. Lines stay where they were.
  const fm = splitFrontMatter(neutraliseControls(text));
  const ctx = new FileContext(file, fm.frontMatter, fm.body, fm.bodyLineOffset);
  for (const p of fm.problems) ctx.report("front-matter", p.line, p.message, p.column);
  reportControlCharacters(ctx, text);
  reportFrontMatterControls(ctx, fm.frontMatter);

  const sections: TopicSection[] = [];
  const drafts: Draft[] = [];
  const result = (): ParsedFile => ({ file, frontMatter: fm.frontMatter, sections, drafts, diagnostics: ctx.diagnostics, links: ctx.links });

  const deep = tooDeepLine(fm.body);
  if (deep >= 0) {
    ctx.report("too-deeply-nested", deep + 1 + fm.bodyLineOffset, "lists or quotes are nested too deeply to read (over 60 levels); flatten them", 1);
    return result();
  }
  // A bank's sections are lexed and read one after another where that gives the tokens the whole file would (see
  // `sectionStarts`): a section's tokens are garbage once it is read, not carried through every collection of the
  // young generation while the rest of the file is lexed.
  const starts = sectionStarts(fm.body, sectionChars);
  let definitions: Links | undefined;
  const fallback = fm.frontMatter.topic ?? neutraliseControls(fileTitle(file));
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

  /** Reads the blocks of one run of the file's tokens; `last` when no tokens follow them. */
  const readBlocks = (located: Located<Token>[], last: boolean): void => {
    for (let i = 0; i < located.length; i++) {
      const { token, line } = located[i]!;
      if (token.type === "heading") {
        const heading = located[i] as Located<Tokens.Heading>;
        const end = nextHeading(located, i + 1);
        // What follows a question's options up to the next heading (separators, "back to top" links, an answer line)
        // is not notes, but a recall card written there is still a card.
        const afterQuestion = (from: number, asked: Draft): void => {
          for (let k = from; k < end; k++) {
            const after = located[k]!;
            // A question may silence the warning with a comment under its heading, as any other warning of its own.
            if (after.token.type === "html" && asked.disabled?.includes("misplaced-comment") !== true) {
              misplacedComments(ctx, after as Located<Tokens.HTML>, asked.question.title);
            }
            ctx.collectLinks(tokenChildren(after.token), after.token.raw, after.line);
            if (after.token.type === "list") recallFromList(ctx, place, after as Located<Tokens.List>, drafts);
            else if (after.token.type === "paragraph") {
              k += recallFromParagraph(ctx, place, after as Located<Tokens.Paragraph>, located.slice(k + 1, Math.min(k + 4, end)), drafts);
            }
          }
        };
        const listAt = findOptionList(located, i + 1, end);
        if (listAt >= 0) {
          const explanation = findExplanation(located, listAt + 1, end);
          const draft = readMultipleChoice(ctx, place, heading, located.slice(i + 1, listAt), located[listAt] as Located<Tokens.List>, explanation);
          drafts.push(draft);
          afterQuestion(listAt + 1, draft);
          i = end - 1;
          continue;
        }
        const lettered = letteredAfterHeading(ctx, place, heading, located, i + 1, end);
        if (lettered && "draft" in lettered) {
          drafts.push(lettered.draft);
          afterQuestion(lettered.optionsAt + 1, lettered.draft);
          i = end - 1;
          continue;
        }
        const title = plainText(heading.token.tokens, heading.token.text).trim();
        while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.token.depth) stack.pop();
        if (title === "") {
          // A heading with no words ends the topic above it, as any heading of its level would: what follows belongs to
          // the enclosing topic, not to the section before.
          const path = stack.length > 0 ? stack.map((s) => s.title) : [fallback];
          place = { topic: path, topicKey: topicKeyOf(path) };
          section = undefined;
          continue;
        }
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
      // A list of questions with lettered options is questions, not notes; a list that only holds some is both.
      let lettered: ReadonlySet<Tokens.ListItem> | undefined;
      if (token.type === "list") {
        const list = located[i] as Located<Tokens.List>;
        // Numbered questions with their options as a task list under each ("1. **Stem?**" then "   - [x] …").
        const tasked = taskListFromList(ctx, place, list, drafts);
        lettered = new Set([...tasked, ...letteredFromList(ctx, place, list, drafts, tasked)]);
        if (lettered.size === list.token.items.length) continue;
      }
      s.body += token.raw;
      if (token.raw.endsWith("\n") === false && (i + 1 < located.length || !last)) s.body += "\n";
      ctx.collectLinks(tokenChildren(token), token.raw, line);
      if (token.type === "list") {
        const tail = tailAfter(located, i + 1);
        // An item read as a lettered question is not a recall card too, whatever marker its stem starts with.
        recallFromList(ctx, place, located[i] as Located<Tokens.List>, drafts, tail, lettered);
        if (tail?.used) {
          // The code and the answer stay in the notes too, as they are written there.
          const through = located.indexOf(tail.answer as Located<Token>);
          for (let k = i + 1; k <= through; k++) {
            const next = located[k]!;
            s.body += next.token.raw;
            if (next.token.type !== "space") ctx.collectLinks(tokenChildren(next.token), next.token.raw, next.line);
          }
          i = through;
        }
      } else if (token.type === "blockquote") {
        recallFromQuote(ctx, place, located[i] as Located<Tokens.Blockquote>, drafts);
      } else if (token.type === "html") {
        recallFromDetails(ctx, place, located[i] as Located<Tokens.HTML>, drafts);
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
  };

  let firstLine = fm.bodyLineOffset + 1;
  for (let c = 0; c < starts.length; c++) {
    const text = starts.length === 1 ? fm.body : fm.body.slice(starts[c], starts[c + 1] ?? fm.body.length);
    let tokens: Token[];
    try {
      tokens = lexMarkdown(text);
    } catch (e) {
      if (!(e instanceof InlineTooDeep || e instanceof RangeError)) throw e;
      // A file too deep to read is reported as one, as the whole file's lexer finds it: what was read of the
      // sections before goes.
      if (starts.length > 1) return parseFile(file, rawText, Number.POSITIVE_INFINITY);
      if (e instanceof InlineTooDeep) {
        const levels = `over ${MAX_INLINE_LEVELS} levels`;
        ctx.report("too-deeply-nested", 1 + fm.bodyLineOffset, `emphasis, struck-out text or links are nested too deeply to read (${levels}); flatten them`, 1);
      } else {
        const long = longLineOf(text);
        if (long) {
          const mb = (long.length / 1e6).toFixed(1);
          ctx.report("line-too-long", long.line + fm.bodyLineOffset, `this line is ${mb} MB of text, too long for the markdown reader; break it up or remove it (an inlined image: link a file instead)`, 1);
        } else {
          ctx.report("too-deeply-nested", 1 + fm.bodyLineOffset, "lists or quotes are nested too deeply to read; flatten them", 1);
        }
      }
      return result();
    }
    // Sections are cut only from a file with no link definitions: the whole file's are in its one run of tokens.
    if (c === 0) definitions = (tokens as { links?: Links }).links;
    const last = c === starts.length - 1;
    readBlocks(withLines(tokens, firstLine), last);
    // The next run's first line; a file read whole (most are) is not counted through for it.
    if (!last) firstLine += newlines(text);
  }
  for (const sec of sections) sec.body = sec.body.trim();
  if (definitions !== undefined && Object.keys(definitions).length > 0) carryDefinitions(definitions, sections, drafts);
  return result();
}

/**
 * Reference links (`[the guide][cog]`, `[Cognito]`) resolve against definitions anywhere in the file, but a topic's
 * notes, a stem, an answer or an explanation is shown on its own, away from the definitions at the file's end. Each
 * such text gets the definitions it names, so its links show as links, not as brackets, on every screen and export.
 */
function carryDefinitions(definitions: Links, sections: TopicSection[], drafts: Draft[]): void {
  for (const sec of sections) sec.body = withDefinitions(sec.body, definitions);
  for (const { question: q } of drafts) {
    q.stem = withDefinitions(q.stem, definitions);
    if (q.kind === "recall") q.answer = withDefinitions(q.answer, definitions);
    else {
      if (q.explanation !== undefined) q.explanation = withDefinitions(q.explanation, definitions);
      for (const c of q.choices) if (c.feedback !== undefined) c.feedback = withDefinitions(c.feedback, definitions);
    }
  }
}

/** A bracketed text that can be a reference link's label: no brackets inside but escaped ones. */
const LABEL = /\[((?:[^[\]\\]|\\.)+)\]/g;

/**
 * `markdown` followed by the definitions of the labels it names in brackets (and does not define itself). Looked up
 * by label, so a file of many questions and many definitions costs what its texts' brackets do.
 */
export function withDefinitions(markdown: string, definitions: Links): string {
  if (!markdown.includes("[")) return markdown;
  // Labels match as marked matches them: case and runs of white space aside.
  const text = markdown.toLowerCase().replace(/\s+/g, " ");
  const named = new Set<string>();
  const defined = new Set<string>();
  for (const m of text.matchAll(LABEL)) {
    const label = m[1]!;
    if (text[m.index + m[0].length] === ":") defined.add(label);
    else named.add(label);
  }
  const lines: string[] = [];
  for (const label of named) {
    const definition = Object.hasOwn(definitions, label) ? definitions[label] : undefined;
    if (definition === undefined || defined.has(label)) continue;
    const { href, title } = definition;
    if (/\s/.test(href)) continue;
    const target = /[<>]/.test(href) ? href : `<${href}>`;
    // A title's backslashes and quotes escaped, or `"C:\"` would end in an escaped quote and the line read as text.
    lines.push(`[${label}]: ${target}${title ? ` "${title.replace(/["\\]/g, "\\$&")}"` : ""}`);
  }
  return lines.length === 0 ? markdown : `${markdown}\n\n${lines.join("\n")}`;
}


/**
 * Recall cards in a quote of notes: a callout or a GitHub alert (`> [!TIP]`) often holds a sample block or a Q:/A:
 * pair, and they are cards as anywhere else. (A quote after a question's options is its explanation, not read here.)
 */
function recallFromQuote(ctx: FileContext, place: Place, quote: Located<Tokens.Blockquote>, drafts: Draft[]): void {
  recallFromBlocks(ctx, place, withLines(quote.token.tokens, quote.line), drafts, true);
}

/**
 * Recall cards in blocks read apart from the file's own (a quote's, a `<details>` block's): lists and paragraphs, as
 * the file's are read; with `quotes`, quotes within them too.
 */
function recallFromBlocks(ctx: FileContext, place: Place, inner: Located<Token>[], drafts: Draft[], quotes: boolean): void {
  for (let k = 0; k < inner.length; k++) {
    const part = inner[k]!;
    if (part.token.type === "list") recallFromList(ctx, place, part as Located<Tokens.List>, drafts);
    else if (quotes && part.token.type === "blockquote") recallFromQuote(ctx, place, part as Located<Tokens.Blockquote>, drafts);
    else if (part.token.type === "paragraph") {
      k += recallFromParagraph(ctx, place, part as Located<Tokens.Paragraph>, inner.slice(k + 1, k + 4), drafts);
    }
  }
}

/** A line that opens a sample block or a Q: card, as a bullet or a paragraph. */
const CARD_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]*(?:\*\*|__|\*|_|`)?[ \t]*(?:sample|q\s?\d{0,3}|question)\b/im;

/**
 * Cards in a `<details>` block written without a blank line after its `<summary>`: markdown then reads the whole block
 * as HTML, though the notes in it are written as markdown (and mean a sample block hidden a click away). The block is
 * read as markdown without its tags, each line where it was.
 */
function recallFromDetails(ctx: FileContext, place: Place, html: Located<Tokens.HTML>, drafts: Draft[]): void {
  const raw = html.token.raw;
  if (!/^\s*<details\b/i.test(raw) || !CARD_LINE.test(raw)) return;
  // The tags and the summary, which hold no cards, go; their line breaks stay, so each line is where it was.
  const { text } = unfoldDetails(raw, (tag) => tag.replace(/[^\n]/g, ""));
  let tokens: Token[];
  try {
    tokens = lexMarkdown(text);
  } catch {
    return;
  }
  recallFromBlocks(ctx, place, withLines(tokens, html.line - leadingBlankLines(raw)), drafts, false);
}

/** Sections of at least this many characters: a cut costs a lexer, and a small file gains nothing from cuts. */
const MIN_SECTION_CHARS = 16 * 1024;

/**
 * Where a file's body can be cut into runs that marked lexes, one by one, into exactly the tokens it makes of the
 * whole: before a heading line (`#` to `######` at the margin, then a space, a tab or the line's end) that follows an
 * empty line, outside fenced code and HTML comments. Every block marked reads ends there: a paragraph, a list, a
 * quote, a table or an HTML block ends at an empty line or a heading, and one that can run on past both (fenced code,
 * a comment) is followed line by line. Cuts stop at the first line whose reading is less plain than that: an HTML
 * line other than a comment, or a fence or comment opened after indentation (it may be inside a list item). A body
 * with link definitions (`]:`) is not cut: a definition serves the whole file. Runs are at least MIN_SECTION_CHARS
 * long; the first starts at 0.
 */
export function sectionStarts(body: string, minChars: number): number[] {
  const starts = [0];
  if (body.length < 2 * minChars || body.includes("]:")) return starts;
  /** The fence open (its marks), else undefined. */
  let fence: string | undefined;
  // Only lines that can open or close something, or be a cut, are looked at: a heading, or a backtick, a tilde or a
  // `<` after at most three spaces. The rest of a bank's lines are passed over by the pattern.
  const notable = /^(?:#| {0,3}[`~<])/gm;
  for (let m = notable.exec(body); m; m = notable.exec(body)) {
    const start = m.index;
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    notable.lastIndex = end;
    if (fence !== undefined) {
      if (closesFence(body, start, end, fence)) fence = undefined;
      continue;
    }
    if (body.charCodeAt(start) === 35 /* # */) {
      const previousEmpty = start >= 2 && body.charCodeAt(start - 1) === 10 && body.charCodeAt(start - 2) === 10;
      if (previousEmpty && start - starts[starts.length - 1]! >= minChars && isHeadingLine(body, start, end)) starts.push(start);
      continue;
    }
    const i = start + m[0].length - 1;
    const opens = body.charCodeAt(i) === 60 ? (body.startsWith("<!--", i) ? "comment" : "html") : fenceAt(body, i, end);
    if (opens === undefined) continue;
    if (i > start || opens === "html") return starts;
    if (opens === "comment") {
      if (/^-?>/.test(body.slice(i + 4, i + 6))) continue;
      // The comment runs to the end of the line its `-->` is on; one never closed runs to the end of the file.
      const close = body.indexOf("-->", i + 4);
      if (close < 0) return starts;
      const after = body.indexOf("\n", close);
      notable.lastIndex = after < 0 ? body.length : after;
    } else fence = opens;
  }
  return starts;
}

/** The marks of a fence opening at `i` (three or more backticks with none after them on the line, or tildes). */
function fenceAt(body: string, i: number, end: number): string | undefined {
  const mark = body.charCodeAt(i);
  if (mark !== 96 && mark !== 126) return undefined;
  let j = i;
  while (j < end && body.charCodeAt(j) === mark) j++;
  if (j - i < 3) return undefined;
  if (mark === 96 && body.slice(j, end).includes("`")) return undefined;
  return body.slice(i, j);
}

/** Whether the line closes a fence opened with `marks`, as marked reads one: up to 3 spaces, the marks, then ` or ~, spaces. */
function closesFence(body: string, start: number, end: number, marks: string): boolean {
  let i = start;
  while (i < end && i - start < 3 && body.charCodeAt(i) === 32) i++;
  if (!body.startsWith(marks, i)) return false;
  return /^[~`]* *$/.test(body.slice(i + marks.length, end));
}

function isHeadingLine(body: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 7 && body.charCodeAt(i) === 35) i++;
  const level = i - start;
  if (level < 1 || level > 6) return false;
  const after = body.charCodeAt(i);
  return i === end || after === 32 || after === 9;
}

/**
 * marked's lexer, with shortcuts for the shapes question banks are made of, each giving the tokens marked would make:
 * - a tight task list of one-line options (see `tightTaskList`);
 * - a quote of one line, the usual explanation (see `oneLineQuote`);
 * - inline text that is plain, or plain but for code spans and simple links (see inline.ts), without running every
 *   inline rule over it.
 * Tests check the tokens are the same as marked's own, on generated markdown and on the bundled content.
 */
/**
 * The longest line of `text` when it is what overflowed the lexer: over a megabyte, and not a run of list or quote
 * markers or indentation (nesting, which overflows it too). Its 1-based line number and length in characters.
 */
export function longLineOf(text: string): { line: number; length: number } | undefined {
  let best = { line: 0, length: 0, from: 0 };
  let line = 1;
  for (let from = 0; from <= text.length; line++) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    if (to - from > best.length) best = { line, length: to - from, from };
    from = to + 1;
  }
  if (best.length < 1_000_000) return undefined;
  // Markers of nesting at the line's start: spaces, tabs, '>', and list bullets or numbers followed by a space.
  const head = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*/y;
  head.lastIndex = best.from;
  head.exec(text);
  const nesting = head.lastIndex - best.from;
  return nesting > best.length / 2 ? undefined : { line: best.line, length: best.length };
}

export function lexMarkdown(src: string, shortcut = true): Token[] {
  if (!shortcut) return new BoundedLexer({ gfm: true }).lex(src);
  const lexer = new BoundedLexer({ gfm: true, tokenizer: new ShortcutTokenizer() });
  const tokens = lexer.blockTokens(src.replace(/\r\n|\r/g, "\n"), lexer.tokens);
  for (const next of lexer.inlineQueue) {
    inlineTokens(next.src, next.tokens, () => {
      lexer.state.inRawBlock = false;
      return lexer;
    });
  }
  lexer.inlineQueue = [];
  return tokens;
}

/** marked's tokenizer, but a list that `tightTaskList` can read is read there. */
class ShortcutTokenizer extends Tokenizer {
  override list(src: string): Tokens.List | undefined {
    // marked treats a list differently inside list items (after text, or where top-level paragraphs are off).
    const state = this.lexer.state;
    if (state.top && state.lastToken?.type !== "text") {
      const list = tightTaskList(src, this.lexer.inlineQueue);
      if (list) return list;
    }
    return super.list(src);
  }

  override blockquote(src: string): Tokens.Blockquote | undefined {
    return oneLineQuote(src, this.lexer.inlineQueue) ?? super.blockquote(src);
  }
}

/** An ASCII letter: a line that starts with one is a paragraph, whatever follows on it. */
function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The tokens marked makes of a quote of one line, `> Text`, followed by a blank line or the end: the shape of most
 * explanations. A line that starts with a letter is a paragraph (no block rule starts with one, and the rules that
 * read a second line have none), so the quote holds one paragraph of the line's text. Anything else (more lines,
 * lazy continuation, another marker, a space or a mark after the marker) goes to marked's tokenizer, which lexes the
 * quote's content as a document of its own.
 */
function oneLineQuote(src: string, inlineQueue: { src: string; tokens: Token[] }[]): Tokens.Blockquote | undefined {
  if (src.charCodeAt(0) !== 62 || src.charCodeAt(1) !== SPACE || !isAsciiLetter(src.charCodeAt(2))) return undefined;
  let end = src.indexOf("\n", 2);
  if (end < 0) end = src.length;
  else if (end + 1 < src.length && src.charCodeAt(end + 1) !== NEWLINE) return undefined;
  const text = src.slice(2, end);
  const tokens: Token[] = [];
  inlineQueue.push({ src: text, tokens });
  const paragraph: Tokens.Paragraph = { type: "paragraph", raw: text, text, tokens };
  return { type: "blockquote", raw: src.slice(0, end), tokens: [paragraph], text };
}

const SPACE = 32;
const NEWLINE = 10;

/** What marked's `\s` and `trimEnd` count as white space: ASCII tab to carriage return, space, and Unicode spaces. */
function isWhiteSpace(code: number): boolean {
  return code === SPACE || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

/** Is there an option line `- [ ] text` at `at`, with this bullet? Returns where its text starts, or -1. */
function taskLineAt(src: string, at: number, bullet: number): number {
  if (src.charCodeAt(at) !== bullet || src.charCodeAt(at + 1) !== SPACE || src.charCodeAt(at + 2) !== 91 || src.charCodeAt(at + 4) !== 93) {
    return -1;
  }
  const box = src.charCodeAt(at + 3);
  if ((box !== SPACE && box !== 120 && box !== 88) || src.charCodeAt(at + 5) !== SPACE) return -1;
  const first = src.charCodeAt(at + 6);
  return Number.isNaN(first) || isWhiteSpace(first) ? -1 : at + 6;
}

/**
 * The tokens marked makes of a tight task list whose options are one line each (`- [x] text`, no indentation, no white
 * space after the text), followed by a blank line or the end of the text, and by no further item of the same bullet.
 * Any other list (loose, nested, continued, with feedback, ordered…) returns undefined and goes to marked's tokenizer.
 * marked's list tokenizer builds a regex per item and lexes each option as a nested document; on a big bank that is
 * half of all lexing. The option texts join the inline queue in the order marked would queue them.
 */
function tightTaskList(src: string, inlineQueue: { src: string; tokens: Token[] }[]): Tokens.List | undefined {
  const bullet = src.charCodeAt(0);
  if (bullet !== 45 && bullet !== 42 && bullet !== 43) return undefined; // - * +
  const lines: { start: number; text: number; end: number }[] = [];
  let at = 0;
  for (;;) {
    const text = taskLineAt(src, at, bullet);
    if (text < 0) return undefined;
    let end = src.indexOf("\n", text);
    if (end < 0) end = src.length;
    if (isWhiteSpace(src.charCodeAt(end - 1))) return undefined;
    lines.push({ start: at, text, end });
    if (end === src.length) break;
    if (src.charCodeAt(end + 1) === bullet) {
      at = end + 1;
      continue;
    }
    // What ends the list: blank lines, then the end or a line that starts at the margin with something else.
    let next = end + 1;
    if (src.charCodeAt(next) !== NEWLINE) return undefined;
    while (src.charCodeAt(next) === NEWLINE) next++;
    if (next < src.length) {
      const c = src.charCodeAt(next);
      if (c === SPACE || c === 9 || c === bullet) return undefined;
    }
    break;
  }
  const items: Tokens.ListItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { start, text, end } = lines[i]!;
    const body = src.slice(text, end);
    const tokens: Token[] = [];
    inlineQueue.push({ src: body, tokens });
    const checked = src.charCodeAt(start + 3) !== SPACE;
    const item: Tokens.ListItem = {
      type: "list_item",
      raw: src.slice(start, i === lines.length - 1 ? end : end + 1),
      task: true,
      loose: false,
      text: body,
      tokens: [
        { type: "checkbox", raw: `${src.slice(start + 2, start + 5)} `, checked } as Tokens.Checkbox,
        { type: "text", raw: body, text: body, tokens } as Tokens.Text,
      ],
    };
    item.checked = checked;
    items.push(item);
  }
  return { type: "list", raw: src.slice(0, lines[lines.length - 1]!.end), ordered: false, start: "", loose: false, items };
}

function tokenChildren(token: Token): Token[] | undefined {
  const t = token as { tokens?: Token[]; items?: Token[] };
  if (t.tokens) return t.tokens;
  if (t.items) return [token];
  if (token.type === "table") return [token];
  return undefined;
}

/** A code block and then a list right after position `from` (blank lines aside): see `Tail`. */
function tailAfter(located: Located<Token>[], from: number): Tail | undefined {
  let k = from;
  while (located[k]?.token.type === "space") k++;
  const code = located[k];
  if (code?.token.type !== "code") return undefined;
  k++;
  while (located[k]?.token.type === "space") k++;
  const answer = located[k];
  if (answer?.token.type !== "list") return undefined;
  return { code: code as Located<Tokens.Code>, answer: answer as Located<Tokens.List>, used: false };
}

function nextHeading(located: Located<Token>[], from: number): number {
  for (let k = from; k < located.length; k++) if (located[k]!.token.type === "heading") return k;
  return located.length;
}

/**
 * The items of a list that are questions in the task-list shape, each read as one: the item's first paragraph is the
 * stem (as a heading would be), what follows up to a task list is the rest of the stem, the task list its options,
 * and a quote after them its explanation.
 */
function taskListFromList(ctx: FileContext, place: Place, list: Located<Tokens.List>, out: Draft[]): Set<Tokens.ListItem> {
  const questions = new Set<Tokens.ListItem>();
  if (list.token.items.every((item) => item.task)) return questions;
  for (const { item, parts, stem } of itemStems(list)) {
    if (item.task) continue;
    const at = findOptionList(parts, 1, parts.length);
    if (at < 0) continue;
    const explanation = findExplanation(parts, at + 1, parts.length);
    out.push(readMultipleChoice(ctx, place, { token: stemHeading(stem.token), line: stem.line }, parts.slice(1, at), parts[at] as Located<Tokens.List>, explanation));
    questions.add(item);
  }
  return questions;
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
const MAX_INDENT = 160;
const MAX_LEVELS = 60;
/** Characters that can open a nested line: indentation, quote marks, list markers. */
const NESTING = new Set([..." \t>-*+.)0123456789"].map((c) => c.charCodeAt(0)));

const isBlank = (c: number): boolean => c === SPACE || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Whether the line from `start` to `end` opens nested too deeply: 160 columns of indentation before text, or 60
 * levels of quote marks and list markers (`>`, `- `, `1. `), mixed or not. A plain loop that stops at the limit:
 * a regex over a line of millions of markers would overflow its stack.
 */
function nestsTooDeeply(body: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isBlank(body.charCodeAt(i))) i++;
  if (i - start >= MAX_INDENT && i < end) return true;
  let levels = 0;
  for (i = start; levels < MAX_LEVELS; ) {
    while (i < end && isBlank(body.charCodeAt(i))) i++;
    const c = body.charCodeAt(i);
    if (c === 62 /* > */) {
      i++;
    } else if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlank(body.charCodeAt(i + 1))) {
      i += 2;
    } else if (isDigit(c)) {
      let j = i;
      while (j < end && j - i < 10 && isDigit(body.charCodeAt(j))) j++;
      const mark = body.charCodeAt(j);
      if (j - i > 9 || (mark !== 46 && mark !== 41) /* . ) */ || !isBlank(body.charCodeAt(j + 1))) return false;
      i = j + 2;
    } else {
      return false;
    }
    levels++;
  }
  return true;
}

/** Index of the first line nested too deeply to read, or -1. One pass; only long line openings are looked at closely. */
function tooDeepLine(body: string): number {
  let line = 0;
  for (let start = 0; start < body.length; line++) {
    let i = start;
    while (i < body.length && NESTING.has(body.charCodeAt(i))) i++;
    const end = body.indexOf("\n", start);
    // Every limit needs an opening of at least 60 such characters.
    if (i - start >= MAX_LEVELS && nestsTooDeeply(body, start, end < 0 ? body.length : end)) return line;
    if (end < 0) break;
    start = end + 1;
  }
  return -1;
}

/** Controls however written: raw, or as a numeric entity (`&#27;`, `&#x1b;`), in text and link targets alike; each one. */
function reportControlCharacters(ctx: FileContext, text: string): void {
  if (!firstControl(text) && !(text.includes("%") && text.includes("](") && /%(?:[01]|7f|[89])/i.test(text))) return;
  const lines = text.split("\n");
  let reported = 0;
  for (let i = 0; i < lines.length && reported < MAX_CONTROL_REPORTS; i++) {
    const line = lines[i]!;
    const found = allControls(line);
    const encoded = percentControlInLink(line);
    if (encoded) found.push(encoded);
    for (const f of found) {
      if (reported === MAX_CONTROL_REPORTS) break;
      const how = f.written === "raw" ? "" : f.written.startsWith("%") ? ", percent-encoded in a link target," : ", written as an HTML numeric entity,";
      ctx.report(
        "control-character",
        i + 1,
        `${controlKind(f.code)} ${visibleControl(f.code)}${how} in the text (shown escaped, never sent to the terminal)`,
        f.index + 1,
      );
      reported++;
    }
  }
}

/** YAML escapes (`"\e"`, `"\u001b"`) make controls of plain text: front-matter values are neutralised after parsing. */
function reportFrontMatterControls(ctx: FileContext, fm: FrontMatter): void {
  const clean = (key: string, v: string): string => {
    const safe = neutraliseControls(v);
    if (safe !== v) ctx.report("control-character", 1, `control character in front matter \`${key}\` (shown escaped, never sent to the terminal)`, 1);
    return safe;
  };
  if (fm.topic !== undefined) fm.topic = clean("topic", fm.topic);
  if (fm.domain !== undefined) fm.domain = clean("domain", fm.domain);
  fm.tags = fm.tags.map((t) => clean("tags", t));
  if (fm.domains) fm.domains = fm.domains.map((t) => clean("domains", t));
}

/** What a question comment is called in messages, by its keyword. */
const COMMENT_KINDS = /<!--\s*(id\s*:|siblings\b|domains?\b|cogquiz-disable\b)/gi;

/**
 * An id, siblings, domains or cogquiz-disable comment after a question's options: the question's comments are read
 * under its heading only, so this one applies to nothing, and its author believes otherwise.
 */
function misplacedComments(ctx: FileContext, html: Located<Tokens.HTML>, title: string): void {
  const raw = html.token.raw;
  if (!raw.includes("<!--")) return;
  const first = html.line - leadingBlankLines(raw);
  for (const m of raw.matchAll(COMMENT_KINDS)) {
    const kind = m[1]!.replace(/\s*:$/, "").toLowerCase();
    const before = raw.slice(0, m.index);
    const line = first + newlines(before);
    const column = m.index - before.lastIndexOf("\n");
    ctx.report(
      "misplaced-comment",
      line,
      `this ${kind} comment follows the options of "${excerpt(title)}" and applies to nothing; write it under the question's heading, before the options`,
      column,
    );
  }
}
