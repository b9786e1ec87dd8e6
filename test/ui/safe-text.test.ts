import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeName, firstControl, hasControls, neutraliseControls, safeJson } from "../../src/content/controls.js";
import { discoverFiles } from "../../src/content/load.js";
import { parseFile } from "../../src/content/parse-file.js";
import { excerpt } from "../../src/content/text.js";
import { chalk } from "../../src/ui/colour.js";
import { CLEAR_SCREEN } from "../../src/ui/prompts.js";
import { gateStream, safeForTerminal } from "../../src/ui/safe-text.js";
import { renderInline, renderMarkdown } from "../../src/ui/terminal-markdown.js";

/** C0 but tab and line breaks, DEL, C1; and the bidirectional and zero-width format characters. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Every bidirectional and zero-width character that is shown escaped, with its visible form. */
const INVISIBLES: [string, string][] = [
  ["\u061c", "\\u061c"],
  ["\u200b", "\\u200b"],
  ["\u200e", "\\u200e"],
  ["\u200f", "\\u200f"],
  ["\u202a", "\\u202a"],
  ["\u202b", "\\u202b"],
  ["\u202c", "\\u202c"],
  ["\u202d", "\\u202d"],
  ["\u202e", "\\u202e"],
  ["\u2060", "\\u2060"],
  ["\u2066", "\\u2066"],
  ["\u2067", "\\u2067"],
  ["\u2068", "\\u2068"],
  ["\u2069", "\\u2069"],
  ["\ufeff", "\\ufeff"],
];

/** Every way this suite writes an attack: raw, decimal and hex entities, padded with zeros, without the semicolon. */
const ATTACKS = [
  "\u001b]0;PWNED\u0007",
  "&#27;]0;PWNED&#7;",
  "&#27;]52;c;SElKQUNL&#7;",
  "&#x1b;[6n",
  "&#X1B;[?1049h",
  "&#0000027;P1$q&#x1b;\\",
  "&#27[2J",
  "&#155;6n",
  "&#x9d;0;PWNED&#x07;",
  "&#127;",
  "\u009b31m",
  "\u007f",
];

