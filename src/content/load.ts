// The disk side of reading content: which files, their bytes as text, and whether linked files exist.
// It reads and never writes; everything it learns goes through parseFile and buildBank.

import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bank, Diagnostic, Question } from "./model.js";
import { buildBank } from "./bank.js";
import { contentDigest } from "./digest.js";
import { controlKind, nameControl, visibleControl } from "./controls.js";
import type { ParsedFile } from "./parse-file.js";
import type { ParseJob, ParseOutcome } from "./parse-job.js";
import { listOwner, outline } from "./outline.js";
import { repositoryOf } from "./repository.js";
import { diag, readSourceBytes } from "./read-source.js";
import { MIN_BYTES_PER_THREAD, threadsFor } from "./threads.js";

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


/** Markdown files under the given paths, each folder walked recursively in sorted order. */
export function discoverFiles(paths: readonly string[], cwd = process.cwd()): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  // Each file once, however its path is spelt: a folder named twice, once through a symbolic link (a configured
  // content path and --content, say), would otherwise give every question of it twice, each a duplicate of the other.
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const add = (f: string, key: string): void => {
    if (!seen.has(key)) {
      seen.add(key);
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
    } catch (e) {
      // A loop of symbolic links is there and cannot be followed: not missing, but a file that cannot be read, as the
      // same loop met in a folder is.
      if ((e as NodeJS.ErrnoException).code === "ELOOP") {
        add(abs, abs);
        continue;
      }
      throw new MissingPathError(p);
    }
    // The files are shown by the path named; they are told apart by where it leads.
    const real = realPath(abs);
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(abs, found, diagnostics, cwd);
      if (found.length === 0) diagnostics.push(diag(displayPath(abs, cwd), "no-markdown-files", `folder ${p} holds no markdown (.md) files`));
      for (const f of found) add(f, join(real, relative(abs, f)));
    } else {
      add(abs, real);
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

/** Where a path leads, symbolic links followed; the path itself when that cannot be found out. */
function realPath(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
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
    // A named pipe, socket or device named .md is listed too, to be reported as not a regular file (never opened).
    const markdown = !e.isDirectory() && MARKDOWN.has(extname(e.name).toLowerCase());
    if ((e.isDirectory() || markdown) && unnamable(e.name, full)) {
      const what = e.isDirectory() ? "folder" : "file";
      diagnostics.push(diag(displayPath(full, cwd), "unreadable-file", `the ${what}'s name is not UTF-8 (shown with \uFFFD for its bad bytes), so it cannot be read; rename the ${what}`));
    } else if (e.isDirectory()) walk(full, out, diagnostics, cwd);
    else if (markdown) out.push(full);
  }
}

/**
 * Whether a listed name is not UTF-8: read as text, its bad bytes became U+FFFD, and the path made of it names
 * nothing (a name may hold U+FFFD itself, and then it opens).
 */
