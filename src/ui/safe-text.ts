// The last step before the terminal. Everything cogquiz prints to standard output or standard error passes through
// `safeForTerminal`: the styling and cursor sequences our own code (chalk, inquirer, readline) emits pass, and any
// other control character is shown as a visible escape. The reader already neutralises bank text before markdown
// sees it (src/content/controls.ts); this gate is what makes a screen or a message that forgot to safe anyway.

import { CONTROL_SOURCE, visibleControl } from "../content/controls.js";

/** Controls but tab, newline and carriage return; DEL and C1; bidirectional and zero-width format characters. */
const CONTROL = new RegExp(CONTROL_SOURCE);
const CONTROL_GLOBAL = new RegExp(CONTROL_SOURCE, "g");

/**
 * The only escape sequences cogquiz writes: SGR styling (`ESC [ … m`), cursor moves and erases
 * (`ESC [ n A/B/C/D/G/H/J/K`, `ESC [ r;c H`), and showing or hiding the cursor (`ESC [ ? 25 h/l`).
 * No OSC (title, clipboard, hyperlinks), no DCS, no mode switches, no device queries.
 */
const OWN_SEQUENCE = /\u001b\[(?:[0-9;]{0,32}[mABCDGHJK]|\?25[hl])/y;

/** `text` with every control that is not part of one of our own sequences shown as `\x1b`, `\x07`, `\x9b`… */
export function safeForTerminal(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL_GLOBAL, (c, at: number) => {
    if (c === "\u001b") {
      OWN_SEQUENCE.lastIndex = at;
      if (OWN_SEQUENCE.test(text)) return c;
    }
    return visibleControl(c.charCodeAt(0));
  });
}

type Write = NodeJS.WriteStream["write"];
const GATED = Symbol.for("cogquiz.terminal-gate");

/**
 * Puts `safeForTerminal` in front of a stream's `write`, so every writer (our screens, inquirer's screen manager,
 * readline, error messages) goes through it. Idempotent.
 */
export function gateStream(stream: NodeJS.WriteStream): void {
  const s = stream as NodeJS.WriteStream & { [GATED]?: true };
  if (s[GATED]) return;
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const gated = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === "string") return original(safeForTerminal(chunk), ...rest);
    if (chunk instanceof Uint8Array) {
      const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8");
      const args = typeof rest[0] === "string" ? ["utf8", ...rest.slice(1)] : rest;
      return original(safeForTerminal(text), ...args);
    }
    return original(chunk, ...rest);
  };
  stream.write = gated as Write;
  s[GATED] = true;
}

/** Gates standard output and standard error; called once, first thing, by the command-line entry point. */
export function gateTerminalOutput(): void {
  gateStream(process.stdout);
  gateStream(process.stderr);
}
