// Multiple-choice questions with lettered options, the other shape community banks are written in:
//   1. Stem? (Choose TWO)          ← an item of any list (numbered, mostly), or a heading
//      - A. option                 ← options lettered A., B., … (or A), (A), **A)**) in order: a list under the stem,
//      - B. option                   or lines of their own in a paragraph
//      <details><summary>Answer</summary>Correct answer: A, C</details>   ← the answer line, after the options
//      > why                      ← optional: a blockquote after the options is the explanation
// Each becomes the question a task list would make, its keys the answer line's letters, read by
// readMultipleChoice: the same rules, ids and diagnostics.

import type { Token, Tokens } from "marked";
import type { Draft, FileContext, Place } from "./context.js";
import { readMultipleChoice, type Located } from "./multiple-choice.js";
import { LETTER, letteredOptions } from "./option-letters.js";
import { itemStems, stemHeading } from "./item-stems.js";
import { inlineTokens } from "./inline.js";
import { excerpt, plainText } from "./text.js";

/** "Correct answer: D", "Answer: A, C", "Correct Answer: AC", "**Answer:** B and D": the keys' letters. */
const ANSWER = /(?:^|[^A-Za-z])(?:[Cc]orrect\s+)?[Aa]nswers?\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*([A-H](?:(?:\s*(?:,|&|\band\b)\s*|\s*)[A-H])*)(?![A-Za-z0-9])/;

/** The letters an answer line names, in order, or undefined when the text has no answer line. */
export function answerLetters(text: string): string[] | undefined {
  const m = ANSWER.exec(text);
  return m ? [...new Set(m[1]!.match(/[A-H]/g)!)] : undefined;
}

/** A line that is an answer line from its start: "Correct answer: B", "**Answer:** A, C". */
const ANSWER_LINE = /^[ \t]*(?:\*\*|__)?(?:[Cc]orrect\s+)?[Aa]nswers?\s*(?:\*\*|__)?\s*[:：]/;

/**
 * A lettered list's options and what of the answer they hold. The last option may run on into an answer line
 * (`- C. option` then `Correct answer: B` on the next line, with no blank line between: markdown reads the answer as
 * more of the option's text); then that option is cut before the answer line, and `answerLead` is the answer line
 * with what follows it, ended by a line break. Otherwise the list is as it is and `answerLead` is empty. Only an
 * option of one block of text is cut.
 */
function listOptions(list: Located<Tokens.List>): { options: LetteredOptions; answerLead: string } {
  const whole = { options: fromList(list), answerLead: "" };
  const items = list.token.items;
  const last = items[items.length - 1]!;
  const body = last.tokens[0];
  if (last.tokens.length !== 1 || (body?.type !== "text" && body?.type !== "paragraph")) return whole;
  const lines = last.text.split("\n");
  const at = lines.findIndex((l, i) => i > 0 && ANSWER_LINE.test(l) && answerLetters(l) !== undefined);
  if (at < 0) return whole;
  const rawLines = last.raw.split("\n");
  // The item's raw has the same lines as its text, each with its indentation.
  if (rawLines.length !== lines.length) return whole;
  const text = lines.slice(0, at).join("\n");
  const raw = rawLines.slice(0, at).join("\n");
  const cut: Tokens.ListItem = { ...last, raw, text, tokens: [{ type: "text", raw: text, text, tokens: inlineOf(text) } as Tokens.Text] };
  const options = fromList({ token: { ...list.token, items: [...items.slice(0, -1), cut] }, line: list.line });
  return { options, answerLead: `${lines.slice(at).join("\n")}\n` };
}

/** An option item without its letter: a task item, marked as a key or not, with the tokens marked made of its text. */
function asTaskItem(item: Tokens.ListItem, checked: boolean): Tokens.ListItem | undefined {
  const first = item.tokens[0];
  const inline = (first as { tokens?: Token[] } | undefined)?.tokens;
  const lead = inline?.[0];
  if (!first || (first.type !== "text" && first.type !== "paragraph") || !inline || lead?.type !== "text") return undefined;
  const cut = LETTER.exec(first.raw)?.[0].length;
  const leadCut = LETTER.exec(lead.raw)?.[0].length;
  if (cut === undefined || leadCut === undefined) return undefined;
  const leadText = lead.raw.slice(leadCut);
  const rest = inline.slice(1);
  const text = first.raw.slice(cut);
  const stripped = { ...first, raw: text, text, tokens: leadText === "" ? rest : [{ ...lead, raw: leadText, text: leadText } as Token, ...rest] };
  const checkbox = { type: "checkbox", raw: "", checked } as Tokens.Checkbox;
  return { ...item, task: true, checked, tokens: [checkbox, stripped as Token, ...item.tokens.slice(1)] };
}

