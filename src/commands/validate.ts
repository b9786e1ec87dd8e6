// cogquiz validate [paths...]: check question banks; exit 0 clean, 1 errors (or warnings with --strict), 2 usage.

import { appendFileSync, closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { summarise } from "../content/summary.js";
import { repositoryOf } from "../content/repository.js";
import { CONFIG_FILE, applyRuleConfig, parseRuleConfig, type RuleConfig } from "../content/rule-config.js";
import type { Bank } from "../content/model.js";
import {
  formatGithub,
  formatJson,
  formatJunit,
  formatPretty,
  formatSarif,
  formatStepSummary,
  type ValidationReport,
} from "../ui/validate-report.js";
import { contentPaths, loadContent, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";

export const VALIDATE_FORMATS = ["pretty", "json", "github", "sarif", "junit"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

export interface ValidateOptions extends GlobalOptions {
  format: string;
  strict?: boolean;
  /** A configuration file to use for every file, instead of looking for .cogquiz.json. */
  config?: string;
}

export async function validateCommand(paths: string[], opts: ValidateOptions, configured: readonly string[] = []): Promise<number> {
  if (!(VALIDATE_FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format must be one of ${VALIDATE_FORMATS.join(", ")} (got "${opts.format}")`);
  }
  const cwd = process.cwd();
  const fixed = opts.config !== undefined ? readConfig(resolve(cwd, opts.config), opts.config) : undefined;
  const bank = await loadContent(paths.length > 0 ? paths : contentPaths(opts, configured), "outline", true);
  const configFor = fixed ? () => fixed : configFinder(cwd);
  // Every file's configuration is read, not only those of files with something to report: a broken one is bad
  // usage (exit 2) whether or not the bank is clean today.
  for (const f of bank.files) configFor(f.file);
  bank.diagnostics = applyRuleConfig(bank.diagnostics, configFor);
  const report: ValidationReport = { summary: summarise(bank), diagnostics: bank.diagnostics, strict: opts.strict === true };
  const format = opts.format as ValidateFormat;
  process.stdout.write(`${render(format, report, bank, cwd)}\n`);
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

function render(format: ValidateFormat, report: ValidationReport, bank: Bank, cwd: string): string {
  switch (format) {
    case "json":
      return formatJson(report);
    case "github":
      return formatGithub(report, { cwd, root: repositoryRoot(cwd) });
    case "sarif":
      return formatSarif(report, { cwd, root: repositoryRoot(cwd), version: VERSION });
    case "junit":
      return formatJunit(report, bank.files.map((f) => f.file));
    default:
      return formatPretty(report);
  }
}

/** A rule configuration is a few lines; a file far larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

function readConfig(abs: string, shown: string): RuleConfig {
  const cannot = (e: unknown): UsageError => new UsageError(`cannot read configuration ${shown} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  let fd: number;
  try {
    // Opened without blocking and looked at first: a FIFO would wait for a writer for ever, a device never end.
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw cannot(e);
  }
  let text: string;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`configuration ${shown} is not a regular file (a folder, a FIFO or a device); name a JSON file`);
    if (st.size > MAX_CONFIG_BYTES) throw new UsageError(`configuration ${shown} is ${st.size} bytes, more than a rule configuration can be (1 MiB)`);
    text = readFileSync(fd, "utf8");
  } catch (e) {
    throw e instanceof UsageError ? e : cannot(e);
  } finally {
    closeSync(fd);
  }
  const parsed = parseRuleConfig(text, shown);
  if ("problem" in parsed) throw new UsageError(parsed.problem);
  return parsed;
}

/**
 * The configuration of each diagnostic's file: the nearest .cogquiz.json in its folder or above, looking no higher
 * than the repository's root (the folder holding .git) or the file system's root. Found once per folder and file.
 */
function configFinder(cwd: string): (file: string) => RuleConfig | undefined {
  const byDir = new Map<string, RuleConfig | undefined>();
  const lookup = (dir: string): RuleConfig | undefined => {
    if (byDir.has(dir)) return byDir.get(dir);
    const candidate = join(dir, CONFIG_FILE);
    let found: RuleConfig | undefined;
    if (existsSync(candidate)) found = readConfig(candidate, candidate);
    else {
      const parent = dirname(dir);
      found = parent === dir || existsSync(join(dir, ".git")) ? undefined : lookup(parent);
    }
    byDir.set(dir, found);
    return found;
  };
  // Asked once per diagnostic: a bank with thousands of findings names a few files thousands of times.
  const byFile = new Map<string, RuleConfig | undefined>();
  return (file) => {
    if (byFile.has(file)) return byFile.get(file);
    const found = lookup(dirname(isAbsolute(file) ? file : resolve(cwd, file)));
    byFile.set(file, found);
    return found;
  };
}

/** The repository the current folder is in (the nearest folder above holding .git), else the current folder. */
export function repositoryRoot(cwd: string): string {
  return repositoryOf(cwd) ?? cwd;
}
