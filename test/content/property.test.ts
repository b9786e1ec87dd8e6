import fc from "fast-check";
import { mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { buildBank } from "../../src/content/bank.js";
import { lexMarkdown, parseFile, sectionStarts } from "../../src/content/parse-file.js";

// Building blocks of the markdown people really write, recombined at random (and sometimes mangled).
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9`*_?:.()[\]<>!#-]{1,12}$/),
  fc.constantFrom("it's", '"quoted"', "a@b.io", "https://x.io", "www.y.io", "&amp;", "\\*", "~~x~~", "5 > 3", "  "),
);
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
const indent = fc.integer({ min: 0, max: 6 }).map((n) => " ".repeat(n));
const line = fc.oneof(
  text.map((t) => `# ${t}`),
  text.map((t) => `### ${t} (Choose TWO)`),
  fc.tuple(indent, fc.constantFrom("[ ]", "[x]", "[X]", ""), text).map(([i, box, t]) => `${i}- ${box} ${t}`),
  fc.tuple(indent, fc.constantFrom("sample:", "Sample Q:", "SAMPLE question:", "**Sample:**", "Q:", "A:"), text).map(
    ([i, m, t]) => `${i}- ${m} ${t}`,
  ),
  text.map((t) => `> ${t}`),
  fc.constantFrom("```json", "```", "---", "", "<!-- id: some-id -->", "<!-- id: BAD -->", "| a | b |", "|---|---|", "+++"),
  // Lettered options and answer lines, in and out of place.
  fc.constantFrom("1. Which one?", "    - A. first", "    - B. second", "    - C. third", "  - (A) x", "  - B) y", "    Correct answer: B", "    Answer: A, D", "Correct Answer: AC", "    <details><summary>Answer</summary>Correct answer: A</details>"),
  text.map((t) => `Q: ${t}`),
  text.map((t) => `[link](./${t.replace(/\s/g, "")}.md) ![img](pic.png)`),
  fc.string({ maxLength: 20 }),
);
const frontMatter = fc.oneof(fc.constant(""), fc.constant("---\ntags: [a, b]\n---\n"), text.map((t) => `---\n${t}\n---\n`));
const doc = fc.tuple(frontMatter, fc.array(line, { maxLength: 60 }), fc.constantFrom("\n", "\r\n")).map(
  ([fm, lines, eol]) => (fm + lines.join("\n")).replace(/\n/g, eol),
);

