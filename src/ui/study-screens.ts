// Study mode: pick a topic (type to filter), read its notes rendered by marked-terminal, a page at a time.

import { createPrompt, isEnterKey, isSpaceKey, useKeypress, useState, type KeypressEvent } from "./inquirer.js";
import type { Topic } from "../content/model.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "./colour.js";
import { ask, CLEAR_SCREEN, isCtrlC, keyPrompt, type KeyOption } from "./prompts.js";
import { table, terminalWidth } from "./terminal-markdown.js";
import type { Tokens } from "marked";

type MarkedLike = { parse(src: string): string | Promise<string> };
let terminalMarked: MarkedLike | undefined;

/** marked with marked-terminal: loaded on first use (it brings a syntax highlighter, ~200 ms). */
async function notesRenderer(): Promise<MarkedLike> {
  if (!terminalMarked) {
    const [{ Marked }, { markedTerminal }] = await Promise.all([import("marked"), import("marked-terminal")]);
    terminalMarked = new Marked(
      markedTerminal({
        width: terminalWidth() - 6,
        reflowText: true,
        tab: 2,
        emoji: false,
        showSectionPrefix: false,
        image: (href: string, _title: string, text: string) => chalk.dim(`[image: ${text || "untitled"} · ${href}]`),
      } as never) as never,
    ) as unknown as MarkedLike;
    // With marked 18, marked-terminal prints the text of tight list items raw (**bold** stays **bold**):
    // render their inline tokens instead.
    // Its tables size to their content and run off narrow terminals: draw them to fit instead.
    (terminalMarked as unknown as { use(ext: object): void }).use({
      renderer: {
        text(this: { parser: { parseInline(t: unknown[]): string } }, token: { tokens?: unknown[] } | string) {
          return typeof token === "object" && token.tokens ? this.parser.parseInline(token.tokens) : false;
        },
        table(token: Tokens.Table) {
          return `${table(token, terminalWidth() - 4)}\n\n`;
        },
      },
    });
  }
  return terminalMarked;
}

export async function renderNotes(markdown: string): Promise<string> {
  // Id comments and other HTML comments are for tools, not for reading.
  const out = await (await notesRenderer()).parse(escapeControls(markdown.replace(/<!--[\s\S]*?-->/g, "")));
  return escapeControlsButStyle(out).trimEnd();
}

/** marked-terminal's own colours stay; any other control character that survived is shown escaped. */
function escapeControlsButStyle(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export interface TopicChoice {
  topic: Topic;
  label: string;
  cards: number;
  mastery: number;
}

interface PickerConfig {
  choices: TopicChoice[];
  initial: number;
}

/** Arrow keys move, typing filters by words of the topic path, Enter opens, Esc or Ctrl-C quits. */
const topicPicker = createPrompt<number | "quit", PickerConfig>((config, done) => {
  const [filter, setFilter] = useState("");
  const [cursor, setCursor] = useState(config.initial);
  const [finished, setFinished] = useState(false);
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const visible = config.choices
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => words.every((w) => c.topic.path.join(" ").toLowerCase().includes(w)));
  const at = Math.max(0, visible.findIndex((v) => v.i === cursor));
  const finish = (v: number | "quit") => {
    setFinished(true);
    done(v);
  };
  useKeypress((key: KeypressEvent, rl) => {
    if (isCtrlC(key) || key.name === "escape") return finish("quit");
    if (isEnterKey(key)) {
      const pick = visible[at];
      if (pick) finish(pick.i);
      return;
    }
    if (key.name === "up") {
      const v = visible[(at - 1 + visible.length) % Math.max(1, visible.length)];
      if (v) setCursor(v.i);
      return;
    }
    if (key.name === "down") {
      const v = visible[(at + 1) % Math.max(1, visible.length)];
      if (v) setCursor(v.i);
      return;
    }
    setFilter(rl.line);
  });
  if (finished) return "";
  const height = Math.max(5, (process.stdout.rows || 24) - 6);
  const start = Math.min(Math.max(0, at - Math.floor(height / 2)), Math.max(0, visible.length - height));
  const rows = visible.slice(start, start + height).map(({ c, i }) => {
    const here = i === visible[at]?.i;
    const pct = c.cards === 0 ? chalk.dim("   —") : `${String(Math.round(c.mastery * 100)).padStart(3)}%`;
    const label = escapeControls(c.label);
    return `${here ? chalk.cyan("❯") : " "} ${pct} ${here ? chalk.bold(label) : label}${c.cards ? chalk.dim(`  ${c.cards} cards`) : ""}`;
  });
  const head = `${chalk.bold("Study a topic")}  ${chalk.dim("type to filter:")} ${filter}${chalk.dim("▏")}`;
  const body = rows.length > 0 ? rows.join("\n") : chalk.dim("  no topic matches");
  return [`${head}\n${body}`, chalk.dim("↑↓ move · enter open · esc quit · the % is mastery")];
});

export async function pickTopic(choices: TopicChoice[], initial = 0): Promise<number | "quit"> {
  return ask(() => topicPicker({ choices, initial }), "quit" as const);
}

interface PagerConfig {
  title: string;
  lines: string[];
}

/** Space or f: next page (past the end closes), b: back a page, j/k or arrows: a line, q or Enter at the end: close. */
const pager = createPrompt<"done" | "quit", PagerConfig>((config, done) => {
  const height = Math.max(5, (process.stdout.rows || 24) - 4);
  const [top, setTop] = useState(0);
  const [finished, setFinished] = useState(false);
  const last = Math.max(0, config.lines.length - height);
  const finish = (v: "done" | "quit") => {
    setFinished(true);
    done(v);
  };
  useKeypress((key, rl) => {
    rl.clearLine(0);
    if (isCtrlC(key)) return finish("quit");
    if (key.name === "q") return finish("done");
    if (isSpaceKey(key) || key.name === "f" || key.name === "pagedown" || isEnterKey(key)) {
      if (top >= last) return finish("done");
      return setTop(Math.min(last, top + height));
    }
    if (key.name === "b" || key.name === "pageup") return setTop(Math.max(0, top - height));
    if (key.name === "j" || key.name === "down") return setTop(Math.min(last, top + 1));
    if (key.name === "k" || key.name === "up") return setTop(Math.max(0, top - 1));
  });
  if (finished) return "";
  const page = config.lines.slice(top, top + height).join("\n");
  const shown = Math.min(config.lines.length, top + height);
  const where = config.lines.length <= height ? "all" : `${top + 1}-${shown} of ${config.lines.length} lines`;
  const more = top >= last ? "space/q close" : "space next page · b back";
  return [`${page}`, chalk.inverse(` ${escapeControls(config.title)} · ${where} · ${more} `)];
});

export async function showPaged(title: string, text: string): Promise<"done" | "quit"> {
  process.stdout.write(CLEAR_SCREEN);
  return ask(() => pager({ title, lines: text.split("\n") }), "quit" as const);
}

export type StudyAction = "quiz" | "next" | "pick" | "quit";

export async function studyMenu(cards: number, hasNext: boolean): Promise<StudyAction> {
  const options: KeyOption<StudyAction>[] = [];
  if (cards > 0) options.push({ keys: ["z"], label: `quiz this topic (${cards} cards)`, value: "quiz" });
  if (hasNext) options.push({ keys: ["n", "return"], label: "next topic", value: "next" });
  options.push({ keys: ["t"], label: "pick another topic", value: "pick" }, { keys: ["q"], label: "quit", value: "quit" });
  return ask(() => keyPrompt({ message: "", options, interrupt: "quit" }) as Promise<StudyAction>, "quit");
}
