// A lean markdown → terminal renderer for quiz and exam screens, built on the marked tokens the reader already
// loads. It starts in no time (marked-terminal pulls in a syntax highlighter for every language, ~200 ms), which
// keeps the first question on screen fast. Every screen uses it, study mode's notes too, so one layout (src/ui/layout.ts)
// decides how text wraps everywhere.

import { Lexer, type Token, type Tokens } from "marked";
import { decodeReferences, escapeControls, isPlainInline } from "../content/text.js";
import { unfoldDetails } from "../content/details.js";
import { chalk } from "./colour.js";
import { cut, displayWidth, fitLines, padEnd, screenWidth, wrapCode, wrapText } from "./layout.js";

export function terminalWidth(): number {
  return screenWidth();
}

// Text that no markdown rule acts on renders as itself; most stems and options are such text, and skipping the
// lexer for them keeps the first screen from paying for compiling marked's rules. Tests check both paths agree.
/** Plain inline text that also starts no block: one trimmed line that begins with a letter. */
const PLAIN_BLOCK = /^[A-Za-z](?:[^\n]*\S)?$/;

/** Inline markdown (an option, a heading) as styled terminal text. */
export function renderInline(markdown: string, shortcut = true): string {
  const text = escapeControls(markdown);
  if (shortcut && isPlainInline(text)) return text;
  return tooDeep(() => inline(new Lexer({ gfm: true }).inlineTokens(text)), () => text);
}

/**
 * Markdown nested deeper than marked can recurse (a bank's line of thousands of `>`, say) throws RangeError from the
 * lexer: such text is shown as it is written, its controls already escaped, rather than end the session.
 */
function tooDeep(render: () => string, plain: () => string): string {
  try {
    return render();
  } catch (e) {
    if (e instanceof RangeError) return plain();
    throw e;
  }
}

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return "";
  let out = "";
  for (const t of tokens) {
    switch (t.type) {
      case "strong":
        out += chalk.bold(inline((t as Tokens.Strong).tokens));
        break;
      case "em":
        out += chalk.italic(inline((t as Tokens.Em).tokens));
        break;
      case "del":
        out += chalk.strikethrough(inline((t as Tokens.Del).tokens));
        break;
      case "codespan":
        // Code is literal: `&amp;` in a code span is shown as written, as CommonMark and GitHub show it.
        out += chalk.yellow((t as Tokens.Codespan).text);
        break;
      case "link": {
        const link = t as Tokens.Link;
        const text = inline(link.tokens);
        // A jump within the page ("#table-of-contents") goes nowhere in a terminal: its text alone.
        if (link.href.startsWith("#") && text !== "") out += chalk.blue(text);
        else out += text === link.href ? chalk.blue.underline(link.href) : `${chalk.blue(text)} ${chalk.dim(`(${link.href})`)}`;
        break;
      }
      case "image": {
        const image = t as Tokens.Image;
        out += chalk.dim(`[image: ${image.text || "untitled"} · ${image.href}]`);
        break;
      }
      case "br":
        out += "\n";
        break;
      case "html":
        if (!/^<!--/.test(t.raw)) out += t.raw;
        break;
      case "escape":
        out += (t as Tokens.Escape).text;
        break;
      case "text":
        // From what was written: marked has decoded numeric references in `text` already, so `&#38;copy;` would
        // be decoded twice from there.
        out += (t as Tokens.Text).tokens ? inline((t as Tokens.Text).tokens) : decodeReferences(t.raw);
        break;
      default: {
        const withKids = t as { tokens?: Token[]; text?: string };
        out += withKids.tokens ? inline(withKids.tokens) : decodeReferences(withKids.text ?? t.raw);
      }
    }
  }
  return out;
}


/** An option's markdown on one or more lines, continuation lines indented `indent` columns to sit under its text. */
export function renderOption(markdown: string, indent: number): string {
  return wrap(renderInline(markdown), terminalWidth() - indent).replace(/\n/g, `\n${" ".repeat(indent)}`);
}

/** Wraps styled text to `width` display cells, keeping words whole and ANSI codes out of the count. */
export function wrap(text: string, width: number, indent = ""): string {
  return wrapText(text, width, indent);
}

export function visibleLength(s: string): number {
  return displayWidth(s);
}

