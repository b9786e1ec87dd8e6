// YAML front matter: `topic`, `tags`, `domain` and `domains`. Unknown keys are allowed (other tools use them).

import { createRequire } from "node:module";
import type { FrontMatter } from "./model.js";
import { DOMAIN_PATTERN } from "./question-comments.js";
import { newlines } from "./lines.js";

type YamlModule = typeof import("yaml");
let yamlModule: YamlModule | undefined;
/** Loaded on the first front matter simpleYaml cannot read: start-up from a warm cache never pays for it. */
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)("yaml") as YamlModule;
  return yamlModule;
}

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  /** The markdown after the front matter. */
  body: string;
  /** Lines taken by the front matter block, so body line 1 is file line `bodyLineOffset + 1`. */
  bodyLineOffset: number;
  problems: { line: number; column: number; message: string }[];
}

/** A plain word of YAML that is a string in every schema: a letter first, then letters, digits, _ - . / */
const WORD = String.raw`[A-Za-z][\w./-]*`;
/** Words with single spaces between them: a plain scalar, in block or flow context alike. */
const PLAIN = String.raw`${WORD}(?: [\w./-]+)*`;
const SIMPLE_LINE = new RegExp(String.raw`^([A-Za-z_][\w-]*):(?:[ \t]+(?:(${PLAIN})|\[[ \t]*((?:${PLAIN})(?:[ \t]*,[ \t]*${PLAIN})*)?[ \t]*\]))?[ \t]*$`);
const SIMPLE_ITEM = new RegExp(String.raw`^${PLAIN}$`);
/** Plain words the YAML schemas read as something other than a string (1.2 core; 1.1's booleans for safety). */
const NOT_STRING = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/**
 * The front matter most files have (`tags: [a, b]`, `topic: Some title`, `domain: Security`) read without the YAML
 * library, which is a tenth of validate's start-up: what the library would return for the same text, or undefined
 * for anything else (quotes, comments, nesting, numbers, `dva-c02:2.1`, a repeated key), which the library then reads.
 */
export function simpleYaml(text: string): Record<string, string | string[] | null> | undefined {
  const data: Record<string, string | string[] | null> = {};
  let keys = 0;
  for (const line of text.split("\n")) {
    // A tab on a blank line can be indentation to YAML (an error after a key with no value): the library decides.
    if (line.includes("\t") && /^[ \t]*$/.test(line)) return undefined;
    if (/^ *$/.test(line)) continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (key === "__proto__" || NOT_STRING.test(key) || Object.hasOwn(data, key)) return undefined;
    let value: string | string[] | null;
    if (m[2] !== undefined) {
      if (NOT_STRING.test(m[2])) return undefined;
      value = m[2];
    } else if (line.includes("[")) {
      value = m[3] === undefined ? [] : m[3].split(",").map((t) => t.trim());
      if (value.some((t) => !SIMPLE_ITEM.test(t) || NOT_STRING.test(t))) return undefined;
    } else {
      value = null;
    }
    data[key] = value;
    keys++;
  }
  return keys > 0 ? data : undefined;
}

/** The front matter block's first line of YAML is line 2 of the file, after the opening `---`. */
const FIRST_YAML_LINE = 2;

/**
 * The YAML library's reading of the text, or its first error at the place it gives: the line of the file and the
 * column. An implicit key that runs over lines (`domain: Sec` and then an indented `bad: x`) is reported by the
 * library where the value starts; the mistake is the indented line, where the key ends, so that is the place given.
 */
