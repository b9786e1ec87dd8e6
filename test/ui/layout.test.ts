import { describe, expect, it } from "vitest";
import { chalk } from "../../src/ui/colour.js";
import { cut, cutPath, displayWidth, joinHints, wrapCode, wrapParagraph, wrapText } from "../../src/ui/layout.js";
import { renderMarkdown } from "../../src/ui/terminal-markdown.js";

describe("layout in display cells", () => {
  it("counts wide characters as two cells, combining marks as none, styles as nothing", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("日本語")).toBe(6);
    expect(displayWidth("🚀")).toBe(2);
    expect(displayWidth("cafe\u0301")).toBe(4);
    expect(displayWidth("\u001b[1mbold\u001b[22m")).toBe(4);
  });

  it("wraps prose at word boundaries with a hanging indent", () => {
    const lines = wrapParagraph("one two three four five six seven eight nine ten", 20, "• ", "  ");
    expect(lines).toEqual(["• one two three four", "  five six seven", "  eight nine ten"]);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  });

  it("keeps a percent sign on the line of its number", () => {
    const text = "Readiness on exam day (2026-12-27): mean predicted recall 0 % over 150 cards.";
    const lines = wrapParagraph(text, 60);
    expect(lines).toEqual(["Readiness on exam day (2026-12-27): mean predicted recall", "0 % over 150 cards."]);
    expect(wrapParagraph("a share of 64 %, or 12 %.", 14)).toEqual(["a share of", "64 %, or 12 %."]);
  });

  it("breaks text without spaces (CJK, a long ARN) by cells, never past the width", () => {
    const jp = "日本語のテキストは全角文字で書かれていて一文字が二つのセルを使います";
    for (const l of wrapText(jp, 21).split("\n")) expect(displayWidth(l)).toBeLessThanOrEqual(21);
    expect(wrapText(jp, 21).replace(/\n/g, "")).toBe(jp);
    const arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGh";
    expect(wrapText(`see ${arn} here`, 30).split("\n").every((l) => l.length <= 30)).toBe(true);
  });

  it("marks each continuation of a long code line", () => {
    const code = '{ "Action": ["cognito-identity:GetCredentialsForIdentity", "cognito-identity:GetId"] }';
    const lines = wrapCode(code, 40, "│ ");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]!.startsWith("│ {")).toBe(true);
    for (const l of lines.slice(1)) expect(l.startsWith("│ ↪ ")).toBe(true);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(lines.map((l, i) => l.slice(i === 0 ? 2 : 4)).join("")).toBe(code);
  });

  it("cuts a header with an ellipsis at a word boundary", () => {
    const path = "Amazon Cognito › User pools › Tokens and their lifetimes";
    const out = cut(path, 40);
    expect(out.endsWith("…")).toBe(true);
    expect(displayWidth(out)).toBeLessThanOrEqual(40);
    expect(out).toBe("Amazon Cognito › User pools › Tokens…");
    expect(cut("short", 40)).toBe("short");
  });

  it("cuts a topic path from its middle, keeping the topic it names: two topics under one parent stay apart", () => {
    const parent = ["Fine-grained access", "DynamoDB row-level security"];
    expect(cutPath(parent, 60)).toBe("Fine-grained access › DynamoDB row-level security");
    expect(cutPath([...parent, "Queries vs scans"], 60)).toBe("Fine-grained access › … › Queries vs scans");
    expect(cutPath([...parent, "Attribute-level limits"], 40)).toBe("… › Attribute-level limits");
    const long = cutPath(["Cognito overview", "Identity pools: tokens in, AWS credentials out"], 30);
    expect(long.startsWith("… › Identity pools")).toBe(true);
    expect(displayWidth(long)).toBeLessThanOrEqual(30);
    expect(cutPath(["One topic whose title is far too long to fit"], 20)).toBe(cut("One topic whose title is far too long to fit", 20));
  });

  it("keeps a style across the lines it is wrapped onto, and closes it at each line's end", () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const lines = wrapText(chalk.bold("alpha beta gamma delta epsilon"), 12).split("\n");
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) {
        expect(l.startsWith("\u001b[1m")).toBe(true);
        expect(displayWidth(l)).toBeLessThanOrEqual(12);
      }
    } finally {
      chalk.level = level;
    }
  });

  it("lays a tab between words out as a space, so no line takes more cells on screen than it was given", () => {
    // What a terminal does with a tab: on to the next multiple of 8 columns.
    const onScreen = (line: string): number => {
      let col = 0;
      for (const ch of line) col = ch === "\t" ? (Math.floor(col / 8) + 1) * 8 : col + displayWidth(ch);
      return col;
    };
    const pasted = "Which\tidentity\tpool\tflow\tcalls\tGetId\tand\tthen\tGetCredentialsForIdentity\tonly?";
    const lines = wrapText(pasted, 30).split("\n");
    expect(lines.join(" ")).toBe(pasted.replace(/\t/g, " "));
    for (const l of lines) expect(onScreen(l)).toBeLessThanOrEqual(30);
    const stem = renderMarkdown(`Col\tA\tcol\tB\tcol\tC\n\n- first\titem\twith\ttabs\tin\tit\tthat\twraps`, 24).split("\n");
    for (const l of stem) expect(onScreen(l)).toBeLessThanOrEqual(24);
    const header = cut("Notes\t›\tTabs\tin\ta\theading\tthat\tgoes\ton", 20);
    expect(onScreen(header)).toBeLessThanOrEqual(20);
    expect(cut("a\tb", 20)).toBe("a b");
  });

  it("breaks key hints only between hints", () => {
    const out = joinHints(["enter next", "p previous", "f flag", "r review & submit"], 24, " · ");
    expect(out.split("\n")).toEqual(["enter next · p previous", "f flag", "r review & submit"]);
  });
});

