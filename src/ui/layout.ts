// Layout for every screen: widths counted in display cells (a CJK character or an emoji takes two, a combining
// mark none), prose wrapped at word boundaries with a hanging indent, code wrapped with a continuation mark, and
// one-line headers cut with an ellipsis at a word boundary. Styled text (ANSI SGR codes) keeps its style across
// the lines it is wrapped onto.

import { createRequire } from "node:module";

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const SGR_OR_CHAR = /\u001b\[[0-9;]*m|[\s\S]/gu;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

let stringWidth: ((s: string) => number) | undefined;

/** The visible text of styled text. */
export function stripStyle(s: string): string {
  return s.includes("\u001b") ? s.replace(SGR, "") : s;
}

/** Display cells the text takes in a terminal, styles ignored. */
export function displayWidth(s: string): number {
  const plain = stripStyle(s);
  if (ASCII_PRINTABLE.test(plain)) return plain.length;
  // string-width (already a dependency of the prompt library) knows East Asian wide forms and emoji; it loads only
  // for text that needs it.
  stringWidth ??= createRequire(import.meta.url)("string-width") as (s: string) => number;
  return stringWidth(plain);
}

/** Columns and rows of the terminal, with 80×24 when output is not a terminal. */
export function terminalSize(): { cols: number; rows: number } {
  return { cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
}

/** Width screens lay text out to: the terminal's, capped at 100 columns for reading. */
export function screenWidth(): number {
  return Math.max(20, Math.min(terminalSize().cols, 100));
}

/** Rows of the terminal. */
export function screenRows(): number {
  return Math.max(8, terminalSize().rows);
}

/** Width for a report printed once (validate, stats, topics): the terminal's, or unbounded when piped. */
export function reportWidth(): number {
  return process.stdout.isTTY ? Math.max(20, terminalSize().cols) : Number.POSITIVE_INFINITY;
}

/** "1 card", "3 cards". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Pads styled text with spaces to `width` display cells. */
export function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(s))) + s;
}

// ── styles carried across lines ────────────────────────────────────────────────────────────────────────────────

/** Which SGR parameters a closing code ends. */
function closes(code: number, open: number): boolean {
  if (code === 0) return true;
  if (code === 22) return open === 1 || open === 2;
  if (code === 23) return open === 3;
  if (code === 24) return open === 4;
  if (code === 27) return open === 7;
  if (code === 28) return open === 8;
  if (code === 29) return open === 9;
  if (code === 39) return (open >= 30 && open <= 38) || (open >= 90 && open <= 97);
  if (code === 49) return (open >= 40 && open <= 48) || (open >= 100 && open <= 107);
  return false;
}

/** The SGR codes still open after `line`, given those open before it. */
function openAfter(line: string, before: string[]): string[] {
  let open = [...before];
  for (const m of line.matchAll(SGR)) {
    const params = m[0].slice(2, -1);
    const first = Number.parseInt(params.split(";")[0] || "0", 10);
    if ([0, 22, 23, 24, 27, 28, 29, 39, 49].includes(first)) {
      open = open.filter((o) => !closes(first, Number.parseInt(o.slice(2, -1).split(";")[0] || "0", 10)));
    } else {
      open.push(m[0]);
    }
  }
  return open;
}

/** Each line closes the styles it leaves open and the next reopens them, so a page or a pane shows them right. */
function carryStyles(lines: string[]): string[] {
  let open: string[] = [];
  return lines.map((line) => {
    const start = open.join("");
    open = openAfter(line, open);
    return `${start}${line}${open.length > 0 ? "\u001b[0m" : ""}`;
  });
}

// ── wrapping ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Characters after which a word too long for a line (a URL, a path, an ARN) reads best broken. */
const BREAK_AFTER = new Set(["/", "-", "?", "&", "=", "_", ".", ":", ","]);

/**
 * Splits a word wider than `width` cells into pieces that fit (styles kept in place): at the width, as code wants
 * its cells, or, for prose (`atMarks`), each piece after its last `/` past its first third (`…/developerguide/` then
 * `cognito-user-pools….html`), else after its last `-`, `.` or such there, else at the width.
 */
