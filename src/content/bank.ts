// Parsed files → one Bank: ids settled across everything loaded, topics merged, cross-file checks.

import type { Bank, Diagnostic, Question, Topic } from "./model.js";
import type { CommentPlace, Draft } from "./context.js";
import type { ParsedFile } from "./parse-file.js";
import { isUsableId } from "./ids.js";
import { RULES, type RuleId } from "./rules.js";
import { excerpt, topicKeyOf } from "./text.js";

/** A diagnostic at the question, or at the comment it is about when that is known. */
function diagnostic(q: Question, rule: RuleId, message: string, at?: CommentPlace): Diagnostic {
  return { file: q.source.file, line: at?.line ?? q.source.line, column: at?.column ?? 1, severity: RULES[rule].severity, rule, message };
}

/** Whether the question's cogquiz-disable comment silences this warning (checks made once every file is read). */
function silenced(d: Draft, rule: RuleId): boolean {
  return d.disabled?.includes(rule) === true;
}

function where(q: Question): string {
  return `${q.source.file}:${q.source.line}`;
}

/** Files in load order; ids that repeat get suffixes in that order, so the order must be stable. */
export function buildBank(files: readonly ParsedFile[], extra: readonly Diagnostic[] = []): Bank {
  const diagnostics: Diagnostic[] = [...extra];
  // A loop, not push(...spread): a file can hold more diagnostics than a call has room for arguments.
  for (const f of files) for (const d of f.diagnostics) diagnostics.push(d);
  const drafts: Draft[] = files.flatMap((f) => f.drafts);

  // Explicit ids first, so that derived ids can step around them.
  const taken = new Map<string, Question>();
  for (const d of drafts) {
    const q = d.question;
    if (d.explicitId === undefined) continue;
    if (!isUsableId(d.explicitId)) {
      diagnostics.push(
        diagnostic(q, "bad-id", `id "${excerpt(d.explicitId, 70)}" must be 3-64 characters of a-z, 0-9 and -, starting with a letter or digit`, d.idAt),
      );
      q.hasErrors = true;
      continue;
    }
    const first = taken.get(d.explicitId);
    if (first) {
      diagnostics.push(diagnostic(q, "duplicate-id", `id "${d.explicitId}" is already used by the question at ${where(first)}`));
      q.hasErrors = true;
      continue;
    }
    q.id = d.explicitId;
    q.explicitId = true;
    taken.set(q.id, q);
  }

  // Questions by their stem's fingerprint, in load order: the first of each is the one later repeats name.
  const stems = new Map<string, Question[]>();
  for (const d of drafts) {
    const q = d.question;
    const stemKey = d.stemKey;
    const same = stemKey === "" ? undefined : stems.get(stemKey);
    if (same) {
      // Declared siblings are meant together (a recall card and the multiple-choice question on one fact): the same
      // words are no slip there; a twin the question is not declared with still is.
      const undeclared = same.find((o) => q.siblings?.includes(o.id) !== true && o.siblings?.includes(q.id) !== true);
      if (undeclared && !silenced(d, "duplicate-stem")) diagnostics.push(diagnostic(q, "duplicate-stem", `the same question is asked at ${where(undeclared)}`));
      same.push(q);
    } else if (stemKey !== "") {
      stems.set(stemKey, [q]);
    }
    if (q.id !== "") continue;
    // An explicit id that was refused or taken: the question still needs an id (it is marked as broken).
    const base = d.derivedId ?? `q-x${d.stemKey.slice(0, 9) || "000000000"}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    q.id = id;
    taken.set(id, q);
  }

  const questions = drafts.map((d) => d.question);
  linkSiblings(drafts, taken, diagnostics);
  linkTwins(stems.values());
  return { files: files.map((f) => ({ file: f.file, frontMatter: f.frontMatter })), root: mergeTopics(files, questions), questions, diagnostics };
}

/** Declared siblings, checked against the loaded ids and made symmetric: a card declared on one side has both. */
function linkSiblings(drafts: readonly Draft[], byId: ReadonlyMap<string, Question>, diagnostics: Diagnostic[]): void {
  const declared = drafts.filter((d) => d.question.siblings !== undefined).map((d) => [d, d.question.siblings!] as const);
  if (declared.length === 0) return;
  const links = new Map<Question, Set<string>>();
  const add = (q: Question, id: string): void => {
    let set = links.get(q);
    if (!set) links.set(q, (set = new Set()));
    set.add(id);
  };
  for (const [d, ids] of declared) {
    const q = d.question;
    ids.forEach((id, k) => {
      const other = byId.get(id);
      if (!other || other === q) {
        if (silenced(d, "unknown-sibling")) return;
        const why = other === q ? "is this question's own id" : "is not the id of any loaded question";
        diagnostics.push(diagnostic(q, "unknown-sibling", `sibling "${excerpt(id, 70)}" ${why}; name the other question's explicit id`, d.siblingsAt?.[k]));
        return;
      }
      add(q, other.id);
      add(other, q.id);
    });
  }
  for (const [d] of declared) if (!links.has(d.question)) delete d.question.siblings;
  for (const [q, set] of links) q.siblings = [...set];
}

/** Questions with the same stem, each told the others' ids (once ids are settled). */
function linkTwins(groups: Iterable<readonly Question[]>): void {
  for (const group of groups) {
    if (group.length < 2) continue;
    for (const q of group) q.twins = group.filter((other) => other !== q).map((other) => other.id);
  }
}

function mergeTopics(files: readonly ParsedFile[], questions: readonly Question[]): Topic {
  const root: Topic = { key: "", title: "", path: [], body: "", sources: [], children: [] };
  const byKey = new Map<string, Topic>([["", root]]);
  const ensure = (path: readonly string[]): Topic => {
    const key = topicKeyOf(path);
    const found = byKey.get(key);
    if (found) return found;
    const parent = ensure(path.slice(0, -1));
    const topic: Topic = { key, title: path[path.length - 1] ?? "", path: [...path], body: "", sources: [], children: [] };
    parent.children.push(topic);
    byKey.set(key, topic);
    return topic;
  };
  for (const f of files) {
    for (const s of f.sections) {
      const topic = ensure(s.path);
      topic.sources.push({ file: f.file, line: s.line });
      if (s.body !== "") topic.body = topic.body === "" ? s.body : `${topic.body}\n\n${s.body}`;
    }
  }
  for (const q of questions) if (!byKey.has(q.topicKey)) ensure(q.topic);
  return root;
}

/** Every topic below `root`, depth first, in document order. */
export function allTopics(root: Topic): Topic[] {
  const out: Topic[] = [];
  const walk = (t: Topic): void => {
    for (const c of t.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Questions whose topic is `topic` or lies under it. */
export function questionsUnder(questions: readonly Question[], topicKey: string): Question[] {
  if (topicKey === "") return [...questions];
  return questions.filter((q) => q.topicKey === topicKey || q.topicKey.startsWith(`${topicKey} / `));
}