/** Whether a stem asks something (a question mark, or choose / select / pick): then lettered options are its options. */
function asks(title: string): boolean {
  return /\?|\b(?:choose|select|pick)\b/i.test(title);
}

/** What a stem followed by lettered options makes: a question, or nothing because it was reported instead. */
type Lettered = { draft: Draft } | { reported: true } | undefined;

/** The options of a lettered question, however written: how many, and the task list they make with these keys. */
interface LetteredOptions {
  count: number;
  taskList: (letters: readonly string[]) => Located<Tokens.List> | undefined;
}

/** The inline tokens of one line of text, as marked makes them. */
function inlineOf(text: string): Token[] {
  const tokens: Token[] = [];
  inlineTokens(text, tokens);
  return tokens;
}

/** A lettered option list (`- A. option` items) as task lists with these keys. */
function fromList(options: Located<Tokens.List>): LetteredOptions {
  return {
    count: options.token.items.length,
    taskList: (letters) => {
      const items: Tokens.ListItem[] = [];
      for (let i = 0; i < options.token.items.length; i++) {
        const task = asTaskItem(options.token.items[i]!, letters.includes(String.fromCharCode(65 + i)));
        if (!task) return undefined;
        items.push(task);
      }
      return { token: { ...options.token, items } as Tokens.List, line: options.line };
    },
  };
}

/** Lettered lines of a paragraph (`A. option` on lines of their own) as task lists with these keys. */
function fromLines(lines: readonly string[], line: number): LetteredOptions {
  return {
    count: lines.length,
    taskList: (letters) => {
      const items = lines.map((text, i): Tokens.ListItem => {
        const checked = letters.includes(String.fromCharCode(65 + i));
        const body = { type: "text", raw: text, text, tokens: inlineOf(text) } as Tokens.Text;
        const raw = i === lines.length - 1 ? text : `${text}\n`;
        return { type: "list_item", raw, task: true, checked, loose: false, text, tokens: [{ type: "checkbox", raw: "", checked } as Tokens.Checkbox, body] };
      });
      return { token: { type: "list", raw: lines.join("\n"), ordered: false, start: "", loose: false, items } as Tokens.List, line };
    },
  };
}

/** A paragraph's text split where lettered lines A, B, C… (two at least, in order) are: before them, them, after them. */
function letteredLines(text: string): { before: string[]; options: string[]; start: number; after: string[] } | undefined {
  const lines = text.split("\n");
  const letterOf = (l: string) => LETTER.exec(l.trimStart())?.[2];
  const start = lines.findIndex((l) => letterOf(l) === "A");
  if (start < 0) return undefined;
  const options: string[] = [];
  let k = start;
  while (k < lines.length && letterOf(lines[k]!) === String.fromCharCode(65 + options.length)) {
    const l = lines[k]!.trimStart();
    options.push(l.slice(LETTER.exec(l)![0].length).trimEnd());
    k++;
  }
  return options.length < 2 ? undefined : { before: lines.slice(0, start), options, start, after: lines.slice(k) };
}

/**
 * The question that `heading` (a real heading, or the text of an item standing in for one), the stem parts after it
 * and the lettered `options` make, with its answer line in `answerText` and its explanation among `after`. Undefined
 * when there is no answer line and the stem does not read as a question (notes with lettered bullets stay notes).
 */
function letteredQuestion(
  ctx: FileContext,
  place: Place,
  heading: Located<Tokens.Heading>,
  stemParts: Located<Token>[],
  options: LetteredOptions,
  after: Located<Token>[],
  answerText: string,
): Lettered {
  const title = plainText(heading.token.tokens, heading.token.text).trim();
  const letters = answerLetters(answerText);
  if (letters === undefined) {
    // A stem that asks something, with lettered options and no answer: a question the reader cannot grade.
    if (!asks(title)) return undefined;
    ctx.report(
      "lettered-without-answer",
      heading.line,
      `question "${excerpt(title)}" letters its options but has no answer line such as "Correct answer: B" after them, so it is not read`,
    );
    return { reported: true };
  }
  const last = String.fromCharCode(64 + options.count);
  const unknown = letters.filter((l) => l > last);
  if (unknown.length > 0) {
    ctx.report("unknown-answer-letter", heading.line, `the answer of "${excerpt(title)}" names ${unknown.join(", ")}, but its options run from A to ${last}`);
    return { reported: true };
  }
  const taskList = options.taskList(letters);
  if (!taskList) return undefined;
  const explanation = after.find((p) => p.token.type === "blockquote") as Located<Tokens.Blockquote> | undefined;
  return { draft: readMultipleChoice(ctx, place, heading, stemParts, taskList, explanation) };
}

