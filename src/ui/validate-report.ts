// The three shapes of a validation report. Each returns text; the command decides where it goes.

import type { Diagnostic } from "../content/model.js";
import type { BankSummary } from "../content/summary.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "./colour.js";

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

export function formatPretty(report: ValidationReport): string {
  const out: string[] = [];
  let current: string | undefined;
  for (const d of sortDiagnostics(report.diagnostics)) {
    if (d.file !== current) {
      if (current !== undefined) out.push("");
      out.push(chalk.underline(escapeControls(d.file)));
      current = d.file;
    }
    const failing = d.severity === "error" || report.strict;
    const sev = d.severity === "error" ? chalk.red("error  ") : failing ? chalk.red("warning") : chalk.yellow("warning");
    out.push(`  ${chalk.dim(`${d.line}:${d.column}`.padEnd(8))} ${sev}  ${escapeControls(d.message)}  ${chalk.dim(d.rule)}`);
  }
  if (out.length > 0) out.push("");
  const s = report.summary;
  const line = summaryLine(s);
  const failed = s.errors > 0 || (report.strict && s.warnings > 0);
  out.push(failed ? chalk.red(`✖ ${line}`) : s.warnings > 0 ? chalk.yellow(`⚠ ${line}`) : chalk.green(`✔ ${line}`));
  if (!failed && s.warnings > 0) out.push(chalk.dim("  warnings do not fail the run; --strict makes them fail"));
  return out.join("\n");
}

export function formatJson(report: ValidationReport): string {
  const diagnostics = sortDiagnostics(report.diagnostics).map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  }));
  return JSON.stringify({ version: REPORT_VERSION, summary: report.summary, diagnostics }, null, 2);
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

export function formatGithub(report: ValidationReport): string {
  const out: string[] = [];
  const sorted = sortDiagnostics(report.diagnostics);
  for (const d of sorted) {
    const kind = d.severity === "error" || report.strict ? "error" : "warning";
    const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(`cogquiz ${d.rule}`)}`;
    out.push(`::${kind} ${props}::${escapeData(escapeControls(d.message))}`);
  }
  const shown = (kind: "error" | "warning"): number =>
    sorted.filter((d) => (d.severity === "error" || report.strict ? "error" : "warning") === kind).length;
  const hidden = Math.max(0, shown("error") - GITHUB_ANNOTATION_LIMIT) + Math.max(0, shown("warning") - GITHUB_ANNOTATION_LIMIT);
  if (hidden > 0) out.push(`GitHub shows the first ${GITHUB_ANNOTATION_LIMIT} annotations of each kind; all ${sorted.length} are listed below.`);
  out.push(formatPretty(report));
  return out.join("\n");
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
    const cell = (x: string): string => escapeControls(x).replace(/\|/g, "\\|").replace(/\n/g, " ");
    for (const d of sorted.slice(0, 200)) {
      lines.push(`| \`${cell(d.file)}:${d.line}:${d.column}\` | ${d.severity} | \`${d.rule}\` | ${cell(d.message)} |`);
    }
    if (sorted.length > 200) lines.push("", `…and ${sorted.length - 200} more; see the job log.`);
  }
  return `${lines.join("\n")}\n`;
}