function breakWord(word: string, width: number, atMarks = false): string[] {
  const pieces: string[] = [];
  let chars: { ch: string; w: number }[] = [];
  let cells = 0;
  for (const m of word.matchAll(SGR_OR_CHAR)) {
    const ch = m[0];
    const w = ch.startsWith("\u001b") ? 0 : displayWidth(ch);
    if (cells + w > width && cells > 0) {
      let cut = chars.length;
      if (atMarks) {
        let slash = -1;
        let mark = -1;
        for (let k = chars.length - 1, at = cells; k >= 0 && at > width / 3 && slash < 0; k--) {
          if (chars[k]!.ch === "/") slash = k + 1;
          else if (mark < 0 && BREAK_AFTER.has(chars[k]!.ch)) mark = k + 1;
          at -= chars[k]!.w;
        }
        if (slash > 0) cut = slash;
        else if (mark > 0) cut = mark;
      }
      pieces.push(chars.slice(0, cut).map((c) => c.ch).join(""));
      chars = chars.slice(cut);
      cells = chars.reduce((n, c) => n + c.w, 0);
    }
    chars.push({ ch, w });
    cells += w;
  }
  if (chars.length > 0 || pieces.length === 0) pieces.push(chars.map((c) => c.ch).join(""));
  return pieces;
}

/**
 * One paragraph of styled text wrapped at word boundaries to `width` cells: the first line starts with `first`,
 * the others with `rest` (a hanging indent). A word wider than a line is broken.
 */
export function wrapParagraph(text: string, width: number, first = "", rest = first): string[] {
  // A tab between words is a space, as in rendered markdown: the terminal would move it to its next tab stop, so
  // the line would take more cells than counted, wrap, and push the screen's first lines out of sight.
  const words = text.split(/[ \t]+/);
  // A percent sign stays with its number ("64 %"): a line that ends on a number and goes on with "%" misreads.
  for (let k = words.length - 1; k > 0; k--) {
    if (/^%(?:$|[.,;:)])/.test(words[k]!) && /\d$/.test(words[k - 1]!)) words.splice(k - 1, 2, `${words[k - 1]} ${words[k]}`);
  }
  const body: string[] = [];
  const room = (k: number) => Math.max(1, width - displayWidth(k === 0 ? first : rest));
  let line = "";
  let cells = 0;
  for (const word of words) {
    if (word === "" && line === "") continue;
    const w = displayWidth(word);
    const space = line !== "" ? 1 : 0;
    if (cells + space + w <= room(body.length)) {
      line = line === "" ? word : `${line} ${word}`;
      cells += space + w;
      continue;
    }
    if (line !== "") {
      body.push(line);
      line = "";
      cells = 0;
    }
    if (w <= room(body.length)) {
      line = word;
      cells = w;
      continue;
    }
    const pieces = breakWord(word, room(body.length), true);
    for (const p of pieces.slice(0, -1)) body.push(p);
    line = pieces[pieces.length - 1]!;
    cells = displayWidth(line);
  }
  body.push(line);
  return carryStyles(body).map((l, k) => (k === 0 ? first : rest) + l);
}

/** Text of one or more paragraphs (split at newlines), each wrapped with the same first and hanging indents. */
export function wrapText(text: string, width: number, first = "", rest = first): string {
  return text
    .split("\n")
    .flatMap((p, k) => wrapParagraph(p, width, k === 0 ? first : rest, rest))
    .join("\n");
}

/**
 * A report's lines each within `width` cells: a line too wide wraps at word boundaries, every other line (a table's
 * row, an empty line) stays exactly as it is.
 */
export function wrapWideLines(text: string, width = reportWidth()): string {
  return text
    .split("\n")
    .map((l) => (displayWidth(l) > width ? wrapText(l, width) : l))
    .join("\n");
}

/**
 * Help text within the terminal's width (as it is when piped): a paragraph of prose with a line too wide is wrapped
 * again as one, and an indented line too wide (an example and its description) wraps under its own indent.
 */
export function helpWithin(text: string, width = reportWidth()): string {
  const lines = text.split("\n");
  if (lines.every((l) => displayWidth(l) <= width)) return text;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "" || line.startsWith(" ")) {
      if (displayWidth(line) <= width) {
        out.push(line);
        continue;
      }
      // An example and its description, apart by a run of spaces: the description goes under the example, so that
      // no word of it reads as part of the command.
      const [, indent = "", first = line.trim(), described] = /^( *)(.*?\S)(?: {2,}(\S.*))?$/.exec(line) ?? [];
      out.push(wrapText(first, width, indent, `${indent}    `));
      if (described !== undefined) out.push(wrapText(described, width, `${indent}    `));
      continue;
    }
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] !== "" && !lines[j + 1]!.startsWith(" ")) j++;
    const paragraph = lines.slice(i, j + 1);
    out.push(paragraph.some((l) => displayWidth(l) > width) ? wrapText(paragraph.join(" "), width) : paragraph.join("\n"));
    i = j;
  }
  return out.join("\n");
}

