// Quiz prompts built on @inquirer/core: letters are commands here (u undo, s skip, q quit), not jumps to options,
// and Ctrl-C ends the session cleanly instead of throwing out of it.

import {
  AbortPromptError,
  createPrompt,
  ExitPromptError,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  useState,
  type KeypressEvent,
} from "./inquirer.js";
import { typedAhead, usePromptKeys } from "./type-ahead.js";
import { chalk } from "./colour.js";
import { displayWidth, joinHints, screenWidth, wrapText } from "./layout.js";
import { useScroll, useTerminalSize, type ScreenParts } from "./screen.js";

export type Command = "quit" | "skip" | "undo";

export type ChoiceResult = { type: "answer"; chosen: number[] } | { type: Command };

export interface ChoiceConfig {
  /**
   * The screen above the options (header, question), laid out at the current width; drawn again on a resize. Its
   * body runs on into the options, which scroll with it on a screen taller than the terminal.
   */
  page?: () => ScreenParts;
  /** Options as styled inline text (not yet wrapped), in display order. */
  options: string[];
  multiple: boolean;
  /** How many options a multiple-response answer must have. */
  pick: number;
  canUndo: boolean;
  canSkip: boolean;
}

/** Clears the screen and its scrollback, cursor home: each card or page starts at the top. */
export const CLEAR_SCREEN = "\u001b[2J\u001b[3J\u001b[H";

export function isCtrlC(key: KeypressEvent): boolean {
  return key.ctrl === true && key.name === "c";
}

/** Key hints on as many lines as the width needs, each "key what" pair kept whole; `before`, a state, first. */
export function hints(parts: [string, string][], width = screenWidth(), before?: string): string {
  return joinHints(
    [...(before ? [before] : []), ...parts.map(([k, what]) => `${chalk.bold(k)} ${chalk.dim(what)}`)],
    width,
    chalk.dim("  ·  "),
  );
}

/** The digit keys that pick one of `n` options: one key a digit, so options past the ninth are reached by arrows. */
export function digitKeys(n: number): string {
  return n === 1 ? "1" : `1-${Math.min(n, 9)}`;
}

/** An option line: its prefix (pointer, box, number), then its text wrapped to hang under the text. */
export function optionLines(prefix: string, text: string, width = screenWidth()): string {
  return wrapText(text, width, prefix, " ".repeat(displayWidth(prefix)));
}

