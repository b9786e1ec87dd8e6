// Exam-date mode's day in the quiz, end to end: the built binary in a pseudo-terminal, its clock set and stepped by
// libfaketime (read from a file the test rewrites, so each answer takes a known time). The day ends at the plan's
// minutes, counted over every session of the day; missed days are spread, never piled on one day; new cards follow
// the plan's pace.

import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, writeBank } from "../helpers/bank-fixture.js";
import { cellWidth, terminals, type Terminal } from "../helpers/tmux.js";
import { Clock, FAKETIME_LIB } from "../helpers/wall-clock.js";

const recallBank = (n: number) =>
  `# Day fixture\n\n${Array.from({ length: n }, (_, i) => `- sample:\n  - Recall question number ${i}? <!-- id: fx-day-${i} -->\n    - answer ${i}\n`).join("\n")}`;

/** A progress file with the exam set and `reviewed` cards in review, due on the days given (cycled). */
function progress(data: string, exam: Record<string, unknown>, reviewed: number, dueDays: string[], settings: Record<string, unknown> = {}): void {
  const cards: Record<string, unknown> = {};
  for (let i = 0; i < reviewed; i++) {
    const due = dueDays[i % dueDays.length]!;
    cards[`fx-day-${i}`] = {
      due: `${due}T10:00:00.000Z`,
      stability: 4,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 4,
      learningSteps: 0,
      reps: 3,
      lapses: 0,
      phase: "review",
      lastReview: new Date(Date.parse(`${due}T10:00:00.000Z`) - 4 * 86_400_000).toISOString(),
    };
  }
  writeFileSync(
    data,
    JSON.stringify({
      schemaVersion: 1,
      settings: { newPerDay: 20, reviewsPerDay: 200, desiredRetention: 0.9, contentPaths: [], exam, ...settings },
      days: {},
      cards,
      exams: [],
      logApplied: 0,
    }),
  );
}

const tty = terminals();
afterEach(() => tty.closeAll());

/** Answers recall cards, each taking `seconds` on the clock, until the screen shows `until`; returns the ids answered. */
async function answerUntil(t: Terminal, clock: Clock, seconds: number, until: RegExp, max = 30, shown: string[] = []): Promise<string[]> {
  const answered: string[] = [];
  for (let i = 0; i < max; i++) {
    const screen = await t.waitFor(new RegExp(`${until.source}|Recall question number \\d+\\?[\\s\\S]*show the answer`));
    if (until.test(screen)) return answered;
    shown.push(screen);
    answered.push(await answerShown(t, clock, seconds, screen));
  }
  throw new Error(`still answering after ${max} cards:\n${t.screen()}`);
}

/** Answers the recall card on `screen` Good after `seconds` on the clock, and waits for its answer to be saved. */
async function answerShown(t: Terminal, clock: Clock, seconds: number, screen: string): Promise<string> {
  const id = /Recall question number (\d+)\?/.exec(screen)![1]!;
  clock.advance(seconds);
  t.send("Space");
  await t.waitFor(/How well did you know it\?/);
  t.send("3");
  await t.waitFor(new RegExp(`saved fx-day-${id}:|Session over`));
  return id;
}

const reviewCount = (text: string, date: string) => {
  const line = text.split("\n").find((l) => l.startsWith(date));
  if (!line) throw new Error(`no forecast line for ${date}:\n${text}`);
  const [, fresh, reviews, minutes] = line.trim().split(/\s+/).map(Number);
  return { fresh: fresh!, reviews: reviews!, minutes: minutes!, over: line.includes("over") };
};

