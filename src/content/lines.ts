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

/** 1-based column of the first visible character on a line of the source. */
export function columnOf(sourceLines: readonly string[], line: number, lineOffset: number): number {
  const text = sourceLines[line - 1 - lineOffset];
  if (text === undefined) return 1;
  const m = /^[ \t>]*/.exec(text);
  return (m?.[0].length ?? 0) + 1;
}
