import { describe, expect, it } from "vitest";
import { checkExamGoal, isCalendarDate } from "../../src/srs/exam-goal.js";
import { checkProgress, emptyProgress } from "../../src/store/schema.js";

describe("stored exam goal", () => {
  it("accepts a well-formed goal and names what is wrong with a bad one", () => {
    expect(checkExamGoal({ date: "2027-01-15", minutesPerDay: 30, target: 0.97, guide: "dva-c02" })).toBeUndefined();
    expect(checkExamGoal({ date: "2027-02-30", minutesPerDay: 30, target: 0.97 })).toMatch(/date/);
    expect(checkExamGoal({ date: "2027-01-15", minutesPerDay: 0, target: 0.97 })).toMatch(/minutesPerDay/);
    expect(checkExamGoal({ date: "2027-01-15", minutesPerDay: 30, target: 1.5 })).toMatch(/target/);
    expect(checkExamGoal({ date: "2027-01-15", minutesPerDay: 30, target: 0.97, guide: "scs-c02" })).toMatch(/guide/);
    expect(checkExamGoal([])).toMatch(/not an object/);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
  });

  it("makes the progress file check refuse a bad exam, and leaves a file without one alone", () => {
    const p = emptyProgress();
    expect(checkProgress(JSON.parse(JSON.stringify(p)))).toBeUndefined();
    const bad = JSON.parse(JSON.stringify({ ...p, settings: { ...p.settings, exam: { date: "soon", minutesPerDay: 30, target: 0.97 } } }));
    expect(checkProgress(bad)).toEqual({ kind: "shape", detail: "settings.exam.date is not a YYYY-MM-DD date" });
  });
});
