// A one-line progress bar on standard error, drawn only on a terminal: piped or redirected output gets none.

export interface ProgressBar {
  update(label: string, fraction: number): void;
  /** Clears the line. */
  done(): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = "";
  return {
    update(label, fraction) {
      const f = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(f * WIDTH);
      const line = `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.round(f * 100)
        .toString()
        .padStart(3)} %`;
      if (line === shown) return;
      shown = line;
      stream.write(`\r${line}`);
    },
    done() {
      if (shown) stream.write(`\r${" ".repeat(shown.length)}\r`);
      shown = "";
    },
  };
}
