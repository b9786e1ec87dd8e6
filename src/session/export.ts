// Cards out of cogquiz: Anki's text import, CSV and JSON. Pure: questions and card states in, text out.

import { decodeHTMLStrict, escapeText } from "entities";
import { Marked } from "marked";
import type { Question } from "../content/model.js";
import type { CardState } from "../srs/model.js";
import { safeJson } from "../content/controls.js";
import { decodeReferences } from "../content/text.js";

export const EXPORT_FORMATS = ["anki", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_VERSION = 1;

/** Text for HTML: the five characters that could open markup or end an attribute. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A plain https URL, the only kind of link a card keeps: no javascript:, data: or file paths that mean nothing in Anki. */
function isHttpsUrl(href: string): boolean {
  if (!/^https:\/\//i.test(href)) return false;
  try {
    return new URL(href).protocol === "https:";
  } catch {
    return false;
  }
}

// HTML for Anki's cards, which display it in a web view: raw HTML in a bank (a third party's) is shown as text, links
// keep only https targets, images (whose files Anki would not have) become their alt text.
const html = new Marked({ gfm: true, async: false });
html.use({
  renderer: {
    html({ text }) {
      return /^\s*<!--/.test(text) ? "" : escapeHtml(text);
    },
    link({ href, tokens }) {
      const text = this.parser.parseInline(tokens);
      // A link target's references are its characters too (CommonMark): `&amp;` in a query is one `&`.
      const target = decodeHTMLStrict(href);
      // Brackets percent-encoded (the same URL): Anki looks for [sound:…] and [latex] in attributes too.
      if (isHttpsUrl(target)) return `<a href="${escapeHtml(target).replace(/\[/g, "%5B").replace(/\]/g, "%5D")}">${text}</a>`;
      return text;
    },
    image({ tokens }) {
      // The alt text's own markup and entities, as the paragraph around it has them (not escaped a second time).
      const alt = this.parser.parseInline(tokens ?? []).trim();
      return `[image: ${alt || "untitled"}]`;
    },
  },
});

/** Whether markdown shows an image, which an Anki export gives as its alt text. */
function hasImage(markdown: string | undefined): boolean {
  // Every image of markdown, inline or by reference, starts "![": raw HTML's <img> is shown as text, not as an image.
  if (markdown === undefined || !markdown.includes("![")) return false;
  let found = false;
  try {
    html.walkTokens(html.lexer(markdown), (t) => {
      if (t.type === "image") found = true;
    });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return found;
}

/** The questions an Anki export shows an image of as its alt text only: Anki has none of the image files. */
export function questionsWithImages(questions: readonly Question[]): number {
  return questions.filter((q) => {
    const texts = q.kind === "recall" ? [q.stem, q.hint, q.answer] : [q.stem, q.explanation, ...q.choices.flatMap((c) => [c.text, c.feedback])];
    return texts.some((t) => hasImage(t));
  }).length;
}

function toHtml(markdown: string): string {
  try {
    return (html.parse(markdown) as string).trim();
  } catch (e) {
    // Markdown nested deeper than marked can recurse (a line of thousands of `>`): the text as it is, escaped.
    if (e instanceof RangeError) return `<p>${escapeHtml(markdown).replace(/\n/g, "<br>")}</p>`;
    throw e;
  }
}

/**
 * A word of an Anki tag: lower case, letters (with the marks that make them, as Devanagari's vowel signs), digits
 * and dashes, in NFC as Anki stores tags (Anki splits tags on spaces; `::` nests them). Accents on Latin letters go,
 * so "Sécurité" and "securite" are one tag.
 */
function tagWord(s: string): string {
  return decodeHTMLStrict(s)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    // Variation selectors (the U+FE0F of an emoji heading) are no part of a word, nor is a mark on no letter (a
    // keycap's): left in, they would open or end a tag invisibly.
    .replace(/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu, "")
    .replace(/(?<![\p{L}\p{M}])\p{M}+/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Anki tags of a question: its topic path as one hierarchical tag, and each front-matter tag under `cogquiz::tag`. */
export function ankiTags(q: Pick<Question, "topic" | "tags">): string[] {
  const path = q.topic.map(tagWord).filter(Boolean);
  const tags = [["cogquiz", ...path].join("::"), ...q.tags.map(tagWord).filter(Boolean).map((t) => `cogquiz::tag::${t}`)];
  return [...new Set(tags)];
}

/**
 * A field of Anki's text import, quoted as its CSV reader reads quoted fields: in double quotes, a quote inside
 * doubled. Tabs may then stand inside a field (code keeps them), and HTML attributes keep their own quotes.
 */
function ankiField(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * One note, one line: newlines in marked's HTML only format it, except inside `<pre>`, where they are the code's
 * lines and become `<br>` (which a `<pre>` shows as a line break).
 */
function oneLine(s: string): string {
  return s
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\r?\n/g, "<br>") : part.replace(/\r?\n/g, " ")))
    .join("");
}

/**
 * Text between a field's tags as the card shows it, written plainly. A character reference HTML5 names in full
 * (`&copy;`, `&nbsp;`, `&#8594;`) is its character, and anything else that looks like one is the text it is
 * (`&copyright;`, which a web view would read as "©right;"), as CommonMark reads markdown; then `&`, `<`, `>` (and the
 * no-break space) are escaped again.
 *
 * It is also never MathJax: Anki typesets `\(…\)` and `\[…\]` in every field, and its MathJax has \href, \style and
 * \class, so a bank's text could put a `javascript:` link or page-wide styling on the card. A backslash before a
 * bracket stands in an element of its own, which MathJax does not read across; with the references decoded first,
 * none written as `&#92;` or `&lpar;` hides from that. Anki's own markup is kept from its readers the same way: the
 * `[` of `[sound:…]` and `[anki:tts]` (which would play a file or speak) and of `[latex]`, `[$]` and `[$$]` (which
 * an Anki set to generate LaTeX would hand to the latex program).
 */
const ANKI_MARKUP = /\\(?=[()[\]])|\[(?=(?:latex|\$\$?)\]|sound:|anki:)/gi;

function shownText(text: string): string {
  // A reference may name an invisible character (`&rlm;`, `&ZeroWidthSpace;`): it is shown as the reader shows a raw one.
  return escapeText(decodeReferences(text)).replace(ANKI_MARKUP, (m) => `<span>${m}</span>`);
}

/**
 * A field as Anki stores it: its text as shownText writes it, on one line (see oneLine; `&NewLine;` is a newline). In
 * a tag, a bracket is written as its reference: the bank's words reach attributes too (a code fence's language is its
 * `class`), and Anki reads `[sound:…]` in the field's HTML as written, attributes included.
 */
function ankiHtml(s: string): string {
  return oneLine(
    s
      .split(/(<[^>]*>)/)
      .map((part, i) => (i % 2 === 1 ? part.replace(/\[/g, "&#91;") : shownText(part)))
      .join(""),
  );
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The letter Anki shows for an option in an `<ol type="A">`: A…Z, then AA, AB… */
function letterOf(i: number): string {
  return i < 26 ? LETTERS[i]! : `${letterOf(Math.floor(i / 26) - 1)}${LETTERS[i % 26]!}`;
}

/** An option's markdown as inline HTML, without the paragraph marked wraps a lone line in. */
function optionHtml(markdown: string): string {
  // Only a lone paragraph: an option of two keeps both, or the list item would hold a stray `</p><p>`.
  return toHtml(markdown).replace(/^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>$/, "$1");
}

export interface AnkiNote {
  guid: string;
  front: string;
  back: string;
  tags: string;
}

/** The notes of an Anki export, field by field, as Anki reads them back (one line each, before quoting). */
export function ankiNotes(questions: readonly Question[]): AnkiNote[] {
  return questions.map((q) => {
    let front = toHtml(q.stem);
    let back: string;
    if (q.kind === "recall") {
      // The label the notes give the card, shown above the question as the quiz shows it.
      if (q.hint !== undefined) front = `<p><i>Hint:</i> ${optionHtml(q.hint)}</p>${front}`;
      back = toHtml(q.answer);
    } else {
      // "Choose N." unless the stem says so already.
      const hint = q.kind === "multiple" && q.chooseHint === undefined ? `<p><i>Choose ${keys(q).length}.</i></p>` : "";
      front += `${hint}<ol type="A">${q.choices.map((c) => `<li>${optionHtml(c.text)}</li>`).join("")}</ol>`;
      const right = q.choices.flatMap((c, i) => (c.correct ? [`<li><b>${letterOf(i)}.</b> ${optionHtml(c.text)}</li>`] : []));
      back = `<ul>${right.join("")}</ul>`;
      if (q.explanation) back += toHtml(q.explanation);
      // What the quiz says to whoever picks an option, right or wrong, by the option's letter.
      const feedback = q.choices.flatMap((c, i) =>
        c.feedback ? [`<dt><b>${letterOf(i)}.</b> ${optionHtml(c.text)}</dt><dd>${toHtml(c.feedback)}</dd>`] : [],
      );
      if (feedback.length > 0) back += `<dl>${feedback.join("")}</dl>`;
    }
    return { guid: q.id, front: ankiHtml(front), back: ankiHtml(back), tags: ankiTags(q).join(" ") };
  });
}

function keys(q: Question): string[] {
  return q.kind === "recall" ? [] : q.choices.filter((c) => c.correct).map((c) => c.text);
}

/** Where Anki puts the notes: a deck (`::` nests one) and a note type whose first two fields take the front and back. */
export interface AnkiTarget {
  deck: string;
  notetype: string;
}

/** Anki's English names; an Anki in another language calls its stock note type otherwise ("Einfach", "Basique"). */
export const ANKI_DEFAULTS: AnkiTarget = { deck: "cogquiz", notetype: "Basic" };

/**
 * Why a deck or note type name cannot stand in a header line, if it cannot: Anki reads the value to the line's end
 * as written, so a line break would end it early, and a space around a note type's name names none at all. A deck
 * name Anki would change as it makes the deck (its rules for deck names) is refused too, so the deck has the name given.
 */
export function ankiNameProblem(name: string, kind: "deck" | "notetype" = "notetype"): string | undefined {
  if (name.trim() === "") return "is empty";
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) return "holds a line break, tab or control character";
  if (kind === "deck") {
    // Anki reads a deck name as its parts between "::", each trimmed, an empty one named "blank", `"` taken out.
    const parts = name.split("::");
    if (parts.some((p) => p.trim() === "")) return 'has an empty part between "::", which Anki would name "blank"';
    if (parts.some((p) => p !== p.trim())) return 'has a space beside "::" or at an end, which Anki would drop';
    if (name.includes('"')) return "holds a double quote, which Anki takes out of deck names";
    return undefined;
  }
  if (name !== name.trim()) return "begins or ends with a space, which Anki would keep in the name";
  return undefined;
}

export function toAnki(questions: readonly Question[], target: AnkiTarget = ANKI_DEFAULTS): string {
  // `if matches:update current`: a note whose guid Anki has already is updated, whatever was chosen at the last import.
  const lines = [
    "#separator:tab", "#html:true", `#notetype:${target.notetype}`, `#deck:${target.deck}`, "#guid column:1", "#tags column:4", "#if matches:update current",
  ];
  for (const n of ankiNotes(questions)) lines.push([n.guid, n.front, n.back, n.tags].map(ankiField).join("\t"));
  return `${lines.join("\n")}\n`;
}

/**
 * A CSV cell. One that a spreadsheet would read as a formula (it begins with =, +, -, @, a tab or a carriage return:
 * a third-party bank could hide `=HYPERLINK(…)` there) gets a leading single quote and is quoted, as the OWASP
 * guidance on CSV injection says; any cell holding a quote, comma or line break is quoted, quotes doubled.
 */
export function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) return `"'${s.replace(/"/g, '""')}"`;
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
  return `${safeJson(
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
    2,
  )}\n`;
}
