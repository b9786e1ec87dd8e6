// Parsed note files, cached by path, size, inode and modification time, so a large bank starts in milliseconds.
// Lives in $XDG_CACHE_HOME/cogquiz (~/.cache/cogquiz); deleting it is always safe. COGQUIZ_NO_CACHE=1 turns it off.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Stats } from "node:fs";
import { topicKeyOf, type ParsedFile } from "../content/parse-file.js";
import type { Question } from "../content/model.js";
import type { ParseCache } from "../content/load.js";
import { writeFileAtomic } from "./atomic.js";

/** Bump when the parser's output changes, so old entries are never read. */
const CACHE_FORMAT = 7;

type Packed = Partial<Question> & Record<string, unknown>;

/** Drops what every question of a file shares or what can be derived, so the cache reads fast. */
function pack(parsed: ParsedFile): ParsedFile {
  const drafts = parsed.drafts.map((d) => {
    const q: Packed = { ...d.question };
    delete q.topicKey;
    delete q.tags;
    delete q.domain;
    if (q.title === q.stem) delete q.title;
    if (q.hasErrors === false) delete q.hasErrors;
    if (q.id === "") delete q.id;
    if (q.explicitId === false) delete q.explicitId;
    if (Array.isArray(q.choices)) q.choices = q.choices.map((c) => (c.correct ? c : { ...c, correct: undefined as unknown as boolean }));
    q.source = { line: d.question.source.line } as Question["source"];
    return { ...d, question: q as unknown as Question };
  });
  return { ...parsed, drafts };
}

function unpack(parsed: ParsedFile): ParsedFile {
  const { tags, domain } = parsed.frontMatter;
  for (const d of parsed.drafts) {
    const q = d.question as Packed;
    q.topicKey = topicKeyOf(q.topic ?? []);
    q.tags = tags;
    if (domain !== undefined) q.domain = domain;
    q.title ??= q.stem ?? "";
    q.hasErrors ??= false;
    q.id ??= "";
    q.explicitId ??= false;
    if (Array.isArray(q.choices)) for (const c of q.choices) c.correct ??= false;
    q.source = { file: parsed.file, line: q.source?.line ?? 1 };
  }
  return parsed;
}

function cacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== "" ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "cogquiz");
}

interface Entry {
  format: number;
  version: string;
  key: string;
  parsed: ParsedFile;
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
  const version = `${packageVersion} ${createHash("sha1").update(readerStamp()).digest("hex")}`;
  const dir = cacheDir(env);
  const keyOf = (abs: string, st: Stats) => `${abs}\0${st.size}\0${st.ino}\0${st.mtimeMs}`;
  const fileOf = (abs: string) => join(dir, `${createHash("sha1").update(abs).digest("hex")}.json`);
  return {
    get(abs, st) {
      try {
        const entry = JSON.parse(readFileSync(fileOf(abs), "utf8")) as Entry;
        return entry.format === CACHE_FORMAT && entry.version === version && entry.key === keyOf(abs, st) ? unpack(entry.parsed) : undefined;
      } catch {
        return undefined;
      }
    },
    put(abs, st, parsed) {
      try {
        mkdirSync(dir, { recursive: true });
        const entry: Entry = { format: CACHE_FORMAT, version, key: keyOf(abs, st), parsed: pack(parsed) };
        writeFileAtomic(fileOf(abs), JSON.stringify(entry));
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
  };
}
