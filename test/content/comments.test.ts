import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/content/parse-file.js";
import { createBankCache } from "../../src/store/bank-cache.js";
import { bankOf as readBank, md, rules } from "../helpers/parse.js";

// missing-reference has tests of its own; these examples are about other things and cite no pages.
function bankOf(...files: Parameters<typeof readBank>): ReturnType<typeof readBank> {
  const bank = readBank(...files);
  bank.diagnostics = bank.diagnostics.filter((d) => d.rule !== "missing-reference");
  return bank;
}

const mc = (id: string, extra = "") => `### Question ${id}?\n<!-- id: ${id} -->\n${extra}\n- [x] a\n- [ ] b\n\n> e\n\n`;

describe("siblings comments", () => {
  it("declares siblings on either side and makes the relation symmetric", () => {
    const bank = bankOf(
      ["a.md", mc("mfa-plan", "<!-- siblings: mfa-card -->\n")],
      ["b.md", md`
        - sample:
          - Which plan does email MFA need? <!-- id: mfa-card -->
            - Essentials or Plus
      `],
    );
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    expect(byId.get("mfa-plan")?.siblings).toEqual(["mfa-card"]);
    expect(byId.get("mfa-card")?.siblings).toEqual(["mfa-plan"]);
    expect(rules(bank)).toEqual([]);
  });

  it("takes several ids, comma or space separated, on the heading line too", () => {
    const bank = bankOf(["a.md", "### One? <!-- id: one-q --> <!-- siblings: two-q, three-q -->\n\n- [x] a\n- [ ] b\n\n> e\n\n" + mc("two-q") + mc("three-q")]);
    expect(bank.questions.map((q) => [q.id, q.siblings])).toEqual([
      ["one-q", ["two-q", "three-q"]],
      ["two-q", ["one-q"]],
      ["three-q", ["one-q"]],
    ]);
    expect(bank.questions[0]?.title).toBe("One?");
    expect(bank.questions[0]?.stem).toBe("One?");
  });

  it("reports a sibling id that no question has, and one naming itself", () => {
    const bank = bankOf(["a.md", mc("lonely-q", "<!-- siblings: nobody-here lonely-q -->\n")]);
    expect(bank.diagnostics.map((d) => [d.rule, d.severity, d.line])).toEqual([
      ["unknown-sibling", "warning", 3],
      ["unknown-sibling", "warning", 3],
    ]);
    expect(bank.diagnostics[0]?.message).toContain("nobody-here");
    expect(bank.questions[0]?.siblings).toBeUndefined();
  });

  it("keeps a siblings comment out of the stem and the derived id", () => {
    const plain = bankOf(["a.md", "### Same stem?\n\n- [x] a\n- [ ] b\n\n> e\n"]);
    const commented = bankOf(["a.md", "### Same stem?\n<!-- siblings: q-0000000000 -->\n\n- [x] a\n- [ ] b\n\n> e\n"]);
    expect(commented.questions[0]?.id).toBe(plain.questions[0]?.id);
    expect(commented.questions[0]?.stem).toBe("Same stem?");
  });
});

describe("domains", () => {
  it("reads the file's tasks from front matter and a question's own from its comment", () => {
    const bank = bankOf(["a.md", "---\ndomains: [dva-c02:2.1, SAA-C03:1.2]\n---\n# T\n\n" + mc("from-file") + mc("own-task", "<!-- domains: scs-c02:4.1 -->\n")]);
    expect(bank.questions.map((q) => q.domains)).toEqual([["dva-c02:2.1", "saa-c03:1.2"], ["scs-c02:4.1"]]);
    expect(rules(bank)).toEqual([]);
  });

  it("reports tasks not written as guide:task", () => {
    const bank = bankOf(["a.md", "---\ndomains: [dva-c02 2.1]\n---\n# T\n\n" + mc("bad-task", "<!-- domains: DVA-C02, dva-c02:2.1 -->\n")]);
    expect(bank.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ["front-matter", 2],
      ["bad-domain", 8],
    ]);
    expect(bank.questions[0]?.domains).toEqual(["dva-c02:2.1"]);
    const wrongType = bankOf(["a.md", "---\ndomains: {a: 1}\n---\n# T\n"]);
    expect(wrongType.diagnostics[0]?.message).toContain("list of guide:task");
  });
});

