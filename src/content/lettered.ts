// Multiple-choice questions with lettered options, the other shape community banks are written in:
//   1. Stem? (Choose TWO)          ← an item of any list (numbered, mostly)
//      - A. option                 ← options lettered A., B., … (or A), (A)) in order, as a list under the stem
//      - B. option
//      <details><summary>Answer</summary>Correct answer: A, C</details>   ← the answer line, in the item
//      > why                      ← optional: a blockquote in the item is the explanation
// Each becomes the question a task list would make, its keys the answer line's letters, read by
// readMultipleChoice: the same rules, ids and diagnostics.

import type { Token, Tokens } from "marked";
import type { Draft, FileContext, Place } from "./context.js";
import { leadingBlankLines, newlines, withLines } from "./lines.js";
import { readMultipleChoice, type Located } from "./multiple-choice.js";
import { excerpt, plainText } from "./text.js";

/** "A. ", "A) ", "(A) ": an option's letter, and the text after it. */
const LETTER = /^\(?([A-H])[.)][ \t]+/;
/** "Correct answer: D", "Answer: A, C", "Correct Answer: AC", "**Answer:** B and D": the keys' letters. */
const ANSWER = /(?:^|[^A-Za-z])(?:[Cc]orrect\s+)?[Aa]nswers?\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*([A-H](?:(?:\s*(?:,|&|\band\b)\s*|\s*)[A-H])*)(?![A-Za-z0-9])/;

/** The letters an answer line names, in order, or undefined when the text has no answer line. */
export function answerLetters(text: string): string[] | undefined {
  const m = ANSWER.exec(text);
  return m ? [...new Set(m[1]!.match(/[A-H]/g)!)] : undefined;
}

/** The option list under a stem when its items are lettered A, B, C… in order (two at least). */
function letteredOptions(token: Token): Tokens.List | undefined {
  if (token.type !== "list") return undefined;
  const list = token as Tokens.List;
  if (list.items.length < 2) return undefined;
  for (let i = 0; i < list.items.length; i++) {
    const m = LETTER.exec(list.items[i]!.text);
    if (!m || m[1]!.charCodeAt(0) !== 65 + i) return undefined;
  }
  return list;
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

/** What a stem followed by lettered options makes: a question, or nothing because it was reported instead. */
type Lettered = { draft: Draft } | { reported: true } | undefined;

/**
 * The question that `heading` (a real heading, or an item's first paragraph standing in for one), the stem parts
 * after it and the lettered `options` make, with its answer line and explanation somewhere in `after`. Undefined when
 * there is no answer line and the stem does not read as a question (notes with lettered bullets stay notes).
 */
function letteredQuestion(
  ctx: FileContext,
  place: Place,
  heading: Located<Tokens.Heading>,
  stemParts: Located<Token>[],
  options: Located<Tokens.List>,
  after: Located<Token>[],
): Lettered {
  const title = plainText(heading.token.tokens, heading.token.text).trim();
  const letters = answerLetters(after.map((p) => p.token.raw).join("\n"));
  if (letters === undefined) {
    // A stem that asks something, with lettered options and no answer: a question the reader cannot grade.
    if (!/\?|\b(?:choose|select|pick)\b/i.test(title)) return undefined;
    ctx.report(
      "lettered-without-answer",
      heading.line,
      `question "${excerpt(title)}" letters its options but has no answer line such as "Correct answer: B" after them, so it is not read`,
    );
    return { reported: true };
  }
  const last = String.fromCharCode(64 + options.token.items.length);
  const unknown = letters.filter((l) => l > last);
  if (unknown.length > 0) {
    ctx.report("unknown-answer-letter", heading.line, `the answer of "${excerpt(title)}" names ${unknown.join(", ")}, but its options run from A to ${last}`);
    return { reported: true };
  }
  const items: Tokens.ListItem[] = [];
  for (let i = 0; i < options.token.items.length; i++) {
    const task = asTaskItem(options.token.items[i]!, letters.includes(String.fromCharCode(65 + i)));
    if (!task) return undefined;
    items.push(task);
  }
  const explanation = after.find((p) => p.token.type === "blockquote") as Located<Tokens.Blockquote> | undefined;
  const taskList = { ...options.token, items } as Tokens.List;
  return { draft: readMultipleChoice(ctx, place, heading, stemParts, { token: taskList, line: options.line }, explanation) };
}

/**
 * Reads the items of `list` that are lettered questions into `out`; returns how many items were questions (read, or
 * reported as unreadable). Other items are left to the other readers.
 */
export function letteredFromList(ctx: FileContext, place: Place, list: Located<Tokens.List>, out: Draft[]): number {
  let questions = 0;
  let nextLine = list.line;
  for (const item of list.token.items) {
    const itemLine = nextLine + leadingBlankLines(item.raw);
    nextLine += newlines(item.raw);
    const parts = withLines(item.tokens, itemLine);
    const stem = parts[0];
    if (!stem || (stem.token.type !== "paragraph" && stem.token.type !== "text")) continue;
    const at = parts.findIndex((p) => letteredOptions(p.token) !== undefined);
    if (at < 1) continue;
    const paragraph = stem.token as Tokens.Paragraph;
    const heading = { type: "heading", raw: paragraph.raw, text: paragraph.text, depth: 6, tokens: paragraph.tokens } as Tokens.Heading;
    const read = letteredQuestion(ctx, place, { token: heading, line: stem.line }, parts.slice(1, at), parts[at] as Located<Tokens.List>, parts.slice(at + 1));
    if (!read) continue;
    questions++;
    if ("draft" in read) out.push(read.draft);
  }
  return questions;
}

/**
 * A heading with lettered options under it (and no task list) up to `end`, the next heading: the question it makes,
 * undefined when it makes none (a topic with lettered notes), or `{ reported }` when it was reported instead.
 */
export function letteredAfterHeading(
  ctx: FileContext,
  place: Place,
  heading: Located<Tokens.Heading>,
  located: Located<Token>[],
  from: number,
  end: number,
): (Lettered & { optionsAt: number }) | undefined {
  for (let k = from; k < end; k++) {
    if (letteredOptions(located[k]!.token) === undefined) continue;
    const read = letteredQuestion(ctx, place, heading, located.slice(from, k), located[k] as Located<Tokens.List>, located.slice(k + 1, end));
    return read && { ...read, optionsAt: k };
  }
  return undefined;
}
