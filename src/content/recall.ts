// Recall cards from study notes, in the shapes people really write:
//   - sample:                      ← also "Sample Q:", "Sample question:", any case, bold, hint text after the colon
//     - Question? <!-- id: x -->   ← question as a child bullet (a code fence may follow it)
//       - answer                   ← answer as deeper bullets…
//     - Question?
//     - answer                     ← …or at the question's own level, over one or more bullets
//   - Sample Q: Question?          ← question inline on the marker line
//     - answer
//   - Q: Question?                 ← Q:/A: pairs, as bullets or paragraphs
//     A: answer

import type { Token, Tokens } from "marked";
import type { RecallCard } from "./model.js";
import type { Draft, FileContext, Place } from "./context.js";
import { blockWords, draftIdentity, findIdComment } from "./ids.js";
import { readComments, settleComments, stripComments, type QuestionComments } from "./question-comments.js";
import { leadingBlankLines, newlines, withLines } from "./lines.js";
import { checkCardReferences } from "./item-rules.js";
import { excerpt, plainText } from "./text.js";
import { unfoldDetails } from "./details.js";

/**
 * A sample or question marker: `sample:` and its named forms, also with a dash for the colon (`Sample - …`, as
 * notes often write it); `Q:` and `Question:`; numbered questions, `Q1:`, `Q1.`, `Question 2:`. Bold, italic or code
 * marks may set the marker off (`**sample**:`, `*sample:*`, `` `sample:` ``), closed by the same marks.
 */
const MARKER = new RegExp(
  String.raw`^\s*(?<wrap>\*\*|__|\*|_|\x60)?\s*` +
    String.raw`(?:(?<sample>sample(?:\s+(?:q|qs|question|questions))?)\s*\k<wrap>?\s*(?:[:：]|\s[-–—](?=\s|$))` +
    String.raw`|(?:q|question)\s*\k<wrap>?\s*[:：]|(?:q\s?\d{1,3}|question\s+\d{1,3})\s*\k<wrap>?\s*(?:[:：]|[.)](?=[\s*_\x60]|$)))` +
    String.raw`\s*\k<wrap>?[ \t]*`,
  "i",
);
const ANSWER_MARKER = /^\s*(?:\*\*|__)?\s*(?:a|ans|answer)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?[ \t]*/i;
const INLINE_ANSWER = /\n[ \t]*(?:\*\*|__)?\s*(?:a|ans|answer)\s*(?:\*\*|__)?\s*[:：]/i;

type Located<T> = { token: T; line: number };

interface ItemView {
  line: number;
  title: string;
  questionMarkdown: string;
  questionPlain: string;
  explicitId?: string;
  comments: QuestionComments;
  answerMarkdown?: string;
  answerParts: Located<Token>[];
  looksLikeQuestion: boolean;
}

/** "- A: words" → "- words": the bullet stays (answers render as lists), the marker goes. */
function withoutAnswerMarker(bullet: string): string {
  return bullet.replace(/^(\s*(?:[-*+]|\d+[.)])\s+)(?:\*\*|__)?\s*(?:a|ans|answer)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?[ \t]*/i, "$1");
}

function firstLine(item: Tokens.ListItem): string {
  const text = item.text;
  const nl = text.indexOf("\n");
  return nl < 0 ? text : text.slice(0, nl);
}

function markerOf(line: string): { kind: "sample" | "q"; named: boolean; rest: string } | undefined {
  const m = MARKER.exec(line);
  if (!m) return undefined;
  const word = m.groups?.["sample"];
  const kind = word !== undefined ? "sample" : "q";
  return { kind, named: word === undefined || /\s/.test(word), rest: line.slice(m[0].length).trim() };
}

function endsLikeQuestion(plain: string): boolean {
  return /\?[\s*_)"'”’\]]*$/.test(plain.trim());
}

/** An HTML block that opens a `<details>` element: what it holds is shown on a click. */
const REVEAL = /^\s*<details\b/i;

/** An HTML block's text without the `<details>` tags and the `<summary>` (its "Answer" label): the answer it hides. */
function withoutReveal(raw: string): string {
  return unfoldDetails(raw).text;
}

/**
 * Where the answer starts in an item with no bullets under it whose question is followed by paragraphs of its own
 * (`- Question?`, a blank line, `  The answer.`): the first block after the paragraph that ends with a question mark,
 * code aside (code under a question is the question's). -1 when there is none, or when it is an `A:` line, which the
 * item's text splits off itself.
 */
