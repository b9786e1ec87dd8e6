import { describe, expect, it } from "vitest";
import { chooseHint } from "../../src/content/choose-hint.js";
import { bankOf, choiceQuestions } from "../helpers/parse.js";

const REF = "> See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/x.html).\n";

describe("the choose-N hint is the question's own instruction", () => {
  it("reads the parenthesised instruction, not an earlier 'pick one' in the scenario", () => {
    const bank = bankOf([
      "x.md",
      `### An app must let users pick one of three MFA methods. Which TWO settings are needed? (Choose TWO.)\n\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n\n${REF}`,
    ]);
    expect(bank.diagnostics).toEqual([]);
    expect(choiceQuestions(bank)[0]).toMatchObject({ chooseHint: 2, kind: "multiple" });
  });

  it("does not make a single-answer stem that mentions 'can select 2 factors' a choose-2 question", () => {
    const bank = bankOf([
      "x.md",
      `### Users can select 2 factors at sign-in. Which setting turns MFA on for everyone?\n\n- [x] Required MFA\n- [ ] Optional MFA\n- [ ] No MFA\n\n${REF}`,
    ]);
    expect(bank.diagnostics).toEqual([]);
    expect(choiceQuestions(bank)[0]).toMatchObject({ kind: "single" });
    expect(choiceQuestions(bank)[0]?.chooseHint).toBeUndefined();
  });

  it("ignores SELECT in a code block or a code span of the stem", () => {
    const bank = bankOf([
      "x.md",
      "### Which service runs this query?\n\n```sql\nSELECT 1 FROM users\n```\n\nIt also runs `select 3 rows`.\n\n- [x] Athena\n- [ ] Cognito\n\n" + REF,
    ]);
    expect(bank.diagnostics).toEqual([]);
    expect(choiceQuestions(bank)[0]?.chooseHint).toBeUndefined();
  });

  it("reads a final instruction in the body under the heading", () => {
    const bank = bankOf(["x.md", `### A scenario\n\nA team must pick a pool. Which pools fit?\n\nSelect THREE.\n\n- [x] a\n- [x] b\n- [x] c\n- [ ] d\n\n${REF}`]);
    expect(choiceQuestions(bank)[0]?.chooseHint).toBe(3);
    expect(bank.diagnostics).toEqual([]);
  });

  it.each([
    ["Which two? (Choose TWO)", 2],
    ["Which? (Select 2)", 2],
    ["Which? (choose 3 answers.)", 3],
    ["Which? [Pick two]", 2],
    ["Stem. Choose two.", 2],
    ["Stem Pick 2.", 2],
    ["Stem? **(Choose TWO.)**", 2],
    ["Admins pick one pool. Which? (Choose TWO.)", 2],
    ["Users can select 2 factors. Which one?", undefined],
    ["The app lets users pick one of three methods. Which is it?", undefined],
    ["Which one lets you choose 5 options in the console?", undefined],
    ["Pick one of these? No: choose 3 of them.", 3],
  ])("%j → %s", (text, expected) => {
    expect(chooseHint(text)).toBe(expected);
  });
});
