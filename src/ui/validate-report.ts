// The shapes of a validation report: pretty, json, github, sarif and junit. Each returns text; the command decides where it goes.

import { escapeName, oneLine, safeJson } from "../content/controls.js";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "../content/model.js";
import { RULES, RULE_IDS, canSilence } from "../content/rules.js";
import { hash64 } from "../content/ids.js";
import type { BankSummary } from "../content/summary.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "./colour.js";
import { reportWidth, wrapText } from "./layout.js";

export const REPORT_VERSION = 1;

export interface ValidationReport {
  summary: BankSummary;
  diagnostics: Diagnostic[];
  strict: boolean;
}

/** Diagnostics in file order (as loaded), then line, then column. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of diagnostics) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  return [...diagnostics].sort(
    (a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || a.line - b.line || a.column - b.column,
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryLine(s: BankSummary): string {
  return (
    `${plural(s.files, "file")}, ${plural(s.topics, "topic")}, ` +
    `${plural(s.questions, "multiple-choice question")} (${s.single} single, ${s.multiple} multiple), ` +
    `${plural(s.recall, "recall card")}: ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}`
  );
}

/** The human report, laid out for `cols` cells: messages wrap under their own column, file names are cut at the front. */
export function formatPretty(report: ValidationReport, cols = reportWidth()): string {
  const out: string[] = [];
  let current: string | undefined;
  for (const d of sortDiagnostics(report.diagnostics)) {
    if (d.file !== current) {
      if (current !== undefined) out.push("");
      out.push(chalk.underline(cutPath(escapeName(d.file), cols)));
      current = d.file;
    }
    const failing = d.severity === "error" || report.strict;
    const sev = d.severity === "error" ? chalk.red("error  ") : failing ? chalk.red("warning") : chalk.yellow("warning");
    const lead = `  ${chalk.dim(`${d.line}:${d.column}`.padEnd(8))} ${sev}  `;
    // On a narrow terminal the message goes under the position, so it keeps most of the width.
    const hang = Number.isFinite(cols) && cols < 70 ? "    " : " ".repeat(21);
    out.push(wrapText(`${oneLine(d.message)}  ${chalk.dim(d.rule)}`, cols, lead, hang));
  }
  if (out.length > 0) out.push("");
  const s = report.summary;
  const line = summaryLine(s);
  const failed = s.errors > 0 || (report.strict && s.warnings > 0);
  out.push(wrapText(failed ? chalk.red(`✖ ${line}`) : s.warnings > 0 ? chalk.yellow(`⚠ ${line}`) : chalk.green(`✔ ${line}`), cols, "", "  "));
  if (!failed && s.warnings > 0) out.push(wrapText(chalk.dim("warnings do not fail the run; --strict makes them fail"), cols, "  "));
  return out.join("\n");
}

/** A file path too long for a line keeps its end (the file name), with an ellipsis in front. */
function cutPath(path: string, cols: number): string {
  if (!Number.isFinite(cols) || path.length <= cols) return path;
  return `…${path.slice(path.length - cols + 1)}`;
}

export function formatJson(report: ValidationReport): string {
  const diagnostics = sortDiagnostics(report.diagnostics).map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    ...(d.related ? { related: d.related } : {}),
  }));
  return safeJson({ version: REPORT_VERSION, summary: report.summary, diagnostics }, 2);
}

/**
 * Where GitHub's annotations look for a file: relative to the repository root, with forward slashes, as in SARIF;
 * a file outside the repository keeps the path it is shown with. Controls and line breaks shown escaped.
 */
export function repositoryPath(file: string, options: { cwd: string; root: string }): string {
  return escapeName(inRepository(file, options)?.join("/") ?? file);
}

/** A file's path from the repository root, as its parts; undefined for a file outside the repository. */
function inRepository(file: string, options: { cwd: string; root: string }): string[] | undefined {
  const rel = relative(options.root, isAbsolute(file) ? file : resolve(options.cwd, file));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep) : undefined;
}

// GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub shows at most this many annotations of each kind per step. */
export const GITHUB_ANNOTATION_LIMIT = 10;

export function formatGithub(report: ValidationReport, where: { cwd: string; root: string }): string {
  const out: string[] = [];
  const sorted = sortDiagnostics(report.diagnostics);
  for (const d of sorted) {
    const kind = d.severity === "error" || report.strict ? "error" : "warning";
    const props = `file=${escapeProperty(repositoryPath(d.file, where))},line=${d.line},col=${d.column},title=${escapeProperty(`cogquiz ${d.rule}`)}`;
    out.push(`::${kind} ${props}::${escapeData(oneLine(d.message))}`);
  }
  const shown = (kind: "error" | "warning"): number =>
    sorted.filter((d) => (d.severity === "error" || report.strict ? "error" : "warning") === kind).length;
  const hidden = Math.max(0, shown("error") - GITHUB_ANNOTATION_LIMIT) + Math.max(0, shown("warning") - GITHUB_ANNOTATION_LIMIT);
  if (hidden > 0) out.push(`GitHub shows the first ${GITHUB_ANNOTATION_LIMIT} annotations of each kind; all ${sorted.length} are listed below.`);
  out.push(formatPretty(report));
  return out.join("\n");
}

/** Text as a markdown code span that no backtick inside can close early: a fence longer than any run in it. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

/** A markdown summary for $GITHUB_STEP_SUMMARY. */
export function formatStepSummary(report: ValidationReport): string {
  const s = report.summary;
  const failed = s.errors > 0 || (report.strict && s.warnings > 0);
  const lines = [
    `### cogquiz validate: ${failed ? "failed" : "passed"}`,
    "",
    "| files | topics | multiple-choice | single | multiple | recall | errors | warnings |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${s.files} | ${s.topics} | ${s.questions} | ${s.single} | ${s.multiple} | ${s.recall} | ${s.errors} | ${s.warnings} |`,
  ];
  const sorted = sortDiagnostics(report.diagnostics);
  if (sorted.length > 0) {
    lines.push("", "| where | severity | rule | message |", "|---|---|---|---|");
    const cell = (x: string): string => oneLine(x).replace(/\|/g, "\\|");
    for (const d of sorted.slice(0, 200)) {
      lines.push(`| ${codeSpan(cell(`${d.file}:${d.line}:${d.column}`))} | ${d.severity} | \`${d.rule}\` | ${cell(d.message)} |`);
    }
    if (sorted.length > 200) lines.push("", `…and ${sorted.length - 200} more; see the job log.`);
  }
  return `${lines.join("\n")}\n`;
}

// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: https://docs.oasis-open.org/sarif/sarif/v2.1.0/
// Beyond the schema, code scanning wants artifact URIs relative to the repository root, rule metadata, and
// partialFingerprints that stay put when lines move, so an alert is not closed and reopened by an unrelated edit.

