// cogquiz topics: the topic tree with how many questions of each kind sit under each topic.

import { safeJson } from "../content/controls.js";
import { countsByTopic, type KindCounts } from "../content/summary.js";
import type { Topic } from "../content/model.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "../ui/colour.js";
import { contentPaths, loadContent, type GlobalOptions } from "./content-set.js";
import { EXIT } from "./exit.js";

export interface TopicsOptions extends GlobalOptions {
  json?: boolean;
}

interface TopicJson {
  title: string;
  path: string[];
  key: string;
  own: KindCounts;
  total: KindCounts;
  children: TopicJson[];
}

export async function topicsCommand(opts: TopicsOptions, configured: readonly string[] = []): Promise<number> {
  const bank = await loadContent(contentPaths(opts, configured));
  const counts = countsByTopic(bank);
  const zero = { single: 0, multiple: 0, recall: 0 };
  const toJson = (t: Topic): TopicJson => ({
    title: t.title,
    path: t.path,
    key: t.key,
    own: counts.get(t.key)?.own ?? zero,
    total: counts.get(t.key)?.total ?? zero,
    children: t.children.map(toJson),
  });
  if (opts.json) {
    const total = counts.get("")?.total ?? zero;
    process.stdout.write(`${safeJson({ version: 1, total, topics: bank.root.children.map(toJson) }, 2)}\n`);
    return EXIT.ok;
  }
  const rows: { label: string; c: KindCounts }[] = [];
  const walk = (t: Topic, prefix: string, last: boolean, depth: number): void => {
    const branch = depth === 0 ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
    rows.push({ label: `${branch}${escapeControls(t.title)}`, c: counts.get(t.key)?.total ?? zero });
    const childPrefix = depth === 0 ? "" : `${prefix}${last ? "   " : "│  "}`;
    t.children.forEach((c, i) => walk(c, childPrefix, i === t.children.length - 1, depth + 1));
  };
  bank.root.children.forEach((t, i) => walk(t, "", i === bank.root.children.length - 1, 0));
  // reduce, not Math.max(...rows): a bank can have more topics than a call has room for arguments.
  const width = Math.min(70, rows.reduce((w, r) => Math.max(w, r.label.length), 20));
  const cell = (n: number): string => String(n).padStart(6);
  process.stdout.write(`${chalk.bold(`${"topic".padEnd(width)}  single  multiple  recall`)}\n`);
  for (const r of rows) {
    const label = r.label.length > width ? `${r.label.slice(0, width - 1)}…` : r.label.padEnd(width);
    const line = `${label}  ${cell(r.c.single)}  ${cell(r.c.multiple).padStart(8)}  ${cell(r.c.recall)}`;
    process.stdout.write(`${r.c.single + r.c.multiple + r.c.recall === 0 ? chalk.dim(line) : line}\n`);
  }
  const t = counts.get("")?.total ?? zero;
  process.stdout.write(`${chalk.bold(`${"all topics".padEnd(width)}  ${cell(t.single)}  ${cell(t.multiple).padStart(8)}  ${cell(t.recall)}`)}\n`);
  const errors = bank.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) process.stderr.write(chalk.yellow(`${errors} content error${errors === 1 ? "" : "s"}: run \`cogquiz validate\` for details\n`));
  return EXIT.ok;
}
