// Multiple-choice questions in the GitHub task-list shape:
//   ### Stem (Choose TWO)          ← heading of any level
//   <!-- id: some-id -->           ← optional explicit id
//   text, code, tables             ← optional rest of the stem
//   - [x] right option             ← task list; [x] marks each correct option
//     > feedback for this option   ← optional
//   - [ ] wrong option
//   > explanation, with links      ← optional blockquote after the list

import type { Token, Tokens } from "marked";
import type { Choice, MultipleChoiceQuestion } from "./model.js";
import type { Draft, FileContext, Place } from "./context.js";
import { blockWords, draftIdentity } from "./ids.js";
import { mergeComments, onlyComments, readComments, settleComments, stripComments } from "./question-comments.js";
import { leadingBlankLines, newlines } from "./lines.js";
import { checkItem, type OptionView } from "./item-rules.js";
import { visibleLength } from "./set-rules.js";
import { excerpt, normalise, plainText, refersToOtherOption } from "./text.js";
import { chooseHint, proseOf } from "./choose-hint.js";
import { letteredOptions, withoutLetter } from "./option-letters.js";

export interface Located<T> {
  token: T;
  line: number;
}

/**
 * A block's markdown without the task box marked put inside it: in a loose list (options apart by blank lines) the
 * box is the first token of the item's first paragraph, and its `[x] ` still opens the paragraph's raw text, which
 * would show which option is the key.
 */
function withoutBox(t: Token): string {
  const box = t.type === "paragraph" ? (t as Tokens.Paragraph).tokens[0] : undefined;
  return box?.type === "checkbox" && t.raw.startsWith(box.raw) ? t.raw.slice(box.raw.length) : t.raw;
}

/**
 * A stem's leading number: "Q12:", "Q 3.", "Question 4)", "Question #5 -", "6.", "7)"; `escape` is what may stand
 * before the dot or parenthesis of a bare number (markdown's backslash).
 */
const number = (escape: string): string => String.raw`(?:Q(?:uestion)?\s*#?\s*\d{1,4}\s*[:.)-]|\d{1,4}${escape}[.)])`;
/** The number and the space after it, in the stem's plain text. */
const NUMBERING = new RegExp(String.raw`^${number("")}\s+`, "i");
/** The same in the stem's markdown, perhaps in bold: "**Q12:** ", "6\. ". */
const NUMBERING_MARKDOWN = new RegExp(String.raw`^(\*\*|__)?${number(String.raw`\\?`)}(\*\*|__)?\s+`, "i");

/** The stem's markdown without its number; bold opened before the number and closed after the stem stays open. */
function withoutNumber(markdown: string, number: RegExpExecArray): string {
  const rest = markdown.slice(number[0].length);
  return number[1] !== undefined && number[2] === undefined ? `${number[1]}${rest}` : rest;
}

/** A list is an option list when any of its items has a task box. */
export function isTaskList(token: Token): token is Tokens.List {
  return token.type === "list" && (token as Tokens.List).items.some((item) => item.task);
}

