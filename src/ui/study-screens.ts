// Study mode: pick a topic (type to filter), read its notes laid out for the terminal, a page at a time.

import { createPrompt, isEnterKey, useState, type KeypressEvent } from "./inquirer.js";
import { usePromptKeys } from "./type-ahead.js";
import type { Topic } from "../content/model.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "./colour.js";
import { cut, padEnd, screenWidth, wrapText } from "./layout.js";
import { page } from "./pager.js";
import { ask, hints, isCtrlC, keyPrompt, type KeyOption } from "./prompts.js";
import { frame, scrollHint, useTerminalSize } from "./screen.js";
import { renderMarkdown } from "./terminal-markdown.js";

/**
 * A topic's notes laid out for `width` cells: prose and list items wrapped at word boundaries (items hang under
 * their text), code wrapped with a continuation mark, tables fitted. Id comments are for tools, not for reading.
 */
export function renderNotes(markdown: string, width = screenWidth()): string {
  return renderMarkdown(markdown.replace(/<!--[\s\S]*?-->/g, ""), width, false);
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
  const size = useTerminalSize();
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const visible = config.choices
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => words.every((w) => c.topic.path.join(" ").toLowerCase().includes(w)));
  const at = Math.max(0, visible.findIndex((v) => v.i === cursor));
  const width = screenWidth();
  // A list longer than the screen shows a window of it, with a line that says how many topics are above and below.
  const keys: [string, string][] = [["↑↓", "move"], ["enter", "open"], ["esc", "quit"], ["the %", "is mastery"]];
  const whole = Math.max(3, size.rows - 3 - hints(keys, width).split("\n").length);
  const long = visible.length > whole;
  const help = hints(long ? [...keys.slice(0, 1), ["PgUp/PgDn", "page"], ...keys.slice(1)] : keys, width);
  const height = long ? Math.max(3, size.rows - 4 - help.split("\n").length) : whole;
  const finish = (v: number | "quit") => {
    end();
    setFinished(true);
    done(v);
  };
  const end = usePromptKeys((key: KeypressEvent, rl) => {
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
    if (key.name === "pagedown" || key.name === "pageup") {
      const v = visible[Math.min(visible.length - 1, Math.max(0, at + (key.name === "pagedown" ? height : -height)))];
      if (v) setCursor(v.i);
      return;
    }
    setFilter(rl.line);
  });
  if (finished) return "";
  const start = Math.min(Math.max(0, at - Math.floor(height / 2)), Math.max(0, visible.length - height));
  const rows = visible.slice(start, start + height).map(({ c, i }) => {
    const here = i === visible[at]?.i;
    const pct = c.cards === 0 ? chalk.dim("   —") : `${String(Math.round(c.mastery * 100)).padStart(3)}%`;
    const label = escapeControls(c.label);
    const count = c.cards ? chalk.dim(`  ${c.cards} card${c.cards === 1 ? "" : "s"}`) : "";
    // A long topic path is cut (with an ellipsis) before its card count is.
    const room = Math.max(4, width - 7 - (c.cards ? String(c.cards).length + 8 : 0));
    return cut(`${here ? chalk.cyan("❯") : " "} ${pct} ${cut(here ? chalk.bold(label) : label, room)}${count}`, width);
  });
  const head = cut(`${chalk.bold("Study a topic")}  ${chalk.dim("type to filter:")} ${escapeControls(filter)}${chalk.dim("▏")}`, width);
  const below = visible.length - start - rows.length;
  const more = long ? `\n${chalk.dim(scrollHint(start, below, width - 1, "topic"))}` : "";
  const body = rows.length > 0 ? rows.join("\n") : chalk.dim("  no topic matches");
  return frame(`${head}\n${body}${more}`, help, size);
});

export async function pickTopic(choices: TopicChoice[], initial = 0): Promise<number | "quit"> {
  return ask(() => topicPicker({ choices, initial }), "quit" as const);
}

/** Pages through text laid out by `render` for the current width; "quit" on Ctrl-C. */
export async function showPaged(title: string, render: (width: number) => string): Promise<"done" | "quit"> {
  const result = await page({ title: escapeControls(title), render: (width) => render(width).split("\n") });
  return result.type === "quit" ? "quit" : "done";
}

export type StudyAction = "quiz" | "next" | "pick" | "quit";

/**
 * What to do after a topic's notes: the topic named (the notes have left the screen), and the next topic's title when
 * there is one.
 */
export async function studyMenu(cards: number, hasNext: boolean, title = "", nextTitle?: string): Promise<StudyAction> {
  const options: KeyOption<StudyAction>[] = [];
  if (cards > 0) options.push({ keys: ["z"], label: `quiz this topic (${cards} card${cards === 1 ? "" : "s"})`, value: "quiz" });
  if (hasNext) options.push({ keys: ["n", "return"], label: "next topic", value: "next" });
  options.push({ keys: ["t"], label: "pick another topic", value: "pick" }, { keys: ["q"], label: "quit", value: "quit" });
  const read = title === "" ? "" : `${chalk.bold(escapeControls(title))}: notes read.`;
  const then = hasNext && nextTitle !== undefined ? `Next topic: ${escapeControls(nextTitle)}.` : "";
  const message = [read, then].filter(Boolean).join(" ");
  return ask(() => keyPrompt({ message, options, interrupt: "quit" }) as Promise<StudyAction>, "quit");
}
