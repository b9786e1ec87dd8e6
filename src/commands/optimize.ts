// cogquiz optimize: fit FSRS-6 to the student's review log, adopt the fit only when it predicts later reviews
// better; --reset goes back to the defaults; --retention shows workload against desired retention.

import { ADOPTION_MARGIN, FULL_FIT_REVIEWS, TRAIN_SHARE, loadBinding, optimize, type OptimizeResult } from "../analysis/optimizer.js";
import { CostCounter, HIGHEST_ADVISED_RETENTION, workloadView } from "../analysis/workload.js";
import { DEFAULT_PARAMETERS, fittedRecord } from "../srs/fsrs-parameters.js";
import { HistoryBuilder, type Histories } from "../srs/history.js";
import { memoryEngine, recomputeCards, type MemoryEngine } from "../srs/memory.js";
import { CARD_KINDS, type CardKind, type FittedParameters } from "../srs/model.js";
import { cardKind } from "../content/model.js";
import { scanLog, type BadLine } from "../store/log.js";
import type { ProgressStore } from "../store/progress-store.js";
import type { Settings } from "../store/schema.js";
import { contentPaths, loadContent, refuseBrokenContent, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { wrapWideLines } from "../ui/layout.js";
import { noteToStderr as note, openProgress, schedulerSettingsOf, skippedLines } from "./progress.js";

export interface OptimizeOptions extends GlobalOptions {
  json?: boolean;
  reset?: boolean;
  retention?: boolean;
}

const num = (x: number): string => x.toLocaleString("en-US");
/** A line of the report, wrapped to the terminal (unbounded when piped). */
const out = (text: string): void => {
  process.stdout.write(`${wrapWideLines(text)}\n`);
};
const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/** Says which lines of the log were skipped, as the store does at start-up. */
function noteBadLines(path: string, bad: readonly BadLine[]): void {
  if (bad.length === 0) return;
  note(`${skippedLines(path, bad)}; nothing of ${bad.length === 1 ? "it" : "them"} was used`);
}

/**
 * Every card's history, read from the whole log with the store's own record check (a line it refuses is skipped,
 * and said), kept as numbers only: the records themselves are dropped as they are read.
 */
function readHistories(store: ProgressStore): Histories {
  const builder = new HistoryBuilder();
  const scan = scanLog(store.paths.log, 0, (r) => builder.add(r));
  noteBadLines(store.paths.log, scan.badLines);
  return builder.histories();
}

/** Answers in the histories by kind of card (what a kind's stored set says it came from). */
function answersByKind(h: Histories): Record<CardKind, number> {
  const out: Record<CardKind, number> = { recall: 0, choice: 0 };
  for (let c = 0; c < h.size; c++) out[h.kind(c)] += h.start[c + 1]! - h.start[c]!;
  return out;
}

/** Recomputes every card's memory state under `fsrs` (the defaults when undefined), by its kind's set, and stores it all. */
async function applyParameters(store: ProgressStore, histories: Histories, fsrs: FittedParameters | undefined): Promise<number> {
  const settings: Settings = { ...store.data.settings };
  if (fsrs) settings.fsrs = fsrs;
  else delete settings.fsrs;
  const engines = new Map<CardKind, MemoryEngine>();
  const engineFor = (kind: CardKind): MemoryEngine => {
    let e = engines.get(kind);
    if (!e) {
      const scheduling = schedulerSettingsOf(settings, kind);
      e = memoryEngine(scheduling.parameters ?? DEFAULT_PARAMETERS, scheduling.desiredRetention);
      engines.set(kind, e);
    }
    return e;
  };
  const recomputed = recomputeCards(store.data.cards, histories, engineFor);
  await store.update((d) => {
    if (fsrs) d.settings.fsrs = fsrs;
    else delete d.settings.fsrs;
    d.cards = recomputed.cards;
  });
  return recomputed.changed;
}

async function resetToDefaults(opts: OptimizeOptions): Promise<number> {
  const store = await openProgress(opts, true, note);
  try {
    if (!store.data.settings.fsrs) {
      if (opts.json) printJson({ version: 1, status: "defaults", parameters: DEFAULT_PARAMETERS, recomputedCards: 0 });
      else out("already on FSRS-6's default parameters; nothing changed");
      return EXIT.ok;
    }
    const changed = await applyParameters(store, readHistories(store), undefined);
    if (opts.json) printJson({ version: 1, status: "reset", parameters: DEFAULT_PARAMETERS, recomputedCards: changed });
    else out(`back to FSRS-6's default parameters; the memory states of ${num(changed)} card${changed === 1 ? "" : "s"} were recomputed from their history`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function retentionView(opts: OptimizeOptions): Promise<number> {
  const store = await openProgress(opts, false, note);
  await store.close();
  const settings = store.data.settings;
  const bank = await loadContent(contentPaths(opts, settings.contentPaths), "outline");
  if (!bank.questions.some((q) => !q.hasErrors)) {
    refuseBrokenContent(bank.diagnostics, "no question to simulate");
    throw new UsageError("the content set has no questions to simulate");
  }
  const costs = new CostCounter();
  noteBadLines(store.paths.log, scanLog(store.paths.log, 0, (r) => costs.add(r)).badLines);
  const c = costs.costs();
  const cardOf = (id: string) => (Object.hasOwn(store.data.cards, id) ? store.data.cards[id]! : undefined);
  // Each usable question once, suspended cards left out: they are neither studied nor new.
  const byId = new Map(bank.questions.filter((q) => !q.hasErrors && !cardOf(q.id)?.suspended).map((q) => [q.id, q]));
  const isNew = (id: string) => (cardOf(id)?.phase ?? "new") === "new";
  const newTotal = [...byId.keys()].filter(isNew).length;
  const w = settings.fsrs?.w ?? DEFAULT_PARAMETERS;
  const kinds = settings.fsrs?.kinds;
  const perKind = kinds !== undefined && CARD_KINDS.some((k) => kinds[k] !== undefined);
  const now = new Date();
  /** Part of the content set under one parameter set; the new cards a day shared out by the part's new cards. */
  const part = (ids: readonly string[], partW: readonly number[]) => {
    const newCards = ids.filter(isNew).length;
    const studied = ids.filter((id) => !isNew(id)).map((id) => cardOf(id)!);
    return { w: partW, newCards, studied, newPerDay: newTotal > 0 ? (settings.newPerDay * newCards) / newTotal : settings.newPerDay, costs: c, now };
  };
  const all = [...byId.keys()];
  const parts = perKind ? CARD_KINDS.map((k) => part(all.filter((id) => cardKind(byId.get(id)!) === k), kinds[k]?.w ?? w)) : [part(all, w)];
  const view = workloadView(parts, settings.desiredRetention);
  if (opts.json) {
    printJson({
      version: 1,
      parameters: perKind ? "fitted per kind" : settings.fsrs ? "fitted" : "default",
      cards: byId.size,
      days: 365,
      costs: { first: c.first, right: c.right, wrong: c.wrong, fromLog: c.fromLog },
      current: view.current,
      recommended: view.recommended,
      points: view.points,
    });
    return EXIT.ok;
  }
  const { workloadChart } = await import("../ui/optimize-view.js");
  out(
    `A year of study of ${num(byId.size)} cards (${num(byId.size - newTotal)} studied, ${num(settings.newPerDay)} new a day) under ${
      settings.fsrs ? `your fitted parameters (${settings.fsrs.fittedAt.slice(0, 10)})` : "FSRS-6's default parameters"
    }, by desired retention:\n`,
  );
  out(workloadChart(view, byId.size));
  const secs = (k: "first" | "right" | "wrong"): string => `${c[k].toFixed(0)} s${c.fromLog.includes(k) ? "" : " (assumed)"}`;
  out(`\nAnswer times: first answer ${secs("first")}, right ${secs("right")}, wrong ${secs("wrong")}.`);
  const r = view.recommended;
  out(
    `★ ${r.retention.toFixed(2)} is the highest desired retention within 10 % of the best knowledge per minute of study (${r.minutesPerDay.toFixed(1)} min a day, ${Math.round(r.knowledge)} cards kept); ` +
      `now ${view.current.retention.toFixed(2)}: ${view.current.minutesPerDay.toFixed(1)} min a day, ${Math.round(view.current.knowledge)} cards kept.`,
  );
  out(`To change it: cogquiz config set desiredRetention <value>. Above ${HIGHEST_ADVISED_RETENTION} the time a day climbs steeply for little more kept: not advised.`);
  return EXIT.ok;
}

/** What `optimize --json` prints. */
function jsonReport(result: OptimizeResult, stored: FittedParameters | undefined, answers: number, recomputed: number, optimizer: string): object {
  if (result.status === "too-little") {
    return { version: 1, status: result.status, reviews: result.reviews, needed: result.needed, answers, parameters: stored?.w ?? DEFAULT_PARAMETERS, optimizer };
  }
  return {
    version: 1,
    status: result.status,
    reason: result.reason,
    answers,
    reviews: result.reviews,
    trainReviews: result.trainReviews,
    testReviews: result.testReviews,
    testFrom: result.testFrom,
    partialFit: result.partialFit,
    margin: ADOPTION_MARGIN,
    defaultParameters: DEFAULT_PARAMETERS,
    trainParameters: result.trainParameters,
    parameters: stored?.w ?? DEFAULT_PARAMETERS,
    stored: stored ?? null,
    evaluation: result.evaluation,
    allCards: result.allAdopted ? "fitted" : "default",
    worseFor: result.worseFor,
    kinds: result.kinds,
    recomputedCards: recomputed,
    optimizer,
  };
}

async function fit(opts: OptimizeOptions): Promise<number> {
  const loaded = await loadBinding();
  if ("error" in loaded) {
    process.stderr.write(`cogquiz: ${loaded.error}; everything else in cogquiz works without it\n`);
    return EXIT.failure;
  }
  const store = await openProgress(opts, true, note);
  try {
    const histories = readHistories(store);
    const answers = histories.answers;
    const { progressBar } = await import("../ui/progress-bar.js");
    const bar = progressBar(process.stderr);
    let result: OptimizeResult;
    try {
      result = await optimize(loaded.binding, histories, {
        progress: (stage, done) => bar.update(stage.part === "train" ? "fitting on the earlier reviews" : "fitting on all reviews    ", done),
      });
    } finally {
      bar.done();
    }
    const before = store.data.settings.fsrs;
    let stored = before;
    let recomputed = 0;
    if (result.status === "adopted") {
      const byKind = answersByKind(histories);
      const kinds: Partial<Record<CardKind, { w: number[]; reviews: number }>> = {};
      for (const k of CARD_KINDS) {
        const own = result.kinds[k];
        if (own?.adopted && own.parameters) kinds[k] = { w: own.parameters, reviews: byKind[k] };
      }
      stored = fittedRecord(result.parameters, new Date(), answers, kinds);
      recomputed = await applyParameters(store, histories, stored);
    }
    if (opts.json) {
      printJson(jsonReport(result, stored, answers, recomputed, loaded.build));
      return EXIT.ok;
    }
    if (result.status === "too-little") {
      out(
        `Not enough history to fit: ${num(result.reviews)} review${result.reviews === 1 ? "" : "s"} follow an answer on an earlier day, and a fit needs ${num(result.needed)}. ` +
          `Nothing changed; ${before ? "your fitted parameters stay" : "FSRS-6's default parameters stay"}.`,
      );
      return EXIT.ok;
    }
    const { evaluationTable, kindTable } = await import("../ui/optimize-view.js");
    out(
      `${num(result.reviews)} reviews to predict (from ${num(answers)} answers on ${num(histories.size)} cards): fitted on the earlier ${Math.round(TRAIN_SHARE * 100)} % (${num(
        result.trainReviews,
      )}), tested on the later ${num(result.testReviews)} (from ${result.testFrom.slice(0, 10)}). Fitted by ${loaded.build}.`,
    );
    if (result.partialFit) {
      out(`With fewer than ${num(FULL_FIT_REVIEWS)} reviews only the four initial stabilities (w0-w3) are fitted; the other weights stay FSRS-6's defaults.`);
    }
    out("");
    out(evaluationTable(result.evaluation.default, result.evaluation.fitted));
    const kindLabel = (k: CardKind): string => (k === "recall" ? "recall cards" : "multiple-choice questions");
    const ownSets = CARD_KINDS.filter((k) => result.kinds[k]?.adopted);
    if (CARD_KINDS.some((k) => result.kinds[k])) {
      out("");
      out(kindTable(result.evaluation.default, result.evaluation.fitted, result.kinds));
    }
    out("");
    if (result.status === "adopted") {
      if (result.allAdopted) out(`Adopted for all cards: ${result.reason}.`);
      else out(`All cards: kept FSRS-6's default parameters: ${result.reason}.`);
      for (const k of CARD_KINDS) {
        const own = result.kinds[k];
        if (own) out(`${own.adopted ? `Adopted for ${kindLabel(k)}` : `No set of their own for ${kindLabel(k)}`}: ${own.reason}.`);
      }
      const sets = [...(result.allAdopted ? [`all cards (${num(result.reviews)} reviews)`] : []), ...ownSets.map((k) => `${kindLabel(k)} alone (${num(result.kinds[k]!.reviews!)} reviews)`)];
      out(`Fitted again on all the reviews of ${sets.join(" and ")} and stored; the memory states of ${num(recomputed)} card${recomputed === 1 ? "" : "s"} were recomputed and their due dates follow.`);
      for (const kind of result.worseFor) {
        if (!ownSets.includes(kind)) out(`Note: on ${kindLabel(kind)} alone the fitted parameters predict worse than the defaults.`);
      }
      out("cogquiz config get shows them; cogquiz optimize --reset goes back to the defaults.");
    } else {
      out(`Kept ${before ? `your parameters from ${before.fittedAt.slice(0, 10)}` : "FSRS-6's default parameters"}: ${result.reason}.`);
      for (const k of CARD_KINDS) {
        const own = result.kinds[k];
        if (own) out(`No set of their own for ${kindLabel(k)}: ${own.reason}.`);
      }
      out("Nothing changed.");
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export async function optimizeCommand(opts: OptimizeOptions): Promise<number> {
  if (opts.reset && opts.retention) throw new UsageError("--reset and --retention do not go together");
  if (opts.reset) return resetToDefaults(opts);
  if (opts.retention) return retentionView(opts);
  return fit(opts);
}

