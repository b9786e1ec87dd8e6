import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bankOf } from "../helpers/parse.js";

// Every markdown example in the format guide must read the way the guide says it does.
const guide = readFileSync(new URL("../../docs/question-format.md", import.meta.url), "utf8");
const examples = [...guide.matchAll(/^(`{3,4})markdown\n([\s\S]*?)^\1$/gm)].map((m) => m[2]!);

describe("docs/question-format.md examples", () => {
  it("has examples to check", () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it.each(examples.map((e, i) => [i, e] as const))("example %i reads without errors", (_i, example) => {
    const bank = bankOf(["example.md", example]);
    expect(bank.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const isFrontMatterOnly = example.startsWith("---");
    const isFeedbackSnippet = example.startsWith("- [ ]");
    if (!isFrontMatterOnly && !isFeedbackSnippet) expect(bank.questions.length).toBeGreaterThan(0);
  });
});