export function readMultipleChoice(
  ctx: FileContext,
  place: Place,
  heading: Located<Tokens.Heading>,
  stemParts: Located<Token>[],
  list: Located<Tokens.List>,
  explanation: Located<Tokens.Blockquote> | undefined,
): Draft {
  const errorsBefore = ctx.errorCount();
  const diagnosticsBefore = ctx.diagnostics.length;
  const written = plainText(heading.token.tokens, heading.token.text).trim();
  const line = heading.line;

  const comments = readComments(heading.token.raw, line - leadingBlankLines(heading.token.raw), ctx);
  const headingMarkdown = stripComments(heading.token.text).trim();
  // A bank's own numbering ("Q12:", "Question 3.", "4)") is left out of the question as shown: its options are
  // shuffled and its place in a session is not the bank's. The id is still derived from the stem as written.
  const numbered = NUMBERING.exec(written);
  const numberedMarkdown = numbered ? NUMBERING_MARKDOWN.exec(headingMarkdown) : null;
  const unnumbered = numbered && numberedMarkdown && written.length > numbered[0].length && headingMarkdown.length > numberedMarkdown[0].length;
  const title = unnumbered ? written.slice(numbered[0].length) : written;
  const stemMarkdown: string[] = [unnumbered ? withoutNumber(headingMarkdown, numberedMarkdown) : headingMarkdown];
  const plainParts: string[] = [written];
  const prose: string[] = [title];
  /** The stem's words without code, each part on its own line: where the choose instruction is read. */
  const hintText: string[] = [proseOf(heading.token.tokens)];
  const proseMarkdown: string[] = [heading.token.text];
  for (const part of stemParts) {
    const t = part.token;
    if (t.type === "space") continue;
    if (t.type === "html" && t.raw.includes("<!--")) {
      mergeComments(comments, readComments(t.raw, part.line - leadingBlankLines(t.raw), ctx));
      if (onlyComments(t.raw)) continue;
      stemMarkdown.push(stripComments(t.raw).trim());
    } else {
      stemMarkdown.push(t.raw.trim());
    }
    if (t.type === "code") plainParts.push((t as Tokens.Code).text);
    else {
      const words = blockWords(t);
      plainParts.push(words);
      if (t.type !== "html") {
        prose.push(words);
        proseMarkdown.push(t.raw);
        hintText.push(proseOf([t]));
      }
    }
    ctx.collectLinks((t as { tokens?: Token[] }).tokens, t.raw, part.line);
  }

  if (title === "") ctx.report("empty-stem", line, "question heading has no text");

  const choices: Choice[] = [];
  const views: OptionView[] = [];
  // The options' normalised texts and lines, to find a repeat: a question has a handful, and comparing strings of
  // other lengths costs less than hashing each into a map, which takes over for a question of many options.
  const seenKeys: string[] = [];
  const seenLines: number[] = [];
  let seenMap: Map<string, number> | undefined;
  // withLines' counting, done in place: this loop runs for every option of a bank, and the pairs it would allocate show.
  let nextLine = list.line;
  // Options lettered by the bank ("- [x] B. Amazon S3") lose their letters, as lettered options do: shown shuffled,
  // "B." would stand first.
  const lettered = list.token.items.every((item) => item.task) && letteredOptions(list.token) !== undefined;
  for (const item of list.token.items) {
    const itemLine = nextLine + leadingBlankLines(item.raw);
    nextLine += newlines(item.raw);
    let text: string;
    let plain: string;
    let feedback: string | undefined;
    const only = item.tokens.length === 2 && item.tokens[0]!.type === "checkbox" ? item.tokens[1]! : undefined;
    if (only && only.type === "text") {
      // The common option: a box and one line of text.
      text = only.raw.trim();
      plain = plainText((only as Tokens.Text).tokens, only.raw).trim();
      ctx.collectLinks([only], item.raw, itemLine);
    } else {
      const body: Token[] = [];
      for (const t of item.tokens) {
        if (t.type === "checkbox") continue;
        if (t.type === "blockquote") feedback = (feedback ? `${feedback}\n\n` : "") + (t as Tokens.Blockquote).text.trim();
        else body.push(t);
      }
      text = body.map(withoutBox).join("").trim();
      plain = body.map((t) => plainText((t as { tokens?: Token[] }).tokens, t.raw)).join(" ").trim();
      ctx.collectLinks(body, item.raw, itemLine);
    }
    if (lettered) {
      text = withoutLetter(text);
      plain = plain.replace(/^\(?[A-H][.)][ \t]+/, "");
    }
    if (!item.task) {
      ctx.report("option-without-checkbox", itemLine, `option "${excerpt(plain)}" has no [ ] or [x] box`);
      continue;
    }
    const key = normalise(plain);
    if (seenMap === undefined && seenKeys.length === 16) seenMap = new Map(seenKeys.map((k, i) => [k, seenLines[i]!]));
    const first = seenMap ? seenMap.get(key) : seenLines[seenKeys.indexOf(key)];
    if (first !== undefined) {
      ctx.report("duplicate-option", itemLine, `option "${excerpt(plain)}" repeats the option on line ${first}`);
    } else if (seenMap) {
      seenMap.set(key, itemLine);
    } else {
      seenKeys.push(key);
      seenLines.push(itemLine);
    }
    if (refersToOtherOption(plain)) {
      ctx.report(
        "option-refers-to-option",
        itemLine,
        `option "${excerpt(plain)}" names other options, but options are shown shuffled; write out what it means`,
      );
    }
    const choice: Choice = { text, correct: item.checked === true };
    views.push({ plain, markdown: text, correct: choice.correct, line: itemLine, length: visibleLength(text) });
    if (feedback !== undefined) choice.feedback = feedback;
    choices.push(choice);
  }

  const correct = choices.filter((c) => c.correct).length;
  const hint = chooseHint(hintText.join("\n"));
  if (choices.length < 2) {
    ctx.report("too-few-options", list.line, `question "${excerpt(title)}" has ${choices.length} option${choices.length === 1 ? "" : "s"}; it needs at least two`);
  } else if (correct === 0) {
    ctx.report("no-correct-option", list.line, `question "${excerpt(title)}" has no option marked [x]`);
  } else if (correct === choices.length) {
    ctx.report("all-options-correct", list.line, `every option of "${excerpt(title)}" is marked [x]; leave at least one unmarked`);
  }
  if (hint !== undefined && correct > 0 && hint !== correct) {
    ctx.report(
      "choose-count-mismatch",
      line,
      `the stem asks to choose ${hint} but ${correct} option${correct === 1 ? " is" : "s are"} marked [x]`,
    );
  }

  let explanationText: string | undefined;
  let references: MultipleChoiceQuestion["references"] = [];
  if (explanation) {
    explanationText = explanation.token.text.trim();
    references = ctx.collectLinks(explanation.token.tokens, explanation.token.raw, explanation.line);
  } else {
    ctx.report("missing-explanation", line, `question "${excerpt(title)}" has no explanation (a > blockquote after the options)`);
  }

  checkItem(ctx, {
    line,
    title,
    prose: prose.join(" "),
    proseMarkdown: proseMarkdown.join("\n\n"),
    options: views,
    ...(explanationText !== undefined ? { explanation: explanationText } : {}),
    references,
  });

  const question: MultipleChoiceQuestion = {
    id: "",
    explicitId: false,
    kind: correct > 1 || (hint ?? 1) > 1 ? "multiple" : "single",
    topic: place.topic,
    topicKey: place.topicKey,
    title,
    stem: stemMarkdown.join("\n\n"),
    tags: ctx.frontMatter.tags,
    source: { file: ctx.file, line },
    hasErrors: ctx.errorCount() > errorsBefore,
    choices,
    references,
  };
  if (hint !== undefined) question.chooseHint = hint;
  if (explanationText !== undefined) question.explanation = explanationText;
  if (ctx.frontMatter.domain !== undefined) question.domain = ctx.frontMatter.domain;
  const draft: Draft = { question, ...draftIdentity(plainParts.join(" "), comments.id) };
  if (comments.id !== undefined) draft.explicitId = comments.id;
  settleComments(ctx, draft, comments, diagnosticsBefore);
  return draft;
}
