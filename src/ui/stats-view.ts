// `cogquiz stats` on a terminal: bars, a forecast chart, a calendar heatmap.

import type { Stats } from "../session/stats.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "./colour.js";

function bar(share: number, width: number): string {
  const full = Math.round(share * width);
  const colour = share >= 0.8 ? chalk.green : share >= 0.4 ? chalk.yellow : chalk.red;
  return colour("█".repeat(full)) + chalk.dim("░".repeat(width - full));
}

function pct(r: number | null): string {
  return r === null ? "—" : `${Math.round(r * 100)}%`;
}

const SHADES = [" ", "░", "▒", "▓", "█"];

export function formatStats(s: Stats): string {
  const out: string[] = [];
  const c = s.cards;
  out.push(chalk.bold("Cards"), `  ${c.seen} of ${c.total} seen, ${c.mature} mature (stability ≥ 21 days), ${c.suspended} suspended${c.orphaned ? `, ${c.orphaned} orphaned (kept)` : ""}`, "");

  out.push(chalk.bold("Mastery by topic") + chalk.dim("  (share of each topic's cards that are mature)"));
  const shown = s.topics.filter((t) => t.total > 0);
  const width = Math.min(44, shown.reduce((w, t) => Math.max(w, 2 * (t.path.length - 1) + t.path[t.path.length - 1]!.length), 10));
  for (const t of shown) {
    const name = `${"  ".repeat(t.path.length - 1)}${t.path[t.path.length - 1]}`;
    const label = name.length > width ? `${name.slice(0, width - 1)}…` : name.padEnd(width);
    out.push(`  ${escapeControls(label)} ${bar(t.mastery, 20)} ${pct(t.mastery).padStart(4)}  ${chalk.dim(`${t.seen}/${t.total} seen`)}`);
  }
  out.push("");

  out.push(chalk.bold("Due in the next 14 days"));
  const max = Math.max(1, ...s.forecast.map((f) => f.due));
  for (const f of s.forecast) {
    const len = Math.round((f.due / max) * 30);
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
  out.push(chalk.dim(`  ${s.reviewsPerDay[0]?.date ?? ""} … ${s.reviewsPerDay[s.reviewsPerDay.length - 1]?.date ?? ""}; each column a week, darker is more`), "");

  out.push(
    `${chalk.bold("Retention")}  last 7 days ${pct(s.retention.last7.rate)} (${s.retention.last7.right}/${s.retention.last7.total}), last 30 days ${pct(s.retention.last30.rate)} (${s.retention.last30.right}/${s.retention.last30.total})`,
    `${chalk.bold("Streak")}     ${s.streak.current} day${s.streak.current === 1 ? "" : "s"} (longest ${s.streak.longest})`,
  );
  if (s.leeches.length > 0) {
    out.push("", chalk.bold(chalk.yellow(`Leeches (${s.leeches.length})`)));
    for (const l of s.leeches) out.push(`  ${l.id}  ${escapeControls(l.title.slice(0, 60))}  ${chalk.dim(`${l.lapses} lapses`)}`);
  }
  out.push("", chalk.bold("Mock exams"));
  if (s.exams.length === 0) out.push(chalk.dim("  none yet: `cogquiz exam`"));
  for (const e of s.exams) {
    const verdict = e.status === "abandoned" ? chalk.dim("abandoned") : e.passed ? chalk.green("pass") : chalk.red("fail");
    out.push(`  ${e.startedAt.slice(0, 16).replace("T", " ")}  ${String(e.scaled).padStart(4)}  ${e.correct}/${e.total}  ${verdict}`);
  }
  if (s.examTrend !== null) out.push(`  trend: ${s.examTrend > 0 ? chalk.green(`▲ +${s.examTrend}`) : s.examTrend < 0 ? chalk.red(`▼ ${s.examTrend}`) : "= 0"} since the exam before`);
  return `${out.join("\n")}\n`;
}
