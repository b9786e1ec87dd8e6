// The tags of an HTML `<details>` element in notes: `<details>`, `</details>` and each `<summary>…</summary>`, the
// label a reader clicks. One pass over the text, as an HTML block may be long and a bank's text hostile: patterns that
// looked for a closing tag from every opening one took seconds on a block of unclosed tags.

/** A `<details>` or `<summary>` tag's start; what follows up to `>` is checked by hand. */
const TAG_START = /<(\/?)(details|summary)\b/gi;
const SUMMARY_END = /<\/summary\s*>/gi;

/** Where a tag that starts at `from` ends (after its `>`), or -1 when another `<` or the text's end comes first. */
function tagEnd(raw: string, from: number): number {
  for (let k = from; k < raw.length; k++) {
    if (raw[k] === ">") return k + 1;
    if (raw[k] === "<") return -1;
  }
  return -1;
}

/**
 * `raw` with its details and summary tags, and each summary's label, replaced by what `removed` makes of each; and
 * the first summary's label.
 */
export function unfoldDetails(raw: string, removed: (tag: string) => string = () => ""): { text: string; summary?: string } {
  let out = "";
  let at = 0;
  let summary: string | undefined;
  let summariesClosed = true;
  TAG_START.lastIndex = 0;
  for (let m = TAG_START.exec(raw); m; m = TAG_START.exec(raw)) {
    const end = tagEnd(raw, TAG_START.lastIndex);
    if (end < 0) continue;
    let through = end;
    // A summary goes with its label; a tag of one left unclosed, or a closing tag on its own, goes alone.
    if (m[2]!.toLowerCase() === "summary" && m[1] !== "/" && summariesClosed) {
      SUMMARY_END.lastIndex = end;
      const close = SUMMARY_END.exec(raw);
      if (close) {
        summary ??= raw.slice(end, close.index);
        through = SUMMARY_END.lastIndex;
      } else {
        // No closing tag after this one, so none after any later opening either.
        summariesClosed = false;
      }
    }
    out += raw.slice(at, m.index) + removed(raw.slice(m.index, through));
    at = through;
    TAG_START.lastIndex = through;
  }
  out += raw.slice(at);
  return summary === undefined ? { text: out } : { text: out, summary };
}
