import { describe, expect, it } from "vitest";
import { drawByGuide, scoreByDomain } from "../../src/analysis/guide-exam.js";
import { findGuide, GUIDES } from "../../src/analysis/guides.js";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";

const q = (id: string, domains?: string[]): MultipleChoiceQuestion =>
  ({ id, explicitId: true, topic: ["T"], topicKey: "t", title: id, stem: id, tags: [], kind: "single", choices: [{ text: "a", correct: true }, { text: "b", correct: false }], references: [], source: { file: "x", line: 1 }, hasErrors: false, ...(domains ? { domains } : {}) }) as MultipleChoiceQuestion;

describe("exam guides", () => {
  it("hold the figures of the official guides", () => {
    for (const g of GUIDES) expect(g.domains.reduce((s, d) => s + d.weight, 0)).toBeCloseTo(1, 10);
    expect(findGuide("dva-c02")!.domains.map((d) => d.weight)).toEqual([0.32, 0.26, 0.24, 0.18]);
    expect(findGuide("saa-c03")!.domains.map((d) => d.weight)).toEqual([0.3, 0.26, 0.24, 0.2]);
    expect(findGuide("scs-c03")).toMatchObject({ passScore: 750, minutes: 170 });
    expect(findGuide("scs-c02")).toBeUndefined();
  });
});

describe("exam --guide draw", () => {
  const pool = [
    ...Array.from({ length: 40 }, (_, i) => q(`d1-${i}`, ["dva-c02:1.1"])),
    ...Array.from({ length: 40 }, (_, i) => q(`d2-${i}`, ["dva-c02:2.1"])),
    ...Array.from({ length: 40 }, (_, i) => q(`d3-${i}`, ["dva-c02:3.2"])),
    ...Array.from({ length: 5 }, (_, i) => q(`d4-${i}`, ["dva-c02:4.1"])),
    q("unmapped"),
  ];
  const guide = findGuide("dva-c02")!;

  it("draws each domain's share of the exam by its weight, moving what a small domain lacks to the others", () => {
    const d = drawByGuide(pool, guide, 50, 1);
    expect(d.byWeight).toBe(true);
    expect(d.questions).toHaveLength(50);
    // 50 × 0.18 = 9 for domain 4, which has 5: the 4 missing go to the heaviest domain.
    expect(d.perDomain).toEqual({ "1": 16 + 4, "2": 13, "3": 12, "4": 5 });
    expect(new Set(d.questions.map((x) => x.id)).size).toBe(50);
    expect(d.questions.some((x) => x.id === "unmapped")).toBe(false);
    expect(drawByGuide(pool, guide, 50, 1).questions.map((x) => x.id)).toEqual(d.questions.map((x) => x.id));
  });

  it("draws at most one of a question's twins (the same stem asked again), in a domain and across domains", () => {
    // Pairs of twins: d1-i with d2-i (two domains), and d3-i with d3-(i+20) (one domain).
    const twinned = pool.map((x) => {
      const [d, n] = [x.id.split("-")[0], Number(x.id.split("-")[1])];
      if (d === "d1" || d === "d2") return { ...x, twins: [`${d === "d1" ? "d2" : "d1"}-${n}`] };
      if (d === "d3") return { ...x, twins: [`d3-${n < 20 ? n + 20 : n - 20}`] };
      return x;
    });
    for (const seed of [1, 2, 3]) {
      const ids = new Set(drawByGuide(twinned, guide, 200, seed).questions.map((x) => x.id));
      for (const x of twinned) if (ids.has(x.id)) for (const t of x.twins ?? []) expect(ids.has(t), `${x.id} and ${t}`).toBe(false);
      // 40 d1/d2 pairs, 20 d3 pairs and the 5 of domain 4 without twins.
      expect(ids.size).toBe(40 + 20 + 5);
    }
  });

  it("falls back to the plain draw when no question maps to the guide, and names the missing domains", () => {
    const d = drawByGuide([q("a"), q("b"), q("c")], guide, 65, 1);
    expect(d.byWeight).toBe(false);
    expect(d.questions).toHaveLength(3);
    expect(d.missing).toHaveLength(4);
  });

  it("scores per domain as the score report does", () => {
    const qs = [q("a", ["dva-c02:1.1"]), q("b", ["dva-c02:1.2"]), q("c", ["dva-c02:2.1"])];
    expect(scoreByDomain(qs, [true, false, true], guide)).toEqual([
      { id: "1", name: "Development with AWS Services", correct: 1, total: 2 },
      { id: "2", name: "Security", correct: 1, total: 1 },
    ]);
  });
});
