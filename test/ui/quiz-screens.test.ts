// The quiz's end-of-session summary as the student reads it.

import { describe, expect, it } from "vitest";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import type { SessionSummary } from "../../src/session/quiz-session.js";
import { formatSummary, topicRows } from "../../src/ui/quiz-screens.js";
import { questionBase } from "../helpers/session-clock.js";

const LONG_TITLE = "A developer is building a REST API in Amazon API Gateway for a mobile app whose users sign in";

const leech: MultipleChoiceQuestion = {
  ...questionBase,
  id: "fx-leech",
  kind: "single",
  topic: ["Integrations"],
  topicKey: "integrations",
  title: LONG_TITLE,
  stem: LONG_TITLE,
  choices: [
    { text: "right", correct: true },
    { text: "wrong", correct: false },
  ],
};

describe("formatSummary", () => {
  it("gives the session's study time as today's minutes count it, not the hours a session was left open", () => {
    const start = new Date(2027, 0, 20, 12);
    const summary: SessionSummary = {
      answered: 4, correct: 1, skipped: 0, skippedOpen: 0, byTopic: new Map(), startedAt: start,
      endedAt: new Date(start.getTime() + 30 * 3_600_000), studiedMs: 6.4 * 60_000, leeches: [], nothingToDo: false,
      end: { kind: "quit", queued: 0 }, buried: 0, extraNew: 0, newBeyondLimit: 0,
    };
    const text = formatSummary(summary, start, []).replace(/\s+/g, " ");
    expect(text).toContain("Session over: 4 answered, 25% right, 6 min of study.");
    expect(formatSummary({ ...summary, studiedMs: 40_000 }, start, []).replace(/\s+/g, " ")).toContain("under a minute of study.");
  });

  it("names a leech by its title cut at a word with an ellipsis, not in the middle of a word as if that were all of it", () => {
    const now = new Date(2027, 0, 20, 12);
    const summary: SessionSummary = {
      answered: 1,
      correct: 0,
      skipped: 0,
      skippedOpen: 0,
      byTopic: new Map(),
      startedAt: now,
      endedAt: now,
      studiedMs: 0,
      leeches: [leech],
      nothingToDo: false,
      end: { kind: "quit", queued: 0 },
      buried: 0,
      extraNew: 0,
      newBeyondLimit: 0,
    };
    const text = formatSummary(summary, now, [leech]).replace(/\s+/g, " ");
    const named = /Leech: fx-leech \(([^)]*)\) keeps slipping/.exec(text)?.[1];
    expect(named).toBeDefined();
    expect(named!.endsWith("…")).toBe(true);
    // What is shown is the title's start, ending at a whole word.
    const shown = named!.slice(0, -1).trimEnd();
    expect(LONG_TITLE.startsWith(shown)).toBe(true);
    expect(LONG_TITLE[shown.length]).toBe(" ");
  });
});

describe("topicRows", () => {
  it("sorts numbered topics by their numbers, as a reader counts them: Domain 2 before Domain 10", () => {
    const byTopic = new Map(["Domain 10", "Domain 2", "Domain 1"].map((t) => [`Exam › ${t}`, { answered: 2, correct: 1 }]));
    const rows = topicRows(byTopic, 60).map((r) => r.replace(/^.*%\s+/, ""));
    expect(rows).toEqual(["Exam › Domain 1", "Exam › Domain 2", "Exam › Domain 10"]);
  });
});