describe("markdown laid out for a width", () => {
  it("hangs list items under their text, ordered ones too", () => {
    const md = "- a list item long enough to wrap onto a second line\n\n10. an ordered item long enough to wrap onto another line";
    const lines = renderMarkdown(md, 30).split("\n").filter((l) => l !== "");
    expect(lines[0]!.startsWith("• a list")).toBe(true);
    expect(lines[1]!.startsWith("  ")).toBe(true);
    expect(lines[1]![2]).not.toBe(" ");
    const ordered = lines.findIndex((l) => l.startsWith("10. "));
    expect(lines[ordered + 1]!.startsWith("    ")).toBe(true);
    expect(lines[ordered + 1]![4]).not.toBe(" ");
  });

  it("wraps code lines with a continuation mark and fits tables with many columns", () => {
    const md = "```\n" + "x".repeat(100) + "\n```\n\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |";
    const out = renderMarkdown(md, 30);
    for (const l of out.split("\n")) expect(displayWidth(l)).toBeLessThanOrEqual(30);
    expect(out).toContain("↪");
  });
});

describe("a word of prose wider than a line", () => {
  const url = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-integration.html";

  it("breaks a URL after a slash, and a long name after a dash, rather than mid-word", () => {
    expect(wrapText(`See ${url} for more.`, 60).split("\n")).toEqual([
      "See",
      "https://docs.aws.amazon.com/cognito/latest/developerguide/",
      "cognito-user-pools-app-integration.html for more.",
    ]);
    expect(wrapText("cognito-user-pools-app-integration-with-a-name-this-long", 30).split("\n")).toEqual(["cognito-user-pools-app-", "integration-with-a-name-this-", "long"]);
  });

  it("breaks at the width where no mark stands past a piece's first third, and keeps every character", () => {
    const word = "ab/cdefghijklmnopqrstuvwxyz0123456789";
    const lines = wrapText(word, 12).split("\n");
    expect(lines.every((l) => displayWidth(l) <= 12)).toBe(true);
    expect(lines[0]).toBe("ab/cdefghijk");
    expect(lines.join("")).toBe(word);
    // Styled, the pieces keep their style, and no cell is counted for the escapes.
    const styled = wrapText(chalk.bold(url), 60);
    expect(styled.split("\n").every((l) => displayWidth(l) <= 60)).toBe(true);
  });
});
