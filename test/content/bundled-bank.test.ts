// The bundled bank is the product: these are the promises it keeps, checked on every run so it cannot drift.
import { describe, expect, it } from "vitest";
import { BUNDLED_CONTENT, loadBank } from "../../src/content/load.js";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import { plainText } from "../../src/content/text.js";
import { Lexer } from "marked";

const bank = await loadBank([BUNDLED_CONTENT]);
const choice = bank.questions.filter((q): q is MultipleChoiceQuestion => q.kind !== "recall");
const single = choice.filter((q) => q.kind === "single");
const multiple = choice.filter((q) => q.kind === "multiple");
const recall = bank.questions.filter((q) => q.kind === "recall");

/** Option text as a reader sees it: markdown marks removed. */
function visible(markdown: string): string {
  return plainText(new Lexer().inlineTokens(markdown), markdown).trim();
}

describe("the bundled Cognito bank", () => {
  it("loads with no diagnostics at all", () => {
    expect(bank.diagnostics).toEqual([]);
  });

  it("has at least 120 items: 90 multiple-choice (25 multiple-response) and 30 recall cards", () => {
    expect(choice.length + recall.length).toBeGreaterThanOrEqual(120);
    expect(choice.length).toBeGreaterThanOrEqual(90);
    expect(multiple.length).toBeGreaterThanOrEqual(25);
    expect(recall.length).toBeGreaterThanOrEqual(30);
  });

  it.each(["cup-vs-identity-pools", "alb-apigw-integration", "dynamodb-row-level-security"])(
    "has at least 25 items tagged %s",
    (tag) => {
      expect(bank.questions.filter((q) => q.tags.includes(tag)).length).toBeGreaterThanOrEqual(25);
    },
  );

  it("follows the exam format: 1 key of 4 options, or 2-3 keys of 5+ with a matching Choose N", () => {
    for (const q of single) {
      expect(q.choices.length, q.id).toBe(4);
      expect(q.choices.filter((c) => c.correct).length, q.id).toBe(1);
    }
    for (const q of multiple) {
      const keys = q.choices.filter((c) => c.correct).length;
      expect(q.choices.length, q.id).toBeGreaterThanOrEqual(5);
      expect(keys, q.id).toBeGreaterThanOrEqual(2);
      expect(q.chooseHint, q.id).toBe(keys);
    }
  });

  it("spreads single-answer keys over the four positions, 20-30 % each", () => {
    const counts = [0, 0, 0, 0];
    for (const q of single) counts[q.choices.findIndex((c) => c.correct)]!++;
    for (const c of counts) {
      expect(c / single.length).toBeGreaterThanOrEqual(0.2);
      expect(c / single.length).toBeLessThanOrEqual(0.3);
    }
  });

  it("spreads multiple-response keys too: no position holds more than 30 % of them", () => {
    const counts = new Map<number, number>();
    let total = 0;
    for (const q of multiple) {
      q.choices.forEach((c, i) => {
        if (c.correct) {
          counts.set(i, (counts.get(i) ?? 0) + 1);
          total++;
        }
      });
    }
    for (const c of counts.values()) expect(c / total).toBeLessThanOrEqual(0.3);
  });

  it("does not give the key away by length: the longest option is a key in at most 35 % of questions", () => {
    const longestIsKey = choice.filter((q) => {
      const lengths = q.choices.map((c) => visible(c.text).length);
      const max = Math.max(...lengths);
      return lengths.filter((l) => l === max).length === 1 && q.choices[lengths.indexOf(max)]!.correct;
    });
    expect(longestIsKey.length / choice.length).toBeLessThanOrEqual(0.35);
    // …and never teaches the reverse tell either.
    expect(longestIsKey.length / choice.length).toBeGreaterThanOrEqual(0.1);
  });

  it("has no 'all/none of the above' and no option naming another", () => {
    for (const q of choice) for (const c of q.choices) expect(c.text, q.id).not.toMatch(/\b(all|none) of the above\b/i);
  });

  it("explains every multiple-choice question and links the AWS documentation", () => {
    for (const q of choice) {
      expect(q.explanation?.length ?? 0, q.id).toBeGreaterThan(150);
      expect(q.references.some((r) => r.url.startsWith("https://docs.aws.amazon.com/")), q.id).toBe(true);
    }
  });

  it("gives every question an explicit id", () => {
    expect(bank.questions.filter((q) => !q.explicitId).map((q) => q.title)).toEqual([]);
  });

  it("teaches the current names of renamed features", () => {
    const all = bank.questions.map((q) => `${q.stem}\n${"explanation" in q ? q.explanation : ""}\n${"answer" in q ? q.answer : ""}`).join("\n");
    const notes = JSON.stringify(bank.root);
    for (const text of [all + notes]) {
      expect(text).toMatch(/threat protection/i);
      expect(text).toMatch(/managed login/i);
      expect(text).toMatch(/\bPlus\b/);
      expect(text).toMatch(/\bEssentials\b/);
    }
  });
});