function paragraphAnswerAt(parts: Located<Token>[]): number {
  const asked = parts.findIndex((p) => (p.token.type === "paragraph" || p.token.type === "text") && endsLikeQuestion(blockWords(p.token)));
  if (asked < 0) return -1;
  for (let k = asked + 1; k < parts.length; k++) {
    const t = parts[k]!.token;
    if (t.type === "space" || t.type === "code" || t.type === "html") continue;
    return ANSWER_MARKER.test(t.raw) ? -1 : k;
  }
  return -1;
}

/**
 * Splits an item into its question (tokens before the first nested list, or its paragraph answer) and its answer (the
 * rest). `paragraphs: false` when the answer is a bullet after the item: its paragraphs are then all question.
 */
function viewItem(ctx: FileContext, item: Located<Tokens.ListItem>, strip?: RegExp, paragraphs = true): ItemView {
  const parts = withLines(item.token.tokens, item.line);
  const firstList = parts.findIndex((p) => p.token.type === "list");
  // An answer hidden in a <details> block, a click away on GitHub, starts where the block opens.
  const reveal = parts.findIndex((p, k) => k > 0 && p.token.type === "html" && REVEAL.test(p.token.raw));
  const answerAt =
    reveal > 0 && (firstList < 0 || reveal < firstList) ? reveal : firstList >= 0 ? firstList : paragraphs ? paragraphAnswerAt(parts) : -1;
  const head = answerAt < 0 ? parts : parts.slice(0, answerAt);
  const rest = answerAt < 0 ? [] : parts.slice(answerAt);

  let headRaw = head.map((p) => p.token.raw).join("");
  let plain = head.map((p) => blockWords(p.token)).join(" ");
  let headLine = head[0] ? head[0].line - leadingBlankLines(head[0].token.raw) : item.line;
  if (strip) {
    const whole = headRaw;
    headRaw = headRaw.replace(strip, "");
    headLine += newlines(whole.slice(0, whole.length - headRaw.length));
    plain = plain.replace(strip, "");
  }
  let inlineAnswer: string | undefined;
  const split = INLINE_ANSWER.exec(headRaw);
  if (split) {
    inlineAnswer = headRaw.slice(split.index + 1).replace(ANSWER_MARKER, "").trim();
    headRaw = headRaw.slice(0, split.index);
    const plainSplit = INLINE_ANSWER.exec(plain);
    if (plainSplit) plain = plain.slice(0, plainSplit.index);
  }
  const comments = readComments(headRaw, headLine, ctx);
  const explicitId = comments.id;
  const questionMarkdown = stripComments(headRaw).trim();
  let nested = rest
    .map((p) => (p.token.type === "html" ? withoutReveal(p.token.raw) : p.token.raw))
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (nested !== "") {
    // "- A: answer" as the first nested bullet: drop the marker, keep the words.
    nested = nested.replace(/^([-*+]\s+)(?:\*\*|__)?\s*(?:a|ans|answer)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?[ \t]*/i, "$1");
  }
  const answer = [inlineAnswer, nested].filter((s): s is string => !!s && s !== "").join("\n\n");
  const firstText = head.find((p) => p.token.type !== "code" && p.token.type !== "space");
  let title = firstText ? plainText((firstText.token as { tokens?: Token[] }).tokens, firstText.token.raw) : plain;
  if (strip) title = title.replace(strip, "");
  const cut = INLINE_ANSWER.exec(title);
  if (cut) title = title.slice(0, cut.index);
  const view: ItemView = {
    line: item.line,
    title: title.replace(/\s+/g, " ").trim(),
    questionMarkdown,
    questionPlain: plain.replace(/\s+/g, " ").trim(),
    // An inline "A:" answer is in the head: its links are the card's references.
    answerParts: inlineAnswer !== undefined ? [...head, ...rest] : rest,
    comments,
    looksLikeQuestion: explicitId !== undefined || endsLikeQuestion(plain) || (strip !== undefined && MARKER.test(firstLine(item.token))),
  };
  if (explicitId !== undefined) view.explicitId = explicitId;
  if (answer !== "") view.answerMarkdown = answer;
  return view;
}

/**
 * What follows a list at the top level of a file, before the next rule (---) or heading: a code block, then a list.
 * They are the code and the answer of the list's last question when it has none of its own (a policy is often
 * written at the margin, not indented under the question).
 */