const rawsOf = (parts: readonly Located<Token>[]): string => parts.map((p) => p.token.raw).join("\n");

function asHeading(text: string): Tokens.Heading {
  return { type: "heading", raw: text, text, depth: 6, tokens: inlineOf(text) } as Tokens.Heading;
}

/**
 * Reads the items of `list` that are lettered questions into `out`; returns how many items were questions (read, or
 * reported as unreadable). Other items are left to the other readers.
 */
export function letteredFromList(ctx: FileContext, place: Place, list: Located<Tokens.List>, out: Draft[], taken: ReadonlySet<Tokens.ListItem> = new Set()): Set<Tokens.ListItem> {
  const questions = new Set<Tokens.ListItem>();
  for (const { item, parts, stem } of itemStems(list)) {
    // An item already read as a question in the task-list shape.
    if (taken.has(item)) continue;
    const paragraph = stem.token;
    const at = parts.findIndex((p) => letteredOptions(p.token) !== undefined);
    let read: Lettered;
    if (at >= 1) {
      const heading = stemHeading(paragraph);
      const after = parts.slice(at + 1);
      const { options, answerLead } = listOptions(parts[at] as Located<Tokens.List>);
      read = letteredQuestion(ctx, place, { token: heading, line: stem.line }, parts.slice(1, at), options, after, `${answerLead}${rawsOf(after)}`);
    } else {
      // The options as lines of the item's own text, under the stem's lines.
      const lines = letteredLines(paragraph.text);
      if (!lines || lines.before.length === 0) continue;
      const after = parts.slice(1);
      const heading = asHeading(lines.before.join("\n"));
      read = letteredQuestion(ctx, place, { token: heading, line: stem.line }, [], fromLines(lines.options, stem.line + lines.start), after, `${lines.after.join("\n")}\n${rawsOf(after)}`);
    }
    if (!read) continue;
    questions.add(item);
    if ("draft" in read) out.push(read.draft);
  }
  return questions;
}

/**
 * A heading with lettered options under it (and no task list) up to `end`, the next heading: the question it makes,
 * undefined when it makes none (a topic with lettered notes), or `{ reported }` when it was reported instead. The
 * options are a lettered list, or lettered lines of a paragraph.
 */
export function letteredAfterHeading(
  ctx: FileContext,
  place: Place,
  heading: Located<Tokens.Heading>,
  located: Located<Token>[],
  from: number,
  end: number,
): (Lettered & { optionsAt: number }) | undefined {
  // A heading that asks something may have more stem before its options (a policy, a table); any other heading is a
  // question only when its options come right under it, so a topic with notes and questions of other shapes stays one.
  const asking = asks(plainText(heading.token.tokens, heading.token.text));
  for (let k = from; k < end; k++) {
    const here = located[k]!;
    if (here.token.type === "space" || (here.token.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(here.token.raw))) continue;
    const found = optionsIn(here, asking);
    if (!found) {
      if (asking) continue;
      return undefined;
    }
    const after = located.slice(k + 1, end);
    const stemParts = located.slice(from, k);
    if (found.stem) stemParts.push(found.stem);
    const read = letteredQuestion(ctx, place, heading, stemParts, found.options, after, `${found.answerLead}${rawsOf(after)}`);
    return read && { ...read, optionsAt: k };
  }
  return undefined;
}

/**
 * The lettered options a block under a heading holds: a lettered list, or a paragraph with lettered lines (the lines
 * before them more of the stem, which only a heading that asks may have; the lines after them may hold the answer).
 */
function optionsIn(
  block: Located<Token>,
  asking: boolean,
): { options: LetteredOptions; stem?: Located<Token>; answerLead: string } | undefined {
  if (letteredOptions(block.token) !== undefined) return listOptions(block as Located<Tokens.List>);
  if (block.token.type !== "paragraph") return undefined;
  const lines = letteredLines((block.token as Tokens.Paragraph).text);
  if (!lines || (!asking && lines.before.length > 0)) return undefined;
  const before = lines.before.join("\n");
  const found: { options: LetteredOptions; stem?: Located<Token>; answerLead: string } = {
    options: fromLines(lines.options, block.line + lines.start),
    answerLead: `${lines.after.join("\n")}\n`,
  };
  if (before.trim() !== "") found.stem = { token: { type: "paragraph", raw: before, text: before, tokens: inlineOf(before) } as Tokens.Paragraph, line: block.line };
  return found;
}
