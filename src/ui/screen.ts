// A prompt that fills the screen redraws itself when the terminal is resized (SIGWINCH), laid out for the new
// size from the top; one taller than the terminal starts each drawing from a cleared screen, so scrolling back
// shows each line once.

import { useEffect, useState } from "./inquirer.js";
import { displayWidth, terminalSize } from "./layout.js";

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
  return text.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(displayWidth(l) / Math.max(1, cols))), 0);
}

/** The prompt's two parts; a drawing taller than the terminal starts from a cleared screen. */
export function frame(content: string, bottom: string, size: { cols: number; rows: number }): [string, string] {
  const tall = rowsOf(content, size.cols) + (bottom ? rowsOf(bottom, size.cols) : 0) >= size.rows;
  return [tall ? `${CLEAR}${content}` : content, bottom];
}
