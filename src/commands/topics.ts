// cogquiz topics: the topic tree with how many questions of each kind sit under each topic.

import { safeJson } from "../content/controls.js";
import { countsByTopic, type KindCounts } from "../content/summary.js";
import type { Topic } from "../content/model.js";
import { escapeControls, escapePlain } from "../content/text.js";
import { chalk } from "../ui/colour.js";
import { cut, cutPath, displayWidth, padEnd, plural, reportWidth, wrapText } from "../ui/layout.js";
import { contentPaths, loadContent, type GlobalOptions } from "./content-set.js";
import { EXIT } from "./exit.js";

export interface TopicsOptions extends GlobalOptions {
  json?: boolean;
  /** List question ids (what `reset`, `suspend` and the review log name) under their topics. */
  ids?: boolean;
}

const KIND_LABEL = { single: "single", multiple: "multiple", recall: "recall" } as const;

/** Every question's id, kind and title, grouped under its topic path; as JSON, one object per question. */
function printIds(bank: Awaited<ReturnType<typeof loadContent>>, json: boolean): number {
  if (json) {
    const questions = bank.questions.map((q) => ({ id: q.id, kind: q.kind, topic: q.topic, title: q.title }));
    process.stdout.write(`${JSON.stringify({ version: 1, questions }, null, 2)}\n`);
    return EXIT.ok;
  }
  const cols = reportWidth();
  const idWidth = Math.max(...bank.questions.map((q) => q.id.length), 2);
  // One group per topic (by its key, as the tree merges them), in the order topics first appear.
  const groups = new Map<string, { path: string[]; questions: typeof bank.questions }>();
  for (const q of bank.questions) {
    const g = groups.get(q.topicKey) ?? { path: q.topic, questions: [] };
    g.questions.push(q);
    groups.set(q.topicKey, g);
  }
  let first = true;
  for (const { path, questions } of groups.values()) {
    if (!first) process.stdout.write("\n");
    first = false;
    process.stdout.write(`${chalk.bold(cutPath(path.map(escapeControls), cols))}\n`);
    for (const q of questions) {
    const head = `  ${q.id.padEnd(idWidth)}  ${KIND_LABEL[q.kind].padEnd(8)}  `;
    // The id and kind stay whole (they are what a script reads); the title gives way.
    const title = Number.isFinite(cols) && cols - head.length < 12 ? "" : cut(escapePlain(q.title), cols - head.length);
    process.stdout.write(`${head}${chalk.dim(title)}`.trimEnd() + "\n");
    }
  }
  process.stdout.write(`${chalk.dim(wrapText(`${plural(bank.questions.length, "question")}; \`cogquiz reset <id>\` and \`cogquiz suspend <id>\` take these ids`, cols))}\n`);
  return EXIT.ok;
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
  if (opts.ids) return printIds(bank, opts.json === true);
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
  // The counts keep their columns; long topic titles give way on a narrow terminal, cut with an ellipsis.
  // reduce, not Math.max(...rows): a bank can have more topics than a call has room for arguments.
  const counts_ = "  single  multiple  recall".length;
  const width = Math.max(10, Math.min(70, reportWidth() - counts_, rows.reduce((w, r) => Math.max(w, displayWidth(r.label)), 20)));
  const cell = (n: number): string => String(n).padStart(6);
  process.stdout.write(`${chalk.bold(`${"topic".padEnd(width)}  single  multiple  recall`)}\n`);
  for (const r of rows) {
    const label = padEnd(cut(r.label, width), width);
    const line = `${label}  ${cell(r.c.single)}  ${cell(r.c.multiple).padStart(8)}  ${cell(r.c.recall)}`;
    process.stdout.write(`${r.c.single + r.c.multiple + r.c.recall === 0 ? chalk.dim(line) : line}\n`);
  }
  const t = counts.get("")?.total ?? zero;
  process.stdout.write(`${chalk.bold(`${"all topics".padEnd(width)}  ${cell(t.single)}  ${cell(t.multiple).padStart(8)}  ${cell(t.recall)}`)}\n`);
  const errors = bank.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) process.stderr.write(chalk.yellow(`${plural(errors, "content error")}: run \`cogquiz validate\` for details\n`));
  return EXIT.ok;
}
