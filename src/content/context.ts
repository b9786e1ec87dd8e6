// What the readers of one file share: where they are, and where diagnostics go.

import type { Diagnostic, FrontMatter, Question, Reference } from "./model.js";
import { RULES, type RuleId } from "./rules.js";
import { columnOf, lineStarts } from "./lines.js";
import type { Token } from "marked";
import { relativeTarget } from "./text.js";
import type { ItemFacts } from "./set-rules.js";
import { isReferenceUrl } from "./item-rules.js";

/** A question as one file reads it, before ids are settled across everything loaded. */
export interface Draft {
  question: Question;
  /** The explicit id as written (maybe invalid), if the author wrote one. */
  explicitId?: string;
  /** Fingerprint of the stem's normalised words, for the repeated-stem check ("" for an empty stem). */
  stemKey: string;
  /** The id derived from the stem, for drafts without a valid explicit id. */
  derivedId?: string;
  /** Where an explicit id that cannot be used is written, for bad-id (usable ids are never placed). */
  idAt?: CommentPlace;
  /** Where each of `question.siblings` is written, in the same order, as read (before the bank makes them symmetric). */
  siblingsAt?: CommentPlace[];
  /** Warnings the question's `<!-- cogquiz-disable … -->` comment silences for it alone. */
  disabled?: RuleId[];
  /** What the content-set rules need of the question, taken before its texts are dropped (never cached). */
  facts?: ItemFacts;
}

/** Where a comment starts in the file: the warnings about what it says name this place. */
export interface CommentPlace {
  line: number;
  column: number;
}

/** Where the reader is in the heading tree. */
export interface Place {
  topic: string[];
  topicKey: string;
}

export interface RelativeLink {
  target: string;
  line: number;
  column: number;
  image: boolean;
}

export class FileContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly links: RelativeLink[] = [];
  private errors = 0;
  private starts: Int32Array | undefined;
  constructor(
    readonly file: string,
    readonly frontMatter: FrontMatter,
    /** The markdown body (after front matter). */
    private readonly body: string,
    /** Number of front-matter lines before the body. */
    readonly lineOffset: number,
  ) {}

  /**
   * A line of the body, or undefined past its end. Where lines start is found at the first finding that needs a
   * column (a clean file of a large bank never looks), and kept as offsets: a file with findings on every page is not
   * cut into thousands of strings that would live as long as its reading.
   */
  private sourceLine(line: number): string | undefined {
    const starts = (this.starts ??= lineStarts(this.body));
    const i = line - 1 - this.lineOffset;
    if (i < 0 || i >= starts.length) return undefined;
    return this.body.slice(starts[i]!, i + 1 < starts.length ? starts[i + 1]! - 1 : this.body.length);
  }

  report(rule: RuleId, line: number, message: string, column?: number): void {
    if (RULES[rule].severity === "error") this.errors++;
    this.diagnostics.push({
      file: this.file,
      line,
      column: column ?? columnOf(this.sourceLine(line)),
      severity: RULES[rule].severity,
      rule,
      message,
    });
  }

  /**
   * The 1-based column where `text` starts on a line of the file: `hint` when the text is there, else where the line
   * first has it, else the line's first visible character. For the few places reported inside a line (a link, a
   * comment), looked for only when one is found.
   */
  columnAt(line: number, text: string, hint?: number): number {
    const source = this.sourceLine(line);
    if (source !== undefined && text !== "") {
      if (hint !== undefined && hint > 0 && source.startsWith(text, hint - 1)) return hint;
      const at = source.indexOf(text);
      if (at >= 0) return at + 1;
    }
    return columnOf(source);
  }

  /** Counts this file's errors so far, to tell whether a question's own source has any. */
  errorCount(): number {
    return this.errors;
  }

  /** Records relative links of a block (for the missing-file check) and returns its web links as references. */
  collectLinks(tokens: readonly Token[] | undefined, blockRaw: string, blockLine: number, record = true): Reference[] {
    const refs: Reference[] = [];
    // Most blocks hold no link at all; only walk those whose text could (a hot path on big banks).
    if (!MAY_LINK.test(blockRaw)) return refs;
    // Links come in text order: each is looked for after the previous one, and lines are counted from there, so a
    // paragraph of many links costs a pass over it, not a pass per link.
    let from = 0;
    let lineAtFrom = blockLine;
    // Only relative links are placed (the missing-file check needs them; web links, most of a bank's, never are).
    const placeOfLink = (raw: string): { line: number; column: number } => {
      let at = blockRaw.indexOf(raw, from);
      let line: number;
      if (at < 0) {
        at = blockRaw.indexOf(raw);
        line = at < 0 ? blockLine : blockLine + countNewlines(blockRaw, 0, at);
      } else {
        lineAtFrom += countNewlines(blockRaw, from, at);
        from = at + 1;
        line = lineAtFrom;
      }
      // The column in the block's raw text is the column in the file when the block is written from the margin;
      // columnAt checks that and looks along the line otherwise (a block's tokens may be de-indented).
      const hint = at < 0 ? undefined : at - blockRaw.lastIndexOf("\n", at - 1);
      return { line, column: this.columnAt(line, firstLineOf(raw), hint) };
    };
    const visit = (list: readonly Token[] | undefined): void => {
      if (!list) return;
      for (const t of list) {
        if (t.type === "link" || t.type === "image") {
          const href = (t as { href: string }).href;
          const target = relativeTarget(href);
          if (target !== undefined) {
            if (!record) continue;
            const { line, column } = placeOfLink(t.raw);
            this.links.push({ target, line, column, image: t.type === "image" });
          } else if (t.type === "link" && /^[[<]/.test(t.raw) && isReferenceUrl(href)) {
            // A bare URL in prose is text, not a reference: often a template ({region}) or a local address.
            const text = (t as { text: string }).text.trim();
            refs.push({ title: text === "" || text === href ? href : text, url: href });
          }
        }
        const inner = t as { tokens?: Token[]; items?: Token[] };
        if (inner.tokens) visit(inner.tokens);
        if (inner.items) visit(inner.items);
        if (t.type === "table") {
          const table = t as { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
          for (const cell of table.header) visit(cell.tokens);
          for (const row of table.rows) for (const cell of row) visit(cell.tokens);
        }
      }
    };
    visit(tokens);
    return refs;
  }
}

/** Inline links, reference links, autolinks and bare URLs all leave one of these marks in the raw text. */
const MAY_LINK = /\]\(|\]\[|<|https?:|www\./;

function countNewlines(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = s.indexOf("\n", start); i !== -1 && i < end; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

function firstLineOf(s: string): string {
  const nl = s.indexOf("\n");
  return nl < 0 ? s : s.slice(0, nl);
}