export interface Tail {
  code: Located<Tokens.Code>;
  answer: Located<Tokens.List>;
  used: boolean;
}

function card(
  ctx: FileContext,
  place: Place,
  view: ItemView,
  answer: string | undefined,
  answerParts: Located<Token>[],
  tail?: Tail,
  hint?: string,
): Draft | undefined {
  if (view.questionPlain === "" && view.questionMarkdown === "") {
    ctx.report("empty-sample", view.line, "sample block has an empty question");
    return undefined;
  }
  if ((answer === undefined || answer.trim() === "") && tail && !tail.used) {
    tail.used = true;
    // The same words as the code indented under the question would give, so both layouts have one id.
    view = {
      ...view,
      questionMarkdown: `${view.questionMarkdown}\n\n${tail.code.token.raw.trim()}`,
      questionPlain: `${view.questionPlain} ${tail.code.token.text}`.replace(/\s+/g, " ").trim(),
    };
    answer = tail.answer.token.raw.trim();
    answerParts = [tail.answer];
  }
  if (answer === undefined || answer.trim() === "") {
    ctx.report("sample-without-answer", view.line, `question "${excerpt(view.questionPlain)}" has no answer, so it is not a card`);
    return undefined;
  }
  const errorsBefore = ctx.errorCount();
  const diagnosticsBefore = ctx.diagnostics.length;
  // Relative links of notes are checked once for the whole block by the file reader; here only web links count.
  const references = answerParts.flatMap((p) => ctx.collectLinks([p.token], p.token.raw, p.line, false));
  const title = view.title !== "" ? view.title : view.questionPlain;
  checkCardReferences(ctx, view.line, title, answer, references);
  const question: RecallCard = {
    id: "",
    explicitId: false,
    kind: "recall",
    topic: place.topic,
    topicKey: place.topicKey,
    title,
    stem: view.questionMarkdown,
    answer: answer.trim(),
    references,
    tags: ctx.frontMatter.tags,
    source: { file: ctx.file, line: view.line },
    hasErrors: ctx.errorCount() > errorsBefore,
  };
  if (hint !== undefined) question.hint = hint;
  if (ctx.frontMatter.domain !== undefined) question.domain = ctx.frontMatter.domain;
  const draft: Draft = { question, ...draftIdentity(view.questionPlain, view.explicitId) };
  if (view.explicitId !== undefined) draft.explicitId = view.explicitId;
  settleComments(ctx, draft, view.comments, diagnosticsBefore);
  return draft;
}

/** The question bullets under a sample marker: each with nested answers, or answers at its own level. */
function questionsUnder(ctx: FileContext, place: Place, items: Located<Tokens.ListItem>[], out: Draft[], tail?: Tail, hint?: string): void {
  let pending: { view: ItemView; answers: string[]; parts: Located<Token>[] } | undefined;
  const flush = (last = false): void => {
    if (!pending) return;
    const answer = pending.answers.length > 0 ? pending.answers.join("\n") : undefined;
    const draft = card(ctx, place, pending.view, answer, pending.parts, last ? tail : undefined, hint);
    if (draft) out.push(draft);
    pending = undefined;
  };
  const stripOf = (item: Located<Tokens.ListItem>): RegExp | undefined => (markerOf(firstLine(item.token))?.kind === "q" ? MARKER : undefined);
  // Each item's view once: the next item's is read to tell whether it answers this one.
  const views: ItemView[] = [];
  const viewAt = (k: number): ItemView => (views[k] ??= viewItem(ctx, items[k]!, stripOf(items[k]!)));
  const isAnswerAt = (k: number): boolean => ANSWER_MARKER.test(firstLine(items[k]!.token)) || !viewAt(k).looksLikeQuestion;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    let view = viewAt(k);
    if (k + 1 < items.length && view.answerMarkdown !== undefined && isAnswerAt(k + 1)) view = questionBeforeAnswer(ctx, item, stripOf(item), view);
    const isAnswerBullet = ANSWER_MARKER.test(firstLine(item.token));
    if (pending && (isAnswerBullet || !view.looksLikeQuestion)) {
      // An answer at the question's own level, possibly spread over several bullets.
      pending.answers.push(withoutAnswerMarker(item.token.raw.trim()));
      for (const part of withLines(item.token.tokens, item.line)) pending.parts.push(part);
      continue;
    }
    flush();
    if (view.answerMarkdown !== undefined) {
      const draft = card(ctx, place, view, view.answerMarkdown, view.answerParts, undefined, hint);
      if (draft) out.push(draft);
    } else {
      pending = { view, answers: [], parts: [] };
    }
  }
  flush(true);
}

