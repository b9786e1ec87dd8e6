// A prompt that fills the screen redraws itself when the terminal is resized (SIGWINCH), laid out for the new
// size from the top; one taller than the terminal starts each drawing from a cleared screen, so scrolling back
// shows each line once.
//
// A question, a card or an answer taller than the terminal is not left to scroll off it: the prompt shows a
// window of it, as exam simulators do, with its header kept at the top, what the prompt asks and its keys kept at
// the bottom, a hint of how much is above and below, and PgUp/PgDn (j/k a line) to scroll. The terminal's own
// scrollback would not do: each drawing of a tall screen clears it, and the exam's clock draws every second.

import { stripVTControlCharacters } from "node:util";
import { useEffect, useRef, useState, type KeypressEvent } from "./inquirer.js";
import { chalk } from "./colour.js";
import { cut, displayWidth, terminalSize } from "./layout.js";

/** Clears the screen and its scrollback, cursor home. */
export const CLEAR = "\u001b[2J\u001b[3J\u001b[H";

/** The terminal's size, updated (and the prompt drawn again, from a cleared screen) when it changes. */
export function useTerminalSize(): { cols: number; rows: number } {
  const [size, setSize] = useState(terminalSize);
  useEffect(() => {
    const onResize = () => {
      // The old drawing was wrapped for the old width: the prompt cannot erase it line by line.
      process.stdout.write(CLEAR);
      setSize(terminalSize());
    };
    process.stdout.on("resize", onResize);
    return () => {
      process.stdout.removeListener("resize", onResize);
    };
  }, []);
  return size;
}

/** Rows `text` takes on a terminal `cols` wide. */
export function rowsOf(text: string, cols: number): number {
  return text.split("\n").reduce((n, l) => n + lineRows(l, cols), 0);
}

function lineRows(line: string, cols: number): number {
  return Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, cols)));
}

/** Rows `content` takes as the prompt library draws it: a row more after a last line (where the cursor waits) that is empty or fills the width. */
function contentRows(content: string, cols: number): number {
  const last = stripVTControlCharacters(content.slice(content.lastIndexOf("\n") + 1));
  return rowsOf(content, cols) + (last.length % Math.max(1, cols) === 0 ? 1 : 0);
}

/** Rows the prompt library draws for `content` and `bottom`. */
function drawnRows(content: string, bottom: string, cols: number): number {
  return contentRows(content, cols) + (bottom ? rowsOf(bottom, cols) : 0);
}

/** The prompt's two parts; a drawing taller than the terminal starts from a cleared screen. */
export function frame(content: string, bottom: string, size: { cols: number; rows: number }): [string, string] {
  const tall = drawnRows(content, bottom, size.cols) > size.rows;
  return [tall ? `${CLEAR}${content}` : content, bottom];
}

// ── a window over a screen taller than the terminal ────────────────────────────────────────────────────────────

/** A screen in parts: which of them stay in sight when it is taller than the terminal, and which scroll. */
export interface ScreenParts {
  /** Above the header when the whole screen fits (the first card's notes); scrolled with the body when not. */
  lead?: string;
  /**
   * The lead in fewer lines, for a screen that does not fit with the whole lead ("2 notes … shown when it ends"):
   * the card's own lines come first. `onLeadCut` is told whenever a drawing shows it instead of the lead.
   */
  leadShort?: string;
  onLeadCut?: () => void;
  /** The header (the status line): kept at the top. */
  head?: string;
  /** What scrolls: the question, its options, the verdict, the explanation. */
  body: string;
  /** Lines of `body` to have in sight: the option under the cursor, the verdict and the key. */
  focus?: { from: number; to: number };
  /** A blank line between the body and what follows, when the whole screen fits. */
  gap?: boolean;
  /** Under the body, kept in sight: what the prompt asks ("How easy was it?"); the cursor waits at its end. */
  foot?: string;
}

/** Where a window stands: its first line, and whether the focus is to be brought into sight. */
export interface WindowPlace {
  top: number;
  follow: boolean;
}

export interface Windowed {
  content: string;
  bottom: string;
  /** The screen is taller than the terminal and shows a window of it. */
  scrolls: boolean;
  /** The window's first line (clamped), its height in lines, and the last first line there is. */
  top: number;
  height: number;
  last: number;
  /** The drawing shows `leadShort` in place of the lead. */
  leadCut?: boolean;
}

/**
 * "↓ 6 more lines · PgDn", "↑ 2 lines above · ↓ 4 more lines · PgUp/PgDn", "↑ 6 lines above · PgUp"; in fewer
 * words ("↑ 2 · ↓ 4 · PgUp/PgDn") when that is too wide for `width`. A list counts its own `unit` ("question").
 * Without `withKeys` the counts alone, for a moment the keys do nothing.
 */
export function scrollHint(above: number, below: number, width = Number.POSITIVE_INFINITY, unit = "line", withKeys = true): string {
  const noun = (n: number) => (n === 1 ? unit : `${unit}s`);
  const keys = !withKeys ? [] : [above > 0 && below > 0 ? "PgUp/PgDn" : below > 0 ? "PgDn" : "PgUp"];
  const words = [...(above > 0 ? [`↑ ${above} ${noun(above)} above`] : []), ...(below > 0 ? [`↓ ${below} more ${noun(below)}`] : []), ...keys].join(" · ");
  const short = [...(above > 0 ? [`↑ ${above}`] : []), ...(below > 0 ? [`↓ ${below}`] : []), ...keys].join(" · ");
  return displayWidth(words) <= width ? words : cut(short, width);
}

