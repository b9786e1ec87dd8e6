// What an author says about a question in HTML comments, beside the id comment:
//   <!-- id: mfa-email-plan -->                      the explicit id (see ids.ts)
//   <!-- siblings: mfa-email-card, other-id -->      the same fact asked another way; symmetric once read
//   <!-- domains: dva-c02:2.1, saa-c03:1.2 -->       exam-guide tasks the question serves (replaces the file's list)
//   <!-- cogquiz-disable key-much-longer -->         silences warnings of these rules for this question only
// Comments are not words of the stem: they never enter a derived id.

import type { Draft, FileContext } from "./context.js";
import type { Question } from "./model.js";
import { findIdComment } from "./ids.js";
import { RULES, canSilence, isRuleId, type RuleId } from "./rules.js";

export interface QuestionComments {
  id?: string;
  siblings?: string[];
  domains?: string[];
  /** Rule ids as written (checked against the rule list by the reader). */
  disabled?: string[];
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

/** The comments of one question's markdown (heading line, the lines after it, or a card's question bullet). */
export function readComments(markdown: string): QuestionComments {
  if (!markdown.includes("<!--")) return {};
  const out: QuestionComments = {};
  const id = findIdComment(markdown);
  if (id !== undefined) out.id = id;
  for (const m of markdown.matchAll(META)) {
    const kind = m[1]!.toLowerCase();
    const values = list(m[2] ?? "");
    if (kind === "siblings") out.siblings = [...(out.siblings ?? []), ...values];
    else if (kind.startsWith("domain")) out.domains = [...(out.domains ?? []), ...values.map((v) => v.toLowerCase())];
    else out.disabled = [...(out.disabled ?? []), ...values];
  }
  return out;
}

/** Merges comments found in several parts of one question; the first id wins, lists add up. */
export function mergeComments(into: QuestionComments, more: QuestionComments): void {
  if (more.id !== undefined) into.id ??= more.id;
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
 * diagnostics reported since `diagnosticsBefore` (errors stay: they make a question unusable).
 */
export function settleComments(ctx: FileContext, draft: Draft, comments: QuestionComments, line: number, diagnosticsBefore: number): void {
  const question: Question = draft.question;
  const fileDomains = ctx.frontMatter.domains;
  if (comments.domains) {
    const good = comments.domains.filter((d) => {
      if (DOMAIN_PATTERN.test(d)) return true;
      ctx.report("bad-domain", line, `domain "${d}" is not guide:task, such as dva-c02:2.1; write the exam guide's code and the task's number`);
      return false;
    });
    question.domains = [...new Set(good)];
  } else if (fileDomains && fileDomains.length > 0) {
    question.domains = fileDomains;
  }
  if (comments.siblings && comments.siblings.length > 0) question.siblings = [...new Set(comments.siblings)];
  if (comments.disabled) {
    const silenced: RuleId[] = [];
    for (const name of comments.disabled) {
      if (!isRuleId(name)) {
        ctx.report("unknown-rule", line, `cogquiz-disable names "${name}", which is not a rule; see the rule list in docs/question-format.md`);
      } else if (RULES[name].severity === "error") {
        ctx.report("unknown-rule", line, `rule ${name} makes a question unusable and cannot be silenced; fix the question instead`);
      } else if (!canSilence(name)) {
        ctx.report("unknown-rule", line, `rule ${name} is silenced only by declaring the questions siblings: <!-- siblings: other-id -->`);
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
