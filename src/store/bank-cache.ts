// Parsed note files, cached by path, size, inode, modification time and a digest of the file's bytes, so a large
// bank starts in milliseconds and no edit is ever missed (not even one that keeps the size within the same second).
// Lives in $XDG_CACHE_HOME/cogquiz (~/.cache/cogquiz); deleting it is always safe. COGQUIZ_NO_CACHE=1 turns it off.

import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Stats } from "node:fs";
import type { ParsedFile } from "../content/parse-file.js";
import { topicKeyOf } from "../content/text.js";
import type { MultipleChoiceQuestion, Question } from "../content/model.js";
import type { Draft } from "../content/context.js";
import type { ParseCache } from "../content/load.js";
import { hash64 } from "../content/ids.js";
import { contentDigest } from "../content/digest.js";
import { writeFileAtomic } from "./atomic.js";
import { xdgBase } from "./paths.js";
import { UserFacingError } from "../errors.js";

/** Bump when the parser's output changes, so old entries are never read. */
const CACHE_FORMAT = 14;

/**
 * What a question is, as a tuple: a cache of 10,000 questions is read at every start, and key names were a third of
 * its bytes. [kind, topic index, line, stem key, explicit id (0: none), choose hint (0: none), broken (0/1),
 * derived id (0: none), indices of the keys among the choices, what the question's comments add (0: nothing)]
 */
type PackedDraft = [Question["kind"], number, number, string, string | 0, number, 0 | 1, string | 0, number[], PackedExtras | 0];

/**
 * Siblings (with where each is written, as [line, column]), exam-guide tasks, silenced rules, a recall card's hint
 * and where an unusable id is written: rare, so one optional object.
 */
interface PackedExtras {
  s?: string[];
  sa?: [number, number][];
  d?: string[];
  x?: NonNullable<Draft["disabled"]>;
  h?: string;
  i?: [number, number];
}

function extrasOf(d: Draft): PackedExtras | 0 {
  const q = d.question;
  const e: PackedExtras = {};
  if (q.siblings) e.s = q.siblings;
  if (d.siblingsAt) e.sa = d.siblingsAt.map((p) => [p.line, p.column]);
  if (q.domains) e.d = q.domains;
  if (d.disabled) e.x = d.disabled;
  if (q.kind === "recall" && q.hint !== undefined) e.h = q.hint;
  if (d.idAt) e.i = [d.idAt.line, d.idAt.column];
  return e.s || e.d || e.x || e.h !== undefined || e.i ? e : 0;
}

/**
 * What a question says, kept apart so that a quiz start need not read it: [stem, title (0: same as stem), choice
 * texts or answer, explanation (0: none), references as [title, url], per-choice feedback (0: none)]
 */
type PackedTexts = [string, string | 0, string[] | string, string | 0, [string, string][], (string | 0)[] | 0];

interface PackedFile {
  file: string;
  frontMatter: ParsedFile["frontMatter"];
  sections: ParsedFile["sections"];
  diagnostics: ParsedFile["diagnostics"];
  links: ParsedFile["links"];
  topics: string[][];
  drafts: PackedDraft[];
}

function pack(parsed: ParsedFile): { parsed: PackedFile; texts: string } {
  const topics: string[][] = [];
  const topicIndex = new Map<string, number>();
  const texts: PackedTexts[] = [];
  const drafts = parsed.drafts.map((d): PackedDraft => {
    const q = d.question;
    let ti = topicIndex.get(q.topicKey);
    if (ti === undefined) {
      ti = topics.push(q.topic) - 1;
      topicIndex.set(q.topicKey, ti);
    }
    const choice = q.kind === "recall" ? undefined : q;
    const feedback = choice?.choices.some((c) => c.feedback !== undefined) ? choice.choices.map((c) => c.feedback ?? 0) : 0;
    texts.push([
      q.stem,
      q.title === q.stem ? 0 : q.title,
      choice ? choice.choices.map((c) => c.text) : (q as { answer: string }).answer,
      choice?.explanation ?? 0,
      q.references.map((r) => [r.title, r.url]),
      feedback,
    ]);
    return [
      q.kind,
      ti,
      q.source.line,
      d.stemKey,
      d.explicitId ?? 0,
      choice?.chooseHint ?? 0,
      q.hasErrors ? 1 : 0,
      d.derivedId ?? 0,
      // Indices, not a bitmask: a question may have more options than a number has bits.
      choice ? keyIndices(choice.choices) : [],
      extrasOf(d),
    ];
  });
  const file = { file: parsed.file, frontMatter: parsed.frontMatter, sections: parsed.sections, diagnostics: parsed.diagnostics, links: parsed.links, topics, drafts };
  // The texts travel as one JSON string inside the entry: reading the entry only copies it, parsing waits for need.
  return { parsed: file, texts: JSON.stringify(texts) };
}