export interface SarifOptions {
  /** Where diagnostics' relative paths start. */
  cwd: string;
  /** The repository root that artifact URIs are relative to. */
  root: string;
  version: string;
}

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** Relative to the root with forward slashes when the file is inside it; else a file: URI. */
export function artifactUri(file: string, options: SarifOptions): { uri: string; uriBaseId?: string } {
  const parts = inRepository(file, options);
  if (parts) return { uri: parts.map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  return { uri: pathToFileURL(isAbsolute(file) ? file : resolve(options.cwd, file)).href };
}

export function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

export function formatSarif(report: ValidationReport, options: SarifOptions): string {
  const ids = RULE_IDS;
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => ({
    id,
    name: ruleName(id),
    shortDescription: { text: RULES[id].summary },
    fullDescription: { text: RULES[id].summary },
    help: {
      text: `${RULES[id].summary} See docs/question-format.md, rule ${id}.`,
      markdown: `${RULES[id].summary}\n\nSee the rule \`${id}\` in \`docs/question-format.md\` of cogquiz.`,
    },
    defaultConfiguration: { level: RULES[id].severity },
    properties: { tags: ["question-bank", canSilence(id) ? "item-writing" : "structure"], precision: "high" },
  }));
  const seen = new Map<string, number>();
  const results = sortDiagnostics(report.diagnostics).map((d) => {
    const location = artifactUri(d.file, options);
    const physical = (file: string, line: number, column?: number) => {
      const loc = artifactUri(file, options);
      return { artifactLocation: loc, region: column !== undefined ? { startLine: line, startColumn: column } : { startLine: line } };
    };
    // Places in messages ("file:12") move with edits; the fingerprint leaves them out and counts repeats instead.
    const stable = `${d.rule}\0${location.uri}\0${d.message.replace(/:\d+\b/g, "")}`;
    const n = (seen.get(stable) ?? 0) + 1;
    seen.set(stable, n);
    const result: Record<string, unknown> = {
      ruleId: d.rule,
      ruleIndex: index.get(d.rule),
      level: d.severity,
      message: { text: escapeControls(d.message) },
      locations: [{ physicalLocation: physical(d.file, Math.max(1, d.line), Math.max(1, d.column)) }],
      partialFingerprints: { "cogquiz/v1": `${hash64(stable)}:${n}` },
    };
    if (d.related && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: physical(r.file, Math.max(1, r.line)),
        message: { text: "the other question of the pair" },
      }));
    }
    return result;
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cogquiz",
            semanticVersion: options.version,
            version: options.version,
            rules,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(options.root.endsWith(sep) ? options.root : options.root + sep).href } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

// JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines) read it: one test case per question file, one
// failure per error (and per warning with --strict); warnings otherwise go to the case's system-out.

/** XML 1.0 cannot hold most control characters even escaped: they are shown as \xNN first. */
function xml(s: string): string {
  return escapeControls(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** An attribute or one entry of a list: one line, as a name must be (see oneLine). */
function xmlLine(s: string): string {
  return xml(oneLine(s));
}

export function formatJunit(report: ValidationReport, files: readonly string[]): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of files) byFile.set(f, []);
  for (const d of sortDiagnostics(report.diagnostics)) {
    let list = byFile.get(d.file);
    if (!list) byFile.set(d.file, (list = []));
    list.push(d);
  }
  const cases: string[] = [];
  let failures = 0;
  for (const [file, list] of byFile) {
    const failing = list.filter((d) => d.severity === "error" || report.strict);
    const other = list.filter((d) => !failing.includes(d));
    failures += failing.length > 0 ? 1 : 0;
    const body: string[] = [];
    for (const d of failing) {
      body.push(
        `      <failure type="${xml(d.rule)}" message="${xmlLine(`${d.line}:${d.column} ${d.message}`)}">${xmlLine(`${file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`)}</failure>`,
      );
    }
    if (other.length > 0) {
      body.push(`      <system-out>${other.map((d) => xmlLine(`${file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`)).join("\n")}</system-out>`);
    }
    const open = `    <testcase classname="cogquiz.validate" name="${xmlLine(file)}" file="${xmlLine(file)}"`;
    cases.push(body.length === 0 ? `${open}/>` : `${open}>\n${body.join("\n")}\n    </testcase>`);
  }
  const s = report.summary;
  const attrs = `tests="${byFile.size}" failures="${failures}" errors="0" skipped="0"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="cogquiz validate" ${attrs}>`,
    `  <testsuite name="cogquiz validate" ${attrs}>`,
    `    <properties>`,
    `      <property name="questions" value="${s.questions + s.recall}"/>`,
    `      <property name="errors" value="${s.errors}"/>`,
    `      <property name="warnings" value="${s.warnings}"/>`,
    `      <property name="strict" value="${report.strict}"/>`,
    `    </properties>`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
  ].join("\n");
}
