// Drives the built binary in a real pseudo-terminal through tmux: type keys, read the screen.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT, TEST_CACHE } from "./cli.js";

let counter = 0;

/**
 * What the pane's shell prints once the program has ended: a window name (ESC k … ESC \\), which draws nothing.
 * tmux reads the program's output before it, so once the window bears this name, everything the program wrote is on
 * screen, and once the log holds it, in the log. The status file alone says only that the program ended: tmux may
 * not have read its last words yet on a loaded machine.
 */
const EXITED = "cogquiz-test-exited";
const EXITED_SEQUENCE = `\u001bk${EXITED}\u001b\\`;

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** Display cells of a line: East Asian wide characters and emoji take two, combining marks none. */
export function cellWidth(line: string): number {
  let w = 0;
  for (const ch of line.replace(/\u001b\[[0-9;]*m/g, "")) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

export class Terminal {
  private readonly socket: string;
  readonly log: string;
  readonly statusFile: string;

  private constructor(readonly name: string, dir: string) {
    this.socket = `cogquiz-test-${process.pid}-${counter++}`;
    this.log = join(dir, "pane.log");
    this.statusFile = join(dir, "status");
  }

  private tmux(...args: string[]): string {
    const r = spawnSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  }

  /** Starts `cogquiz <args>` in a fresh terminal of the given size; everything it prints is also logged. */
  static start(args: string[], env: Record<string, string> = {}, size: TerminalSize = { cols: 100, rows: 40 }, options: { outlivesHangUp?: boolean } = {}): Terminal {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-tty-"));
    const t = new Terminal("main", dir);
    const script = join(dir, "run.sh");
    const exports = Object.entries({ NO_COLOR: "1", XDG_CACHE_HOME: TEST_CACHE, ...env })
      .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
      .join("\n");
    // The shell waits for the program and writes its exit status where the test can read it. With `outlivesHangUp`
    // it ignores SIGHUP while the program runs, so that it outlives a terminal the test closes (`hangUp`) to write
    // the status; the program inherits that, and a session sets its own handler for SIGHUP.
    const ignoreHangUp = options.outlivesHangUp ? "trap '' HUP\n" : "";
    const restoreHangUp = options.outlivesHangUp ? "trap - HUP\n" : "";
    writeFileSync(
      script,
      `${ignoreHangUp}${exports}\ncd ${shellQuote(ROOT)}\n${shellQuote(process.execPath)} ${shellQuote(CLI)} ${args.map(shellQuote).join(" ")}\necho $? > ${shellQuote(t.statusFile)}\nprintf '\\033k%s\\033\\\\' ${EXITED}\n${restoreHangUp}sleep 600\n`,
    );
    // Start idle, let the shell name the window (its sign of the end), log the pane, then run the program in it.
    t.tmux("new-session", "-d", "-s", t.name, "-x", String(size.cols), "-y", String(size.rows), "sleep 600");
    t.tmux("set-option", "-w", "-t", t.name, "allow-rename", "on");
    t.tmux("pipe-pane", "-t", t.name, "-o", `cat >> ${shellQuote(t.log)}`);
    t.tmux("respawn-pane", "-k", "-t", t.name, `sh ${shellQuote(script)}`);
    return t;
  }

  /** The pid of the running cogquiz (a child of the pane's shell), waiting for it to start. */
  async pid(timeoutMs = 5_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const shell = this.tmux("display-message", "-p", "-t", this.name, "#{pane_pid}").trim();
      const r = spawnSync("pgrep", ["-P", shell, "-f", "cogquiz.cjs"], { encoding: "utf8" });
      const pid = Number.parseInt(r.stdout.trim().split("\n")[0] ?? "", 10);
      if (Number.isInteger(pid)) return pid;
      await sleep(10);
    }
    throw new Error(`cogquiz is not running (exit status ${this.exitStatus()}); screen:\n${this.screen()}`);
  }

  /** Keys as tmux names them: "Enter", "Space", "C-c", "q", "1". */
  send(...keys: string[]): void {
    for (const k of keys) this.tmux("send-keys", "-t", this.name, k);
  }

  /** Keys in one write to the terminal, as a key pressed twice fast or held down sends them. */
  sendTogether(...keys: string[]): void {
    this.tmux("send-keys", "-t", this.name, ...keys);
  }

  /** Resizes the terminal, as dragging its window does: the program gets SIGWINCH. */
  resize(size: TerminalSize): void {
    this.tmux("resize-window", "-t", this.name, "-x", String(size.cols), "-y", String(size.rows));
  }

  /** Lines on screen wider than the terminal, counted in display cells (with -J a long line stays whole). */
  overflowing(cols: number): string[] {
    return this.screen()
      .split("\n")
      .filter((l) => cellWidth(l) > cols);
  }

  /** Everything the terminal holds, scrollback included (for output longer than the screen). */
  history(): string {
    return this.tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", this.name);
  }

  screen(): string {
    // -J joins lines the terminal wrapped, so a long message reads as one line.
    return this.tmux("capture-pane", "-p", "-J", "-t", this.name);
  }

  /** The screen with its styles, as SGR sequences (tmux's own spelling of them): what colour and weight text has. */
  styledScreen(): string {
    return this.tmux("capture-pane", "-p", "-e", "-J", "-t", this.name);
  }

  /** The pane's title, which an OSC 0 or 2 sequence from the program would set. */
  paneTitle(): string {
    return this.tmux("display-message", "-p", "-t", this.name, "#{pane_title}").trim();
  }

  /**
   * The exit status once the program has ended and all it wrote is on screen and in the log, else undefined. After
   * `hangUp` there is no screen any more: the status alone.
   */
  exitStatus(): number | undefined {
    if (!existsSync(this.statusFile)) return undefined;
    const text = readFileSync(this.statusFile, "utf8").trim();
    if (text === "" || !this.drawn()) return undefined;
    return Number.parseInt(text, 10);
  }

  /** Whether tmux has read everything the program wrote: the shell's sign of the end is on screen and in the log. */
  private drawn(): boolean {
    const r = spawnSync("tmux", ["-L", this.socket, "display-message", "-p", "-t", this.name, "#{window_name}"], { encoding: "utf8" });
    if (r.status !== 0) return true; // the terminal is closed: nothing more is drawn
    return r.stdout.trim() === EXITED && existsSync(this.log) && readFileSync(this.log, "latin1").includes(EXITED_SEQUENCE);
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = this.screen();
      if (typeof pattern === "string" ? last.includes(pattern) : pattern.test(last)) return last;
      await sleep(40);
    }
    throw new Error(`timed out waiting for ${pattern}; screen was:\n${last}`);
  }

  /**
   * Waits for the log of everything the program printed to match: the log lags the screen (tmux hands the output to
   * the logging process), so a line seen on screen may not be in it yet. Returns the log.
   */
  async waitForLog(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = existsSync(this.log) ? readFileSync(this.log, "utf8") : "";
      if (pattern.test(last)) return last;
      await sleep(40);
    }
    throw new Error(`timed out waiting for ${pattern} in the log; screen:\n${this.screen()}`);
  }

  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const s = this.exitStatus();
      if (s !== undefined) return s;
      await sleep(40);
    }
    throw new Error(`program did not exit; screen:\n${this.screen()}`);
  }

  /** Closes the terminal under the running program, as closing its window does: SIGHUP, and reads and writes fail. */
  hangUp(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }

  close(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Terminals a test file started, closed after each test. */
export function terminals(): {
  start(args: string[], env?: Record<string, string>, size?: TerminalSize, options?: { outlivesHangUp?: boolean }): Terminal;
  closeAll(): void;
} {
  const open: Terminal[] = [];
  return {
    start(args, env, size, options) {
      const t = Terminal.start(args, env, size, options);
      open.push(t);
      return t;
    },
    closeAll() {
      while (open.length) open.pop()!.close();
    },
  };
}

/** The on-screen number of the option whose text contains `text`. */
export function optionNumber(screen: string, text: string): string {
  const line = screen.split("\n").find((l) => l.includes(text) && /\d\./.test(l));
  const m = line && /(\d)\.\s/.exec(line);
  if (!m) throw new Error(`no option "${text}" on screen:\n${screen}`);
  return m[1]!;
}
