// cogquiz stats and cogquiz export: read-only views of progress and content.

import { lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { escapeName, safeJson } from "../content/controls.js";
import { cardKind } from "../content/model.js";
import { examHasBegun } from "../srs/exam-rule.js";
import { computeStats } from "../session/stats.js";
import { ANKI_DEFAULTS, ankiNameProblem, EXPORT_FORMATS, questionsWithImages, toAnki, toCsv, toJson, type AnkiTarget, type ExportFormat } from "../session/export.js";
import { modeOf, writeFileAtomic, writePermitted } from "../store/atomic.js";
import { describeFileError } from "../store/files.js";
import type { DataPaths } from "../store/paths.js";
import { formatStats } from "../ui/stats-view.js";
import { contentErrorsNote, contentPaths, loadContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError, UserFacingError } from "./exit.js";
import { noteToStderr as note, openProgress } from "./progress.js";


export async function statsCommand(opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const store = await openProgress(opts, false, note);
  await store.close();
  const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
  const errors = contentErrorsNote(bank.diagnostics);
  if (errors) note(errors);
  const { examStatus, cardsAfterExam } = await import("./plan.js");
  // An exam whose day is over: the forecast dates the cards as plain FSRS does, as the next quiz will save them,
  // not by the exam's shortened intervals.
  const kinds = new Map(bank.questions.map((q) => [q.id, cardKind(q)]));
  const afterExam = cardsAfterExam(store.data.settings, store.data.cards, new Date(), (id) => kinds.get(id));
  if (afterExam) note(`the exam of ${store.data.settings.exam!.date} is over: the forecast dates cards by plain FSRS, as the next quiz or plan saves them`);
  // Answers per day come from the checkpoint (with the log's tail replayed): stats never reads the whole log.
  const stats = computeStats({
    root: bank.root,
    questions: sessionQuestions(bank, undefined).questions,
    cards: afterExam ?? store.data.cards,
    answers: store.data.answers ?? {},
    exams: store.data.exams,
    now: new Date(),
  });
  const questions = sessionQuestions(bank, undefined).questions;
  const status = examStatus(store.data.settings, questions, (id) => store.card(id), new Date());
  // With an exam set: its status line first, and the readiness section after the rest (`exam` in --json).
  // Once the exam has begun there is no honest readiness (answers since count as known at its start): none is shown.
  const begun = store.data.settings.exam !== undefined && examHasBegun(store.data.settings.exam, new Date());
  const ready = status && !begun ? (await import("./readiness.js")).readinessFor(store.data.settings, questions, (id) => store.card(id), new Date()) : undefined;
  if (opts.json) {
    const exam = store.data.settings.exam && status ? { ...store.data.settings.exam, status, ...(ready ? { readiness: ready.readiness } : {}) } : undefined;
    process.stdout.write(`${safeJson(exam ? { ...stats, exam } : stats, 2)}\n`);
  } else {
    const { formatReadiness } = await import("../ui/readiness-view.js");
    process.stdout.write((status ? `${status}\n\n` : "") + formatStats(stats) + (ready ? `\n${formatReadiness(ready.readiness, ready.when)}` : ""));
  }
  return EXIT.ok;
}

export async function exportCommand(opts: GlobalOptions & { format: string; out?: string; deck?: string; notetype?: string }): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${opts.format}")`);
  }
  const target = ankiTarget(opts);
  const store = await openProgress(opts, false, note);
  await store.close();
  const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
  const { questions } = sessionQuestions(bank, undefined);
  const card = (id: string) => store.card(id);
  const format = opts.format as ExportFormat;
  const broken = bank.questions.length - questions.length;
  const leftOut = broken > 0 ? `${broken} question${broken === 1 ? "" : "s"} with errors left out (\`cogquiz validate\` lists them)` : "";
  // Anki refuses a file without notes ("empty file") after the user has picked it: say so here, and write nothing.
  if (format === "anki" && questions.length === 0) {
    throw new UserFacingError(`no questions to export, and Anki imports no file without notes${leftOut ? `: ${leftOut}` : ""}`);
  }
  const text = format === "anki" ? toAnki(questions, target) : format === "csv" ? toCsv(questions, card) : toJson(questions, card, new Date());
  // `--out -` is standard output, as for most tools; a file named "-" is `--out ./-`.
  if (opts.out !== undefined && opts.out !== "-") {
    const target = exportTarget(opts.out);
    const kept = progressFileAt(target, store.paths);
    if (kept) throw new UsageError(`--out ${opts.out} is ${kept}; export never writes over it. Name another file`);
    try {
      // A new export is as readable as any file the user writes (the umask decides), not private as progress is.
      writeFileAtomic(target, text, 0o666);
    } catch (e) {
      throw cannotWrite(opts.out, e);
    }
    const how = format === "anki" ? "; in Anki, File > Import it" : "";
    note(`wrote ${questions.length} question${questions.length === 1 ? "" : "s"} to ${opts.out}${target === opts.out ? "" : ` (through the symlink, to ${target})`}${how}`);
  } else {
    process.stdout.write(text);
  }
  if (leftOut) note(leftOut);
  const pictured = format === "anki" ? questionsWithImages(questions) : 0;
  if (pictured > 0) {
    note(`${pictured} question${pictured === 1 ? " shows an image" : "s show images"}, exported as the image's alt text ([image: …]): Anki has none of the image files`);
  }
  return EXIT.ok;
}

