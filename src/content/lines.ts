// Where a token starts. marked's tokens carry their raw text but not their position; the raw texts
// of a token's children follow each other, so counting newlines through them gives every line.

export function newlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** Pairs each token with the line it starts on, given the line of the first. */
export function withLines<T extends { raw: string }>(tokens: readonly T[], firstLine: number): { token: T; line: number }[] {
  const out: { token: T; line: number }[] = [];
  let line = firstLine;
  for (const token of tokens) {
    out.push({ token, line: line + leadingBlankLines(token.raw) });
    line += newlines(token.raw);
  }
  return out;
}

/** Blank lines a token's raw text opens with: they belong to it, but its text starts after them. */
export function leadingBlankLines(raw: string): number {
  let lines = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) lines++;
    else if (c !== 32 && c !== 9) {
      // Only whole blank lines count: back up over the spaces of the line that has text.
      return lines;
    }
  }
  return lines;
}

/** Where each line of `text` starts (the lines `text.split("\n")` gives). */
export function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts[n++] = at + 1;
  return starts;
}

/** 1-based column of the first visible character of a line of the source (1 for a line that is not there). */
export function columnOf(text: string | undefined): number {
  if (text === undefined) return 1;
  const m = /^[ \t>]*/.exec(text);
  return (m?.[0].length ?? 0) + 1;
}