describe("the reader on generated markdown", () => {
  it("never throws, and every diagnostic and question points at a real line of its file", () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (docs) => {
        const parsed = docs.map((d, i) => parseFile(`f${i}.md`, d));
        const bank = buildBank(parsed);
        const lineCount = new Map(docs.map((d, i) => [`f${i}.md`, d.split(/\r\n|\n/).length]));
        for (const d of bank.diagnostics) {
          expect(lineCount.has(d.file)).toBe(true);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lineCount.get(d.file)!);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
        const ids = new Set<string>();
        for (const q of bank.questions) {
          expect(q.source.line).toBeLessThanOrEqual(lineCount.get(q.source.file)!);
          expect(q.id).toMatch(/^[a-z0-9][a-z0-9-]{2,63}$|^q-[0-9a-f]{10}(-\d+)?$/);
          expect(ids.has(q.id)).toBe(false);
          ids.add(q.id);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("puts each question heading on the line where it is written", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), text), { minLength: 1, maxLength: 12 }), (blocks) => {
        let src = "";
        const expected: number[] = [];
        for (const [gap, t] of blocks) {
          src += "\n".repeat(gap);
          expected.push(src.split("\n").length);
          src += `## ${t.replace(/[#<>`*_[\]!\\]/g, "") || "stem"}?\n\n- [x] yes\n- [ ] no\n\n> because\n`;
        }
        const questions = parseFile("g.md", src).drafts.map((d) => d.question);
        expect(questions.map((q) => q.source.line)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the lexer shortcut", () => {
  it("gives exactly the tokens marked's own lexer gives", () => {
    fc.assert(
      fc.property(doc, (d) => {
        const src = d.replace(/\r\n/g, "\n");
        expect(JSON.parse(JSON.stringify(lexMarkdown(src)))).toEqual(JSON.parse(JSON.stringify(lexMarkdown(src, false))));
      }),
      { numRuns: 500 },
    );
  });

  // Option lists in every shape the task-list shortcut takes, and in the near misses it must leave to marked.
  const optionText = fc.oneof(text, fc.constantFrom("", " x", "x ", "x\t", "a\tb", "\u00a0x", "x\u00a0", "\u3000x", "x\u2003", "`code` and **bold**", "[link](./a.md)", "- nested", "> quote"));
  const optionLine = fc
    .tuple(fc.constantFrom("", "", "", " ", "  "), fc.constantFrom("-", "-", "*", "+", "1."), fc.constantFrom(" ", " ", "  ", "\t"))
    .chain(([lead, bullet, gap]) =>
      fc.tuple(fc.constantFrom("[ ]", "[x]", "[X]", "[x]", "[]", "[y]", ""), fc.constantFrom(" ", " ", "  ", "\t", ""), optionText).map(
        ([box, after, t]) => `${lead}${bullet}${gap}${box}${after}${t}`,
      ),
    );
  const afterOption = fc.constantFrom("", "", "", "  ", "  > feedback", "> explanation", "lazy line", "    code", "## Next", "---", "```", "<!-- id: x -->");
  const optionDoc = fc
    .tuple(
      fc.constantFrom("", "## Stem?\n\n", "## Stem?\n", "Intro text\n", "> "),
      fc.array(fc.oneof(optionLine, optionLine, optionLine, afterOption), { minLength: 1, maxLength: 14 }),
      fc.constantFrom("", "\n", "\n\n", "\n\n> because\n"),
    )
    .map(([head, lines, tail]) => head + lines.join("\n") + tail);

  it("gives exactly marked's tokens for option lists, tight or loose, plain or odd", () => {
    fc.assert(
      fc.property(fc.array(optionDoc, { minLength: 1, maxLength: 4 }), (docs) => {
        const src = docs.join("\n");
        expect(JSON.parse(JSON.stringify(lexMarkdown(src)))).toEqual(JSON.parse(JSON.stringify(lexMarkdown(src, false))));
      }),
      { numRuns: 1500 },
    );
  });

  // Explanations in every shape the one-line quote shortcut takes, and the near misses it must leave to marked:
  // a second quoted line, lazy continuation, setext underlines, other markers and what may follow the marker.
  const quoteLine = fc
    .tuple(fc.constantFrom("> ", "> ", ">", ">  ", "> \t", " > ", ">\t"), fc.oneof(text, optionText, fc.constantFrom("# h", "1. x", "- x", "<b>x</b>", "| a |", "[x]: /u", "***", "```")))
    .map(([marker, t]) => `${marker}${t}`);
  const afterQuote = fc.constantFrom("", "", "> more", ">", "lazy line", "===", "---", "    code", "- item", "## Next", "```", "<!-- x -->", "| a | b |");
  const quoteDoc = fc
    .tuple(fc.array(fc.oneof(quoteLine, quoteLine, afterQuote), { minLength: 1, maxLength: 6 }), fc.constantFrom("", "\n", "\n\n"))
    .map(([lines, tail]) => lines.join("\n") + tail);

  it("gives exactly marked's tokens for quotes of one line or more", () => {
    fc.assert(
      fc.property(fc.array(quoteDoc, { minLength: 1, maxLength: 4 }), (docs) => {
        const src = docs.join("\n");
        expect(JSON.parse(JSON.stringify(lexMarkdown(src)))).toEqual(JSON.parse(JSON.stringify(lexMarkdown(src, false))));
      }),
      { numRuns: 1500 },
    );
  });

  // Inline text in the shapes the code-span-and-link shortcut takes, and the near misses it must leave to marked.
  const inlinePiece = fc.oneof(
    text,
    fc.constantFrom("`code`", "` spaced `", "`  `", "` x`", "``", "`a``b`", "``x``", "`a<b&c`", "`a\nb`", "`", "`unclosed", "a`b`c"),
    fc.constantFrom("[the docs](https://docs.aws.amazon.com/a.html)", "[a](b)", "[ a ](./x.md)", "[a](b \"t\")", "[a](<b c>)", "[a](b(c))", "[a]", "[a][b]", "[`x`](y)"),
    fc.constantFrom("[**a**](b)", "[a](b)c", "x[a](b)", "![i](p.png)", "[a](https://x.io/a_b)", "[a](mailto:a@b.io)", "[a](u?x=1&y=2)", "\\[a](b)", "[a]: /u"),
    fc.constantFrom("www.x.io", "https://x.io", "a@b.io", "  \n", "&amp;", "~x~", "_x_", "*x*", "<b>", "a]b", "(a)", "[a](b))"),
  );
  const inlineDoc = fc
    .tuple(
      fc.constantFrom("", "### ", "> ", "- [ ] ", "- [x] ", "Q: "),
      fc.array(fc.tuple(inlinePiece, fc.constantFrom("", " ", " ")), { minLength: 1, maxLength: 6 }),
      fc.constantFrom("", " ", ".", "?"),
    )
    .map(([lead, pieces, end]) => `${lead}${pieces.map(([piece, gap]) => piece + gap).join("")}${end}`);

  it("gives exactly marked's tokens for inline code spans and links", () => {
    fc.assert(
      fc.property(fc.array(inlineDoc, { minLength: 1, maxLength: 5 }), fc.constantFrom("\n", "\n\n"), (docs, sep) => {
        const src = docs.join(sep);
        expect(JSON.parse(JSON.stringify(lexMarkdown(src)))).toEqual(JSON.parse(JSON.stringify(lexMarkdown(src, false))));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same tokens on the bundled content", async () => {
    const { BUNDLED_CONTENT } = await import("../../src/content/load.js");
    for (const dir of ["notes", "questions"]) {
      for (const f of readdirSync(join(BUNDLED_CONTENT, dir))) {
        const src = readFileSync(join(BUNDLED_CONTENT, dir, f), "utf8");
        expect(JSON.parse(JSON.stringify(lexMarkdown(src))), f).toEqual(JSON.parse(JSON.stringify(lexMarkdown(src, false))));
      }
    }
  });
});

describe("reading a large file section by section", () => {
  // parseFile(…, 1) cuts the body before every heading it can; Infinity reads it whole. Lines that make a cut wrong
  // if it were made in the wrong place: fences (of either mark, longer or indented), comments over several lines,
  // HTML blocks, link definitions, indented code.
  const risky = fc.constantFrom(
    "```", "````", "~~~", "~~~~", "```js`x", "  ```", "    ```", "<!--", "<!-- one line -->", "-->", "a --> b", "<!-->",
    "<div>", "</div>", "<details>", "<pre>", "</pre>", "[ref]: https://docs.aws.amazon.com/x.html", "[ref]", "    code",
    "#", "#hashtag", "####### seven", "# ", "\t# tabbed", "  # indented heading",
  );
  const section = fc.tuple(
    fc.constantFrom("# ", "## ", "### ", "###### "),
    text,
    fc.array(fc.oneof({ weight: 6, arbitrary: line }, { weight: 1, arbitrary: risky }), { maxLength: 12 }),
  ).map(([mark, t, body]) => [`${mark}${t}`, ...body].join("\n"));
  const file = fc.tuple(frontMatter, fc.array(section, { minLength: 1, maxLength: 12 }), fc.constantFrom("\n\n", "\n\n\n", "\n\n", "\n")).map(
    ([fm, sections, gap]) => fm + sections.join(gap),
  );
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Uint32Array ? [...x] : x)));

  it("reads exactly what it reads of the whole file", () => {
    let cut = 0;
    fc.assert(
      fc.property(file, (src) => {
        if (sectionStarts(src, 1).length > 1) cut++;
        expect(plain(parseFile("f.md", src, 1))).toEqual(plain(parseFile("f.md", src, Number.POSITIVE_INFINITY)));
      }),
      { numRuns: 1500 },
    );
    // The property says something only if files were cut: about one in six is (most hold a line that stops cuts).
    expect(cut).toBeGreaterThan(150);
  });

  it("cuts before a heading after an empty line, and nowhere a block could still be open", () => {
    const at = (src: string) => sectionStarts(src, 1).map((i) => src.slice(i).split("\n")[0]);
    expect(at("# A\ntext\n\n## B\n- x\n\n### C\n")).toEqual(["# A", "## B", "### C"]);
    // No empty line before: a heading may end a paragraph, but the cut waits for a plainer place.
    expect(at("# A\ntext\n## B\n")).toEqual(["# A"]);
    // Inside fenced code, in a comment: not headings.
    expect(at("# A\n```\n\n# code\n```\n\n# B\n")).toEqual(["# A", "# B"]);
    expect(at("# A\n~~~\n\n# code\n```\n\n# still code\n~~~~\n\n# B\n")).toEqual(["# A", "# B"]);
    expect(at("# A\n<!--\n\n# hidden\n-->\n\n# B\n")).toEqual(["# A", "# B"]);
    // A backtick fence's info string has no backtick: this line is text, and the heading a heading.
    expect(at("# A\n```js`x\n\n# B\n")).toEqual(["# A", "# B"]);
    // HTML other than a comment, or a fence after indentation (perhaps in a list item): no cut from there on.
    expect(at("# A\n\n# B\n<div>\n\n# C\n\n# D\n")).toEqual(["# A", "# B"]);
    expect(at("# A\n- item\n  ```\n\n# C\n")).toEqual(["# A"]);
    // Link definitions serve the whole file: no cut at all.
    expect(at("# A\nsee [the guide][g]\n\n# B\n\n[g]: https://docs.aws.amazon.com/x.html\n")).toEqual(["# A"]);
    // Runs shorter than asked are not cut.
    expect(sectionStarts("# A\n\n# B\n", 100)).toEqual([0]);
  });

  it("reports a file too deeply nested to read once, as the whole file's reading does", () => {
    const deep = `${"*a ".repeat(70)}x${" a*".repeat(70)}`;
    const src = ["# A", "text", "", "# B", deep, "", "# C", "more", ""].join("\n");
    expect(sectionStarts(src, 1).length).toBe(3);
    const parts = plain(parseFile("f.md", src, 1));
    expect(parts).toEqual(plain(parseFile("f.md", src, Number.POSITIVE_INFINITY)));
    expect(parts.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["too-deeply-nested"]);
  });
});