/** JSON and policy documents: keys, strings and literals in colour. Other code stays plain. */
function highlight(code: string, lang: string | undefined): string {
  if (lang && !/^(json|jsonc|json5|policy)$/i.test(lang) && !/^\s*[{[]/.test(code)) return code;
  return code.replace(/("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\b\d+(?:\.\d+)?\b)/g, (m, str, colon, lit, num) => {
    if (str) return colon ? chalk.cyan(str) + colon : chalk.green(str);
    if (lit) return chalk.magenta(lit);
    if (num) return chalk.yellow(num);
    return m;
  });
}

/** Block markdown (a stem, an explanation, notes) as terminal text. */
export function renderMarkdown(markdown: string, width = terminalWidth(), shortcut = true): string {
  const text = escapeControls(markdown);
  if (shortcut && PLAIN_BLOCK.test(text) && isPlainInline(text)) return wrap(text, width);
  return tooDeep(
    () => blocks(new Lexer({ gfm: true }).lex(text), width).replace(/\n{3,}/g, "\n\n").trimEnd(),
    () => wrap(text, width),
  );
}

function blocks(tokens: readonly Token[], width: number, gap = "\n\n"): string {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case "heading": {
        const heading = t as Tokens.Heading;
        const text = wrap(inline(heading.tokens), width);
        out.push(heading.depth <= 2 ? chalk.bold.underline(text) : chalk.bold(text));
        break;
      }
        break;
      case "paragraph":
        out.push(wrap(inline((t as Tokens.Paragraph).tokens), width));
        break;
      case "text": {
        const text = t as Tokens.Text;
        out.push(wrap(text.tokens ? inline(text.tokens) : decodeReferences(text.text), width));
        break;
      }
      case "code": {
        const code = t as Tokens.Code;
        const body = highlight(code.text, code.lang)
          .split("\n")
          .flatMap((l) => wrapCode(l, width, `${chalk.dim("│")} `, chalk.dim("↪ ")))
          .join("\n");
        out.push(body);
        break;
      }
      case "blockquote": {
        const inner = blocks((t as Tokens.Blockquote).tokens, Math.max(10, width - 2));
        out.push(inner.split("\n").map((l) => `${chalk.dim("▌")} ${l}`).join("\n"));
        break;
      }
      case "list": {
        const list = t as Tokens.List;
        const items = list.items.map((item, i) => {
          const bullet = `${list.ordered ? `${Number(list.start || 1) + i}.` : "•"} ${item.task ? (item.checked ? "[x] " : "[ ] ") : ""}`;
          // Every line of the item hangs under the item's text, not under its bullet.
          const hang = " ".repeat(displayWidth(bullet));
          // A tight list keeps a nested list right under its item's text.
          const body = blocks(item.tokens.filter((x) => x.type !== "checkbox"), Math.max(10, width - hang.length), list.loose ? "\n\n" : "\n");
          const [first, ...rest] = body.split("\n");
          return [`${bullet}${first ?? ""}`, ...rest.map((l) => (l === "" ? "" : `${hang}${l}`))].join("\n");
        });
        out.push(items.join("\n"));
        break;
      }
      case "table":
        out.push(table(t as Tokens.Table, width));
        break;
      case "hr":
        out.push(chalk.dim("─".repeat(Math.min(width, 40))));
        break;
      case "html":
        if (/^\s*<\/?(?:details|summary)\b/i.test(t.raw)) {
          const shown = details(t.raw, width);
          if (shown !== "") out.push(shown);
        } else if (!/^\s*<!--/.test(t.raw)) out.push(wrap(t.raw.trim(), width));
        break;
      case "space":
      // A link reference definition is where a reference link points; like GitHub, it shows nothing itself.
      case "def":
        break;
      default:
        out.push(wrap(t.raw.trim(), width));
    }
  }
  return out.join(gap);
}

/**
 * An HTML block of a `<details>` element, which a terminal cannot fold: its summary as a heading line and what it
 * holds as markdown (notes write it as markdown; with no blank line after the summary, markdown leaves it raw).
 */
function details(raw: string, width: number): string {
  const unfolded = unfoldDetails(raw);
  // Nothing to unfold (`<details` with no `>`): shown as any HTML is, not read again as the same block.
  if (unfolded.text === raw) return wrap(raw.trim(), width);
  const parts: string[] = [];
  if (unfolded.summary !== undefined) {
    const title = unfolded.summary.replace(/<[^<>]*>/g, "").replace(/\s+/g, " ").trim();
    if (title !== "") parts.push(chalk.bold(wrap(`▸ ${title}`, width)));
  }
  const rest = unfolded.text.replace(/^[ \t]+$/gm, "");
  if (rest.trim() !== "") parts.push(blocks(new Lexer({ gfm: true }).lex(rest.replace(/^\n+/, "")), width));
  return parts.join("\n\n");
}

/** A table that fits `width` columns: the widest columns give way first and their cells wrap. */
export function table(t: Tokens.Table, width = terminalWidth()): string {
  const head = t.header.map((c) => inline(c.tokens));
  const rows = t.rows.map((r) => r.map((c) => inline(c.tokens)));
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, visibleLength(r[i] ?? "")), visibleLength(h)));
  const room = Math.max(widths.length * 6, width - 3 * (widths.length - 1));
  while (widths.reduce((a, b) => a + b, 0) > room) {
    const widest = widths.indexOf(widths.reduce((a, b) => Math.max(a, b), 0));
    widths[widest] = Math.max(6, widths[widest]! - 1);
    if (widths.every((w) => w === 6)) break;
  }
  const line = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]!).split("\n"));
    const height = wrapped.reduce((h, w) => Math.max(h, w.length), 0);
    return Array.from({ length: height }, (_, k) =>
      wrapped.map((w, i) => padEnd(cut(w[k] ?? "", widths[i]!), widths[i]!)).join(chalk.dim(" │ ")).trimEnd(),
    ).join("\n");
  };
  // Cells wrap inside their columns; when even the narrowest columns do not fit, the cells are cut.
  return fitLines([chalk.bold(line(head)), chalk.dim(widths.map((w) => "─".repeat(w)).join("─┼─")), ...rows.map(line)].join("\n"), width);
}
