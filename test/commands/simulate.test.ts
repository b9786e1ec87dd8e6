// simulate's options: every refusal states the range the option takes, the upper limit included.

import { describe, expect, it } from "vitest";
import { parseSimulateOptions, type SimulateOptions } from "../../src/commands/simulate.js";
import { wholeNumber } from "../../src/commands/numbers.js";

const refusal = (opts: SimulateOptions): string => {
  try {
    parseSimulateOptions(opts, 150);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(opts)} was taken`);
};

describe("simulate's numeric options", () => {
  it("name the allowed range for a value over the limit, under it, or not a number", () => {
    expect(refusal({ minutes: "1e9" })).toBe('--minutes takes a number above 0 and at most 1440 (got "1e9")');
    expect(refusal({ minutes: "0" })).toBe('--minutes takes a number above 0 and at most 1440 (got "0")');
    expect(refusal({ seed: "4294967296" })).toBe('--seed takes a whole number from 0 to 999999999 (got "4294967296")');
    expect(refusal({ seed: "-1" })).toBe('--seed takes a whole number from 0 to 999999999 (got "-1")');
    expect(refusal({ cards: "99999999999" })).toBe('--cards takes a whole number from 1 to 100000 (got "99999999999")');
    expect(refusal({ cards: "1e3" })).toBe('--cards takes a whole number from 1 to 100000 (got "1e3")');
    expect(refusal({ days: "1.5" })).toBe('--days takes a whole number from 1 to 3650 (got "1.5")');
    expect(refusal({ days: "4000" })).toBe('--days takes a whole number from 1 to 3650 (got "4000")');
    expect(refusal({ newPerDay: "soon" })).toBe('--new-per-day takes a whole number from 1 to 10000, or plan (got "soon")');
    expect(refusal({ learners: "0" })).toBe('--learners takes a whole number from 1 to 10000 (got "0")');
    expect(refusal({ target: "2" })).toBe('--target takes a number from 0.5 to 0.995 (got "2")');
  });

  it("take the limits themselves", () => {
    const c = parseSimulateOptions({ minutes: "1440", seed: "999999999", cards: "100000", days: "3650", newPerDay: "10000", learners: "10000" }, 150);
    expect(c).toMatchObject({ minutesPerDay: 1440, seed: 999_999_999, cardCount: 100_000, days: 3650, newPerDay: 10_000, learners: 10_000 });
  });
});

describe("wholeNumber", () => {
  it("states its range, the default nine digits included", () => {
    expect(() => wholeNumber("--new", "9999999999")).toThrow('--new takes a whole number from 0 to 999999999 (got "9999999999")');
    expect(() => wholeNumber("--pass", "50", { min: 100, max: 1000 })).toThrow('--pass takes a whole number from 100 to 1000 (got "50")');
    expect(wholeNumber("--new", "007")).toBe(7);
    expect(wholeNumber("--new", undefined)).toBeUndefined();
  });
});

describe("simulate's report", () => {
  it("names one card, day, minute and learner in the singular", async () => {
    const { cogquiz } = await import("../helpers/cli.js");
    const r = cogquiz(["simulate", "--cards", "1", "--days", "1", "--learners", "1", "--minutes", "1", "--new-per-day", "1", "--no-frontier"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^1 card, 1 day, 1 new a day, 1 minute a day, 1 default learner, seed 1;/);
  });
});

describe("simulate's report of a run too short to introduce every card", () => {
  it("says how many cards the new-card limit can reach, and not when the days reach them all or the plan paces them", async () => {
    const { cogquiz } = await import("../helpers/cli.js");
    const run = (...extra: string[]) => cogquiz(["simulate", "--cards", "50", "--days", "2", "--learners", "1", "--no-frontier", ...extra]);
    const short = run();
    expect(short.code, short.stderr).toBe(0);
    expect(short.stdout.replace(/\s+/g, " ")).toContain("At 20 new a day, 2 days introduce at most 40 of the 50 cards: the rest stay unseen (recall 0)");
    expect(run("--new-per-day", "25").stdout).not.toContain("introduce at most");
    expect(run("--new-per-day", "plan").stdout).not.toContain("introduce at most");
  });
});

describe("simulate's report of minutes too few for one answer", () => {
  it("gives no ratio to fsrs-0.90's 0 minutes, rather than NaN×", async () => {
    const { cogquiz } = await import("../helpers/cli.js");
    const r = cogquiz(["simulate", "--cards", "5", "--days", "1", "--learners", "1", "--minutes", "0.5", "--no-frontier"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("NaN");
    expect(r.stdout).toContain("exam-date mode: recall 0.000 with 0 minutes, fsrs-0.90 none (recall 0.000)");
    // The table of zeros says why.
    expect(r.stdout.replace(/\s+/g, " ")).toContain("0.5 minutes a day is less than one new card's answer (counted as 60 s): no card is ever introduced");
  });

  it("says when a day's minutes hold no answer at all, and says nothing of it when one new card fits", async () => {
    const { cogquiz } = await import("../helpers/cli.js");
    const none = cogquiz(["simulate", "--cards", "5", "--days", "1", "--learners", "1", "--minutes", "0.2", "--no-frontier"]);
    expect(none.stdout.replace(/\s+/g, " ")).toContain("0.2 minutes a day is less than one answer (a review is counted as 20 s, a new card as 60 s)");
    const one = cogquiz(["simulate", "--cards", "5", "--days", "1", "--learners", "1", "--minutes", "1", "--no-frontier"]);
    expect(one.stdout).not.toMatch(/less than one/);
  });
});