/** The questions of one cached file whose texts are not read yet, and where those texts are. */
interface LazyTexts {
  json: string;
  questions: Question[];
  keys: number[][];
  filled: boolean;
  /** The cache entry they are in, and the file it is of. */
  from?: { entry: string; source: string };
}

function fillTexts(lazy: LazyTexts): void {
  if (lazy.filled) return;
  lazy.filled = true;
  const texts = JSON.parse(lazy.json) as PackedTexts[];
  lazy.questions.forEach((q, i) => applyTexts(q, texts[i]!, lazy.keys[i]!));
}

function keyIndices(choices: readonly { correct: boolean }[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < choices.length; k++) if (choices[k]!.correct) out.push(k);
  return out;
}

function applyTexts(q: Question, t: PackedTexts, keys: readonly number[]): void {
  const [stem, title, body, explanation, refs, feedback] = t;
  q.stem = stem;
  q.title = title === 0 ? stem : title;
  q.references = refs.map(([refTitle, url]) => ({ title: refTitle, url }));
  if (q.kind === "recall") {
    q.answer = body as string;
    return;
  }
  const texts = body as string[];
  const choices: MultipleChoiceQuestion["choices"] = new Array(texts.length);
  const correct = new Array<boolean>(texts.length).fill(false);
  for (const k of keys) correct[k] = true;
  for (let k = 0; k < texts.length; k++) {
    const f = feedback === 0 ? 0 : feedback[k];
    choices[k] = f !== undefined && f !== 0 ? { text: texts[k]!, correct: correct[k]!, feedback: f } : { text: texts[k]!, correct: correct[k]! };
  }
  q.choices = choices;
  if (explanation !== 0) q.explanation = explanation;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether an entry's diagnostics are the diagnostics `pack` wrote. They go into every report as they are, so one of
 * another shape would be printed, not fail; an entry's other parts fail as the bank is built from them, and
 * loadBank then reads the files again. A clean bank has few diagnostics: this costs a start nothing.
 */
function hasDiagnostics(p: unknown): boolean {
  if (!isObj(p) || !Array.isArray(p.diagnostics)) return false;
  for (const d of p.diagnostics as unknown[]) {
    if (!isObj(d) || typeof d.file !== "string" || typeof d.line !== "number" || typeof d.column !== "number") return false;
    if ((d.severity !== "error" && d.severity !== "warning") || typeof d.rule !== "string" || typeof d.message !== "string") return false;
    if (d.related !== undefined && !Array.isArray(d.related)) return false;
  }
  return true;
}

/** With `lazy`, questions come back without their texts (empty stem, title, choices, answer); `lazy` collects them. */
function unpack(packed: PackedFile, textsJson: string, lazy?: Map<Question, LazyTexts>): ParsedFile {
  const { tags, domain } = packed.frontMatter;
  const topicKeys = packed.topics.map((t) => topicKeyOf(t));
  const waiting: LazyTexts = { json: textsJson, questions: [], keys: [], filled: false };
  const drafts = packed.drafts.map((t): Draft => {
    const [kind, ti, line, stemKey, explicitId, hint, broken, derivedId, keys, extras] = t;
    const source = { file: packed.file, line };
    // Plain literals, same keys in the same order: spreads here gave objects slow shapes and tripled the load time.
    let question: Question;
    if (kind === "recall") {
      question = {
        id: "", explicitId: false, kind, topic: packed.topics[ti]!, topicKey: topicKeys[ti]!, title: "", stem: "", tags, source,
        hasErrors: broken === 1, answer: "", references: [],
      };
    } else {
      const mc: MultipleChoiceQuestion = {
        id: "", explicitId: false, kind, topic: packed.topics[ti]!, topicKey: topicKeys[ti]!, title: "", stem: "", tags, source,
        hasErrors: broken === 1, choices: [], references: [],
      };
      if (hint !== 0) mc.chooseHint = hint;
      question = mc;
    }
    if (domain !== undefined) question.domain = domain;
    if (extras && extras.d) question.domains = extras.d;
    if (extras && extras.s) question.siblings = extras.s;
    if (extras && extras.h !== undefined && question.kind === "recall") question.hint = extras.h;
    waiting.questions.push(question);
    waiting.keys.push(keys);
    lazy?.set(question, waiting);
    const draft: Draft = { question, stemKey };
    if (explicitId !== 0) draft.explicitId = explicitId;
    if (derivedId !== 0) draft.derivedId = derivedId;
    if (extras && extras.x) draft.disabled = extras.x;
    if (extras && extras.sa) draft.siblingsAt = extras.sa.map(([l, c]) => ({ line: l, column: c }));
    if (extras && extras.i) draft.idAt = { line: extras.i[0], column: extras.i[1] };
    return draft;
  });
  if (!lazy) fillTexts(waiting);
  return { file: packed.file, frontMatter: packed.frontMatter, sections: packed.sections, diagnostics: packed.diagnostics, links: packed.links, drafts };
}

function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(xdgBase(env.XDG_CACHE_HOME, ".cache"), "cogquiz");
}