describe("the parse cache", () => {
  const options = (n: number, keys: readonly number[]) =>
    Array.from({ length: n }, (_, k) => `- [${keys.includes(k) ? "x" : " "}] option number ${k + 1}`).join("\n");

  it("gives back exactly what the reader gives, for any number of options and keys anywhere", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-many-"));
    const cache = createBankCache("test", { XDG_CACHE_HOME: join(dir, "cache") })!;
    const question = fc
      .integer({ min: 2, max: 90 })
      .chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(n, 5) })));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(question, { minLength: 1, maxLength: 4 }), async (qs) => {
        const md = qs.map(([n, keys], i) => `## Question ${i} with ${n} options (Choose ${keys.length})\n\n${options(n, keys)}\n\n> why\n`).join("\n");
        const file = join(dir, `bank-${run++}.md`);
        writeFileSync(file, `# Many\n\n${md}`);
        const parsed = parseFile(file, `# Many\n\n${md}`);
        cache.put(file, statSync(file), parsed);
        const back = cache.get(file, statSync(file));
        expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(parsed)));
        const keysBack = back!.drafts.map((d) => (d.question.kind === "recall" ? [] : d.question.choices.flatMap((c, k) => (c.correct ? [k] : []))));
        expect(keysBack).toEqual(qs.map(([, keys]) => [...keys].sort((a, b) => a - b)));
      }),
      { numRuns: 60 },
    );
  });

  it("grades a 40-option question keyed at option 33 the same cached and uncached", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank } = await import("../../src/content/load.js");
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-forty-"));
    writeFileSync(join(dir, "bank.md"), `# Forty\n\n## Which is option 33?\n\n${options(40, [32])}\n\n> That one.\n`);
    const cache = createBankCache("test", { XDG_CACHE_HOME: join(dir, "cache") })!;
    const keyOf = async () => {
      const bank = await loadBank([dir], { cache });
      const q = bank.questions[0]!;
      return q.kind === "recall" ? [] : q.choices.filter((c) => c.correct).map((c) => c.text);
    };
    expect(await keyOf()).toEqual(["option number 33"]);
    expect(await keyOf()).toEqual(["option number 33"]); // from the cache
  });

  it("sees [x] moved to another option of the same length, same size, same inode, same modification time", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank } = await import("../../src/content/load.js");
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-edit-"));
    const file = join(dir, "bank.md");
    const bank = (key: number) => `# Edit\n\n## Which one?\n\n${options(4, [key])}\n\n> Because.\n`;
    writeFileSync(file, bank(0));
    // The second edit lands within the same time stamp, as two saves within a file system's resolution do.
    const stamp = new Date("2026-01-05T10:00:00Z");
    utimesSync(file, stamp, stamp);
    const before = statSync(file);
    const cache = createBankCache("test", { XDG_CACHE_HOME: join(dir, "cache") })!;
    const keyOf = async () => {
      const q = (await loadBank([dir], { cache })).questions[0]!;
      return q.kind === "recall" ? [] : q.choices.filter((c) => c.correct).map((c) => c.text);
    };
    expect(await keyOf()).toEqual(["option number 1"]);
    writeFileSync(file, bank(2));
    utimesSync(file, stamp, stamp);
    const after = statSync(file);
    expect([after.size, after.ino, after.mtimeMs]).toEqual([before.size, before.ino, before.mtimeMs]);
    expect(await keyOf()).toEqual(["option number 3"]);
  });
});