describe.skipIf(!FAKETIME_LIB)("exam-date mode's day in the quiz", () => {
  it("after 5 missed days: the plan spreads the overdue cards, the quiz stops at the minutes, a later session the same day too, and extra study goes on", async () => {
    const bank = writeBank(recallBank(40));
    const data = dataFile();
    // 40 cards due over the 5 days the student missed (2027-01-05 to 09); today is 2027-01-10, 10:00.
    progress(data, { date: "2027-02-09", minutesPerDay: 2, target: 0.97 }, 40, ["2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-09"]);
    const clock = new Clock("2027-01-10T10:00:00");
    const args = ["--no-bundled", "--content", bank, "--data", data];

    // The plan: no pile-up. Two minutes hold 6 reviews of 20 s; every forecast day stays within them, and the
    // first three days share the 40 overdue cards instead of today taking them all.
    const plan = cogquiz([...args, "plan"], { env: clock.env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("Exam on 2027-02-09: 30 days left · 2 minutes a day");
    const days = ["2027-01-10", "2027-01-11", "2027-01-12", "2027-01-13"].map((d) => reviewCount(plan.stdout, d));
    for (const d of days) {
      expect(d.over).toBe(false);
      expect(d.reviews).toBeLessThanOrEqual(6);
    }
    expect(days[0]!.reviews).toBe(6);
    expect(plan.stdout).toContain("reviews would still be waiting on exam day");

    // The quiz: each answer takes 50 s; after three (150 s) today's 2 minutes are done.
    const t = tty.start([...args, "quiz"], clock.env);
    const first = await t.waitFor(/show the answer/);
    expect(first).toMatch(/exam in 30 days · readiness \d+ %/);
    const shown: string[] = [];
    const answered = await answerUntil(t, clock, 50, /minutes are done/, 30, shown);
    expect(answered).toHaveLength(3);
    // Every card's status line, not the first screen's alone, says the days to the exam and the readiness.
    for (const screen of shown) expect(screen).toMatch(/exam in 30 days[\s·]+readiness \d+ %/);
    let screen = await t.waitFor(/extra study: 10 more minutes past today's 2 minutes/);
    expect(screen.replace(/\s+/g, " ")).toContain("Today's 2 minutes are done (3 min studied today): 37 due reviews still wait; `cogquiz plan` shows when they come");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);

    // Later the same day, a new session: today's study time comes from the store, so no card is shown…
    clock.advance(3600);
    const later = tty.start([...args, "quiz"], clock.env);
    screen = await later.waitFor(/extra study: 10 more minutes/);
    expect(later.history()).toContain("today: 3 of the plan's 2 minutes studied");
    expect(screen).toContain("Session over: nothing answered.");
    expect(screen).not.toMatch(/show the answer/);
    // …until the student asks for extra study: ten more minutes, at 50 s a card.
    later.send("z");
    // The offer stays on screen until the first card replaces it: wait for that card, or the offer would match.
    await later.waitFor(/Recall question number \d+\?[\s\S]*show the answer/);
    const extra = await answerUntil(later, clock, 50, /minutes are done[\s\S]*extra study: 10 more minutes/);
    expect(extra).toHaveLength(12);
    later.send("q");
    expect(await later.waitForExit()).toBe(0);

    // The next study day has its own two minutes; what waited is due first, weakest first, and still capped.
    clock.advance(24 * 3600);
    const tomorrow = tty.start([...args, "quiz"], clock.env);
    expect(await answerUntil(tomorrow, clock, 50, /minutes are done/)).toHaveLength(3);
    tomorrow.send("q");
    expect(await tomorrow.waitForExit()).toBe(0);
    const log = readFileSync(data.replace(/progress\.json$/, "reviews.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(log.filter((r) => r.kind === "review")).toHaveLength(18);
  }, 90_000);

  it("without an exam the quiz does not stop at any minutes", async () => {
    const bank = writeBank(recallBank(8));
    const data = dataFile();
    progress(data, { date: "2027-02-09", minutesPerDay: 1, target: 0.97 }, 8, ["2027-01-08"]);
    const file = JSON.parse(readFileSync(data, "utf8"));
    delete file.settings.exam;
    writeFileSync(data, JSON.stringify(file));
    const clock = new Clock("2027-01-10T10:00:00");
    const t = tty.start(["--no-bundled", "--content", bank, "--data", data, "quiz"], clock.env);
    const answered = await answerUntil(t, clock, 50, /Session over/);
    expect(answered).toHaveLength(8);
    expect(t.screen()).not.toMatch(/minutes? (are|is) done|exam in/);
    expect(await t.waitForExit()).toBe(0);
  }, 60_000);

  it("new cards follow the plan's pace, recomputed each day (missed days absorbed), unless newPerDay is set after the plan", async () => {
    const bank = writeBank(recallBank(40));
    const data = dataFile();
    // Nothing seen yet; the exam in 10 days: 40 cards over the 7 days before the 2-day final window and its margin.
    progress(data, { date: "2027-01-20", minutesPerDay: 30, target: 0.97 }, 0, []);
    const clock = new Clock("2027-01-10T10:00:00");
    const args = ["--no-bundled", "--content", bank, "--data", data];
    const plan = cogquiz([...args, "plan"], { env: clock.env });
    expect(plan.stdout).toContain("40 of 40 cards not seen yet: 6 new a day introduces them all in 7 days");
    expect(plan.stdout).toContain("The quiz applies this pace: 6 new cards a day");
    expect(reviewCount(plan.stdout, "2027-01-10").fresh).toBe(6);

    /** Starts a quiz, answers one card Good, quits; returns the first screen. */
    const oneCard = async () => {
      const t = tty.start([...args, "quiz"], clock.env);
      const screen = await t.waitFor(/show the answer/);
      await answerShown(t, clock, 20, screen);
      t.send("q");
      expect(await t.waitForExit()).toBe(0);
      return screen;
    };
    let screen = await oneCard();
    expect(screen).toContain("new cards today: 6, the plan's pace (40 not seen before today, over 7 days), instead of newPerDay 20");
    expect(screen).toMatch(/card 1 · 5 new · 0 learning · 0 due/);
    // The same day, a minute later: the pace is still today's, less the card already introduced (the exam rule
    // skips its same-day step, so it waits as a review for a later day).
    clock.advance(60);
    screen = await oneCard();
    expect(screen).toContain("new cards today: 6, the plan's pace (40 not seen before today");
    expect(screen).toMatch(/card 1 · 4 new · 0 learning/);

    // Three days missed: 38 cards left over the 4 days before the window, 10 a day, not 6 × 4 on one day.
    clock.advance(3 * 86_400);
    expect(cogquiz([...args, "plan"], { env: clock.env }).stdout).toContain("The quiz applies this pace: 10 new cards a day");
    screen = await oneCard();
    expect(screen).toContain("new cards today: 10, the plan's pace (38 not seen before today, over 4 days)");

    // newPerDay set after the plan is the student's choice, and both say which one is used.
    const set = cogquiz([...args, "config", "set", "newPerDay", "4"], { env: clock.env });
    expect(set.stderr).toContain("the quiz now takes newPerDay 4 instead of the exam plan's pace");
    expect(cogquiz([...args, "plan"], { env: clock.env }).stdout).toContain("The quiz applies your own newPerDay, 4 a day, set after the plan, not the plan's pace of 10");
    expect(cogquiz([...args, "config", "get"], { env: clock.env }).stdout).toContain("newCards=newPerDay");
    screen = await oneCard();
    expect(screen).toContain("new cards today: 4, your newPerDay set after the plan (the plan's pace is 10;");
    expect(cogquiz([...args, "config", "set", "newPerDay", "plan"], { env: clock.env }).stdout).toContain("newPerDay=plan");
    expect(cogquiz([...args, "plan"], { env: clock.env }).stdout).toContain("The quiz applies this pace: 10 new cards a day");
    // Setting the plan again also follows its pace.
    cogquiz([...args, "config", "set", "newPerDay", "4"], { env: clock.env });
    expect(cogquiz([...args, "plan", "--minutes", "20"], { env: clock.env }).stdout).toContain("The quiz applies this pace");
  }, 90_000);

  it("at 60×20 the exam's status line, the buttons' exam note and the end of the day's minutes fit the terminal", async () => {
    const bank = writeBank(recallBank(3));
    const data = dataFile();
    progress(data, { date: "2027-01-15", minutesPerDay: 1, target: 0.97 }, 3, ["2027-01-10"]);
    const clock = new Clock("2027-01-10T10:00:00");
    const size = { cols: 60, rows: 20 };
    const fits = (t: Terminal, what: string) =>
      expect(t.screen().split("\n").filter((l) => cellWidth(l) > size.cols), `${what}: lines wider than 60 cells`).toEqual([]);
    const t = tty.start(["--no-bundled", "--content", bank, "--data", data, "quiz"], clock.env, size);
    let screen = await t.waitFor(/show the answer/);
    expect(screen).toMatch(/exam in 5 days · readiness \d+ %/);
    fits(t, "first card");
    clock.advance(40);
    t.send("Space");
    screen = await t.waitFor(/Easy ·/);
    // The exam shortened Good's interval to the final window, and the button says so.
    expect(screen).toMatch(/Good · \d+d, exam in 5d/);
    fits(t, "rating buttons");
    t.send("3");
    await t.waitFor(/show the answer/);
    clock.advance(40);
    t.send("Space");
    await t.waitFor(/Easy ·/);
    t.send("3");
    screen = await t.waitFor(/extra study: 10 more minutes/);
    expect(screen.replace(/\s+/g, " ")).toContain("Today's 1 minute is done");
    fits(t, "end of the day's minutes");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const stats = cogquiz(["--no-bundled", "--content", bank, "--data", data, "stats"], { env: { ...clock.env, COLUMNS: "60" } });
    expect(stats.stdout.split("\n")[0]).toMatch(/^exam in 5 days · readiness \d+ %$/);
  }, 60_000);
});
