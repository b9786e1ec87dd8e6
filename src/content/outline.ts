// Validate's outline of a parsed file: what the rules and counts need, with the texts dropped as each file is read.

import type { ParsedFile } from "./parse-file.js";

/**
 * Keeps only what validation and counts need (ids, kinds, topics, sources, diagnostics, facts), dropping question
 * texts, titles and notes, so validating a huge bank holds little in memory.
 */
export function outline(p: ParsedFile, ownList: (list: string[]) => void): ParsedFile {
  for (const s of p.sections) {
    s.body = "";
    ownList(s.path);
  }
  for (const d of p.drafts) {
    const q = d.question;
    q.stem = "";
    q.title = "";
    q.references = [];
    if (q.kind === "recall") q.answer = "";
    else {
      q.choices = [];
      delete q.explanation;
    }
    // Topic keys, stem keys and derived ids are made afresh (lower-cased, hashed); these may be cut from the text.
    q.id = copyOf(q.id);
    ownList(q.topic);
    ownList(q.tags);
    if (q.siblings) q.siblings = q.siblings.map(copyOf);
    if (d.explicitId !== undefined) d.explicitId = copyOf(d.explicitId);
    if (d.facts) d.facts.label = copyOf(d.facts.label);
  }
  for (const d of p.diagnostics) d.message = copyOf(d.message);
  return p;
}

/**
 * The outline keeps fresh copies of the strings it keeps. V8 keeps a substring as a view of the string it was cut
 * from, so one kept title holds its whole file's text: at 100 files of 0.5 MB, 50 MB that the outline of a bank does
 * not need. Lists shared by many questions (a section's topic path, a file's tags) are copied once.
 */
export function listOwner(): (list: string[]) => void {
  const done = new WeakSet<string[]>();
  return (list) => {
    if (done.has(list)) return;
    done.add(list);
    for (let i = 0; i < list.length; i++) list[i] = copyOf(list[i]!);
  };
}

/** A string with the characters of `s`, made afresh (a new flat string), so it holds on to no other string. */
function copyOf(s: string): string {
  return ` ${s}`.slice(1);
}
