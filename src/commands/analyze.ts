// cogquiz analyze [logs...]: item analysis of the content set from learners' review logs, or one learner's
// misconceptions. Exit 0 clean, 1 when a key is suspected wrong (or any warning with --strict), 2 for bad usage.

import { appendFileSync, readdirSync, readlinkSync, statSync, type Dirent, type Stats } from "node:fs";
import { createRequire } from "node:module";
import { basename, extname, join, resolve } from "node:path";
import {
  analysedPart,
  analyseItems,
  DEFAULT_SETTINGS,
  type AnalysedRecord,
  learnersOf,
  misconceptions,
  type ItemAnalysisSettings,
  type LearnerLog,
  type LogFile,
} from "../analysis/item-analysis.js";
import { displayPath } from "../content/load.js";
import { oneLine } from "../content/controls.js";
import { COMPRESSED_LOG_NAME, compressionOf, LogDamageError, scanLog } from "../store/log.js";
import { LOG_RECORD_VERSION } from "../srs/records.js";
import { UserFacingError } from "../errors.js";
import { kindOf } from "../store/files.js";
import { dataPaths, realPath } from "../store/paths.js";
import {
  failingFlags,
  formatAnalysisGithub,
  formatAnalysisJson,
  formatAnalysisPretty,
  formatAnalysisSarif,
  formatAnalysisStepSummary,
  formatMisconceptionsJson,
  formatMisconceptionsPretty,
} from "../ui/analyze-report.js";
import { contentPaths, loadContent, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { repositoryRoot } from "./validate.js";
import { noteToStderr as note } from "./progress.js";

const VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

export const ANALYZE_FORMATS = ["pretty", "json", "github", "sarif"] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

export interface AnalyzeOptions extends GlobalOptions {
  format: string;
  json?: boolean;
  strict?: boolean;
  all?: boolean;
  learner?: string;
  minOverlap?: string;
}

/**
 * The log files named: files as they are, folders walked for *.jsonl files in sorted order. A compressed log in a
 * folder (reviews.jsonl.gz) is bad usage unless it has been decompressed beside itself: left out, its learner would
 * be missing from the analysis without a word.
 */
export function logFilesOf(paths: readonly string[]): string[] {
  const out: string[] = [];
  const compressed: string[] = [];
  // Folders by their real path: a link to a folder is walked (a class's sections linked in), a loop of links once.
  const walked = new Set<string>();
  const walk = (dir: string): void => {
    const real = realPath(dir);
    if (walked.has(real)) return;
    walked.add(real);
    let listed: Dirent[];
    try {
      listed = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // As for a log that cannot be read: an analysis over the rest would leave its learners out without a word.
      throw new UsageError(`cannot read folder ${displayPath(dir)} (${(e as NodeJS.ErrnoException).code ?? "error"}): analyze reads every review log it names`);
    }
    const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(entries.map((e) => e.name));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const full = join(dir, e.name);
      const isLog = extname(e.name).toLowerCase() === ".jsonl";
      let st: Stats | undefined;
      if (e.isSymbolicLink()) {
        try {
          st = statSync(full);
        } catch {
          // A learner's log missing behind its link: said, not passed over.
          if (isLog) note(`${displayPath(full)}: a link to nothing (${readlinkQuietly(full)}); left out`);
          continue;
        }
      }
      if (st ? st.isDirectory() : e.isDirectory()) walk(full);
      else if (isLog) {
        if (st ? st.isFile() : e.isFile()) out.push(full);
        // A pipe or device would block the read or be refused, stopping the whole class's analysis.
        else note(`${displayPath(full)}: ${kindOf(st ?? e)}, not a review log; left out`);
      } else if (COMPRESSED_LOG_NAME.test(e.name) && !names.has(e.name.replace(COMPRESSED_LOG_NAME, ".jsonl"))) compressed.push(full);
    }
  };
  for (const p of paths) {
    if (p === "") throw new UsageError('no such review log: "" (an empty path)');
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      // A loop of symbolic links is there and cannot be followed: a log that cannot be read, not a missing one.
      if ((e as NodeJS.ErrnoException).code !== "ELOOP") throw new UsageError(`no such review log: ${p}`);
      isDir = false;
    }
    if (!isDir) {
      out.push(resolve(p));
      continue;
    }
    const before = out.length;
    walk(resolve(p));
    if (compressed.length > 0) {
      const shown = compressed.slice(0, 3).map((f) => displayPath(f)).join(", ") + (compressed.length > 3 ? `, … (${compressed.length} in all)` : "");
      throw new UsageError(`folder ${p} holds compressed review logs (${shown}); analyze reads them as cogquiz writes them: decompress them first (gunzip -rk ${p} for .gz files)`);
    }
    if (out.length === before) throw new UsageError(`folder ${p} holds no review logs (*.jsonl files)`);
  }
  // The same file named twice, or reached through a link, is one log.
  const seen = new Set<string>();
  return out.filter((f) => {
    // A dangling link: read (and reported) as it is named.
    const real = realPath(f);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

function readLogs(files: readonly string[], own = false): LogFile[] {
  return files.map((file) => {
    const st = statQuietly(file);
    // The quiz's advice for its own log (move it aside and start again) is not the point for a log named here; for
    // the learner's own log it is, and reading it gives it (exit 1), as every other command does.
    if (st && !st.isFile() && !own) throw new UsageError(`${displayPath(file)} is ${kindOf(st)}, not a review log`);
    const compressed = compressionOf(file);
    if (compressed) {
      throw new UsageError(`${displayPath(file)} is ${compressed.name}-compressed; analyze reads review logs as cogquiz writes them: decompress it first (${compressed.undo} ${displayPath(file)})`);
    }
    let tail;
    const records: AnalysedRecord[] = [];
    let read = 0;
    try {
      tail = scanLog(file, 0, (r) => {
        read++;
        const part = analysedPart(r);
        if (part) records.push(part);
      });
    } catch (e) {
      if (e instanceof LogDamageError) {
        // analyze only reads: what came before the damage is used, and the file is left as it is (no advice to cut
        // it, which is the quiz's business for the learner's own log). A file of none is told apart below.
        const what =
          e.offset === 0
            ? "its first byte: binary data, not a review log"
            : read === 0
              ? `byte ${e.offset}, and nothing before it is a review record: binary data, not a review log`
              : `byte ${e.offset} (a write the file system lost); ${read === 1 ? "the record before it is" : `the ${read} records before it are`} used`;
        note(`${displayPath(file)}: holds NUL bytes from ${what}`);
        return { name: displayPath(file), records };
      }
      if (e instanceof UserFacingError) throw e;
      throw new UsageError(`cannot read review log ${displayPath(file)} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const newer = tail.badLines.filter((b) => b.newerVersion !== undefined);
    const bad = tail.badLines.filter((b) => b.newerVersion === undefined);
    if (newer.length > 0) {
      const versions = [...new Set(newer.map((b) => b.newerVersion))].sort((a, b) => a! - b!).join(", ");
      note(
        `${displayPath(file)}: skipped ${newer.length} record${newer.length === 1 ? "" : "s"} in a newer format (version ${versions}) than this cogquiz reads (${LOG_RECORD_VERSION}): update cogquiz to analyse them`,
      );
    }
    if (bad.length > 0) {
      note(
        `${displayPath(file)}: skipped ${bad.length} line${bad.length === 1 ? "" : "s"} that ${bad.length === 1 ? "is" : "are"} not a review record ` +
          `(${bad.length === 1 ? "" : "the first "}at byte ${bad[0]!.offset}: ${bad[0]!.why})`,
      );
    }
    return { name: displayPath(file), records };
  });
}

function parseMinOverlap(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SETTINGS.minOverlap;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 10_000) throw new UsageError(`--min-overlap must be a whole number from 1 to 10000 (got "${value}")`);
  return n;
}

function pickLearner(learners: readonly LearnerLog[], name: string): LearnerLog {
  const exact = learners.find((l) => l.learner === name || l.alsoNamed?.includes(name));
  if (exact) return exact;
  const byFileName = learners.filter((l) => [l.learner, ...(l.alsoNamed ?? [])].some((n) => basename(n) === name || basename(n, ".jsonl") === name));
  if (byFileName.length === 1) return byFileName[0]!;
  if (byFileName.length > 1) {
    // Two classes' folders can each hold an ana.jsonl: picking the first would report the wrong learner.
    const shown = byFileName.slice(0, 5).map((l) => l.learner).join(", ") + (byFileName.length > 5 ? ", …" : "");
    throw new UsageError(`--learner ${name} names ${byFileName.length} logs (${shown}); name one by its path`);
  }
  const names = learners.map((l) => l.learner);
  const list = names.slice(0, 10).join(", ") + (names.length > 10 ? `, … (${names.length} in all)` : "");
  throw new UsageError(`no learner "${name}" in these logs; learners: ${list || "none"}`);
}

/**
 * `configured` gives the contentPaths setting, read from the progress file once the logs are read: the learner's own
 * log refused there is said once, as that refusal, not first as a reason the setting is left out.
 */
export async function analyzeCommand(logs: string[], opts: AnalyzeOptions, configured: () => Promise<readonly string[]> = async () => []): Promise<number> {
  const format = opts.json ? "json" : opts.format;
  if (!(ANALYZE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${ANALYZE_FORMATS.join(", ")} (got "${format}")`);
  }
  const settings: Partial<ItemAnalysisSettings> = { minOverlap: parseMinOverlap(opts.minOverlap) };
  // Without logs: the learner's own log, read for their misconceptions.
  const own = logs.length === 0;
  if ((own || opts.learner !== undefined) && format !== "pretty" && format !== "json") {
    // Annotations and code-scanning alerts are about the bank; one learner's misconceptions have no such form, and
    // a CI step asking for one must not get the pretty text in its place.
    throw new UsageError(
      `--format ${format} reports the item analysis of learners' logs; ${own ? "your own" : "one learner's"} misconceptions print as pretty or json`,
    );
  }
  const files = own ? [dataPaths(opts.data).log] : logFilesOf(logs);
  // A missing own log is no answers yet; a folder, a FIFO or a loop of links in its place is refused, not read as none.
  const logFiles = own ? readLogs(files.filter((f) => !absent(f)), true) : readLogs(files);
  const learners = learnersOf(logFiles);
  for (const l of learners) {
    if (!l.alsoNamed) continue;
    note(`${l.alsoNamed.join(", ")} ${l.alsoNamed.length === 1 ? "holds" : "hold"} answers of ${l.learner} (the same answers, copied): one learner, each answer counted once`);
  }
  const bank = await loadContent(contentPaths(opts, await configured()));
  const write = (text: string): void => {
    process.stdout.write(`${text}\n`);
  };

  if (own || opts.learner !== undefined) {
    if (own && learners.length === 0) {
      if (format === "json") write(formatMisconceptionsJson("you", []));
      else write(`No answers yet in ${oneLine(displayPath(files[0]!))}: take a quiz first, then come back.`);
      return EXIT.ok;
    }
    const one = opts.learner !== undefined ? pickLearner(learners, opts.learner) : { learner: "you", records: learners.flatMap((l) => l.records) };
    const found = misconceptions(bank.questions, one.records, settings);
    write(format === "json" ? formatMisconceptionsJson(one.learner, found) : formatMisconceptionsPretty(one.learner, found, DEFAULT_SETTINGS.misconceptionRepeats));
    return EXIT.ok;
  }

  if (learners.every((l) => l.records.length === 0)) {
    throw new UsageError(`no review records in ${files.length === 1 ? displayPath(files[0]!) : `${files.length} files`}; analyze reads the reviews.jsonl files cogquiz writes`);
  }
  const analysis = analyseItems(bank.questions, learners, settings);
  if (analysis.unknownQuestions > 0 && analysis.firstAttempts === 0 && analysis.questions.every((q) => q.ungradable === 0)) {
    // Logs of another bank: an empty report that exits 0 would pass a CI step that analysed nothing.
    throw new UsageError(
      `none of the ${analysis.unknownQuestions} answer${analysis.unknownQuestions === 1 ? "" : "s"} in ${files.length === 1 ? displayPath(files[0]!) : `${files.length} logs`} is to a question of this content set (${bank.questions.length} question${bank.questions.length === 1 ? "" : "s"}); name the bank the learners used with --content (and --no-bundled)`,
    );
  }
  if (analysis.unknownQuestions > 0) {
    note(
      `${analysis.unknownQuestions} answer${analysis.unknownQuestions === 1 ? " is" : "s are"} to questions this content set doesn't have (removed, or from another bank); they are left out`,
    );
  }
  const view = { strict: opts.strict === true, all: opts.all === true, logs: files.length };
  const cwd = process.cwd();
  write(
    format === "json"
      ? formatAnalysisJson(analysis)
      : format === "github"
        ? formatAnalysisGithub(analysis, view, { cwd, root: repositoryRoot(cwd) })
        : format === "sarif"
          ? formatAnalysisSarif(analysis, { cwd, root: repositoryRoot(cwd), version: VERSION })
          : formatAnalysisPretty(analysis, view),
  );
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summaryFile) {
    try {
      appendFileSync(summaryFile, formatAnalysisStepSummary(analysis, view));
    } catch (e) {
      note(`could not append to GITHUB_STEP_SUMMARY (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  const failing = failingFlags(view.strict);
  return analysis.questions.some((q) => q.flags.some((f) => failing.has(f))) ? EXIT.failure : EXIT.ok;
}

/** Whether nothing is at the path, or at the end of its link: a stat that fails for any other reason is no answer. */
function absent(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT";
  }
}

function statQuietly(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function readlinkQuietly(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "unreadable";
  }
}
