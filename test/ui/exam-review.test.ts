import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import { scoreExam } from "../../src/session/exam.js";
import type { ExamRecord } from "../../src/srs/records.js";
import { formatExamReview, formatExamSummary } from "../../src/ui/exam-screens.js";

const question: MultipleChoiceQuestion = {
  id: "q", explicitId: true, topic: ["T"], topicKey: "t", title: "Which one?", stem: "Which one?", tags: [], kind: "single",
  choices: [{ text: "Alpha", correct: false }, { text: "Bravo", correct: true }, { text: "Charlie", correct: false }, { text: "Delta", correct: false }],
  references: [], source: { file: "x.md", line: 1 }, hasErrors: false,
};

function review(orders?: number[][]): string[] {
  const answers = [[3]];
  const score = scoreExam([question], answers, 720);
  const text = formatExamReview({ record: {} as ExamRecord, score, questions: [question], answers, flagged: [false], ...(orders ? { orders } : {}) }, "all", 80);
  return stripVTControlCharacters(text).split("\n").filter((l) => /^ {2}[✔✘·] \d\. /.test(l));
}

describe("the exam's review of a question", () => {
  it("lists the options in the order the exam showed them, numbered as they were there", () => {
    // Shown as Delta, Bravo, Alpha, Charlie: the student picked option 1 (Delta); the key was option 2.
    expect(review([[3, 1, 0, 2]])).toEqual([
      "  ✘ 1. Delta ← your pick",
      "  ✔ 2. Bravo ← key",
      "  · 3. Alpha",
      "  · 4. Charlie",
    ]);
  });

  it("keeps the bank's order when no order is known", () => {
    expect(review().map((l) => l.slice(0, 12))).toEqual(["  · 1. Alpha", "  ✔ 2. Bravo", "  · 3. Charl", "  ✘ 4. Delta"]);
  });
});

describe("the exam result's time line", () => {
  const line = (minutes: number, usedSeconds: number): string => {
    const answers = [[1]];
    const record = { startedAt: "2027-01-10T10:00:00.000Z", endedAt: new Date(Date.parse("2027-01-10T10:00:00.000Z") + usedSeconds * 1000).toISOString(), minutes, status: "submitted" } as ExamRecord;
    const text = stripVTControlCharacters(formatExamSummary({ record, score: scoreExam([question], answers, 720), questions: [question], answers, flagged: [false] }, 80));
    return text.split("\n").find((l) => l.includes("time used"))!.trim();
  };

  it("gives the time allowed in the units of the time used, a fraction of a minute too", () => {
    expect(line(0.05, 3)).toBe("time used 3 s of 3 s");
    expect(line(0.5, 12)).toBe("time used 12 s of 30 s");
    expect(line(40, 754)).toBe("time used 12 min 34 s of 40 min");
    expect(line(130, 3900)).toBe("time used 1 h 5 min of 2 h 10 min");
  });
});

describe("the exam result's score by topic", () => {
  it("wraps a long topic path under the start of its name, not two cells to the right of it", () => {
    const long = { ...question, topic: ["Cognito overview", "User Pools vs Identity Pools"], topicKey: "long" };
    const answers = [[1]];
    const record = { startedAt: "2027-01-10T10:00:00.000Z", endedAt: "2027-01-10T10:01:00.000Z", minutes: 2, status: "submitted" } as ExamRecord;
    const text = stripVTControlCharacters(formatExamSummary({ record, score: scoreExam([long], answers, 720), questions: [long], answers, flagged: [false] }, 50));
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes("Cognito overview"));
    expect(lines[at]).toMatch(/^ +100% +1\/1 +Cognito overview › User Pools vs$/);
    expect(lines[at + 1]!.trim()).toBe("Identity Pools");
    expect(lines[at + 1]!.search(/\S/)).toBe(lines[at]!.indexOf("Cognito"));
  });
});
