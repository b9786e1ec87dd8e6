// A session's clock that a test moves by hand: `t()` is now, `t.advance(ms)` moves it on.

export function clock(start: Date): (() => Date) & { advance(ms: number): void } {
  let t = start.getTime();
  const fn = () => new Date(t);
  fn.advance = (ms: number) => {
    t += ms;
  };
  return fn;
}

/** The fields every hand-made question of the session tests shares. */
export const questionBase = { explicitId: true, tags: [], source: { file: "b.md", line: 1 }, hasErrors: false, references: [] };
