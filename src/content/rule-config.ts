// A bank's own rule settings: `.cogquiz.json` in the bank's folder or a folder above it, as ESLint and markdownlint
// configure a repository.
//   { "rules": { "missing-reference": "off", "key-position-bias": "error", "option-echoes-stem": "warning" } }
// Pure: the command finds and reads the file; this parses it and applies it to diagnostics.

import type { Diagnostic } from "./model.js";
import { RULES, canSilence, isRuleId, type RuleId } from "./rules.js";

export const CONFIG_FILE = ".cogquiz.json";

export type RuleSetting = "off" | "warning" | "error";

export interface RuleConfig {
  /** Where it was read from, for messages. */
  file: string;
  rules: Partial<Record<RuleId, RuleSetting>>;
}

/** What a rule may be set to, as written (any case); `false` means off. A map: a plain object would know "constructor". */
const SETTINGS = new Map<string, RuleSetting>([
  ["off", "off"],
  ["warning", "warning"],
  ["warn", "warning"],
  ["error", "error"],
]);

/** Parses a configuration file's text; a problem is a message naming the file and what to change. */
export function parseRuleConfig(text: string, file: string): RuleConfig | { problem: string } {
  let data: unknown;
  try {
    // Editors on Windows save JSON with a byte order mark; JSON.parse refuses it, and the message would show nothing.
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { problem: `${file} is not valid JSON (${e instanceof Error ? e.message : "parse error"})` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { problem: `${file} must hold an object such as {"rules": {"missing-reference": "off"}}` };
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== "rules" && key !== "$schema") return { problem: `${file}: unknown key "${key}"; the file has one key, "rules"` };
  }
  const rules: RuleConfig["rules"] = {};
  const given = record.rules;
  if (given === undefined) return { file, rules };
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    return { problem: `${file}: "rules" must be an object of rule ids to "off", "warning" or "error"` };
  }
  for (const [id, value] of Object.entries(given as Record<string, unknown>)) {
    if (!isRuleId(id)) return { problem: `${file}: "${id}" is not a rule id; \`cogquiz validate --help\` points at the list` };
    const setting = value === false ? "off" : typeof value === "string" ? SETTINGS.get(value.toLowerCase()) : undefined;
    if (setting === undefined) return { problem: `${file}: rule "${id}" must be "off", "warning" or "error" (got ${JSON.stringify(value)})` };
    if (setting !== "error" && RULES[id].severity === "error") {
      return { problem: `${file}: rule "${id}" makes a question unusable and cannot be turned off or lowered to a warning` };
    }
    if (setting === "off" && !canSilence(id)) {
      return { problem: `${file}: rule "${id}" cannot be turned off; declare the questions siblings (<!-- siblings: other-id -->) instead` };
    }
    rules[id] = setting;
  }
  return { file, rules };
}

/** The diagnostics as the configuration of each one's file sets them: some dropped, some with another severity. */
export function applyRuleConfig(diagnostics: readonly Diagnostic[], configFor: (file: string) => RuleConfig | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = configFor(d.file)?.rules[d.rule];
    if (setting === undefined) out.push(d);
    else if (setting !== "off") out.push(setting === d.severity ? d : { ...d, severity: setting });
  }
  return out;
}
