// cogquiz stats and cogquiz export: read-only views of progress and content.

import { readLogTail } from "../store/log.js";
import { computeStats } from "../session/stats.js";
import { EXPORT_FORMATS, toAnki, toCsv, toJson, type ExportFormat } from "../session/export.js";
import { writeFileAtomic } from "../store/atomic.js";
import { formatStats } from "../ui/stats-view.js";
import { contentPaths, loadContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { noteToStderr as note, openProgress } from "./progress.js";


export async function statsCommand(opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const store = await openProgress(opts, false, note);
  await store.close();
  const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
  const tail = readLogTail(store.paths.log, 0);
  if (tail.badLines.length > 0) note(`skipped ${tail.badLines.length} unreadable line(s) of ${store.paths.log}`);
  const stats = computeStats({
    root: bank.root,
    questions: sessionQuestions(bank, undefined).questions,
    cards: store.data.cards,
    log: tail.records,
    exams: store.data.exams,
    now: new Date(),
  });
  const { examStatus } = await import("./plan.js");
  const questions = sessionQuestions(bank, undefined).questions;
  const status = examStatus(store.data.settings, questions, (id) => store.card(id), new Date());
  // With an exam set: its status line first, and the readiness section after the rest (`exam` in --json).
  const ready = status ? (await import("./readiness.js")).readinessFor(store.data.settings, questions, (id) => store.card(id), new Date()) : undefined;
  if (opts.json) {
    const exam = store.data.settings.exam && ready ? { ...store.data.settings.exam, status, readiness: ready.readiness } : undefined;
    process.stdout.write(`${JSON.stringify(exam ? { ...stats, exam } : stats, null, 2)}\n`);
  } else {
    const { formatReadiness } = await import("../analysis/readiness.js");
    process.stdout.write((status ? `${status}\n\n` : "") + formatStats(stats) + (ready ? `\n${formatReadiness(ready.readiness, ready.when)}` : ""));
  }
  return EXIT.ok;
}

export async function exportCommand(opts: GlobalOptions & { format: string; out?: string }): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${opts.format}")`);
  }
  const store = await openProgress(opts, false, note);
  await store.close();
  const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
  const { questions } = sessionQuestions(bank, undefined);
  const card = (id: string) => store.card(id);
  const format = opts.format as ExportFormat;
  const text = format === "anki" ? toAnki(questions) : format === "csv" ? toCsv(questions, card) : toJson(questions, card, new Date());
  if (opts.out) {
    try {
      writeFileAtomic(opts.out, text);
    } catch (e) {
      throw new UsageError(`cannot write ${opts.out} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    note(`wrote ${questions.length} questions to ${opts.out}`);
  } else {
    process.stdout.write(text);
  }
  return EXIT.ok;
}