describe("neutralising control characters in bank text", () => {
  it("finds and neutralises controls raw and as numeric entities, and leaves other entities alone", () => {
    for (const a of ATTACKS) {
      expect(hasControls(a), a).toBe(true);
      expect(firstControl(`ok ${a}`)?.index, a).toBe(3);
      const safe = neutraliseControls(a);
      expect(hasControls(safe), a).toBe(false);
      expect(safe).toMatch(/\\x(1b|9b|9d|7f)/);
    }
    expect(neutraliseControls("A&#65; &#10; &amp; &#x263A; tab\there")).toBe("A&#65; &#10; &amp; &#x263A; tab\there");
  });

  it("shows bidirectional overrides, isolates, marks and zero-width spaces, raw or as entities, for what they are", () => {
    for (const [c, shown] of INVISIBLES) {
      expect(neutraliseControls(`pay ${c}lap`)).toBe(`pay ${shown}lap`);
      const code = c.charCodeAt(0);
      expect(neutraliseControls(`&#x${code.toString(16)};`)).toBe(shown);
      expect(neutraliseControls(`&#${code}`)).toBe(shown);
      expect(safeForTerminal(`a${c}b`)).toBe(`a${shown}b`);
    }
    // Trojan Source: the override makes "admin" read as "nimda"; the student sees the override instead.
    expect(neutraliseControls("user\u202enimda\u202c")).toBe("user\\u202enimda\\u202c");
    // The joiners that scripts and emoji need stay as they are.
    expect(neutraliseControls("👩\u200d💻 می\u200cخواهم")).toBe("👩\u200d💻 می\u200cخواهم");
  });

  it("validate reports every control on a line, each at its own column, with what kind it is", () => {
    const line = "A \u0007 b \u001b c &#x202e; d \u200b e";
    const found = parseFile("bank.md", `# T\n\n${line}\n`).diagnostics.filter((d) => d.rule === "control-character");
    expect(found.map((d) => [d.line, d.column])).toEqual([
      [3, line.indexOf("\u0007") + 1],
      [3, line.indexOf("\u001b") + 1],
      [3, line.indexOf("&#x202e;") + 1],
      [3, line.indexOf("\u200b") + 1],
    ]);
    expect(found.map((d) => d.message.split(" (")[0])).toEqual([
      "control character \\x07 in the text",
      "control character \\x1b in the text",
      "bidirectional control \\u202e, written as an HTML numeric entity, in the text",
      "zero-width character \\u200b in the text",
    ]);
  });

  it("an entity written as literal text (&amp;#x1b;) is shown as that text in messages, not as a control", () => {
    const parsed = parseFile("bank.md", "# T\n\n## Which RED &amp;#x1b;[31m thing?\n\n- [x] a\n- [ ] b\n");
    const message = parsed.diagnostics.find((d) => d.rule === "missing-explanation")!.message;
    expect(message).toContain('"Which RED &#x1b;[31m thing?"');
    expect(excerpt("A \u001b[2J and &#x1b; here")).toBe("A \\x1b[2J and &#x1b; here");
  });

  it("validate reports a file whose name holds a control or a line break", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-names-"));
    writeFileSync(join(dir, "ok.md"), "# T\n");
    writeFileSync(join(dir, "bad\u001b[2J.md"), "# T\n");
    writeFileSync(join(dir, "two\nlines.md"), "# T\n");
    const { diagnostics } = discoverFiles([dir], dir);
    expect(diagnostics.map((d) => [d.file, d.rule, d.message.split(" (")[0]])).toEqual([
      ["bad\u001b[2J.md", "control-character", "the file's name holds control character \\x1b"],
      ["two\nlines.md", "control-character", "the file's name holds a tab or line break"],
    ]);
  });

  it("a file name or a setting is one line: line breaks, tabs and controls shown escaped", () => {
    expect(escapeName("nl\n::error file=x::y\r\tz\u001b[2J\u202e.md")).toBe("nl\\x0a::error file=x::y\\x0d\\x09z\\x1b[2J\\u202e.md");
    expect(escapeName("plain/name with spaces.md")).toBe("plain/name with spaces.md");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(escapeName(s)).not.toMatch(RAW_CONTROL);
        expect(escapeName(s)).not.toMatch(/[\n\r\t]/);
      }),
    );
  });

  it("the quiz renderer never outputs a raw control, whatever entities marked decodes", () => {
    for (const a of ATTACKS) {
      for (const md of [`stem ${a} end`, `**${a}**`, `[t ${a}](https://x.example/${a})`, `\`${a}\``, `- ${a}`, `> ${a}`, `| a |\n|---|\n| ${a} |`]) {
        expect(renderInline(md), md).not.toMatch(RAW_CONTROL);
        expect(renderMarkdown(md, 80), md).not.toMatch(RAW_CONTROL);
      }
    }
  });

  it("the reader takes no control into the model: titles, stems, options, feedback, explanations, links, front matter", () => {
    const md = [
      "---",
      'topic: "fm \\e]0;X\\a"',
      "---",
      "# Head &#27;]0;X&#7;",
      "",
      "## Stem \u001b]0;X\u0007 [ref &#x9d;](https://docs.aws.amazon.com/&#27;]0;X&#7;)?",
      "",
      "- [x] opt &#27;]52;c;SElKQUNL&#7;",
      "  > fb &#155;6n",
      "- [ ] other",
      "",
      "> why &#127;",
    ].join("\n");
    const parsed = parseFile("bank-\u001b]0;X\u0007.md", md);
    // Every string of the model but the file's own path (which names the file on disk, and is shown through the gate).
    const strings: string[] = [];
    const walk = (v: unknown, key = ""): void => {
      if (typeof v === "string") {
        if (key !== "file") strings.push(v);
      } else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk({ ...parsed, diagnostics: [] });
    expect(strings).toContain("Head \\x1b]0;X\\x07");
    for (const s of strings) expect(s).not.toMatch(RAW_CONTROL);
    expect(parsed.frontMatter.topic).toBe("fm \\x1b]0;X\\x07");
    const rules = parsed.diagnostics.filter((d) => d.rule === "control-character").map((d) => d.line);
    expect(rules).toEqual(expect.arrayContaining([1, 4, 6, 8, 9, 12]));
  });

  it("JSON output escapes every control, C1 and DEL included, and parses back to the same value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const text = safeJson({ s }, 2);
        expect(text).not.toMatch(RAW_CONTROL);
        expect(JSON.parse(text)).toEqual({ s });
      }),
    );
    expect(safeJson(["\u0080\u009b\u007f"])).toBe('["\\u0080\\u009b\\u007f"]');
    expect(safeJson(["\u202e\u200b"])).toBe('["\\u202e\\u200b"]');
  });
});

