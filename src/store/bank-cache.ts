// Parsed note files, cached by path, size, inode and modification time, so a large bank starts in milliseconds.
// Lives in $XDG_CACHE_HOME/cogquiz (~/.cache/cogquiz); deleting it is always safe. COGQUIZ_NO_CACHE=1 turns it off.

import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Stats } from "node:fs";
import type { ParsedFile } from "../content/parse-file.js";
import { topicKeyOf } from "../content/text.js";
import type { MultipleChoiceQuestion, Question } from "../content/model.js";
import type { Draft } from "../content/context.js";
import type { ParseCache } from "../content/load.js";
import { hash64 } from "../content/ids.js";
import { writeFileAtomic } from "./atomic.js";

/** Bump when the parser's output changes, so old entries are never read. */
const CACHE_FORMAT = 9;

/**
 * One draft as a tuple: a cache of 10,000 questions is read at every start, and key names were a third of its bytes.
 * [kind, topic index, stem, title (0: same as stem), choice texts or answer, key bitmask, explanation (0: none),
 *  references as [title, url], line, stem key, explicit id (0: none), choose hint (0: none), broken (0/1),
 *  derived id (0: none), per-choice feedback (0: none)]
 */
type PackedDraft = [
  Question["kind"], number, string, string | 0, string[] | string, number, string | 0, [string, string][], number, string,
  string | 0, number, 0 | 1, string | 0, (string | 0)[] | 0,
];

interface PackedFile {
  file: string;
  frontMatter: ParsedFile["frontMatter"];
  sections: ParsedFile["sections"];
  diagnostics: ParsedFile["diagnostics"];
  links: ParsedFile["links"];
  topics: string[][];
  drafts: PackedDraft[];
}

function pack(parsed: ParsedFile): PackedFile {
  const topics: string[][] = [];
  const topicIndex = new Map<string, number>();
  const drafts = parsed.drafts.map((d): PackedDraft => {
    const q = d.question;
    let ti = topicIndex.get(q.topicKey);
    if (ti === undefined) {
      ti = topics.push(q.topic) - 1;
      topicIndex.set(q.topicKey, ti);
    }
    const choice = q.kind === "recall" ? undefined : q;
    const feedback = choice?.choices.some((c) => c.feedback !== undefined) ? choice.choices.map((c) => c.feedback ?? 0) : 0;
    return [
      q.kind,
      ti,
      q.stem,
      q.title === q.stem ? 0 : q.title,
      choice ? choice.choices.map((c) => c.text) : (q as { answer: string }).answer,
      choice ? choice.choices.reduce((m, c, k) => (c.correct ? m | (1 << k) : m), 0) : 0,
      choice?.explanation ?? 0,
      q.references.map((r) => [r.title, r.url]),
      q.source.line,
      d.stemKey,
      d.explicitId ?? 0,
      choice?.chooseHint ?? 0,
      q.hasErrors ? 1 : 0,
      d.derivedId ?? 0,
      feedback,
    ];
  });
  return { file: parsed.file, frontMatter: parsed.frontMatter, sections: parsed.sections, diagnostics: parsed.diagnostics, links: parsed.links, topics, drafts };
}

function unpack(packed: PackedFile): ParsedFile {
  const { tags, domain } = packed.frontMatter;
  const topicKeys = packed.topics.map((t) => topicKeyOf(t));
  const drafts = packed.drafts.map((t): Draft => {
    const [kind, ti, stem, title, body, mask, explanation, refs, line, stemKey, explicitId, hint, broken, derivedId, feedback] = t;
    const references = refs.map(([refTitle, url]) => ({ title: refTitle, url }));
    const source = { file: packed.file, line };
    // Plain literals, same keys in the same order: spreads here gave objects slow shapes and tripled the load time.
    let question: Question;
    if (kind === "recall") {
      question = {
        id: "", explicitId: false, kind, topic: packed.topics[ti]!, topicKey: topicKeys[ti]!, title: title === 0 ? stem : title,
        stem, tags, source, hasErrors: broken === 1, answer: body as string, references,
      };
    } else {
      const texts = body as string[];
      const choices: MultipleChoiceQuestion["choices"] = new Array(texts.length);
      for (let k = 0; k < texts.length; k++) {
        const f = feedback === 0 ? 0 : feedback[k];
        choices[k] = f !== undefined && f !== 0 ? { text: texts[k]!, correct: (mask & (1 << k)) !== 0, feedback: f } : { text: texts[k]!, correct: (mask & (1 << k)) !== 0 };
      }
      const mc: MultipleChoiceQuestion = {
        id: "", explicitId: false, kind, topic: packed.topics[ti]!, topicKey: topicKeys[ti]!, title: title === 0 ? stem : title,
        stem, tags, source, hasErrors: broken === 1, choices, references,
      };
      if (explanation !== 0) mc.explanation = explanation;
      if (hint !== 0) mc.chooseHint = hint;
      question = mc;
    }
    if (domain !== undefined) question.domain = domain;
    const draft: Draft = { question, stemKey };
    if (explicitId !== 0) draft.explicitId = explicitId;
    if (derivedId !== 0) draft.derivedId = derivedId;
    return draft;
  });
  return { file: packed.file, frontMatter: packed.frontMatter, sections: packed.sections, diagnostics: packed.diagnostics, links: packed.links, drafts };
}

function cacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== "" ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "cogquiz");
}

interface Entry {
  format: number;
  version: string;
  key: string;
  parsed: PackedFile;
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
  const keyOf = (abs: string, st: Stats) => `${abs}\0${st.size}\0${st.ino}\0${st.mtimeMs}`;
  // A clash of two paths' names only costs a re-parse: each entry holds its full path and is checked against it.
  const fileOf = (abs: string) => join(dir, `${hash64(abs)}.json`);
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
