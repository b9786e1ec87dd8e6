// What an author says about a question in HTML comments, beside the id comment:
//   <!-- id: mfa-email-plan -->                      the explicit id (see ids.ts)
//   <!-- siblings: mfa-email-card, other-id -->      the same fact asked another way; symmetric once read
//   <!-- domains: dva-c02:2.1, saa-c03:1.2 -->       exam-guide tasks the question serves (replaces the file's list)
//   <!-- cogquiz-disable key-much-longer -->         silences warnings of these rules for this question only
// Comments are not words of the stem: they never enter a derived id.

import type { CommentPlace, Draft, FileContext } from "./context.js";
import type { Question } from "./model.js";
import { idComment, isUsableId } from "./ids.js";
import { newlines } from "./lines.js";
import { RULES, canSilence, isRuleId, type RuleId } from "./rules.js";

/** One value of a comment (a sibling id, a task, a rule id) as written, at its comment's place. */
export interface CommentValue extends CommentPlace {
  value: string;
}

export interface QuestionComments {
  id?: string;
  /** Where the id comment is, kept only for an id that cannot be used: bad-id names it. */
  idAt?: CommentPlace;
  siblings?: CommentValue[];
  domains?: CommentValue[];
  /** Rule ids as written (checked against the rule list by the reader). */
  disabled?: CommentValue[];
}

/** `guide:task`, as the exam guides number their tasks: `dva-c02:2.1`, `scs-c02:4.1`, `saa-c03:1`. */
export const DOMAIN_PATTERN = /^[a-z][a-z0-9-]{1,31}:\d{1,2}(?:\.\d{1,2}){0,2}$/;

const META = /<!--\s*(siblings|domains?|cogquiz-disable)\b\s*:?\s*([\s\S]*?)\s*-->/gi;
const ANY_META = /<!--\s*(?:id\s*:|siblings\b|domains?\b|cogquiz-disable\b)[\s\S]*?-->/gi;

function list(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * The comments of one question's markdown (heading line, the lines after it, or a card's question bullet), which
 * starts on line `firstLine` of the file. A comment's place is found only for what may be reported: values of
 * siblings, domains and cogquiz-disable comments (rare), and an id only when it cannot be used.
 */
export function readComments(markdown: string, firstLine: number, ctx: FileContext): QuestionComments {
  if (!markdown.includes("<!--")) return {};
  const out: QuestionComments = {};
  const placeOf = (index: number, text: string): CommentPlace => {
    const before = markdown.slice(0, index);
    const line = firstLine + newlines(before);
    const nl = text.indexOf("\n");
    return { line, column: ctx.columnAt(line, nl < 0 ? text : text.slice(0, nl), index - before.lastIndexOf("\n")) };
  };
  const id = idComment(markdown);
  if (id !== undefined) {
    out.id = id.id;
    if (!isUsableId(id.id)) out.idAt = placeOf(id.index, id.text);
  }
  for (const m of markdown.matchAll(META)) {
    const kind = m[1]!.toLowerCase();
    const values = list(m[2] ?? "");
    const at = placeOf(m.index, m[0]);
    if (kind === "siblings") out.siblings = [...(out.siblings ?? []), ...values.map((value) => ({ value, ...at }))];
    else if (kind.startsWith("domain")) out.domains = [...(out.domains ?? []), ...values.map((value) => ({ value: value.toLowerCase(), ...at }))];
    // A comment naming no rule is kept as one empty name, so that it is reported rather than silently doing nothing
    // (markdownlint's bare disable silences every rule; this one silences only the rules it names).
    else out.disabled = [...(out.disabled ?? []), ...(values.length > 0 ? values : [""]).map((value) => ({ value, ...at }))];
  }
  return out;
}

/** Merges comments found in several parts of one question; the first id wins, lists add up. */
export function mergeComments(into: QuestionComments, more: QuestionComments): void {
  if (more.id !== undefined && into.id === undefined) {
    into.id = more.id;
    if (more.idAt) into.idAt = more.idAt;
  }
  if (more.siblings) into.siblings = [...(into.siblings ?? []), ...more.siblings];
  if (more.domains) into.domains = [...(into.domains ?? []), ...more.domains];
  if (more.disabled) into.disabled = [...(into.disabled ?? []), ...more.disabled];
}

/** Whether a piece of markdown (an HTML block) holds nothing but question comments. */
export function onlyComments(markdown: string): boolean {
  return markdown.includes("<!--") && markdown.replace(ANY_META, "").trim() === "";
}

/** The markdown without its question comments (id, siblings, domains, cogquiz-disable). */
export function stripComments(markdown: string): string {
  if (!markdown.includes("<!--")) return markdown;
  return markdown.replace(ANY_META, "").replace(/[ \t]+$/gm, "");
}

/**
 * Gives a question what its comments say, and drops the warnings its cogquiz-disable comment names from the
 * diagnostics reported since `diagnosticsBefore` (errors stay: they make a question unusable). Each warning about a
 * comment names the comment's place.
 */
export function settleComments(ctx: FileContext, draft: Draft, comments: QuestionComments, diagnosticsBefore: number): void {
  const question: Question = draft.question;
  const fileDomains = ctx.frontMatter.domains;
  if (comments.idAt) draft.idAt = comments.idAt;
  if (comments.domains) {
    const good: string[] = [];
    for (const d of comments.domains) {
      if (DOMAIN_PATTERN.test(d.value)) good.push(d.value);
      else ctx.report("bad-domain", d.line, `domain "${d.value}" is not guide:task, such as dva-c02:2.1; write the exam guide's code and the task's number`, d.column);
    }
    question.domains = [...new Set(good)];
  } else if (fileDomains && fileDomains.length > 0) {
    question.domains = fileDomains;
  }
  if (comments.siblings && comments.siblings.length > 0) {
    const ids: string[] = [];
    const places: CommentPlace[] = [];
    for (const s of comments.siblings) {
      if (ids.includes(s.value)) continue;
      ids.push(s.value);
      places.push({ line: s.line, column: s.column });
    }
    question.siblings = ids;
    draft.siblingsAt = places;
  }
  if (comments.disabled) {
    const silenced: RuleId[] = [];
    for (const { value: name, line, column } of comments.disabled) {
      if (name === "") {
        ctx.report("unknown-rule", line, "cogquiz-disable names no rule, so it silences nothing; name the warnings to silence, such as <!-- cogquiz-disable key-much-longer -->", column);
      } else if (!isRuleId(name)) {
        ctx.report("unknown-rule", line, `cogquiz-disable names "${name}", which is not a rule; see the rule list in docs/question-format.md`, column);
      } else if (RULES[name].severity === "error") {
        ctx.report("unknown-rule", line, `rule ${name} makes a question unusable and cannot be silenced; fix the question instead`, column);
      } else if (!canSilence(name)) {
        ctx.report("unknown-rule", line, `rule ${name} is silenced only by declaring the questions siblings: <!-- siblings: other-id -->`, column);
      } else {
        silenced.push(name);
      }
    }
    if (silenced.length > 0) {
      draft.disabled = silenced;
      const mine = new Set<string>(silenced);
      for (let i = ctx.diagnostics.length - 1; i >= diagnosticsBefore; i--) {
        if (mine.has(ctx.diagnostics[i]!.rule)) ctx.diagnostics.splice(i, 1);
      }
    }
  }
}