export const choicePrompt = createPrompt<ChoiceResult, ChoiceConfig>((config, done) => {
  const [cursor, setCursor] = useState(0);
  const [picked, setPicked] = useState<number[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [finished, setFinished] = useState(false);
  const size = useTerminalSize();
  const scroll = useScroll();
  const n = config.options.length;

  const finish = (result: ChoiceResult) => {
    end();
    setFinished(true);
    done(result);
  };
  const toggle = (i: number) => setPicked(picked.includes(i) ? picked.filter((p) => p !== i) : [...picked, i].sort((a, b) => a - b));

  const end = usePromptKeys((key, rl) => {
    rl.clearLine(0);
    setError(undefined);
    if (isCtrlC(key) || key.name === "q") return finish({ type: "quit" });
    if (key.name === "s" && config.canSkip) return finish({ type: "skip" });
    if (key.name === "u") {
      if (config.canUndo) return finish({ type: "undo" });
      return setError("nothing to undo yet");
    }
    // The option under the cursor comes into sight when the card is taller than the terminal.
    if (isUpKey(key) || isDownKey(key)) scroll.follow();
    if (isUpKey(key)) return setCursor((cursor - 1 + n) % n);
    if (isDownKey(key)) return setCursor((cursor + 1) % n);
    const digit = Number.parseInt(key.name ?? "", 10);
    if (Number.isInteger(digit) && digit >= 1 && digit <= n) {
      scroll.follow();
      setCursor(digit - 1);
      if (config.multiple) toggle(digit - 1);
      return;
    }
    if (isSpaceKey(key) && config.multiple) {
      scroll.follow();
      return toggle(cursor);
    }
    if (scroll.key(key)) return;
    if (isEnterKey(key)) {
      // An Enter typed before the question was on screen (a second Enter on the card before, a key repeating) is
      // no answer: it would give the option under the cursor to a question never read.
      if (typedAhead(key)) return;
      if (!config.multiple) return finish({ type: "answer", chosen: [cursor] });
      if (picked.length !== config.pick) {
        return setError(`choose exactly ${config.pick} (you have ${picked.length}); space or a number toggles an option`);
      }
      return finish({ type: "answer", chosen: picked });
    }
    // Any other key says what the keys are, instead of doing nothing: a digit past the last option, a letter.
    if (key.name !== undefined && key.name !== "") {
      const digits = `1-${n}`;
      return setError(
        Number.isInteger(digit)
          ? `there ${n === 1 ? "is 1 option" : `are ${n} options`}: ${digits}`
          : config.multiple
            ? `space or ${digits} toggles an option, enter submits, q quits`
            : `↑↓ or ${digits} moves, enter answers, q quits`,
      );
    }
  });

  if (finished) return "";
  const lines = config.options.map((text, i) => {
    const here = i === cursor;
    const mark = config.multiple ? (picked.includes(i) ? chalk.cyan("◉") : "◯") : here ? chalk.cyan("❯") : " ";
    const pointer = config.multiple ? (here ? chalk.cyan("❯") : " ") : "";
    const label = `${i + 1}.`;
    return optionLines(`${pointer}${mark} ${here ? chalk.cyan(label) : chalk.dim(label)} `, here ? chalk.bold(text) : text);
  });
  const help: [string, string][] = config.multiple
    ? [["↑↓", "move"], [`space/${digitKeys(n)}`, "toggle"], ["enter", `submit ${config.pick}`]]
    : [[`↑↓/${digitKeys(n)}`, "move"], ["enter", "answer"]];
  if (config.canSkip) help.push(["s", "skip"]);
  if (config.canUndo) help.push(["u", "undo last"]);
  help.push(["q", "quit"]);
  const page = config.page?.() ?? { body: "" };
  // The cursor's option, as lines of the body: the page's, then the options.
  const above = page.body === "" ? 0 : page.body.split("\n").length;
  const from = above + lines.slice(0, cursor).reduce((k, l) => k + l.split("\n").length, 0);
  const focus = { from, to: from + lines[cursor]!.split("\n").length };
  const body = page.body === "" ? lines.join("\n") : `${page.body}\n${lines.join("\n")}`;
  // The scroll hint above the keys names PgUp/PgDn; a row of the card is worth more than naming them twice.
  const bottom = () => [hints(help), error ? wrapText(chalk.red(error), screenWidth(), "  ") : ""].filter(Boolean).join("\n");
  return scroll.frame({ ...page, body, focus }, bottom, size);
});

export interface KeyOption<T> {
  /** Keys that choose this option (key names as readline reports them: "return", "space", "g", "3"). */
  keys: string[];
  /** Shown in the hint line. */
  label: string;
  value: T;
}

export interface KeyConfig<T> {
  /**
   * Text above the hints: a string, or the whole screen laid out at the current width (drawn again on a resize),
   * in parts when it may be taller than the terminal.
   */
  message: string | (() => string | ScreenParts);
  options: KeyOption<T>[];
  /** Value for Ctrl-C. */
  interrupt: T;
}

export const keyPrompt = createPrompt<unknown, KeyConfig<unknown>>((config, done) => {
  const [finished, setFinished] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const size = useTerminalSize();
  const message = typeof config.message === "function" ? config.message() : wrapText(config.message, screenWidth());
  const parts: ScreenParts = typeof message === "string" ? { body: message } : message;
  // An answer's screen opens with its focus (the verdict, the key) in sight.
  const scroll = useScroll(parts.focus !== undefined);
  const finish = (value: unknown) => {
    end();
    setFinished(true);
    done(value);
  };
  const end = usePromptKeys((key, rl) => {
    rl.clearLine(0);
    if (isCtrlC(key)) return finish(config.interrupt);
    const name = isEnterKey(key) ? "return" : isSpaceKey(key) ? "space" : (key.name ?? "");
    const option = config.options.find((o) => o.keys.includes(name));
    if (option) {
      finish(option.value);
    } else if (!scroll.key(key)) {
      setError(`press ${config.options.map((o) => o.keys.map(keyLabel).join("/")).join(", ")}`);
    }
  });
  if (finished) return "";
  const keys: [string, string][] = config.options.map((o) => [o.keys.map(keyLabel).join("/"), o.label]);
  const bottom = () => [hints(keys), error ? wrapText(chalk.red(error), screenWidth(), "  ") : ""].filter(Boolean).join("\n");
  return scroll.frame(parts, bottom, size);
});

function keyLabel(k: string): string {
  return k === "return" ? "enter" : k;
}

let interrupted = false;

/**
 * Between two prompts the terminal is not in raw mode, so Ctrl-C arrives as SIGINT instead of a key.
 * Catch it for the length of a session and treat it as quit at the next prompt.
 */
export function catchInterrupts(): () => void {
  interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on("SIGINT", onSigint);
  return () => {
    process.removeListener("SIGINT", onSigint);
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
  };
}

/** Error codes of a read, a write or a mode change on a terminal that is no longer there. */
const TERMINAL_GONE = new Set(["EIO", "ENXIO", "EPIPE", "ECONNRESET", "EBADF"]);

/** Whether `e` says the terminal went away: a failed read, write or mode change of standard input or output. */
export function terminalGone(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && TERMINAL_GONE.has(code);
}

/**
 * Runs a prompt; a force-closed prompt (Ctrl-C caught by readline, or the terminal went away) counts as
 * `onInterrupt`, and one cancelled by its AbortSignal (an exam's clock) as `onAbort`.
 */
export async function ask<T>(run: () => Promise<T>, onInterrupt: T, onAbort: T = onInterrupt): Promise<T> {
  if (interrupted) {
    interrupted = false;
    return onInterrupt;
  }
  try {
    return await run();
  } catch (e) {
    if (e instanceof ExitPromptError || terminalGone(e)) return onInterrupt;
    if (e instanceof AbortPromptError) return onAbort;
    throw e;
  } finally {
    // Keys typed while the next screen is drawn stay raw: not echoed, and Ctrl-C stays a key.
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
  }
}