interface Entry {
  format: number;
  version: string;
  key: string;
  parsed: PackedFile;
  /** JSON of the files' PackedTexts, one per draft. */
  texts: string;
}

/** The reader's own code, by size and time: any new build of it makes every cached parse stale. */
function readerStamp(): string {
  const dir = fileURLToPath(new URL("../content/", import.meta.url));
  try {
    return readdirSync(dir)
      .sort()
      .map((f) => {
        const st = statSync(join(dir, f));
        return `${f}:${st.size}:${st.mtimeMs}`;
      })
      .join(",");
  } catch {
    return "unknown";
  }
}

export function createBankCache(packageVersion: string, env: NodeJS.ProcessEnv = process.env): ParseCache | undefined {
  if (env.COGQUIZ_NO_CACHE === "1") return undefined;
  const version = `${packageVersion} ${hash64(readerStamp())}`;
  const dir = cacheDir(env);
  const keyOf = (abs: string, st: Stats, digest: string) => `${abs}\0${st.size}\0${st.ino}\0${st.mtimeMs}\0${digest}`;
  /** The caller's digest of the bytes it read, or the file's own now. */
  const digestOf = (abs: string, given: string | undefined): string | undefined => {
    if (given !== undefined) return given;
    try {
      return contentDigest(readFileSync(abs));
    } catch {
      return undefined;
    }
  };
  // A clash of two paths' names only costs a re-parse: each entry holds its full path and is checked against it.
  const fileOf = (abs: string) => join(dir, `${hash64(abs)}.json`);
  const waiting = new Map<Question, LazyTexts>();
  return {
    get(abs, st, lazyTexts, given) {
      const digest = digestOf(abs, given);
      if (digest === undefined) return undefined;
      let entry: Entry;
      try {
        entry = JSON.parse(readFileSync(fileOf(abs), "utf8")) as Entry;
      } catch {
        return undefined;
      }
      const fresh = entry.format === CACHE_FORMAT && entry.version === version && entry.key === keyOf(abs, st, digest);
      if (!fresh || !hasDiagnostics(entry.parsed)) return undefined;
      try {
        const parsed = unpack(entry.parsed, entry.texts, lazyTexts === true ? waiting : undefined);
        const lazy = parsed.drafts.length > 0 ? waiting.get(parsed.drafts[0]!.question) : undefined;
        if (lazy) lazy.from = { entry: fileOf(abs), source: abs };
        return parsed;
      } catch {
        // Whole JSON of the wrong shape (edited by hand, or a fault on disk): read the file instead.
        return undefined;
      }
    },
    fillTexts(question) {
      const lazy = waiting.get(question);
      if (!lazy) return;
      try {
        fillTexts(lazy);
      } catch {
        // The texts are read only now, after the bank was built from the entry: nothing to fall back to in this run.
        const where = lazy.from;
        if (where) rmSync(where.entry, { force: true });
        throw new UserFacingError(
          `the cached parse of ${where?.source ?? question.source.file} was damaged${where ? ` (${where.entry})` : ""} and is removed; run the command again, which reads the file afresh`,
        );
      }
    },
    put(abs, st, parsed, given) {
      const digest = digestOf(abs, given);
      if (digest === undefined) return;
      try {
        mkdirSync(dir, { recursive: true });
        const packed = pack(parsed);
        const entry: Entry = { format: CACHE_FORMAT, version, key: keyOf(abs, st, digest), parsed: packed.parsed, texts: packed.texts };
        writeFileAtomic(fileOf(abs), JSON.stringify(entry));
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
  };
}
