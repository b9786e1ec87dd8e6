// The bundled bank is the product: these are the promises it keeps, checked on every run so it cannot drift.
import { describe, expect, it } from "vitest";
import { BUNDLED_CONTENT, loadBank } from "../../src/content/load.js";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import { plainText } from "../../src/content/text.js";
import { Lexer } from "marked";
import { EXAM_SKILLS, EXAM_TASKS } from "./exam-coverage.js";

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
    // Today: 150 items, 109 multiple-choice (27 multiple-response), 41 recall cards.
    expect(choice.length + recall.length).toBeGreaterThanOrEqual(120);
    expect(choice.length).toBeGreaterThanOrEqual(90);
    expect(multiple.length).toBeGreaterThanOrEqual(25);
    expect(recall.length).toBeGreaterThanOrEqual(30);
  });

  // Each file's tag: removing twins took these below the 25 they once had; 18 is what each still has at least.
  it.each(["cup-vs-identity-pools", "alb-apigw-integration", "dynamodb-row-level-security", "identity-pools", "user-pools"])(
    "has at least 18 items tagged %s",
    (tag) => {
      expect(bank.questions.filter((q) => q.tags.includes(tag)).length).toBeGreaterThanOrEqual(18);
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

  it("cites an AWS documentation page on every recall card, as a real link", () => {
    for (const q of recall) {
      expect(q.references.some((r) => r.url.startsWith("https://docs.aws.amazon.com/")), q.id).toBe(true);
      for (const r of q.references) expect(r.url, q.id).not.toMatch(/[{}<>]|localhost/);
    }
  });

  it("pairs a fact's recall card and multiple-choice question as declared siblings, never two of one kind", () => {
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    let pairs = 0;
    for (const q of bank.questions) {
      for (const s of q.siblings ?? []) {
        const other = byId.get(s);
        expect(other, `${q.id} → ${s}`).toBeDefined();
        expect(other!.kind === "recall", `${q.id} and ${s} are both ${q.kind === "recall" ? "recall cards" : "multiple-choice"}`).not.toBe(q.kind === "recall");
        expect(other!.siblings ?? [], `${s} does not list ${q.id} back`).toContain(q.id);
        pairs++;
      }
    }
    // Every recall card but two (the refresh token's format, the passkey relying party) has its multiple-choice sibling.
    expect(pairs / 2).toBe(39);
  });

  it("tags every question with the exam-guide tasks it serves, and no others", () => {
    for (const q of bank.questions) {
      expect(q.domains?.length ?? 0, q.id).toBeGreaterThan(0);
      for (const d of q.domains ?? []) expect(Object.keys(EXAM_TASKS), q.id).toContain(d);
    }
  });

  it("gives each Cognito-related skill of those tasks at least five questions tagged with its task", () => {
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    for (const s of EXAM_SKILLS) {
      expect(s.ids.length, `${s.task} ${s.skill}`).toBeGreaterThanOrEqual(5);
      for (const id of s.ids) expect(byId.get(id)?.domains ?? [], `${id} under ${s.task} ${s.skill}`).toContain(s.task);
    }
    // …and a question's tasks are exactly those of the skills it practises, so tags and skills cannot drift apart.
    for (const q of bank.questions) {
      const tasks = [...new Set(EXAM_SKILLS.filter((s) => s.ids.includes(q.id)).map((s) => s.task))].sort();
      expect([...(q.domains ?? [])].sort(), q.id).toEqual(tasks);
    }
    for (const task of Object.keys(EXAM_TASKS)) expect(EXAM_SKILLS.some((s) => s.task === task), task).toBe(true);
  });

  it("calls the hosted pages by their names: managed login, and the classic hosted UI that still exists", () => {
    const all = bank.questions.map((q) => `${q.stem}\n${"explanation" in q ? q.explanation : ""}\n${"answer" in q ? q.answer : ""}`).join("\n");
    const text = all + JSON.stringify(bank.root);
    expect(text).not.toMatch(/formerly the (\*\*)?hosted UI/i);
    expect(text).toMatch(/classic hosted UI/);
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
