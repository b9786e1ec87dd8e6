import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { RULE_IDS } from "../../src/content/rules.js";
import { derivedId } from "../../src/content/ids.js";
import { parseFile } from "../../src/content/parse-file.js";
import { bankOf as readBank, choiceQuestions, md, rules } from "../helpers/parse.js";

// missing-reference has tests of its own; these examples are about other things and cite no pages.
function bankOf(...files: Parameters<typeof readBank>): ReturnType<typeof readBank> {
  const bank = readBank(...files);
  bank.diagnostics = bank.diagnostics.filter((d) => d.rule !== "missing-reference");
  return bank;
}

const q = (stem: string, options: string, explanation = "> because\n") => `### ${stem}\n\n${options}\n\n${explanation}`;

describe("validation rules", () => {
  const cases: [rule: string, markdown: string, line: number][] = [
    ["no-correct-option", q("Pick one?", "- [ ] a\n- [ ] b"), 3],
    ["all-options-correct", q("Pick one?", "- [x] a\n- [x] b"), 3],
    ["choose-count-mismatch", q("Pick these (Choose THREE)", "- [x] a\n- [x] b\n- [ ] c\n- [ ] d"), 1],
    ["choose-count-mismatch", q("Pick these (Select 2)", "- [x] a\n- [ ] b\n- [ ] c"), 1],
    ["too-few-options", q("Only one?", "- [x] a"), 3],
    ["duplicate-option", q("Twice?", "- [x] same text\n- [ ] Same   **text**\n- [ ] other"), 4],
    ["option-refers-to-option", q("Letters?", "- [x] a\n- [ ] b\n- [ ] Both A and B"), 5],
    ["option-refers-to-option", q("Above?", "- [x] a\n- [ ] b\n- [ ] All of the above"), 5],
    ["option-refers-to-option", q("Numbers?", "- [x] a\n- [ ] b\n- [ ] Options 1 and 2"), 5],
    ["option-refers-to-option", q("Pairs?", "- [x] a\n- [ ] b\n- [ ] A and C only"), 5],
    ["option-without-checkbox", q("Mixed?", "- [x] a\n- b without box\n- [ ] c"), 4],
    ["empty-stem", "###\n\n- [x] a\n- [ ] b\n\n> e\n", 1],
    ["missing-explanation", q("No why?", "- [x] a\n- [ ] b", ""), 1],
    ["bad-id", "### Bad id?\n<!-- id: Not_Valid -->\n\n- [x] a\n- [ ] b\n\n> e\n", 2],
    ["sample-without-answer", "- sample:\n  - Unanswered?\n", 2],
    ["front-matter", "---\ntags: [unclosed\n---\n# T\n", 2],
    ["front-matter", "---\ntags: 12: x\n---\n# T\n", 2],
    ["front-matter", "---\ntopic: [a, b]\n---\n# T\n", 2],
    ["control-character", "# Title \u001b[2J here\n", 1],
    ["control-character", "# T\n\nsome \u009b text\n", 3],
  ];
  it.each(cases)("%s is reported at the right line", (rule, markdown, line) => {
    const bank = bankOf(["x.md", markdown]);
    const found = bank.diagnostics.filter((d) => d.rule === rule);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "x.md", line });
    expect(found[0]?.column).toBeGreaterThan(0);
  });

  it("accepts a matching Choose hint and every way of writing N", () => {
    for (const hint of ["(Choose TWO)", "(Select 2)", "(Choose 2 answers)", "(choose two.)", "Pick 2."]) {
      const bank = bankOf(["x.md", q(`Stem ${hint}`, "- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n- [ ] e")]);
      expect(rules(bank), hint).toEqual([]);
      expect(choiceQuestions(bank)[0]?.chooseHint, hint).toBe(2);
    }
  });

  it("does not mistake ordinary words for letter references", () => {
    const bank = bankOf([
      "x.md",
      q("Real options?", "- [x] A user pool and an identity pool\n- [ ] An ALB and a NLB\n- [ ] Use option groups\n- [ ] Plan A or a backup\n- [ ] The fourth option for case 9\n- [ ] Answer 2 of the form"),
    ]);
    expect(rules(bank)).toEqual([]);
  });

  it("reports duplicate explicit ids across files as errors, and marks the question", () => {
    const one = "### First?\n<!-- id: same-id -->\n\n- [x] a\n- [ ] b\n\n> e\n";
    const two = "### Second?\n<!-- id: same-id -->\n\n- [x] a\n- [ ] b\n\n> e\n";
    const bank = bankOf(["one.md", one], ["two.md", two]);
    expect(bank.diagnostics).toMatchObject([{ rule: "duplicate-id", file: "two.md", line: 1, severity: "error" }]);
    expect(bank.diagnostics[0]?.message).toContain("one.md:1");
    expect(choiceQuestions(bank).map((x) => x.hasErrors)).toEqual([false, true]);
  });

  it("marks only the question whose own source has errors", () => {
    const bank = bankOf(["x.md", q("Good?", "- [x] a\n- [ ] b") + "\n" + q("Broken?", "- [ ] a\n- [ ] b")]);
    expect(choiceQuestions(bank).map((x) => x.hasErrors)).toEqual([false, true]);
  });

  it("documents every rule id in docs/question-format.md", () => {
    const doc = readFileSync(new URL("../../docs/question-format.md", import.meta.url), "utf8");
    const missing = RULE_IDS.filter((id) => !doc.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});

describe("question ids", () => {
  it("derives q- plus 10 hex digits of the normalised stem, ignoring emphasis, case and whitespace", () => {
    const a = bankOf(["a.md", q("Which   **pool** issues AWS credentials?", "- [x] a\n- [ ] b")]);
    const b = bankOf(["b.md", md`
      # Elsewhere entirely

      ## which pool issues _aws_ credentials?

      - [ ] different options
      - [x] in another order
      - [ ] too

      > e
    `]);
    const idA = a.questions[0]!.id;
    expect(idA).toMatch(/^q-[0-9a-f]{10}$/);
    expect(idA).toBe(derivedId("which pool issues aws credentials?"));
    // Options, file and topic never change an id.
    expect(b.questions[0]!.id).toBe(idA);
  });

  it("changes the derived id when the stem's words change", () => {
    const a = bankOf(["a.md", q("Which pool issues credentials?", "- [x] a\n- [ ] b")]);
    const b = bankOf(["a.md", q("Which pool issues tokens?", "- [x] a\n- [ ] b")]);
    expect(a.questions[0]!.id).not.toBe(b.questions[0]!.id);
  });

  it("gives a repeated stem -2, -3 in load order with a duplicate-stem warning", () => {
    const one = q("Same stem?", "- [x] a\n- [ ] b");
    const bank = bankOf(["a.md", one], ["b.md", one], ["c.md", one]);
    const ids = bank.questions.map((x) => x.id);
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(ids[2]).toBe(`${ids[0]}-3`);
    expect(bank.diagnostics.map((d) => [d.rule, d.file])).toEqual([
      ["duplicate-stem", "b.md"],
      ["duplicate-stem", "c.md"],
    ]);
  });

  it("tells each question of a repeated stem its twins' settled ids, whatever the emphasis; others have none", () => {
    const bank = bankOf(
      ["a.md", q("Which pool issues AWS credentials?", "- [x] identity pool\n- [ ] user pool")],
      ["b.md", q("Which **pool** issues AWS  credentials?", "- [ ] user pool\n- [x] identity pool") + "\n" + q("Another stem?", "- [x] a\n- [ ] b")],
      ["c.md", "### Which pool issues AWS credentials?\n<!-- id: creds-again -->\n\n- [x] identity pool\n- [ ] user pool\n\n> e\n"],
    );
    const [first, second, other, third] = bank.questions;
    expect(second!.id).toBe(`${first!.id}-2`);
    expect(first!.twins).toEqual([second!.id, "creds-again"]);
    expect(second!.twins).toEqual([first!.id, "creds-again"]);
    expect(third!.twins).toEqual([first!.id, second!.id]);
    expect(other!.twins).toBeUndefined();
  });

  it("accepts the id comment on the heading line itself", () => {
    const bank = bankOf(["a.md", "### Stem? <!-- id: on-heading -->\n\n- [x] a\n- [ ] b\n\n> e\n"]);
    expect(bank.questions[0]).toMatchObject({ id: "on-heading", explicitId: true, title: "Stem?" });
  });
});

describe("relative links, for the missing-file check", () => {
  const placesOf = (markdown: string) => parseFile("x.md", markdown).links.map((l) => [l.target, l.line, l.column]);

  it("are placed at the column where the link or image starts", () => {
    expect(placesOf("# T\n\nSome notes with an image ![x](img/none.png) here.\n")).toEqual([["img/none.png", 3, 26]]);
    expect(placesOf("### Which?\n\n- [x] see [one](one.md)\n- [ ] b\n\n> and [local](../nowhere.md)\n")).toEqual([
      ["one.md", 3, 11],
      ["../nowhere.md", 6, 7],
      ["../nowhere.md", 6, 7],
    ]);
    expect(placesOf("## See [h](h.md)\n")).toEqual([["h.md", 1, 8]]);
  });

  it("tell apart the same link twice on a line, and find links in nested blocks", () => {
    expect(placesOf("# T\n\n[a](x.md) and [a](x.md)\n")).toEqual([
      ["x.md", 3, 1],
      ["x.md", 3, 15],
    ]);
    expect(placesOf("# T\n\n- item\n  - sub [l](y.md)\n\n> first\n> second [l](z.md)\n\n| a | b |\n| - | - |\n| c | [t](t.md) |\n")).toEqual([
      ["y.md", 4, 9],
      ["z.md", 7, 10],
      ["t.md", 11, 7],
    ]);
  });
});