describe("the terminal output gate", () => {
  it("lets our own styling and cursor sequences through unchanged", () => {
    chalk.level = 3;
    const styled = `${chalk.bold.cyan("❯ 1.")} ${chalk.dim.italic("hint")} ${chalk.inverse(" header ")} ${chalk.rgb(10, 20, 30)("x")}`;
    expect(safeForTerminal(styled)).toBe(styled);
    // What inquirer's screen manager and readline write: erase lines, cursor up/down/to, hide/show.
    const cursor = "\u001b[2K\u001b[1A\u001b[2K\u001b[G\u001b[3B\u001b[12G\u001b[5;1H\u001b[?25l\u001b[?25h\u001b[0J\u001b[K";
    expect(safeForTerminal(cursor)).toBe(cursor);
    expect(safeForTerminal(CLEAR_SCREEN)).toBe(CLEAR_SCREEN);
    expect(safeForTerminal("tab\tand\nnewline\r\n")).toBe("tab\tand\nnewline\r\n");
  });

  it("shows every other control as visible text: OSC, DCS, queries, mode switches, C1, BEL, DEL, a lone ESC", () => {
    const cases: [string, string][] = [
      ["\u001b]0;PWNED\u0007", "\\x1b]0;PWNED\\x07"],
      ["\u001b]52;c;SElKQUNL\u001b\\", "\\x1b]52;c;SElKQUNL\\x1b\\"],
      ["\u001bP1$q\u001b\\", "\\x1bP1$q\\x1b\\"],
      ["\u001b[6n", "\\x1b[6n"],
      ["\u001b[?1049h", "\\x1b[?1049h"],
      ["\u001b[>c", "\\x1b[>c"],
      ["\u009b31m\u009d0;x", "\\x9b31m\\x9d0;x"],
      ["\u007f\u0008", "\\x7f\\x08"],
      ["end\u001b", "end\\x1b"],
    ];
    for (const [input, out] of cases) expect(safeForTerminal(input)).toBe(out);
  });

  it("no byte string gets a control through except as one of our own sequences", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = safeForTerminal(s);
        // eslint-disable-next-line no-control-regex
        const rest = out.replace(/\u001b\[(?:[0-9;]{0,32}[mABCDGHJK]|\?25[hl])/g, "");
        expect(rest).not.toMatch(RAW_CONTROL);
      }),
    );
  });

  it("a gated stream neutralises strings and buffers written to it, whoever writes", () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString("utf8"));
        cb();
      },
    });
    gateStream(sink as unknown as NodeJS.WriteStream);
    gateStream(sink as unknown as NodeJS.WriteStream);
    sink.write("a\u001b]0;x\u0007 \u001b[1mb\u001b[22m");
    sink.write(Buffer.from("\u009b6n"));
    expect(chunks).toEqual(["a\\x1b]0;x\\x07 \u001b[1mb\u001b[22m", "\\x9b6n"]);
  });
});
