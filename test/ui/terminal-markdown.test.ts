import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderInline, renderMarkdown, visibleLength } from "../../src/ui/terminal-markdown.js";

describe("the quiz screens' markdown renderer", () => {
  it("fits wide tables and long paragraphs to the terminal width", () => {
    const long = "word ".repeat(40).trim();
    const md = `| name | what it does |\n|---|---|\n| identity pool | ${long} |\n| user pool | ${long} |\n\n${long}`;
    const out = renderMarkdown(md, 60);
    for (const line of out.split("\n")) expect(visibleLength(line)).toBeLessThanOrEqual(60);
    expect(out.replace(/\s+/g, " ")).toContain("identity pool");
  });

  it("keeps code text whole, drops id comments and shows images as alt text and path", () => {
    const out = renderMarkdown('```json\n{ "Effect": "Allow" }\n```\n\nText <!-- id: x-1 --> ![diagram](pic/flow.png)', 80);
    expect(out).toContain('"Effect"');
    expect(out).not.toContain("<!--");
    expect(out).toContain("[image: diagram · pic/flow.png]");
  });

  it("never lets a control character through", () => {
    expect(renderInline("a \u001b]0;title\u0007 b")).toBe("a \\x1b]0;title\\x07 b");
  });

  it("renders plain text without the lexer exactly as the lexer would", () => {
    // Mostly words, with every character that could make text markdown mixed in now and then.
    const piece = fc.oneof(
      fc.stringMatching(/^[A-Za-z]{1,8}$/),
      fc.stringMatching(/^[A-Za-z]{1,8}$/),
      fc.constantFrom(" ", " ", "  ", "\t", "\u00a0", "\u2003", ".", ",", "?", ":", "(Choose TWO)", "1.", "- ", "# ", "|", "=", "\n", "\n\n", "  \n"),
      fc.constantFrom("*", "_", "`", "[", "]", "<", ">", "!", "&", "&amp;", "~", "\\", "@", "https://a.io", "www.b.io", "\u001b[31m"),
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 100 }), (t, width) => {
        expect(renderMarkdown(t, width)).toBe(renderMarkdown(t, width, false));
        expect(renderInline(t)).toBe(renderInline(t, false));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("reference links in notes", () => {
  it("show as links, and their definitions show nothing", () => {
    const out = renderMarkdown("Read [the guide][cog] first.\n\n[cog]: <https://docs.aws.amazon.com/cognito/>", 60);
    expect(out).toBe("Read the guide (https://docs.aws.amazon.com/cognito/) first.");
  });

  it("that jump within the page show their text alone, as a table of contents reads in a terminal", () => {
    const out = renderMarkdown("- [Which company needs a highly available storefront?](#which-company-needs-a-highly-available-storefront)\n- [Back to top](#table-of-contents) or [the guide](https://docs.aws.amazon.com/cognito/)", 60);
    expect(out).toBe("• Which company needs a highly available storefront?\n• Back to top or the guide\n  (https://docs.aws.amazon.com/cognito/)");
  });
});

describe("a <details> block in notes", () => {
  it("shows its summary as a line and what it holds as markdown, without the tags", () => {
    const tight = renderMarkdown("<details><summary>Practice</summary>\n- sample:\n  - Which pool?\n    - An identity pool\n</details>", 60);
    expect(tight).toBe("▸ Practice\n\n• sample:\n  • Which pool?\n    • An identity pool");
    const loose = renderMarkdown("<details>\n<summary>Practice</summary>\n\n- An identity pool\n\n</details>", 60);
    expect(loose).toBe("▸ Practice\n\n• An identity pool");
  });

  it("shows a summary left unclosed, or a closing tag on its own, as the notes around it", () => {
    expect(renderMarkdown("<details>\n<summary>Answer\n\n- a note\n", 60)).toBe("Answer\n\n• a note");
    expect(renderMarkdown("Notes.\n\n</summary>\n\nMore notes.\n", 60)).toBe("Notes.\n\nMore notes.");
    expect(renderMarkdown("<details\n\nMore notes.\n", 60)).toBe("<details\n\nMore notes.");
  });

  it("reads a block of unclosed tags in one pass", () => {
    // Looking for a closing tag from every opening one took a minute for these, past the suite's time limit.
    expect(renderMarkdown(`<details>\n${"<summary".repeat(50_000)}\n`, 60)).toContain("<summary<summary");
  });
});

describe("character references on the quiz screens", () => {
  const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

  it("shows what HTML names, as the exported Anki card does, and a name HTML does not define as typed", () => {
    expect(plain(renderInline("x &gt; 5 &mdash; &ldquo;and&rdquo; &copy; &#8594; Bitwise&nbsp;OR"))).toBe("x > 5 — “and” © → Bitwise\u00a0OR");
    expect(plain(renderInline("&bogus; and &notit;"))).toBe("&bogus; and &notit;");
    expect(plain(renderMarkdown("Because &lt;AND&gt; is &ldquo;and&rdquo;.", 60))).toBe("Because <AND> is “and”.");
  });

  it("decodes a reference once: an escaped one is shown as the text it stands for", () => {
    expect(plain(renderInline("write &amp;copy; or &#38;copy; for ©"))).toBe("write &copy; or &copy; for ©");
  });

  it("keeps code literal, as CommonMark and GitHub do", () => {
    expect(plain(renderInline("in code `a &amp;&amp; b &copy;` stays"))).toBe("in code a &amp;&amp; b &copy; stays");
  });

  it("shows an invisible or control character a reference names escaped, never sent raw", () => {
    const shown = plain(renderInline("left&lrm;right &ZeroWidthSpace;here"));
    expect(shown).not.toMatch(/[\u200b\u200e]/);
    expect(shown).toBe("left\\u200eright \\u200bhere");
  });
});

describe("markdown nested deeper than the lexer can recurse", () => {
  // A line of thousands of `>` is thousands of quotes, one in another: marked's lexer runs out of stack on it.
  const deep = `Which one?\n\n${">".repeat(30_000)} quoted`;

  it("is shown as written instead of ending the session", () => {
    const shown = renderMarkdown(deep, 60);
    expect(shown).toContain("Which one?");
    expect(shown).toContain("quoted");
    expect(renderInline(`${"[".repeat(30_000)}x`)).toContain("x");
  });
});
