// Which content a command reads: the bundled notes unless --no-bundled, plus --content paths, plus configured ones.

import { createRequire } from "node:module";
import { BUNDLED_CONTENT, MissingPathError, loadBank, type LoadOptions } from "../content/load.js";
import { createBankCache } from "../store/bank-cache.js";
import type { Bank, Diagnostic, Question, Topic } from "../content/model.js";
import { matchTopics } from "../session/topic-filter.js";
import { UsageError, UserFacingError } from "./exit.js";

const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

export interface GlobalOptions {
  content?: string[];
  bundled?: boolean;
  color?: boolean;
  data?: string;
}

/** Content paths that come from the contentPaths setting, not from this command's options: a missing one says so. */
const configuredPaths = new Set<string>();

export function contentPaths(opts: GlobalOptions, configured: readonly string[] = []): string[] {
  for (const p of configured) configuredPaths.add(p);
  const paths: string[] = [];
  if (opts.bundled !== false) paths.push(BUNDLED_CONTENT);
  paths.push(...configured, ...(opts.content ?? []));
  return paths;
}

/** Loads a bank, turning a missing path into a usage error (exit 2). */
export async function loadContent(paths: readonly string[], keep: "all" | "outline" = "all", lint = false): Promise<Bank> {
  return load(paths, { cache: createBankCache(VERSION), keep, lint });
}

/**
 * A bank for a quiz session: questions found in the parse cache come without their texts, and `prepare` gives a
 * question its texts before it is shown. A start then reads only what ordering the cards needs.
 */
export async function loadContentForSession(paths: readonly string[]): Promise<{ bank: Bank; prepare: (q: Question) => void }> {
  const cache = createBankCache(VERSION);
  const bank = await load(paths, { cache, lazyTexts: true });
  return { bank, prepare: (q) => cache?.fillTexts(q) };
}

async function load(paths: readonly string[], options: LoadOptions): Promise<Bank> {
  if (paths.length === 0) throw new UsageError("no content to read: --no-bundled leaves nothing; add --content <path>");
  try {
    return await loadBank(paths, options);
  } catch (e) {
    if (e instanceof MissingPathError) {
      // A folder moved or renamed since it was configured: every command would refuse it, so say where it is set.
      const configured = configuredPaths.has(e.path);
      throw new UsageError(configured ? `${e.message}, configured in contentPaths; \`cogquiz config set contentPaths <paths>\` changes it` : e.message);
    }
    throw e;
  }
}

/** The questions a session may show: none with content errors, and only under `topic` when one is named. */
export function sessionQuestions(bank: Bank, topic: string | undefined): { questions: Question[]; topics: Topic[]; also: string[] } {
  const usable = bank.questions.filter((q) => !q.hasErrors);
  if (topic === undefined) return { questions: usable, topics: [], also: [] };
  // A name with nothing in it but spaces and path separators (an unset variable in a script, `--topic "$T"`) would
  // match every topic: the whole content set, when one topic was asked for.
  const wordless = /^[\s>›/]*$/.test(topic);
  const match = wordless ? { topics: [], questions: [], also: [] } : matchTopics(bank.root, usable, topic);
  if (match.topics.length === 0 && match.questions.length === 0) {
    throw new UsageError(`no topic, tag or question id matches "${topic}"; \`cogquiz topics\` lists the topics and \`cogquiz topics --ids\` the ids`);
  }
  return match;
}

/**
 * A note for a command that reports over the content set (stats, readiness, plan): what has errors is left out of its
 * figures (a folder it cannot read, a broken question), and that is said rather than left out unsaid.
 */
export function contentErrorsNote(diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors === 0) return undefined;
  return `the content has ${errors} error${errors === 1 ? "" : "s"}, and what ${errors === 1 ? "it spoils is" : "they spoil is"} left out of these figures; \`cogquiz validate\` lists ${errors === 1 ? "it" : "them"}`;
}

/**
 * Nothing to ask or count because the content has errors: say so and where (exit 1), instead of "nothing is due" or
 * a report over no cards. Content that is merely empty (no questions, no errors) is left to the command.
 */
export function refuseBrokenContent(diagnostics: readonly Diagnostic[], nothing = "no question to ask"): void {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return;
  const shown = errors.slice(0, 5).map((d) => `  ${d.file}:${d.line}: ${d.message} (${d.rule})`);
  const more = errors.length > shown.length ? [`  …and ${errors.length - shown.length} more`] : [];
  throw new UserFacingError(
    [`${nothing}: the content has ${errors.length} error${errors.length === 1 ? "" : "s"}`, ...shown, ...more, "`cogquiz validate` lists every problem"],
  );
}
