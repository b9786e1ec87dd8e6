// The disk side of reading content: which files, their bytes as text, and whether linked files exist.
// It reads and never writes; everything it learns goes through parseFile and buildBank.

import { existsSync, readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bank, Diagnostic, Question } from "./model.js";
import { buildBank } from "./bank.js";
import { contentDigest } from "./digest.js";
import { controlKind, nameControl, visibleControl } from "./controls.js";
import type { ParsedFile } from "./parse-file.js";
import { MAX_FILE_BYTES, RULES, type RuleId } from "./rules.js";

/** The content folder shipped with the package, found from this module, not the current directory. */
export const BUNDLED_CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));

const MARKDOWN = new Set([".md", ".markdown", ".mdown", ".mkd"]);
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** A path the user named that does not exist (or is empty, which names nothing): bad usage, not a content problem. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path === "" ? '"" (an empty path)' : path}`);
  }
}

/** How a path is shown in diagnostics: relative to the current directory when that is shorter. */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  const rel = relative(cwd, absolute);
  if (rel === "") return ".";
  return rel.startsWith("..") && rel.split(/[\\/]/).filter((p) => p === "..").length > 2 ? absolute : rel;
}

function diag(file: string, rule: RuleId, message: string, line = 1, column = 1): Diagnostic {
  return { file, line, column, severity: RULES[rule].severity, rule, message };
}

/** Markdown files under the given paths, each folder walked recursively in sorted order. */
export function discoverFiles(paths: readonly string[], cwd = process.cwd()): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const add = (f: string): void => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const p of paths) {
    // resolve("") is the current folder: an empty path (an unset variable in a script) would validate it silently.
    if (p === "") throw new MissingPathError(p);
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch {
      throw new MissingPathError(p);
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(abs, found, diagnostics, cwd);
      if (found.length === 0) diagnostics.push(diag(displayPath(abs, cwd), "no-markdown-files", `folder ${p} holds no markdown (.md) files`));
      found.forEach(add);
    } else {
      add(abs);
    }
  }
  for (const f of files) {
    const shown = displayPath(f, cwd);
    const code = nameControl(shown);
    if (code !== undefined) {
      const what = code === 9 || code === 10 || code === 13 ? "a tab or line break" : `${controlKind(code)} ${visibleControl(code)}`;
      diagnostics.push(diag(shown, "control-character", `the file's name holds ${what} (shown escaped, never sent to the terminal); rename the file`));
    }
  }
  return { files, diagnostics };
}

function walk(dir: string, out: string[], diagnostics: Diagnostic[], cwd: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    diagnostics.push(diag(displayPath(dir, cwd), "unreadable-file", `folder cannot be read: ${(e as NodeJS.ErrnoException).code ?? "error"}`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".") || SKIPPED_DIRS.has(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out, diagnostics, cwd);
    else if ((e.isFile() || e.isSymbolicLink()) && MARKDOWN.has(extname(e.name).toLowerCase())) out.push(full);
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads one file as text, or says why it cannot be markdown. */
export function readSource(abs: string, file: string): { text: string } | { diagnostic: Diagnostic } {
  const read = readSourceBytes(abs, file);
  return "diagnostic" in read ? read : decodeSource(read.bytes, file);
}

/** The bytes of a note file, or why it cannot be read: not a regular file, too large, unreadable. */
function readSourceBytes(abs: string, file: string): { bytes: Buffer } | { diagnostic: Diagnostic } {
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { diagnostic: diag(file, "unreadable-file", "not a regular file") };
    if (st.size > MAX_FILE_BYTES) {
      return { diagnostic: diag(file, "file-too-large", `file is ${(st.size / 1048576).toFixed(1)} MiB; split it into files under 16 MiB`) };
    }
    return { bytes: readFileSync(abs) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    return { diagnostic: diag(file, "unreadable-file", `file cannot be read (${code})`) };
  }
}

/** A note file's bytes as text, or why they are not markdown: NUL bytes, or not UTF-8. */
function decodeSource(bytes: Buffer, file: string): { text: string } | { diagnostic: Diagnostic } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineAtByte(bytes, nul);
    return { diagnostic: diag(file, "binary-file", "file holds NUL bytes: it looks binary, not markdown", line) };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { diagnostic: diag(file, "not-utf8", "file is not UTF-8 text; save it as UTF-8", lineAtByte(bytes, bad)) };
  }
}

