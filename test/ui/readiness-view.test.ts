import { describe, expect, it } from "vitest";
import { computeReadiness } from "../../src/analysis/readiness.js";
import { findGuide } from "../../src/analysis/guides.js";
import type { Question } from "../../src/content/model.js";
import type { CardState } from "../../src/srs/model.js";
import type { Scheduler } from "../../src/srs/scheduler.js";
import { displayWidth } from "../../src/ui/layout.js";
import { formatReadiness } from "../../src/ui/readiness-view.js";

function mc(id: string, topic: string, domains: string[]): Question {
  return {
    id, explicitId: true, topic: [topic], topicKey: topic, title: id, stem: id, tags: [], kind: "single", domains,
    choices: [{ text: "a", correct: true }, { text: "b", correct: false }, { text: "c", correct: false }],
    references: [], source: { file: "x.md", line: 1 }, hasErrors: false,
  } as Question;
}
const recall: Scheduler = { preview: () => { throw new Error("not used"); }, retrievability: () => 0.8 };

describe("the readiness report", () => {
  const questions = [mc("a", "A topic whose name is long enough to wrap at sixty columns", ["dva-c02:2.1"]), mc("b", "Short", ["dva-c02:2.1"])];
  const r = computeReadiness({ questions, card: () => ({ phase: "review" }) as CardState, scheduler: recall, at: new Date(0), guide: findGuide("dva-c02")!, fitted: false, seed: 1, forms: 50 });

  it("fits a 60-column terminal, a topic's and a domain's name wrapping under the name", () => {
    const lines = formatReadiness(r, "now", 60).split("\n");
    expect(lines.filter((l) => displayWidth(l) > 60)).toEqual([]);
    const topic = lines.findIndex((l) => l.includes("A topic whose name"));
    expect(lines[topic]).toMatch(/^ {2}\s*80 % {2}A topic/);
    // The rest of the name lines up under its first word, not under the percentage.
    expect(lines[topic + 1]).toMatch(/^ {9}\S/);
    // A domain with no questions shows a dash in the percentage's column.
    const empty = lines.find((l) => l.includes("Deployment ("))!;
    expect(empty.indexOf("3. Deployment")).toBe(lines.find((l) => l.includes("2. Security"))!.indexOf("2. Security"));
    expect(lines.some((l) => l.startsWith("  No questions for:"))).toBe(true);
  });

  it("says a content set with no cards has nothing to predict, with no mean of nothing and no empty table", () => {
    const none = computeReadiness({ questions: [], card: () => undefined, scheduler: recall, at: new Date(0), guide: findGuide("dva-c02")!, fitted: false, seed: 1, forms: 50 });
    const text = formatReadiness(none, "on exam day (2027-01-20)", 60);
    expect(text.replace(/\n/g, " ")).toMatch(/^Readiness on exam day \(2027-01-20\): the content set has no cards, so there is nothing to predict\./);
    expect(text.split("\n").filter((l) => displayWidth(l) > 60)).toEqual([]);
    expect(text).not.toMatch(/By topic|0 %|over 0 cards/);
  });

  it("counts one card as one card", () => {
    const one = computeReadiness({ questions: [mc("a", "Only", ["dva-c02:2.1"])], card: () => ({ phase: "review" }) as CardState, scheduler: recall, at: new Date(0), guide: findGuide("dva-c02")!, fitted: false, seed: 1, forms: 50 });
    const text = formatReadiness(one, "now", Number.POSITIVE_INFINITY);
    expect(text).toContain("over 1 card (1 seen; unseen count as 0).");
    expect(text).toContain("2. Security (26 % of the exam; 1 card)");
    expect(text).toContain("1. Development with AWS Services (32 % of the exam; 0 cards)");
  });

  it("keeps each line whole where the width is not limited (a pipe)", () => {
    const lines = formatReadiness(r, "now", Number.POSITIVE_INFINITY).split("\n");
    expect(lines[0]).toMatch(/^Readiness now: mean predicted recall \d+ % over 2 cards \(2 seen; unseen count as 0\)\.$/);
    expect(lines.some((l) => /^ {2}No questions for: .+ there is no P\(pass\) for the whole exam\.$/.test(l))).toBe(true);
  });
});

describe("formatReadiness with a guide the content set does not cover at all", () => {
  it("says no domain has a question and how questions are mapped, not that part of the guide is covered", () => {
    const unmapped = computeReadiness({ questions: [mc("a", "Only", [])], card: () => ({ phase: "review" }) as CardState, scheduler: recall, at: new Date(0), guide: findGuide("dva-c02")!, fitted: false, seed: 1, forms: 50 });
    const text = formatReadiness(unmapped, "now", Number.POSITIVE_INFINITY);
    expect(text).toContain("No domain of ");
    expect(text).toContain("so there is no P(pass) for the exam (`domains:` in a file's front matter, or `<!-- domains: … -->` on a question, maps it to the guide: docs/question-format.md).");
    expect(text).not.toContain("part of the guide covered");
  });
});
