// The "(Choose TWO)" of a multiple-choice stem: how many options the question asks for.
// Only the question's own instruction counts, never a "choose", "select" or "pick" in the scenario or in code:
// "…let users pick one of three MFA methods. Which TWO…? (Choose TWO.)" asks for two, "users can select 2 factors"
// asks for nothing, and `SELECT 1 FROM users` is code.

import type { Token } from "marked";
import { plainText } from "./text.js";

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

const HINT = /\b(?:choose|select|pick)\s+(?:any\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b/gi;
/** What may follow N in an instruction: "(Choose 3 answers.)", "Select TWO options:". */
const AFTER = /^\s*(?:(?:correct\s+)?(?:answers?|options?|choices?|responses?))?\s*[.:!]?/i;

function valueOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const n = NUMBER_WORDS[w] ?? Number.parseInt(w, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The N of the stem's choose instruction, from its prose (code left out; parts separated by new lines). Preferred, in
 * order: the last one in parentheses or brackets, one that ends the stem, the last one that starts a sentence.
 */
export function chooseHint(prose: string): number | undefined {
  let bracketed: number | undefined;
  let final: number | undefined;
  let sentence: number | undefined;
  const text = prose.replace(/[ \t]+/g, " ").trimEnd();
  for (const m of text.matchAll(HINT)) {
    const n = valueOf(m[1]!);
    if (n === undefined) continue;
    const before = text.slice(0, m.index);
    const afterAll = text.slice(m.index + m[0].length);
    const after = AFTER.exec(afterAll)![0];
    const rest = afterAll.slice(after.length);
    const open = before.lastIndexOf("(") > before.lastIndexOf(")") || before.lastIndexOf("[") > before.lastIndexOf("]");
    if (open && /^\s*[)\]]/.test(rest)) bracketed = n;
    else if (/^[\s)\]*_]*$/.test(rest)) final = n;
    else if (/(?:^|[.?!:;\n]\s*|[(\[]\s*)$/.test(before.replace(/[*_]+$/, ""))) sentence = n;
  }
  return bracketed ?? final ?? sentence;
}

/** Plain text of tokens with code spans and code blocks left out, lists and tables included. */
export function proseOf(tokens: readonly Token[] | undefined): string {
  if (!tokens) return "";
  let out = "";
  for (const t of tokens) {
    if (t.type === "codespan" || t.type === "code") {
      out += " ";
      continue;
    }
    const inner = t as { tokens?: Token[]; items?: { tokens: Token[] }[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (inner.items) for (const item of inner.items) out += `\n${proseOf(item.tokens)}`;
    else if (t.type === "table" && inner.header && inner.rows) {
      for (const cell of inner.header) out += ` ${proseOf(cell.tokens)}`;
      for (const row of inner.rows) for (const cell of row) out += ` ${proseOf(cell.tokens)}`;
    } else if (inner.tokens) out += proseOf(inner.tokens);
    else out += plainText([t]);
    if (t.type === "paragraph" || t.type === "heading") out += "\n";
  }
  return out;
}