function lineAtByte(bytes: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Binary search on the longest prefix that decodes; cheap enough for the rare bad file.
  let lo = 0;
  let hi = bytes.length;
  const lenient = new TextDecoder("utf-8", { fatal: true });
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      lenient.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Somewhere to keep parsed files between runs; the loader only asks and offers, never writes itself. */
export interface ParseCache {
  /** With `lazyTexts`, questions may come back without their texts until `fillTexts` is called on them. */
  /** `digest`: `contentDigest` of the file's bytes; without it the cache reads the file to compute it. */
  get(abs: string, stat: Stats, lazyTexts?: boolean, digest?: string): ParsedFile | undefined;
  put(abs: string, stat: Stats, parsed: ParsedFile, digest?: string): void;
  /** Gives a question from a lazy `get` its stem, title, choices or answer, explanation and references. */
  fillTexts(question: Question): void;
}

export interface LoadOptions {
  cwd?: string;
  cache?: ParseCache;
  /**
   * "outline": keep only what validation and counts need (ids, kinds, topics, sources, diagnostics), dropping
   * question texts, titles and notes as each file is read, so validating a huge bank holds little in memory.
   */
  keep?: "all" | "outline";
  /**
   * Questions read from the cache come without their texts (empty stem, title, choices, answer, no explanation or
   * references) until `cache.fillTexts(question)`: a quiz start then reads only what it needs to order the cards.
   */
  lazyTexts?: boolean;
  /** Also run the rules over the whole content set (near duplicates, key patterns), as `cogquiz validate` does. */
  lint?: boolean;
}

function outline(p: ParsedFile, ownList: (list: string[]) => void): ParsedFile {
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
function listOwner(): (list: string[]) => void {
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

let parseFile: ((file: string, text: string) => ParsedFile) | undefined;

/** A cached parse made under another display name (another current directory): the same data, renamed. */
function renamed(p: ParsedFile, file: string): ParsedFile {
  if (p.file === file) return p;
  for (const d of p.diagnostics) d.file = file;
  for (const d of p.drafts) d.question.source.file = file;
  return { ...p, file };
}

/**
 * Reads every markdown file under `paths` into one Bank. Throws MissingPathError for a path that does not exist.
 * The parser (and marked with it) is imported at the first file the cache does not have: a start that finds every
 * file cached never loads it.
 */
export async function loadBank(paths: readonly string[], options: LoadOptions = {}): Promise<Bank> {
  const cwd = options.cwd ?? process.cwd();
  const { files, diagnostics } = discoverFiles(paths, cwd);
  // Only validate runs the content-set rules: a quiz start does not load them.
  const setRules = options.lint ? await import("./set-rules.js") : undefined;
  const parsed: ParsedFile[] = [];
  const ownList = listOwner();
  for (const abs of files) {
    const file = displayPath(abs, cwd);
    let st: Stats | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    // The file is read even when its parse is cached: the cache entry must match these very bytes, so an edit that
    // keeps the size and the modification time (a moved [x] within the same second) is never missed.
    const bytes = readSourceBytes(abs, file);
    const read = "diagnostic" in bytes ? bytes : undefined;
    // The digest only finds and files cache entries: without a cache it is not worth its hashing.
    const digest = options.cache && "bytes" in bytes ? contentDigest(bytes.bytes) : undefined;
    const cached = st && digest && options.cache?.get(abs, st, options.lazyTexts, digest);
    let p: ParsedFile;
    if (cached) {
      p = renamed(cached, file);
    } else {
      const text = read ?? decodeSource((bytes as { bytes: Buffer }).bytes, file);
      if ("diagnostic" in text) {
        diagnostics.push(text.diagnostic);
        parsed.push({ file, frontMatter: { tags: [] }, sections: [], drafts: [], diagnostics: [], links: [] });
        continue;
      }
      parseFile ??= (await import("./parse-file.js")).parseFile;
      p = parseFile(file, text.text);
      if (st) options.cache?.put(abs, st, p, digest);
    }
    p = { ...p, diagnostics: [...p.diagnostics] };
    if (setRules) for (const d of p.drafts) d.facts = setRules.itemFacts(d.question);
    if (options.keep === "outline") p = outline(p, ownList);
    const dir = dirname(abs);
    // A link the reader met twice (an explanation is read as a block and as the question's text) is one finding.
    const reported = new Set<string>();
    for (const link of p.links) {
      const where = `${link.image ? "image" : "link"}\u0000${link.target}\u0000${link.line}\u0000${link.column}`;
      if (reported.has(where)) continue;
      reported.add(where);
      if (!existsSync(resolve(dir, link.target))) {
        p.diagnostics.push(
          diag(file, "missing-file", `${link.image ? "image" : "link"} target ${link.target} does not exist`, link.line, link.column),
        );
      }
    }
    parsed.push(p);
  }
  const bank = buildBank(parsed, diagnostics);
  setRules?.lintSet(parsed, bank);
  return bank;
}