describe("cogquiz-disable comments", () => {
  it("silences a warning for that question only", () => {
    const noWhy = (id: string, extra = "") => `### Question ${id}?\n<!-- id: ${id} -->\n${extra}\n- [x] a\n- [ ] b\n\n`;
    const bank = bankOf(["a.md", noWhy("quiet-q", "<!-- cogquiz-disable missing-explanation -->\n") + noWhy("loud-q")]);
    expect(bank.diagnostics.map((d) => [d.rule, d.line])).toEqual([["missing-explanation", 8]]);
  });

  it("silences the warnings checked once every file is read: a repeated stem, an unknown sibling", () => {
    const same = (id: string, extra = "") => `### Which is right?\n<!-- id: ${id} -->\n${extra}\n- [x] ${id} a\n- [ ] b\n\n> e\n\n`;
    const quiet = bankOf(["a.md", same("first-q") + same("second-q", "<!-- cogquiz-disable duplicate-stem -->\n")]);
    expect(rules(quiet)).toEqual([]);
    const loud = bankOf(["a.md", same("first-q") + same("second-q")]);
    expect(rules(loud)).toEqual(["duplicate-stem"]);
    // Declared siblings asking in the same words are meant together, on either side of the declaration.
    expect(rules(bankOf(["a.md", same("first-q") + same("second-q", "<!-- siblings: first-q -->\n")]))).toEqual([]);
    expect(rules(bankOf(["a.md", same("first-q", "<!-- siblings: second-q -->\n") + same("second-q")]))).toEqual([]);
    // other-q is declared with first-q but not with second-q: second-q repeats first-q, other-q repeats second-q.
    expect(rules(bankOf(["a.md", same("first-q", "<!-- siblings: other-q -->\n") + same("second-q") + same("other-q")]))).toEqual(["duplicate-stem", "duplicate-stem"]);
    // Two declared with a third but not with each other: the later one still repeats the other, and is told which.
    const triple = bankOf(["a.md", same("mc-a") + same("mc-b", "<!-- siblings: mc-a -->\n") + same("mc-c", "<!-- siblings: mc-a -->\n")]);
    expect(triple.diagnostics.map((d) => [d.rule, d.line])).toEqual([["duplicate-stem", 18]]);
    expect(triple.diagnostics[0]!.message).toBe("the same question is asked at a.md:9");
    const sibling = bankOf(["a.md", mc("lonely-q", "<!-- siblings: nobody-here -->\n<!-- cogquiz-disable unknown-sibling -->\n")]);
    expect(rules(sibling)).toEqual([]);
  });

  it("says where a question comment after the options applies to nothing, each at its own line", () => {
    const text =
      "### Which is right?\n<!-- id: first-q -->\n\n- [x] alpha one\n- [ ] beta two\n\n> Because.\n\n" +
      "<!-- cogquiz-disable missing-reference -->\n<!-- siblings: other-q -->\n\n<!-- a note to myself -->\n\n" +
      "### Which is left?\n<!-- domains: dva-c02:2.1 -->\n\n- [x] gamma\n- [ ] delta\n\n> Also.\n";
    const bank = bankOf(["a.md", text]);
    const misplaced = bank.diagnostics.filter((d) => d.rule === "misplaced-comment");
    expect(misplaced.map((d) => [d.line, d.column])).toEqual([
      [9, 1],
      [10, 1],
    ]);
    expect(misplaced[0]!.message).toBe(
      'this cogquiz-disable comment follows the options of "Which is right?" and applies to nothing; write it under the question\'s heading, before the options',
    );
    expect(misplaced[1]!.message).toContain("this siblings comment follows");
    // The question silences it as any other warning of its own, under its heading.
    const quiet = bankOf(["a.md", text.replace("<!-- id: first-q -->\n", "<!-- id: first-q -->\n<!-- cogquiz-disable misplaced-comment -->\n")]);
    expect(quiet.diagnostics.filter((d) => d.rule === "misplaced-comment" || d.rule === "unknown-rule")).toEqual([]);
    // The comments under the second question's heading are its own: nothing to say of them.
    expect(bank.questions[1]!.domains).toEqual(["dva-c02:2.1"]);
  });

  it("says that a comment naming no rule silences nothing", () => {
    const bank = bankOf(["a.md", "### Why?\n<!-- id: bare-q -->\n<!-- cogquiz-disable -->\n\n- [x] a\n- [ ] b\n\n"]);
    expect(bank.diagnostics.map((d) => [d.rule, d.line])).toEqual([["missing-explanation", 1], ["unknown-rule", 3]]);
    expect(bank.diagnostics[1]?.message).toContain("names no rule");
  });

  it("cannot silence an error, and says so", () => {
    const bank = bankOf(["a.md", "### Broken?\n<!-- cogquiz-disable no-correct-option, no-such-rule -->\n\n- [ ] a\n- [ ] b\n\n> e\n"]);
    expect(rules(bank).sort()).toEqual(["no-correct-option", "unknown-rule", "unknown-rule"]);
    expect(bank.questions[0]?.hasErrors).toBe(true);
  });

  it("takes names every object has (constructor, toString, __proto__) for names of no rule", () => {
    const bank = bankOf(["a.md", mc("proto-names", "<!-- cogquiz-disable constructor toString __proto__ -->\n")]);
    expect(bank.diagnostics.map((d) => d.message)).toEqual(
      ["constructor", "toString", "__proto__"].map((name) => `cogquiz-disable names "${name}", which is not a rule; see the rule list in docs/question-format.md`),
    );
  });
});

