// Cards out of cogquiz: Anki's TSV import, CSV and JSON. Pure: questions and card states in, text out.

import { Marked } from "marked";
import type { Question } from "../content/model.js";
import type { CardState } from "../srs/model.js";

export const EXPORT_FORMATS = ["anki", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_VERSION = 1;

const html = new Marked({ gfm: true, async: false });

function toHtml(markdown: string): string {
  return (html.parse(markdown) as string).trim();
}

/** Anki tags are single words: spaces become dashes, and Anki's own separators are dropped. */
export function ankiTag(s: string): string {
  return s.trim().replace(/\s+/g, "-").replace(/[\u0000-\u001f"]/g, "");
}

/** A field of Anki's tab-separated import: no tabs or newlines, quotes as entities (a leading quote means CSV quoting to Anki). */
function field(s: string): string {
  // Newlines in marked's HTML only format it, except inside <pre>, where they are the code's lines.
  const oneLine = s
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\r?\n/g, "<br>") : part.replace(/\r?\n/g, " ")))
    .join("");
  return oneLine.replace(/\t/g, " ").replace(/"/g, "&quot;");
}

function keys(q: Question): string[] {
  return q.kind === "recall" ? [] : q.choices.filter((c) => c.correct).map((c) => c.text);
}

export function toAnki(questions: readonly Question[]): string {
  const lines = ["#separator:tab", "#html:true", "#notetype:Basic", "#deck:cogquiz", "#guid column:1", "#tags column:4"];
  for (const q of questions) {
    let front = toHtml(q.stem);
    let back: string;
    if (q.kind === "recall") {
      back = toHtml(q.answer);
    } else {
      const hint = q.kind === "multiple" ? `<p><i>Choose ${keys(q).length}.</i></p>` : "";
      front += `${hint}<ol type="A">${q.choices.map((c) => `<li>${toHtml(c.text).replace(/^<p>|<\/p>$/g, "")}</li>`).join("")}</ol>`;
      back = `<ul>${q.choices.filter((c) => c.correct).map((c) => `<li>${toHtml(c.text).replace(/^<p>|<\/p>$/g, "")}</li>`).join("")}</ul>`;
      if (q.explanation) back += toHtml(q.explanation);
    }
    const tags = [...q.topic.map(ankiTag), ...q.tags.map(ankiTag)].filter(Boolean);
    lines.push([field(q.id), field(front), field(back), field([...new Set(tags)].join(" "))].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = [
  "id", "topic", "kind", "stem", "options", "keys", "explanation", "answer", "tags",
  "due", "stability", "difficulty", "reps", "lapses", "phase", "suspended",
] as const;

export function toCsv(questions: readonly Question[], card: (id: string) => CardState | undefined): string {
  const rows: string[] = [CSV_COLUMNS.join(",")];
  for (const q of questions) {
    const c = card(q.id);
    const row = [
      q.id, q.topic.join(" / "), q.kind, q.stem,
      q.kind === "recall" ? "" : q.choices.map((x) => x.text),
      q.kind === "recall" ? "" : keys(q),
      q.kind === "recall" ? "" : (q.explanation ?? ""),
      q.kind === "recall" ? q.answer : "",
      q.tags.join(" "),
      c?.due ?? "", c?.stability ?? "", c?.difficulty ?? "", c?.reps ?? "", c?.lapses ?? "", c?.phase ?? "", c?.suspended ? "yes" : "",
    ];
    rows.push(row.map(csvCell).join(","));
  }
  return `${rows.join("\r\n")}\r\n`;
}

export function toJson(questions: readonly Question[], card: (id: string) => CardState | undefined, now: Date): string {
  return `${JSON.stringify(
    {
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      questions: questions.map((q) => ({
        id: q.id,
        topic: q.topic,
        kind: q.kind,
        stem: q.stem,
        ...(q.kind === "recall"
          ? { answer: q.answer }
          : { options: q.choices.map((c) => ({ text: c.text, correct: c.correct })), keys: keys(q), explanation: q.explanation ?? null }),
        references: q.references,
        tags: q.tags,
        source: q.source,
        progress: card(q.id) ?? null,
      })),
    },
    null,
    2,
  )}\n`;
}