/**
 * The view of a question whose answer is the bullet after it, given its `view` with paragraph answers: a paragraph
 * under the question ("(Choose the best option.)") is more of the question then, not an answer of its own.
 */
function questionBeforeAnswer(ctx: FileContext, item: Located<Tokens.ListItem>, strip: RegExp | undefined, view: ItemView): ItemView {
  if (view.answerMarkdown === undefined) return view;
  const whole = viewItem(ctx, item, strip, false);
  return whole.answerMarkdown === undefined ? whole : view;
}

/** A label rather than a question after a sample marker: a code span, or a few words with no question mark. */
function isLabel(rest: string): boolean {
  const text = rest.trim();
  if (text === "" || endsLikeQuestion(text) || findIdComment(text) !== undefined) return false;
  return /^`[^`]+`$/.test(text) || text.split(/\s+/).length <= 6;
}

/**
 * Words after a sample marker that can be a question though they do not end with a question mark: a few words or more,
 * not a hint set in brackets ("(practice exam 2)") and not a lone code span (a label).
 */
function asksInline(rest: string): boolean {
  const text = rest.trim();
  return text.split(/\s+/).length >= 3 && !/^[([].*[)\]]$/.test(text) && !/^`[^`]+`$/.test(text);
}

/** Words a question starts with, when it has no question mark. */
const INTERROGATIVE = /^\W*(?:what|which|how|why|when|where|who|whom|whose|can|could|does|do|is|are|should|name|list|explain|describe)\b/i;

/** A bullet under a sample marker that can only be an answer: no bullets under it, and it does not read as a question. */
function isAnswerOnly(ctx: FileContext, item: Tokens.ListItem, line: number): boolean {
  if (item.tokens.some((t) => t.type === "list") || markerOf(firstLine(item))) return false;
  return !viewItem(ctx, { token: item, line }).looksLikeQuestion;
}

/** Every recall card in a list, including sample blocks nested inside other bullets; `questions` are items read already. */
export function recallFromList(
  ctx: FileContext,
  place: Place,
  list: Located<Tokens.List>,
  out: Draft[],
  tail?: Tail,
  questions?: ReadonlySet<Tokens.ListItem>,
): void {
  const items = withLines(list.token.items, list.line);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (questions?.has(item.token) === true) continue;
    const last = i === items.length - 1;
    const marker = markerOf(firstLine(item.token));
    if (!marker) {
      const parts = withLines(item.token.tokens, item.line);
      parts.forEach((part, k) => {
        if (part.token.type === "list") recallFromList(ctx, place, part as Located<Tokens.List>, out, last && k === parts.length - 1 ? tail : undefined);
      });
      continue;
    }
    const children = withLines(item.token.tokens, item.line).filter((p) => p.token.type === "list") as Located<Tokens.List>[];
    // "- sample: `label`" with no bullets under it, then the question and its answer as the next bullets: decided by
    // the children, so "- Sample Q: question?" with the answer under it keeps its meaning. Up to the next marker, each
    // bullet that reads as a question starts a card, as under a marker.
    if (marker.kind === "sample" && children.length === 0 && isLabel(marker.rest) && items[i + 1] && !markerOf(firstLine(items[i + 1]!.token))) {
      let end = i + 2;
      while (end < items.length) {
        const next = items[end]!;
        if (markerOf(firstLine(next.token))) break;
        end++;
      }
      questionsUnder(ctx, place, items.slice(i + 1, end), out, end === items.length ? tail : undefined, marker.rest);
      i = end - 1;
      continue;
    }
    // "- Sample Q: `label`" whose first bullet under it is a question: the label is a hint, not the question (and the
    // question is not the answer). Decided by the children: "- Sample Q: question" with only its answer under it is
    // the inline form.
    const firstChild = children[0]?.token.items[0];
    if (
      marker.kind === "sample" &&
      isLabel(marker.rest) &&
      firstChild &&
      !markerOf(firstLine(firstChild)) &&
      viewItem(ctx, { token: firstChild, line: children[0]!.line }).looksLikeQuestion
    ) {
      children.forEach((nested, k) =>
        questionsUnder(ctx, place, withLines(nested.token.items, nested.line), out, last && k === children.length - 1 ? tail : undefined, marker.rest),
      );
      continue;
    }
    const inlineQuestion = marker.rest !== "" && (marker.named || endsLikeQuestion(marker.rest) || findIdComment(marker.rest) !== undefined);
    if (marker.kind === "q" || inlineQuestion) {
      // "- Q: …" followed by a sibling "- A: …".
      const next = items[i + 1];
      const answerAfter = next !== undefined && ANSWER_MARKER.test(firstLine(next.token));
      const asked = viewItem(ctx, item, MARKER);
      const view = answerAfter ? questionBeforeAnswer(ctx, item, MARKER, asked) : asked;
      let answer = view.answerMarkdown;
      let parts = view.answerParts;
      if (answer === undefined && next && answerAfter) {
        answer = withoutAnswerMarker(next.token.raw.trim()).replace(/^([-*+]|\d+[.)])\s+/, "");
        parts = withLines(next.token.tokens, next.line);
        i++;
      }
      const draft = card(ctx, place, view, answer, parts, last ? tail : undefined);
      if (draft) out.push(draft);
      continue;
    }
    if (children.length === 0) {
      ctx.report("empty-sample", item.line, "sample: marker has no question bullets under it");
      continue;
    }
    // "- sample: Which service hands out credentials" with only plain bullets under it: the words after the marker
    // are the question (without a question mark) and the bullets its answer, as no bullet asks or has an answer.
    // A hint over a question with no question mark and its answer at the question's level reads the same, so the words
    // count as the question only when they start as one, or when no bullet under them could be a question.
    if (
      asksInline(marker.rest) &&
      children.every((nested) => nested.token.items.every((c) => isAnswerOnly(ctx, c, nested.line))) &&
      (INTERROGATIVE.test(marker.rest) || children.every((nested) => nested.token.items.length === 1))
    ) {
      const view = viewItem(ctx, item, MARKER);
      const draft = card(ctx, place, view, view.answerMarkdown, view.answerParts, last ? tail : undefined);
      if (draft) out.push(draft);
      continue;
    }
    const hint = marker.rest !== "" ? marker.rest : undefined;
    children.forEach((nested, k) =>
      questionsUnder(ctx, place, withLines(nested.token.items, nested.line), out, last && k === children.length - 1 ? tail : undefined, hint),
    );
  }
}