/** The mark at the start of a code line's continuation: the line was too long and goes on here. */
export const CONTINUATION = "↪ ";

/** A code line kept exact (spaces and all), broken by cells where it is too long, each continuation marked. */
export function wrapCode(line: string, width: number, gutter = "", mark = CONTINUATION): string[] {
  const expanded = line.replace(/\t/g, "    ");
  const room = Math.max(4, width - displayWidth(gutter));
  if (displayWidth(expanded) <= room) return [gutter + expanded];
  const [head, ...tail] = breakWord(expanded, room);
  const rest = tail.join("");
  const out = [head!, ...(rest === "" ? [] : breakWord(rest, Math.max(2, room - displayWidth(mark))))];
  return carryStyles(out).map((l, k) => (k === 0 ? gutter + l : gutter + mark + l));
}

/**
 * A one-line text (a header, a topic path, a table cell) cut to `width` cells with an ellipsis, at a word boundary
 * when one falls in the last third of the line.
 */
export function cut(line: string, width: number): string {
  // A tab is a space here too (see wrapParagraph): counted as no cells, it would make the line longer than cut.
  const text = line.includes("\t") ? line.replace(/\t/g, " ") : line;
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? "…" : "";
  const target = width - 1;
  let out = "";
  let cells = 0;
  let lastSpace = -1;
  let lastSpaceCells = 0;
  for (const m of text.matchAll(SGR_OR_CHAR)) {
    const ch = m[0];
    if (ch.startsWith("\u001b")) {
      out += ch;
      continue;
    }
    const w = displayWidth(ch);
    if (cells + w > target) break;
    if (ch === " ") {
      lastSpace = out.length;
      lastSpaceCells = cells;
    }
    out += ch;
    cells += w;
  }
  if (lastSpace > 0 && lastSpaceCells >= (target * 2) / 3) out = out.slice(0, lastSpace);
  out = out.replace(/[ ,;:·›/-]+$/u, (m) => (m.length === out.length ? m : ""));
  return `${out}${text.includes("\u001b") ? "\u001b[0m" : ""}…`;
}

/**
 * A topic path within `width` cells, its end kept: the last topic says which one it is, so the middle ones give way
 * first (`User Pools › … › Verifying a user pool JWT`), then the first; only a last topic too long on its own is cut.
 * Cut from its end, two topics under one parent would read alike.
 */
export function cutPath(parts: readonly string[], width: number, separator = " › "): string {
  const fits = (s: string) => displayWidth(s) <= width;
  const whole = parts.join(separator);
  if (fits(whole) || parts.length < 2) return cut(whole, width);
  for (let from = 2; from < parts.length; from++) {
    const kept = [parts[0]!, "…", ...parts.slice(from)].join(separator);
    if (fits(kept)) return kept;
  }
  for (let from = 1; from < parts.length; from++) {
    const kept = ["…", ...parts.slice(from)].join(separator);
    if (fits(kept)) return kept;
  }
  return cut(`…${separator}${parts[parts.length - 1]!}`, width);
}

/** Every line of `text` cut to `width` cells (a last guard for drawn things such as tables). */
export function fitLines(text: string, width: number): string {
  return text
    .split("\n")
    .map((l) => cut(l, width))
    .join("\n");
}

/**
 * Key hints ("enter next", "q quit"…) on as many lines as they need: each hint stays whole, and a line breaks
 * only between two hints.
 */
export function joinHints(hints: readonly string[], width: number, separator: string): string {
  const lines: string[] = [];
  let line = "";
  for (const h of hints) {
    const next = line === "" ? h : `${line}${separator}${h}`;
    if (line !== "" && displayWidth(next) > width) {
      lines.push(line);
      line = h;
    } else {
      line = next;
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => (displayWidth(l) > width ? wrapText(l, width) : l)).join("\n");
}