describe("the parse cache on a large set", () => {
  it("reads every file on a first run when the files it lacks pass one thread's worth of text", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank } = await import("../../src/content/load.js");
    const { MIN_BYTES_PER_THREAD } = await import("../../src/content/threads.js");
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-large-"));
    // Six files of 4 MB (a long fenced block each, quick to read): more text than one thread is given.
    const filler = ("filler words in a fenced block ".repeat(30) + "\n").repeat(4300);
    const files = 6;
    for (let f = 0; f < files; f++) writeFileSync(join(dir, `part-${f}.md`), `# Part ${f}\n\n### Which is ${f}?\n\n- [x] ${f}\n- [ ] no\n\n\`\`\`\n${filler}\`\`\`\n`);
    expect(files * filler.length).toBeGreaterThan(MIN_BYTES_PER_THREAD);
    const cache = createBankCache("test", { XDG_CACHE_HOME: join(dir, "cache") })!;
    const uncached = await loadBank([dir], { keep: "outline", lint: true });
    const first = await loadBank([dir], { keep: "outline", lint: true, cache });
    const second = await loadBank([dir], { keep: "outline", lint: true, cache });
    for (const bank of [uncached, first, second]) expect(bank.questions).toHaveLength(files);
    expect(first.diagnostics).toEqual(uncached.diagnostics);
    expect(second.diagnostics).toEqual(uncached.diagnostics);
  }, 60_000);
});
