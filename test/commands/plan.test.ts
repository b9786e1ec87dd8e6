// The plan command's sentences: the quiz's note on the day's new cards, and why --exam refuses a date.

import { describe, expect, it } from "vitest";
import { examDateProblem, paceNote } from "../../src/commands/plan.js";
import { appliedNewCards } from "../../src/srs/exam-pace.js";
import { examDateFrom } from "../../src/srs/exam-goal.js";
import { DEFAULT_SETTINGS } from "../../src/store/schema.js";

describe("paceNote", () => {
  it("on exam day says the plan introduces no new cards, not a pace of 0 over 0 days", () => {
    const note = paceNote(appliedNewCards(150, 0, 0), DEFAULT_SETTINGS);
    expect(note).toBe("new cards today: none, the plan introduces none on exam day (150 not seen yet; `--new N` takes some for one session), instead of newPerDay 20");
    expect(paceNote(appliedNewCards(40, 0, 10), DEFAULT_SETTINGS)).toBe("new cards today: 6, the plan's pace (40 not seen before today, over 7 days), instead of newPerDay 20");
  });
});

describe("examDateProblem", () => {
  it("says in one sentence what is wrong with the date and which dates --exam takes", () => {
    const now = new Date(2026, 11, 1, 17);
    const problem = (typed: string) => {
      const r = examDateFrom(typed, now);
      if (r.ok) throw new Error(`${typed} was taken`);
      return examDateProblem(typed, r);
    };
    expect(problem("+99999d")).toBe("--exam +99999d is more than 3 years ahead: give a date from 2026-12-02 to 2029-12-01");
    expect(problem("9999-12-31")).toBe("--exam 9999-12-31 is more than 3 years ahead: give a date from 2026-12-02 to 2029-12-01");
    expect(problem("+0")).toBe("--exam 2026-12-01 is today, and the exam's start at 09:00 has passed: give a date from 2026-12-02 to 2029-12-01");
    expect(problem("2026-11-30")).toBe("--exam 2026-11-30 is in the past: give a date from 2026-12-02 to 2029-12-01");
    expect(problem("next week")).toMatch(/^--exam takes a date from 2026-12-02 to 2029-12-01, as YYYY-MM-DD or as days or weeks from today/);
  });
});