function libraryYaml(yamlText: string): { data: unknown } | { problem: FrontMatterResult["problems"][number] } {
  const { parseDocument } = yaml();
  let at: number | undefined;
  let message: string;
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false });
    const first = doc.errors[0];
    if (first === undefined) return { data: doc.toJS({ maxAliasCount: 100 }) };
    at = first.pos[0];
    const runsOver = doc.errors.find((e) => e.code === "MULTILINE_IMPLICIT_KEY" && e.pos[0] === first.pos[0]);
    if (first.code === "BLOCK_AS_IMPLICIT_KEY" && runsOver) at = runsOver.pos[1];
    message = first.message;
  } catch (e) {
    // toJS throws for what only building the value finds (an alias with no anchor, too many aliases): no place.
    message = e instanceof Error ? e.message : "invalid YAML";
  }
  const text = message.split("\n")[0] || "invalid YAML";
  if (at === undefined) return { problem: { line: FIRST_YAML_LINE, column: 1, message: `front matter is not valid YAML: ${text}` } };
  const before = yamlText.slice(0, Math.min(at, yamlText.length));
  const lineStart = before.lastIndexOf("\n") + 1;
  return {
    problem: { line: FIRST_YAML_LINE + newlines(before), column: before.length - lineStart + 1, message: `front matter is not valid YAML: ${text}` },
  };
}

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** TOML front matter, as Hugo and Zola write it: between `+++` lines. */
const TOML_BLOCK = /^\+\+\+[ \t]*\n([\s\S]*?)\n?\+\+\+[ \t]*(?:\n|$)/;
/** A TOML string: basic ("…", with escapes) or literal ('…'). */
const TOML_STRING = String.raw`"(?:[^"\\\n]|\\.)*"|'[^'\n]*'`;
const ONE_STRING = new RegExp(String.raw`^(?:${TOML_STRING})$`);
const TOML_KEY = /^[ \t]*([A-Za-z0-9_-]+)[ \t]*=/;

/** A TOML value without the comment after it: a `#` outside a string, read in one pass (a line may be long). */
function withoutComment(value: string): string {
  let quote: string | undefined;
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') k++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return value.slice(0, k);
  }
  return value;
}

