// What `cogquiz optimize` prints: the evaluation table, and the workload-against-retention chart.

import type { EvaluationByKind, KindFit } from "../analysis/optimizer.js";
import type { CardKind } from "../srs/model.js";
import type { WorkloadPoint, WorkloadView } from "../analysis/workload.js";
import { chalk } from "./colour.js";

const num = (x: number): string => x.toLocaleString("en-US");

/** Log loss and RMSE(bins), default against fitted, for all cards and each kind apart. */
export function evaluationTable(d: EvaluationByKind, f: EvaluationByKind): string {
  const rows: [string, keyof EvaluationByKind][] = [
    ["all cards", "all"],
    ["recall cards", "recall"],
    ["multiple choice", "choice"],
  ];
  const lines = [
    `${"".padEnd(24)}${"log loss".padEnd(20)}RMSE(bins)`,
    `${"".padEnd(24)}${"default".padEnd(10)}${"fitted".padEnd(10)}${"default".padEnd(10)}fitted`,
  ];
  for (const [label, key] of rows) {
    const a = d[key];
    const b = f[key];
    if (!a || !b) {
      lines.push(`${label.padEnd(24)}too few to score apart`);
      continue;
    }
    const mark = (x: number, y: number): string => (x < y ? chalk.green : x > y ? chalk.red : (s: string) => s)(x.toFixed(4));
    lines.push(
      `${`${label} (${num(a.reviews)})`.padEnd(24)}${a.logLoss.toFixed(4).padEnd(10)}${mark(b.logLoss, a.logLoss)}${"".padEnd(4)}${a.rmseBins
        .toFixed(4)
        .padEnd(10)}${mark(b.rmseBins, a.rmseBins)}`,
    );
  }
  return lines.join("\n");
}

/** Each kind's test log loss under the defaults, the all-cards fit and a set fitted to that kind alone. */
export function kindTable(d: EvaluationByKind, f: EvaluationByKind, kinds: Record<CardKind, KindFit | null>): string {
  const lines = [`${"fitted apart".padEnd(24)}${"log loss".padEnd(30)}RMSE(bins)`, `${"".padEnd(24)}${"default".padEnd(10)}${"all".padEnd(10)}${"own".padEnd(10)}${"default".padEnd(10)}${"all".padEnd(10)}own`];
  for (const [label, kind] of [
    ["recall cards", "recall"],
    ["multiple choice", "choice"],
  ] as const) {
    const own = kinds[kind];
    const a = d[kind];
    const b = f[kind];
    if (!own || !a || !b) continue;
    const e = own.evaluation;
    const best = (x: number, ...others: number[]): string => (x < Math.min(...others) ? chalk.green : (s: string) => s)(x.toFixed(4));
    lines.push(
      `${`${label} (${num(e.reviews)})`.padEnd(24)}${a.logLoss.toFixed(4).padEnd(10)}${b.logLoss.toFixed(4).padEnd(10)}${best(e.logLoss, a.logLoss, b.logLoss)}${"".padEnd(4)}` +
        `${a.rmseBins.toFixed(4).padEnd(10)}${b.rmseBins.toFixed(4).padEnd(10)}${best(e.rmseBins, a.rmseBins, b.rmseBins)}${own.adopted ? "   ← own set adopted" : ""}`,
    );
  }
  return lines.join("\n");
}

const BAR = 24;

function bar(value: number, max: number): string {
  const cells = max > 0 ? (value / max) * BAR : 0;
  const full = Math.floor(cells);
  const half = cells - full >= 0.5 ? "▌" : "";
  return "█".repeat(full) + half;
}

/** A row per desired retention shown: minutes a day and knowledge kept, as bars; the current setting marked. */
export function workloadChart(view: WorkloadView, totalCards: number, every = 3): string {
  const shown: WorkloadPoint[] = view.points.filter((_, i) => i % every === 0 || i === view.points.length - 1);
  for (const p of [view.current, view.recommended]) {
    if (!shown.some((s) => Math.abs(s.retention - p.retention) < 1e-9)) shown.push(p);
  }
  shown.sort((a, b) => a.retention - b.retention);
  const maxMinutes = Math.max(...shown.map((p) => p.minutesPerDay));
  const digits = maxMinutes < 1 ? 2 : 1;
  const lines = [`${"retention".padEnd(12)}${"minutes a day".padEnd(BAR + 9)}knowledge kept (of ${num(totalCards)} cards)`];
  for (const p of shown) {
    const isCurrent = Math.abs(p.retention - view.current.retention) < 1e-9;
    const isRecommended = Math.abs(p.retention - view.recommended.retention) < 1e-9;
    const tag = isCurrent ? "◀ now" : isRecommended ? "★" : "";
    const label = `${p.retention.toFixed(2)} ${tag}`.padEnd(12);
    const minutes = `${p.minutesPerDay.toFixed(digits).padStart(5)} ${bar(p.minutesPerDay, maxMinutes)}`.padEnd(BAR + 9);
    const kept = `${Math.round(p.knowledge).toString().padStart(5)} (${Math.round(p.knowledgeShare * 100)} %)`;
    const line = `${label}${minutes}${kept}`;
    lines.push(isCurrent ? chalk.bold(line) : line);
  }
  return lines.join("\n");
}
