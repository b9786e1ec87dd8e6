import { describe, expect, it } from "vitest";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import { answerStatus, drawExam, lastScoredExam, planExam, planRetake, retakeQuestions, scaledScore, scoreExam, submitCounts } from "../../src/session/exam.js";
import type { ExamRecord } from "../../src/srs/records.js";
import { bankOf } from "../helpers/parse.js";

function bank(topics: Record<string, number>): MultipleChoiceQuestion[] {
  let md = "";
  for (const [topic, n] of Object.entries(topics)) {
    md += `# ${topic}\n\n`;
    for (let i = 0; i < n; i++) md += `### ${topic} question ${i}?\n\n- [x] right\n- [ ] wrong\n- [ ] other\n- [ ] more\n\n> e\n\n`;
  }
  md += "# Multi\n\n### Pick two (Choose TWO)\n\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n- [ ] e\n\n> e\n";
  return bankOf(["b.md", md]).questions as MultipleChoiceQuestion[];
}

describe("exam scoring", () => {
  it("scales 100 + 900 × right / total", () => {
    expect([scaledScore(0, 65), scaledScore(65, 65), scaledScore(46, 65), scaledScore(1, 3)]).toEqual([100, 1000, 737, 400]);
  });

  it("scores per topic, all or nothing for choose-N, unanswered as wrong", () => {
    const qs = bank({ Alpha: 2, Beta: 1 });
    const multi = qs.find((q) => q.kind === "multiple")!;
    const answers = qs.map((q) => (q === multi ? [0] : q.topic[0] === "Alpha" ? [0] : undefined));
    const s = scoreExam(qs, answers, 720);
    expect(s.results).toEqual([true, true, false, false]);
    expect(s).toMatchObject({ correct: 2, total: 4, scaled: 550, passed: false });
    expect(Object.fromEntries(s.byTopic)).toEqual({ Alpha: { correct: 2, total: 2 }, Beta: { correct: 0, total: 1 }, Multi: { correct: 0, total: 1 } });
    const full = scoreExam(qs, qs.map((q) => (q === multi ? [1, 0] : [0])), 720);
    expect(full).toMatchObject({ correct: 4, scaled: 1000, passed: true });
  });

  it("draws at most one of a question's twins, however large the exam", () => {
    // Two practice exams in one bank, the second repeating every question of the first.
    const md = (n: number) => `# Exam ${n}\n\n` + Array.from({ length: 6 }, (_, i) => `### Which setting ${i} applies?\n\n- [x] right\n- [ ] wrong\n\n> e\n\n`).join("");
    const qs = bankOf(["one.md", md(1)], ["two.md", md(2)]).questions as MultipleChoiceQuestion[];
    expect(qs.every((q) => q.twins?.length === 1)).toBe(true);
    for (const seed of [1, 2, 3]) {
      const plan = planExam(qs, { count: 12, seed });
      const titles = plan.questions.map((q) => q.title);
      expect(titles).toHaveLength(6);
      expect(new Set(titles).size).toBe(6);
      expect(plan.minutes).toBe(12);
    }
  });

  it("draws balanced over topics, repeats a draw for a seed, and scales time for a small bank", () => {
    const qs = bank({ Alpha: 20, Beta: 5, Gamma: 5 });
    const drawn = drawExam(qs, 9, 7);
    const per = (t: string) => drawn.filter((q) => q.topic[0] === t).length;
    // Round robin: every topic once, then again while it has questions (Multi has only one).
    expect(per("Multi")).toBe(1);
    expect([per("Alpha"), per("Beta"), per("Gamma")].sort()).toEqual([2, 3, 3]);
    expect(drawExam(qs, 9, 7).map((q) => q.id)).toEqual(drawn.map((q) => q.id));
    expect(new Set(drawn.map((q) => q.id)).size).toBe(9);
    const small = planExam(qs, { seed: 1 });
    expect(small.questions).toHaveLength(31);
    expect(small.minutes).toBe(62);
    expect(small.passScore).toBe(720);
    expect(planExam(qs, { count: 10, minutes: 0.1, pass: 800, seed: 1 })).toMatchObject({ minutes: 0.1, passScore: 800 });
  });
});

describe("exam results and retakes", () => {
  it("scores one topic however its heading is spelled (grouped by the topic key)", () => {
    const md = "# Amazon Cognito\n\n### First?\n\n- [x] a\n- [ ] b\n\n> e\n\n# `Amazon  Cognito`\n\n### Second?\n\n- [x] a\n- [ ] b\n\n> e\n";
    const qs = bankOf(["b.md", md]).questions as MultipleChoiceQuestion[];
    expect(new Set(qs.map((q) => q.topicKey)).size).toBe(1);
    const s = scoreExam(qs, [[0], [1]], 720);
    expect([...s.byTopic.values()]).toEqual([{ correct: 1, total: 2 }]);
  });

  it("calls a choose-N answer with the wrong number of picks incomplete, not answered", () => {
    const qs = bank({ Alpha: 1 });
    const multi = qs.find((q) => q.kind === "multiple")!;
    expect(answerStatus(multi, undefined)).toBe("unanswered");
    expect(answerStatus(multi, [0])).toBe("incomplete");
    expect(answerStatus(multi, [0, 2, 3])).toBe("incomplete");
    expect(answerStatus(multi, [0, 2])).toBe("answered");
    expect(submitCounts(qs, [undefined, [0]], [true, false])).toEqual({ unanswered: 1, incomplete: 1, flagged: 1 });
  });

  it("retakes the last scored exam's missed or flagged questions, by id, skipping ones no longer in the content", () => {
    const qs = bank({ Alpha: 3 });
    const exam = (status: ExamRecord["status"], wrong: string[]): ExamRecord => ({
      id: status,
      startedAt: "2026-01-01T10:00:00.000Z",
      endedAt: "2026-01-01T10:10:00.000Z",
      status,
      minutes: 10,
      passScore: 720,
      seed: 1,
      total: 3,
      correct: 3 - wrong.length,
      scaled: 100,
      passed: false,
      byTopic: {},
      answers: [...qs.map((q) => ({ questionId: q.id, chosen: [], correct: !wrong.includes(q.id), flagged: q === qs[0] })), { questionId: "gone-1", chosen: [], correct: false, flagged: false }],
    });
    const last = lastScoredExam([exam("submitted", [qs[1]!.id]), exam("abandoned", [])]);
    expect(last?.status).toBe("submitted");
    expect(lastScoredExam([exam("abandoned", [])])).toBeUndefined();
    const missed = retakeQuestions(last!, "missed", qs);
    expect(missed.questions.map((q) => q.id)).toEqual([qs[1]!.id]);
    expect(missed.gone).toBe(1);
    expect(retakeQuestions(last!, "flagged", qs).questions).toEqual([qs[0]]);
    const plan = planRetake(missed.questions, { seed: 3 });
    expect(plan.questions).toHaveLength(1);
    expect(plan.minutes).toBe(2);
  });
});
