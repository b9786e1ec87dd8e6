// `cogquiz stats` on a terminal: bars, a forecast chart, a calendar heatmap.

import type { Stats } from "../session/stats.js";
import { escapeControls, escapePlain } from "../content/text.js";
import { chalk } from "./colour.js";
import { cut, padEnd, plural, reportWidth, wrapText } from "./layout.js";

function bar(share: number, width: number): string {
  const full = Math.round(share * width);
  const colour = share >= 0.8 ? chalk.green : share >= 0.4 ? chalk.yellow : chalk.red;
  return colour("█".repeat(full)) + chalk.dim("░".repeat(width - full));
}

function pct(r: number | null): string {
  return r === null ? "—" : `${Math.round(r * 100)}%`;
}

const SHADES = [" ", "░", "▒", "▓", "█"];

/** The stats report laid out for `cols` cells (unbounded when printed to a pipe: nothing is cut then). */
export function formatStats(s: Stats, cols = reportWidth()): string {
  const out: string[] = [];
  const c = s.cards;
  const text = (line: string, indent = "  ") => wrapText(line, cols, indent, `${indent}  `);
  out.push(
    chalk.bold("Cards"),
    text(`${c.seen} of ${c.total} seen, ${c.mature} mature (stability ≥ 21 days), ${c.suspended} suspended${c.orphaned ? `, ${c.orphaned} orphaned (kept)` : ""}`),
    "",
  );

  out.push(wrapText(chalk.bold("Mastery by topic") + chalk.dim("  (share of each topic's cards that are mature)"), cols, "", "  "));
  const shown = s.topics.filter((t) => t.total > 0);
  const seenWidth = shown.reduce((w, t) => Math.max(w, `${t.seen}/${t.total} seen`.length), 0);
  // Bar and figures keep their room on a narrow terminal; the topic names give way, cut with an ellipsis.
  const barWidth = cols < 70 ? 10 : 20;
  const room = Number.isFinite(cols) ? Math.max(8, cols - 2 - 1 - barWidth - 5 - 2 - seenWidth) : Infinity;
  const width = Math.min(44, room, shown.reduce((w, t) => Math.max(w, 2 * (t.path.length - 1) + t.path[t.path.length - 1]!.length), 10));
  if (shown.length === 0) out.push(chalk.dim("  none: the content set has no cards"));
  for (const t of shown) {
    const name = escapeControls(`${"  ".repeat(t.path.length - 1)}${t.path[t.path.length - 1]}`);
    out.push(`  ${padEnd(cut(name, width), width)} ${bar(t.mastery, barWidth)} ${pct(t.mastery).padStart(4)}  ${chalk.dim(`${t.seen}/${t.total} seen`)}`);
  }
  out.push("");

  out.push(chalk.bold("Due in the next 14 days"));
  const max = Math.max(1, ...s.forecast.map((f) => f.due));
  const span = Number.isFinite(cols) ? Math.max(5, Math.min(30, cols - 10 - String(max).length)) : 30;
  for (const f of s.forecast) {
    const len = Math.round((f.due / max) * span);
    out.push(`  ${f.date.slice(5)} ${chalk.cyan("▇".repeat(len))}${f.due > 0 ? ` ${f.due}` : chalk.dim(" 0")}`);
  }
  out.push("");

  out.push(chalk.bold("Answers per day, last 12 weeks"));
  const most = Math.max(1, ...s.reviewsPerDay.map((d) => d.reviews));
  const weeks = Math.ceil(s.reviewsPerDay.length / 7);
  for (let row = 0; row < 7; row++) {
    let line = "  ";
    for (let w = 0; w < weeks; w++) {
      const d = s.reviewsPerDay[w * 7 + row];
      if (!d) continue;
      const level = d.reviews === 0 ? 0 : Math.min(4, 1 + Math.floor((d.reviews / most) * 3.99));
      line += level === 0 ? chalk.dim("·") : chalk.green(SHADES[level]!);
      line += " ";
    }
    out.push(line);
  }
  out.push(text(chalk.dim(`${s.reviewsPerDay[0]?.date ?? ""} … ${s.reviewsPerDay[s.reviewsPerDay.length - 1]?.date ?? ""}; each column a week, darker is more`)), "");

  out.push(
    wrapText(
      `${chalk.bold("Retention")}  last 7 days ${pct(s.retention.last7.rate)} (${s.retention.last7.right}/${s.retention.last7.total}), last 30 days ${pct(s.retention.last30.rate)} (${s.retention.last30.right}/${s.retention.last30.total})`,
      cols,
      "",
      "           ",
    ),
    `${chalk.bold("Streak")}     ${plural(s.streak.current, "day")} (longest ${s.streak.longest})`,
  );
  if (s.leeches.length > 0) {
    out.push("", chalk.bold(chalk.yellow(`Leeches (${s.leeches.length})`)));
    for (const l of s.leeches) {
      const lapses = `  ${plural(l.lapses, "lapse")}`;
      const head = `  ${l.id}  `;
      // The id (what reset and suspend take) and the lapses stay whole; the title gives way, and goes where it would
      // be cut to a word or two.
      const room = Math.min(60, cols - head.length - lapses.length);
      const title = room >= 8 ? cut(escapePlain(l.title), room) : "";
      out.push(`${title ? head : head.trimEnd()}${title}${chalk.dim(lapses)}`);
    }
  }
  out.push("", chalk.bold("Mock exams"));
  if (s.exams.length === 0) out.push(chalk.dim("  none yet: `cogquiz exam`"));
  for (const e of s.exams) {
    const verdict = e.status === "abandoned" ? chalk.dim("abandoned") : e.passed ? chalk.green("pass") : chalk.red("fail");
    // An abandoned exam is not scored: its answers so far are shown, with no score.
    out.push(`  ${e.startedAtLocal}  ${(e.scaled === null ? "—" : String(e.scaled)).padStart(4)}  ${e.correct}/${e.total}  ${verdict}`);
  }
  if (s.examTrend !== null) out.push(`  trend: ${s.examTrend > 0 ? chalk.green(`▲ +${s.examTrend}`) : s.examTrend < 0 ? chalk.red(`▼ ${s.examTrend}`) : "= 0"} since the exam before`);
  return `${out.join("\n")}\n`;
}