function unnamable(name: string, full: string): boolean {
  if (!name.includes("\uFFFD")) return false;
  try {
    lstatSync(full);
    return false;
  } catch {
    return true;
  }
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

/** A cached parse made under another display name (another current directory): the same data, renamed. */
function renamed(p: ParsedFile, file: string): ParsedFile {
  if (p.file === file) return p;
  for (const d of p.diagnostics) d.file = file;
  for (const d of p.drafts) d.question.source.file = file;
  return { ...p, file };
}

/** One file on its way into the bank: found in the cache, unreadable, or to be parsed (job: its index among the jobs). */
interface Slot {
  abs: string;
  file: string;
  st?: Stats;
  cached?: ParsedFile;
  unread?: Diagnostic;
  job?: number;
}

/**
 * Reads every markdown file under `paths` into one Bank. Throws MissingPathError for a path that does not exist.
 * The parser (and marked with it) is imported at the first file the cache does not have: a start that finds every
 * file cached never loads it. A large set is parsed on every core (parse-pool.ts), with the same outcome.
 */
export async function loadBank(paths: readonly string[], options: LoadOptions = {}): Promise<Bank> {
  const cache = options.cache;
  if (!cache) return readBank(paths, options);
  try {
    return await readBank(paths, options);
  } catch (e) {
    // A cache entry that is whole JSON with the right key but not the shape the cache writes (edited by hand, a fault
    // on disk) can fail only as the bank is built from it. The files are read again and their entries written afresh;
    // an error that was not the cache's comes back the same from that second reading.
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    const rewrite: ParseCache = { get: () => undefined, put: (...args) => cache.put(...args), fillTexts: (q) => cache.fillTexts(q) };
    return readBank(paths, { ...options, cache: rewrite });
  }
}

async function readBank(paths: readonly string[], options: LoadOptions): Promise<Bank> {
  const cwd = options.cwd ?? process.cwd();
  const { files, diagnostics } = discoverFiles(paths, cwd);
  // Only validate runs the content-set rules: a quiz start does not load them.
  const setRules = options.lint ? await import("./set-rules.js") : undefined;
  const outlined = options.keep === "outline";
  const slots: Slot[] = [];
  const jobs: ParseJob[] = [];
  let bytesToParse = 0;
  // A file the cache did not have was read and fingerprinted for the lookup: its parse takes those bytes instead of
  // reading it again, while the set is small enough for one thread (a parse thread reads its files itself).
  const alreadyRead = new Map<ParseJob, { bytes: Buffer; digest: string }>();
  let keptBytes = 0;
  for (const abs of files) {
    const file = displayPath(abs, cwd);
    let st: Stats | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (options.cache && st) {
      // The file is read even when its parse is cached: the cache entry must match these very bytes, so an edit
      // that keeps the size and the modification time (a moved [x] within the same second) is never missed.
      const bytes = readSourceBytes(abs, file);
      if ("diagnostic" in bytes) {
        slots.push({ abs, file, st, unread: bytes.diagnostic });
        continue;
      }
      const digest = contentDigest(bytes.bytes);
      const cached = options.cache.get(abs, st, options.lazyTexts, digest);
      if (cached) {
        slots.push({ abs, file, st, cached: renamed(cached, file) });
        continue;
      }
      // Past one thread's worth of text the bytes are let go: the set may be parsed in threads, which read their own.
      const job = pushJob(abs, file, st);
      keptBytes += bytes.bytes.length;
      if (keptBytes < MIN_BYTES_PER_THREAD) alreadyRead.set(job, { bytes: bytes.bytes, digest });
      else alreadyRead.clear();
      continue;
    }
    pushJob(abs, file, st);
  }

  function pushJob(abs: string, file: string, st: Stats | undefined): ParseJob {
    slots.push({ abs, file, st, job: jobs.length });
    // The cache files the whole parse: with one, facts come back apart and the texts are dropped here after.
    const job = { abs, file, digest: options.cache !== undefined, facts: setRules !== undefined, outline: outlined && !options.cache };
    jobs.push(job);
    bytesToParse += st?.size ?? 0;
    return job;
  }

  const parsed: ParsedFile[] = [];
  const ownList = listOwner();
  const repositoryRoots = new Map<string, string | undefined>();
  const finish = (slot: Slot, outcome?: ParseOutcome): void => {
    if (slot.unread || (outcome && "diagnostic" in outcome)) {
      diagnostics.push(slot.unread ?? (outcome as { diagnostic: Diagnostic }).diagnostic);
      parsed.push({ file: slot.file, frontMatter: { tags: [] }, sections: [], drafts: [], diagnostics: [], links: [] });
      return;
    }
    const fresh = outcome as Extract<ParseOutcome, { parsed: ParsedFile }> | undefined;
    let p = fresh?.parsed ?? slot.cached!;
    if (fresh && slot.st) options.cache?.put(slot.abs, slot.st, p, fresh.digest);
    p = { ...p, diagnostics: [...p.diagnostics] };
    if (!fresh?.outlined) {
      if (setRules) p.drafts.forEach((d, i) => (d.facts = fresh?.facts?.[i] ?? setRules.itemFacts(d.question)));
      if (outlined) p = outline(p, ownList);
    }
    checkLinks(p, dirname(slot.abs), repositoryRoots);
    parsed.push(p);
  };
  // Outcomes come in the order threads finish them; the bank takes the files in their order.
  const outcomes: (ParseOutcome | undefined)[] = new Array(jobs.length);
  let taken = 0;
  const flush = (): void => {
    for (; taken < slots.length; taken++) {
      const slot = slots[taken]!;
      if (slot.job === undefined) finish(slot);
      else if (outcomes[slot.job]) {
        finish(slot, outcomes[slot.job]);
        outcomes[slot.job] = undefined;
      } else return;
    }
  };
  if (jobs.length > 0) {
    const { parseJob } = await import("./parse-job.js");
    const pool = await import("./parse-pool.js");
    const deliver = (index: number, outcome: ParseOutcome): void => {
      outcomes[index] = outcome;
      flush();
    };
    const here = (job: ParseJob): ParseOutcome => parseJob(job, alreadyRead.get(job));
    await pool.parseInThreads(jobs, threadsFor(bytesToParse, jobs.length), here, deliver, new URL("./parse-worker.js", import.meta.url));
  }
  flush();
  const bank = buildBank(parsed, diagnostics);
  setRules?.lintSet(parsed, bank);
  return bank;
}

/**
 * Reports each relative link or image of `p` whose target is not on disk (relative to the file's folder `dir`).
 * `roots`: the repository of each folder, found once per load.
 */
function checkLinks(p: ParsedFile, dir: string, roots: Map<string, string | undefined>): void {
  // A link the reader met twice (an explanation is read as a block and as the question's text) is one finding.
  const reported = new Set<string>();
  const root = p.links.length > 0 ? repositoryOf(dir, roots) : undefined;
  for (const link of p.links) {
    const where = `${link.image ? "image" : "link"}\u0000${link.target}\u0000${link.line}\u0000${link.column}`;
    if (reported.has(where)) continue;
    reported.add(where);
    const target = resolve(dir, link.target);
    // Above the repository's folder a relative link is a page of its host ("../../issues" from a README on GitHub).
    const fromRoot = root === undefined ? "" : relative(root, target);
    if (fromRoot === ".." || fromRoot.startsWith(`..${sep}`)) continue;
    if (!existsSync(target)) {
      p.diagnostics.push(diag(p.file, "missing-file", `${link.image ? "image" : "link"} target ${link.target} does not exist`, link.line, link.column));
    }
  }
}