function tomlString(token: string): string | undefined {
  if (token.startsWith("'")) return token.slice(1, -1);
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/**
 * The top-level keys of TOML front matter whose values are a string or a one-line array of strings; a key with any
 * other value is kept as that text, so the checks below report it. Tables (`[params]`) and what follows them are
 * other tools' settings, as unknown keys are.
 */
function tomlKeys(tomlText: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of tomlText.split("\n")) {
    if (/^[ \t]*\[/.test(line)) break;
    const m = TOML_KEY.exec(line);
    if (!m) continue;
    const key = m[1]!;
    const value = withoutComment(line.slice(m[0].length)).trim();
    if (key === "__proto__") continue;
    if (ONE_STRING.test(value)) data[key] = tomlString(value);
    else if (/^\[.*\]$/.test(value)) {
      const inner = value.slice(1, -1).trim().replace(/,$/, "");
      const items = inner === "" ? [] : inner.split(/,(?=[ \t]*["'])/);
      const strings = items.map((t) => (ONE_STRING.test(t.trim()) ? tomlString(t.trim()) : undefined));
      data[key] = strings.every((t) => t !== undefined) ? strings : value;
    } else data[key] = value === "" ? null : Number.isNaN(Number(value)) ? value : Number(value);
  }
  return data;
}

export function splitFrontMatter(text: string): FrontMatterResult {
  const empty: FrontMatter = { tags: [] };
  const toml = TOML_BLOCK.exec(text);
  if (toml) {
    const block = toml[0];
    const tomlText = toml[1] ?? "";
    const bodyLineOffset = block.split("\n").length - (block.endsWith("\n") ? 1 : 0);
    const problems: FrontMatterResult["problems"] = [];
    const lineOf = (key: string): number => {
      const idx = tomlText.split("\n").findIndex((l) => new RegExp(String.raw`^[ \t]*${key}[ \t]*=`).test(l));
      return idx >= 0 ? idx + FIRST_YAML_LINE : FIRST_YAML_LINE;
    };
    const frontMatter = readKeys(tomlKeys(tomlText), lineOf, problems);
    return { frontMatter, body: text.slice(block.length), bodyLineOffset, problems };
  }
  const m = BLOCK.exec(text);
  if (!m) {
    if (/^---[ \t]*\n/.test(text) && /^\s*[\w-]+\s*:/.test(text.slice(text.indexOf("\n") + 1))) {
      return {
        frontMatter: empty,
        body: text,
        bodyLineOffset: 0,
        problems: [{ line: 1, column: 1, message: "front matter starts with --- but is never closed by a --- line" }],
      };
    }
    return { frontMatter: empty, body: text, bodyLineOffset: 0, problems: [] };
  }
  const yamlText = m[1] ?? "";
  const block = m[0];
  const bodyLineOffset = block.split("\n").length - (block.endsWith("\n") ? 1 : 0);
  const body = text.slice(block.length);
  const problems: FrontMatterResult["problems"] = [];
  let data: unknown = simpleYaml(yamlText);
  if (data === undefined) {
    const read = libraryYaml(yamlText);
    if ("problem" in read) {
      problems.push(read.problem);
      return { frontMatter: empty, body, bodyLineOffset, problems };
    }
    data = read.data;
  }
  const frontMatter: FrontMatter = { tags: [] };
  if (data === null || data === undefined) return { frontMatter, body, bodyLineOffset, problems };
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.push({ line: FIRST_YAML_LINE, column: 1, message: "front matter must be a mapping of keys (topic, tags, domain, domains)" });
    return { frontMatter, body, bodyLineOffset, problems };
  }
  const lineOf = (key: string): number => {
    const idx = yamlText.split("\n").findIndex((l) => l.startsWith(`${key}:`));
    return idx >= 0 ? idx + FIRST_YAML_LINE : FIRST_YAML_LINE;
  };
  return { frontMatter: readKeys(data as Record<string, unknown>, lineOf, problems), body, bodyLineOffset, problems };
}

/** The keys cogquiz reads, checked: a key of the wrong type is a problem at its line. */
function readKeys(record: Record<string, unknown>, lineOf: (key: string) => number, problems: FrontMatterResult["problems"]): FrontMatter {
  const frontMatter: FrontMatter = { tags: [] };
  if (record.topic !== undefined) {
    if (typeof record.topic === "string" && record.topic.trim() !== "") frontMatter.topic = record.topic.trim();
    else problems.push({ line: lineOf("topic"), column: 1, message: "front matter `topic` must be a non-empty string" });
  }
  if (record.domain !== undefined) {
    if (typeof record.domain === "string") frontMatter.domain = record.domain.trim();
    else problems.push({ line: lineOf("domain"), column: 1, message: "front matter `domain` must be a string" });
  }
  if (record.tags !== undefined) {
    const tags = typeof record.tags === "string" ? [record.tags] : record.tags;
    if (Array.isArray(tags) && tags.every((t) => typeof t === "string" || typeof t === "number")) {
      frontMatter.tags = tags.map((t) => String(t).trim()).filter((t) => t !== "");
    } else {
      problems.push({ line: lineOf("tags"), column: 1, message: "front matter `tags` must be a list of strings" });
    }
  }
  if (record.domains !== undefined) {
    const domains = typeof record.domains === "string" ? record.domains.split(/[\s,]+/) : record.domains;
    if (Array.isArray(domains) && domains.every((t) => typeof t === "string")) {
      const list = domains.map((t) => t.trim().toLowerCase()).filter((t) => t !== "");
      const bad = list.filter((t) => !DOMAIN_PATTERN.test(t));
      if (bad.length > 0) {
        problems.push({
          line: lineOf("domains"),
          column: 1,
          message: `front matter \`domains\` entry "${bad[0]}" is not guide:task, such as dva-c02:2.1`,
        });
      }
      frontMatter.domains = [...new Set(list.filter((t) => DOMAIN_PATTERN.test(t)))];
    } else {
      problems.push({ line: lineOf("domains"), column: 1, message: "front matter `domains` must be a list of guide:task strings, such as [dva-c02:2.1]" });
    }
  }
  return frontMatter;
}