describe("warnings about comments name the comment's place", () => {
  const places = (markdown: string) =>
    bankOf(["a.md", markdown])
      .diagnostics.filter((d) => d.rule !== "missing-explanation")
      .map((d) => [d.rule, d.line, d.column]);
  const options = "\n- [x] red\n- [ ] green\n\n> e\n";

  it("on the lines after a heading", () => {
    expect(places("# Topic\n\n## Which one is right here?\n<!-- id: sib-a -->\n<!-- siblings: sib-zz -->\n<!-- domains: DVA-C02 2.1 -->\n" + options)).toEqual([
      ["bad-domain", 6, 1],
      ["bad-domain", 6, 1],
      ["unknown-sibling", 5, 1],
    ]);
    expect(places("### Broken?\n<!-- id: ok-id -->\n\n<!-- cogquiz-disable no-such-rule -->\n" + options)).toEqual([["unknown-rule", 4, 1]]);
    expect(places("### Bad id?\n<!-- id: Not_Valid -->\n" + options)).toEqual([["bad-id", 2, 1]]);
    // A comment over several lines is named by its first.
    expect(places("### Long?\n<!-- id: long-q -->\n<!-- siblings:\n  nobody-x,\n  nobody-y -->\n" + options)).toEqual([
      ["unknown-sibling", 3, 1],
      ["unknown-sibling", 3, 1],
    ]);
  });

  it("on the heading line, at the comment's column", () => {
    expect(places("### One? <!-- id: one-q --> <!-- siblings: nobody-z -->\n" + options)).toEqual([["unknown-sibling", 1, 29]]);
    expect(places("### One? <!-- id: Bad_Id -->\n" + options)).toEqual([["bad-id", 1, 10]]);
  });

  it("in an HTML block of the stem", () => {
    expect(places("### In details?\n<!-- id: in-details -->\n<div>\nsome words\n<!-- domains: nope -->\n</div>\n" + options)).toEqual([["bad-domain", 5, 1]]);
  });

  it("in questions with lettered options", () => {
    expect(places("### Which one?\n<!-- siblings: nobody-l -->\n\n- A. one\n- B. two\n\nCorrect answer: A\n")).toEqual([["unknown-sibling", 2, 1]]);
    expect(places("1. Which one? <!-- siblings: nobody-m -->\n   - A. one\n   - B. two\n\n   Correct answer: A\n")).toEqual([["unknown-sibling", 1, 15]]);
  });

  it("in recall cards, on the question bullet or under it, and in Q: paragraphs", () => {
    const ref = "See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/x.html).";
    expect(places(`- sample:\n  - What? <!-- siblings: nobody-c -->\n    - An answer. ${ref}\n`)).toEqual([["unknown-sibling", 2, 11]]);
    expect(places(`- sample:\n  - What is it?\n    <!-- id: card-q --> <!-- cogquiz-disable nope -->\n    - An answer. ${ref}\n`)).toEqual([["unknown-rule", 3, 25]]);
    expect(places(`- sample:\n  - What is it? <!-- id: Card_Q -->\n    - An answer. ${ref}\n`)).toEqual([["bad-id", 2, 17]]);
    expect(places(`# T\n\nQ: What? <!-- domains: nope -->\nA: An answer. ${ref}\n`)).toEqual([["bad-domain", 3, 10]]);
  });
});

describe("parse cache", () => {
  it("keeps siblings, domains, silenced rules and hints, and where siblings and a bad id are written", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-comments-"));
    const file = join(dir, "a.md");
    writeFileSync(
      file,
      "---\ndomains: [dva-c02:2.1]\n---\n# T\n\n" +
        mc("one-q", "<!-- siblings: two-q -->\n<!-- cogquiz-disable missing-explanation -->\n") +
        mc("two-q", "<!-- domains: saa-c03:1.2 -->\n") +
        mc("Not_An_Id") +
        "- sample: `token_use`\n- What does this claim say in an access token? <!-- id: claim-card -->\n- `access`\n",
    );
    const cache = createBankCache("test", { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "cogquiz-cc-")) })!;
    const parsed = parseFile(file, readFileSync(file, "utf8"));
    cache.put(file, statSync(file), parsed);
    expect(JSON.parse(JSON.stringify(cache.get(file, statSync(file))))).toEqual(JSON.parse(JSON.stringify(parsed)));
    expect(parsed.drafts.map((d) => [d.siblingsAt, d.idAt])).toEqual([
      [[{ line: 8, column: 1 }], undefined],
      [undefined, undefined],
      [undefined, { line: 26, column: 1 }],
      [undefined, undefined],
    ]);
  });
});