/** How many of `rows` (each line's row count), from `from`, fit in `height` rows: at least one. */
function fitFrom(rows: number[], from: number, height: number): number {
  let used = 0;
  let n = 0;
  while (from + n < rows.length && (n === 0 || used + rows[from + n]! <= height)) used += rows[from + n++]!;
  return n;
}

/** The first line of the window that ends with line `end` (exclusive) and fits in `height` rows. */
function startFor(rows: number[], end: number, height: number): number {
  let used = 0;
  let start = end;
  while (start > 0 && used + rows[start - 1]! <= height) used += rows[--start]!;
  return Math.min(start, Math.max(0, end - 1));
}

/**
 * The screen laid out for a terminal of `size`: whole when it fits; else its head, a window of its lead and body
 * from `place` (moved to bring the focus into sight when `place.follow`), the scroll hint, its foot, and
 * `bottom(true)`. `bottom(scrolls)` gives the keys and status under it, with the scroll keys when it scrolls.
 */
export function layoutWindow(parts: ScreenParts, bottom: (scrolls: boolean) => string, size: { cols: number; rows: number }, place: WindowPlace): Windowed {
  const { cols, rows } = size;
  const join = (...texts: (string | undefined)[]) => texts.filter((t): t is string => t !== undefined && t !== "").join("\n");
  const whole = (() => {
    const below = bottom(false);
    const top = join(parts.lead, parts.head, parts.body);
    if (parts.foot !== undefined) return { content: `${top}${parts.gap ? "\n" : ""}\n${parts.foot}`, bottom: below };
    return { content: top, bottom: parts.gap ? `\n${below}` : below };
  })();
  if (drawnRows(whole.content, whole.bottom, cols) <= rows) return { ...whole, scrolls: false, top: 0, height: 0, last: 0 };
  if (parts.leadShort !== undefined) {
    const { leadShort, onLeadCut: _, ...rest } = parts;
    return { ...layoutWindow({ ...rest, lead: leadShort }, bottom, size, place), leadCut: true };
  }

  const lines = join(parts.lead, parts.body).split("\n");
  const leadLines = parts.lead ? parts.lead.split("\n").length : 0;
  const lineRowCounts = lines.map((l) => lineRows(l, cols));
  const below = bottom(true);
  const head = parts.head ?? "";
  const foot = parts.foot ?? "";
  // Head, hint and foot rows, and the bottom's. Without a foot the hint is the last line of the content, where the
  // cursor waits: it is never empty nor as wide as the terminal, so it takes one row.
  const fixed = (head ? rowsOf(head, cols) : 0) + 1 + (foot ? contentRows(foot, cols) : 0) + (below ? rowsOf(below, cols) : 0);
  const height = Math.max(1, rows - fixed);
  const last = startFor(lineRowCounts, lines.length, height);
  let top = Math.min(Math.max(0, place.top), last);
  const focus = parts.focus && { from: leadLines + parts.focus.from, to: leadLines + parts.focus.to };
  if (place.follow && focus && focus.to > focus.from) {
    // The least move that brings the focus into sight; its start first when it is taller than the window.
    if (focus.from < top) top = focus.from;
    else if (focus.to > top + fitFrom(lineRowCounts, top, height)) top = Math.min(focus.from, startFor(lineRowCounts, focus.to, height));
    top = Math.min(top, last);
  }
  const count = fitFrom(lineRowCounts, top, height);
  const hint = chalk.dim(scrollHint(top, lines.length - top - count, Math.max(1, cols - 1)));
  const content = [...(head ? [head] : []), ...lines.slice(top, top + count), hint, ...(foot ? [foot] : [])].join("\n");
  return { content, bottom: below, scrolls: true, top, height: count, last };
}

/** The scroll keys' hint, beside a prompt's other keys while its screen scrolls. */
export const SCROLL_KEYS: [string, string] = ["PgUp/PgDn", "scroll"];

/** What a prompt holds to show a screen taller than the terminal: its place, the keys that scroll it. */
export interface Scroll {
  /** PgDn/PgUp (a window less a line), j/k (a line) when the screen scrolls; true when the key was one of them. */
  key(key: KeypressEvent): boolean;
  /** Brings the focus into sight at the next drawing: the cursor moved. */
  follow(): void;
  /** The prompt's two parts: the whole screen, or a window of it (see layoutWindow). */
  frame(parts: ScreenParts, bottom: (scrolls: boolean) => string, size: { cols: number; rows: number }): [string, string];
}

/** Scrolling for a prompt; `follow` brings the focus into sight at the first drawing (a verdict, an answer). */
export function useScroll(follow = false): Scroll {
  const place = useRef<WindowPlace & { height: number; last: number; scrolls: boolean }>({ top: 0, follow, height: 0, last: 0, scrolls: false });
  const [tick, redraw] = useState(0);
  const moveTo = (top: number) => {
    const p = place.current;
    p.top = Math.max(0, Math.min(p.last, top));
    p.follow = false;
    redraw(tick + 1);
  };
  return {
    key(key) {
      const p = place.current;
      if (!p.scrolls || key.ctrl) return false;
      const page = Math.max(1, p.height - 1);
      if (key.name === "pagedown") moveTo(p.top + page);
      else if (key.name === "pageup") moveTo(p.top - page);
      else if (key.name === "j") moveTo(p.top + 1);
      else if (key.name === "k") moveTo(p.top - 1);
      else return false;
      return true;
    },
    follow() {
      place.current.follow = true;
    },
    frame(parts, bottom, size) {
      const p = place.current;
      const w = layoutWindow(parts, bottom, size, p);
      if (w.leadCut) parts.onLeadCut?.();
      Object.assign(p, { top: w.scrolls ? w.top : p.top, height: w.height, last: w.last, scrolls: w.scrolls });
      return frame(w.content, w.bottom, size);
    },
  };
}
