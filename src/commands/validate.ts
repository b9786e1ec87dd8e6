// cogquiz validate [paths...]: check question banks; exit 0 clean, 1 errors (or warnings with --strict), 2 usage.

import { appendFileSync } from "node:fs";
import { summarise } from "../content/summary.js";
import { formatGithub, formatJson, formatPretty, formatStepSummary, type ValidationReport } from "../ui/validate-report.js";
import { contentPaths, loadContent, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";

export const VALIDATE_FORMATS = ["pretty", "json", "github"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ValidateOptions extends GlobalOptions {
  format: string;
  strict?: boolean;
}

export async function validateCommand(paths: string[], opts: ValidateOptions, configured: readonly string[] = []): Promise<number> {
  if (!(VALIDATE_FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format must be one of ${VALIDATE_FORMATS.join(", ")} (got "${opts.format}")`);
  }
  const bank = await loadContent(paths.length > 0 ? paths : contentPaths(opts, configured), "outline", true);
  const report: ValidationReport = { summary: summarise(bank), diagnostics: bank.diagnostics, strict: opts.strict === true };
  const format = opts.format as ValidateFormat;
  const text = format === "json" ? formatJson(report) : format === "github" ? formatGithub(report) : formatPretty(report);
  process.stdout.write(`${text}\n`);
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summaryFile) {
    try {
      appendFileSync(summaryFile, formatStepSummary(report));
    } catch (e) {
      process.stderr.write(`cogquiz: could not append to GITHUB_STEP_SUMMARY (${(e as NodeJS.ErrnoException).code ?? "error"})\n`);
    }
  }
  const failed = report.summary.errors > 0 || (report.strict && report.summary.warnings > 0);
  return failed ? EXIT.failure : EXIT.ok;
}