/** `Q: …` / `A: …` written as paragraphs. Returns how many following tokens the answer took. */
export function recallFromParagraph(
  ctx: FileContext,
  place: Place,
  paragraph: Located<Tokens.Paragraph>,
  following: Located<Token>[],
  out: Draft[],
): number {
  const marker = markerOf(paragraph.token.text.split("\n")[0] ?? "");
  if (!marker || marker.kind !== "q") return 0;
  const raw = paragraph.token.raw;
  const split = INLINE_ANSWER.exec(raw);
  const beforeAnswer = split ? raw.slice(0, split.index) : raw;
  let questionRaw = beforeAnswer.replace(MARKER, "");
  const questionLine = paragraph.line + newlines(beforeAnswer.slice(0, beforeAnswer.length - questionRaw.length));
  let answer = split ? raw.slice(split.index + 1).replace(ANSWER_MARKER, "").trim() : undefined;
  let parts: Located<Token>[] = split ? [paragraph] : [];
  let consumed = 0;
  if (answer === undefined) {
    const next = following.find((p) => p.token.type !== "space");
    if (next && next.token.type === "paragraph" && ANSWER_MARKER.test(next.token.raw)) {
      answer = next.token.raw.replace(ANSWER_MARKER, "").trim();
      parts = [next];
      consumed = following.indexOf(next) + 1;
    }
  }
  const comments = readComments(questionRaw, questionLine, ctx);
  const explicitId = comments.id;
  questionRaw = stripComments(questionRaw).trim();
  const plain = plainText(paragraph.token.tokens, raw).replace(MARKER, "");
  const plainSplit = INLINE_ANSWER.exec(plain);
  const questionPlain = (plainSplit ? plain.slice(0, plainSplit.index) : plain).replace(/\s+/g, " ").trim();
  const view: ItemView = {
    line: paragraph.line,
    title: questionPlain,
    questionMarkdown: questionRaw,
    questionPlain,
    answerParts: parts,
    comments,
    looksLikeQuestion: true,
  };
  if (explicitId !== undefined) view.explicitId = explicitId;
  const draft = card(ctx, place, view, answer, parts);
  if (draft) out.push(draft);
  return consumed;
}
