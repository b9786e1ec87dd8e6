// YAML front matter: `topic`, `tags`, `domain` and `domains`. Unknown keys are allowed (other tools use them).

import { createRequire } from "node:module";
import type { FrontMatter } from "./model.js";
import { DOMAIN_PATTERN } from "./question-comments.js";

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

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function splitFrontMatter(text: string): FrontMatterResult {
  const empty: FrontMatter = { tags: [] };
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
    try {
      data = yaml().parse(yamlText, { prettyErrors: false, maxAliasCount: 100, logLevel: "error" });
    } catch (e) {
      const pos = e instanceof yaml().YAMLParseError ? e.linePos : undefined;
      const line = pos ? pos[0].line + 1 : 2;
      const column = pos ? pos[0].col : 1;
      const message = e instanceof Error ? e.message.split("\n")[0] ?? "invalid YAML" : "invalid YAML";
      problems.push({ line, column, message: `front matter is not valid YAML: ${message}` });
      return { frontMatter: empty, body, bodyLineOffset, problems };
    }
  }
  const frontMatter: FrontMatter = { tags: [] };
  if (data === null || data === undefined) return { frontMatter, body, bodyLineOffset, problems };
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.push({ line: 2, column: 1, message: "front matter must be a mapping of keys (topic, tags, domain, domains)" });
    return { frontMatter, body, bodyLineOffset, problems };
  }
  const record = data as Record<string, unknown>;
  const lineOf = (key: string): number => {
    const idx = yamlText.split("\n").findIndex((l) => l.startsWith(`${key}:`));
    return idx >= 0 ? idx + 2 : 2;
  };
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
  return { frontMatter, body, bodyLineOffset, problems };
}