/** --deck and --notetype, which only an Anki export has, each a name a header line can hold. */
function ankiTarget(opts: { format: string; deck?: string; notetype?: string }): AnkiTarget {
  for (const [flag, value] of [["--deck", opts.deck], ["--notetype", opts.notetype]] as const) {
    if (value === undefined) continue;
    if (opts.format !== "anki") throw new UsageError(`${flag} names where Anki puts the notes; it goes with --format anki only`);
    const problem = ankiNameProblem(value, flag === "--deck" ? "deck" : "notetype");
    if (problem) throw new UsageError(`${flag} "${escapeName(value)}" ${problem}; name the ${flag === "--deck" ? "deck" : "note type"} as Anki shows it`);
  }
  return { deck: opts.deck ?? ANKI_DEFAULTS.deck, notetype: opts.notetype ?? ANKI_DEFAULTS.notetype };
}

/**
 * Which of the files that keep the learner's progress `target` is, if any: the progress file, its review log (every
 * answer ever given), its lock, the link it is reached by, or a backup kept of an older version. An export written
 * over one of them would replace that progress with a list of questions.
 */
function progressFileAt(target: string, paths: DataPaths): string | undefined {
  const same = (file: string): boolean => {
    if (resolve(file) === resolve(target)) return true;
    try {
      const [a, b] = [statSync(file), statSync(target)];
      return a.dev === b.dev && a.ino === b.ino;
    } catch {
      return false;
    }
  };
  const kept: [string | undefined, string][] = [
    [paths.progress, "the progress file"],
    [paths.link?.progress, "the progress file"],
    [paths.log, "the review log"],
    [paths.link?.log, "the review log"],
    [paths.lock, "the progress file's lock"],
  ];
  for (const [file, what] of kept) if (file !== undefined && same(file)) return what;
  const backup = new RegExp(`^${basename(paths.progress).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.v\\d+(?:\\.\\d+)?\\.bak$`);
  if (dirname(resolve(target)) === dirname(paths.progress) && backup.test(basename(target))) return "a backup of the progress file";
  return undefined;
}

const KIND_NAMES: [(st: Stats) => boolean, string][] = [
  [(st) => st.isDirectory(), "a folder"],
  [(st) => st.isFIFO(), "a named pipe (FIFO)"],
  [(st) => st.isCharacterDevice(), "a character device"],
  [(st) => st.isBlockDevice(), "a block device"],
  [(st) => st.isSocket(), "a socket"],
];

function kindOf(st: Stats): string {
  return KIND_NAMES.find(([is]) => is(st))?.[1] ?? "not a regular file";
}

/** Errors of the disk, not of the path named: the command was called right, and the file it had stays as it was. */
const DISK_ERRORS = new Set(["ENOSPC", "EDQUOT", "EIO", "EFBIG"]);

/**
 * Why `--out` cannot be written, as the user can act on it: a folder of the path that is missing is named (bad usage,
 * exit 2, as is a path that may not be written); a full disk or an I/O error is exit 74, with the old file kept.
 */
function cannotWrite(out: string, e: unknown): UsageError | UserFacingError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") {
    const folder = dirname(resolve(out));
    return new UsageError(`cannot write ${out}: the folder ${folder} does not exist. Create it (mkdir -p '${folder}') or name a file in a folder that does`);
  }
  if (code && DISK_ERRORS.has(code)) {
    return new UserFacingError(`cannot write ${out}: ${describeFileError(e)}; a file that was there is unchanged`, EXIT.ioError);
  }
  return new UsageError(`cannot write ${out}: ${describeFileError(e)}`);
}

/**
 * Where `--out` writes: a new file, or an existing regular file replaced whole; through a symlink, its target
 * (replaced there, the link kept). Anything else (a folder, a FIFO, a device, a socket, a dangling link) is refused
 * before a byte is written, never replaced by a regular file.
 */
export function exportTarget(out: string): string {
  let st: Stats;
  try {
    st = lstatSync(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return out;
    throw cannotWrite(out, e);
  }
  if (st.isFile()) return writable(out, out, st);
  if (!st.isSymbolicLink()) {
    throw new UsageError(`--out ${out} is ${kindOf(st)}, not a regular file; it is left as it is. Name a file, or leave --out off to write to standard output`);
  }
  let real: string;
  try {
    real = realpathSync(out);
  } catch {
    throw new UsageError(`--out ${out} is a symlink to a missing file; it is left as it is. Name a file, or fix the link`);
  }
  const target = statSync(real);
  if (!target.isFile()) {
    throw new UsageError(`--out ${out} is a symlink to ${kindOf(target)} (${real}), not a regular file; it is left as it is`);
  }
  return writable(out, real, target);
}

/** A read-only file is left as it is: replacing it by rename would undo the chmod that made it so. */
function writable(out: string, target: string, st: Stats): string {
  if (writePermitted(st)) return target;
  const where = target === out ? "" : ` (through the symlink, ${target})`;
  throw new UsageError(`--out ${out}${where} is read-only (mode ${modeOf(st)}); it is left as it is. Make it writable, or name another file`);
}
