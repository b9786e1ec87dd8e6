// A pager over text laid out for the terminal: it pages by screen rows (every line it shows is already wrapped to
// the width), so no line is lost off the top, and a resize lays the text out again and keeps the reader's place.

import { createPrompt, isEnterKey, isSpaceKey, useRef, useState } from "./inquirer.js";
import { usePromptKeys } from "./type-ahead.js";
import { chalk } from "./colour.js";
import { cut, displayWidth, screenWidth } from "./layout.js";
import { ask, CLEAR_SCREEN, hints, isCtrlC } from "./prompts.js";
import { frame, useTerminalSize } from "./screen.js";

export interface PagerKey<T> {
  /** Key names as readline reports them. */
  keys: string[];
  label: string;
  value: T;
  /** False: the key works but goes unsaid (the filter already shown). */
  listed?: boolean;
}

export interface PagerConfig<T> {
  title: string;
  /** The text as lines no wider than `width`: called again when the width changes. */
  render: (width: number) => string[];
  /** More keys that close the pager with a value (a filter, an action). */
  keys?: PagerKey<T>[];
  /** What the pager shows, said before those keys: "showing missed questions". */
  status?: string;
  /**
   * Where the text's parts begin (a review's questions), as line indexes of `render(width)`: `n` and `p` go to the
   * next and the previous one, as an exam simulator's review goes question by question. `label` names a part.
   */
  parts?: { label: string; starts: (width: number) => number[] };
}

export type PagerResult<T> = { type: "done" } | { type: "quit" } | { type: "key"; value: T };

/** Rows the pager leaves to its text on a terminal `rows` high, with `bottom` rows of bar and hints. */
export function pageHeight(rows: number, bottom: number): number {
  // One spare row: the prompt library adds a line after a full-width or empty last line.
  return Math.max(3, rows - bottom - 1);
}

function pagerPrompt<T>() {
  return createPrompt<PagerResult<T>, PagerConfig<T>>((config, done) => {
    const size = useTerminalSize();
    const [tick, redraw] = useState(0);
    const [finished, setFinished] = useState(false);
    const place = useRef<{ top: number; width: number; lines: string[]; starts: number[] } | undefined>(undefined);
    const width = screenWidth();
    if (!place.current || place.current.width !== width) {
      const lines = config.render(width);
      const starts = config.parts?.starts(width) ?? [];
      const before = place.current;
      // Keep the reader's place: the same share of the text stays at the top after a resize.
      const top = before && before.lines.length > 0 ? Math.floor((before.top / before.lines.length) * lines.length) : 0;
      place.current = { top, width, lines, starts };
    }
    const all = place.current.lines;
    const starts = place.current.starts;
    const top = place.current.top;
    const setTop = (n: number) => {
      place.current!.top = n;
      redraw(tick + 1);
    };
    const extra = config.keys ?? [];
    const partKeys: [string, string][] = config.parts && starts.length > 0 ? [["n/p", `next/previous ${config.parts.label}`]] : [];
    const keyLine = keyHints(config.status, extra, width, partKeys);
    const bottomRows = keyLine ? 1 + keyLine.split("\n").length : 1;
    const height = pageHeight(size.rows, bottomRows);
    const last = Math.max(0, all.length - height);
    const at = Math.min(top, last);
    const finish = (v: PagerResult<T>) => {
      end();
      setFinished(true);
      done(v);
    };
    const end = usePromptKeys((key, rl) => {
      rl.clearLine(0);
      if (isCtrlC(key)) return finish({ type: "quit" });
      const name = key.name ?? "";
      const own = extra.find((k) => k.keys.includes(name));
      if (own) return finish({ type: "key", value: own.value });
      if (name === "q" || name === "escape") return finish({ type: "done" });
      if (isSpaceKey(key) || name === "f" || name === "pagedown" || isEnterKey(key)) {
        if (at >= last) return finish({ type: "done" });
        return setTop(Math.min(last, at + height));
      }
      if (partKeys.length > 0 && name === "n") {
        const next = starts.find((line) => line > at);
        return next === undefined ? undefined : setTop(Math.min(last, next));
      }
      // The start of the part on screen when the page is inside it, else of the one before; the text's top first.
      if (partKeys.length > 0 && name === "p") return setTop(starts.filter((line) => line < at).pop() ?? 0);
      if (name === "b" || name === "pageup") return setTop(Math.max(0, at - height));
      if (name === "j" || name === "down") return setTop(Math.min(last, at + 1));
      if (name === "k" || name === "up") return setTop(Math.max(0, at - 1));
      if (name === "g" || name === "home") return setTop(0);
      if (name === "end") return setTop(last);
    });
    if (finished) return "";
    const page = all.slice(at, at + height);
    // An empty last line would make the prompt library add a row and scroll the first one away.
    if (page.length > 0 && page[page.length - 1] === "") page[page.length - 1] = " ";
    const shown = Math.min(all.length, at + height);
    const where = all.length <= height ? "all" : `${at + 1}-${shown} of ${all.length} lines`;
    // The keys in fewer words before the title is cut: on a narrow terminal the title says where the reader is.
    const more = at >= last ? ["space/q close"] : ["space next page · b back · q close", "space next · b back · q close", "space/b page · q close", "space next · b back"];
    const fits = (m: string) => displayWidth(` ${config.title} · ${where} · ${m} `) <= width;
    const fixed = ` · ${where} · ${more.find(fits) ?? more[more.length - 1]} `;
    const title = cut(config.title, Math.max(1, width - displayWidth(fixed) - 1));
    const bar = chalk.inverse(cut(` ${title}${fixed}`, width));
    const bottom = keyLine ? `${bar}\n${keyLine}` : bar;
    return frame(page.join("\n"), bottom, size);
  });
}

/** The line under the bar: what the pager shows, then the keys that change it. */
function keyHints<T>(status: string | undefined, keys: PagerKey<T>[], width: number, more: [string, string][] = []): string {
  return hints([...keys.filter((k) => k.listed !== false).map((k): [string, string] => [k.keys.join("/"), k.label]), ...more], width, status);
}

/** Shows text a page at a time until the reader closes it (q, Enter or space at the end), quits or presses a key of `keys`. */
export async function page<T = never>(config: PagerConfig<T>): Promise<PagerResult<T>> {
  process.stdout.write(CLEAR_SCREEN);
  return ask(() => pagerPrompt<T>()(config), { type: "quit" } as PagerResult<T>);
}
