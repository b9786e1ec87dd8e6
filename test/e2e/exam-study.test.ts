import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { optionNumber, terminals } from "../helpers/tmux.js";
import { Clock, FAKETIME_LIB } from "../helpers/wall-clock.js";

const tty = terminals();
afterEach(() => tty.closeAll());
const start = (args: string[]) => tty.start(args);
const progress = (data: string) => JSON.parse(readFileSync(data, "utf8"));

describe("cogquiz exam in a terminal", () => {
  it("answers, flags, goes back, reviews and submits; stores the result and feeds the scheduler", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "exam", "--seed", "3"]);
    let screen = await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    // 2 questions: 4 minutes, under five from the start, so the warning waits for the second half.
    expect(screen).toMatch(/⏱ 0:0[34]:\d\d left/);
    const first = screen.includes("clear daytime sky") ? "sky" : "primes";
    const answer = (s: string, kind: string) => (kind === "sky" ? [optionNumber(s, "Blue like the sea")] : [optionNumber(s, "Seven"), optionNumber(s, "Eleven")]);
    for (const k of answer(screen, first)) t.send(k);
    t.send("f");
    await t.waitFor("⚑ 1 flagged");
    t.send("Enter");
    screen = await t.waitFor(/question 2 of 2[\s\S]*review & submit/);
    // Leave the second one wrong on purpose, go back to the first, then submit from the review screen.
    const second = first === "sky" ? "primes" : "sky";
    t.send(second === "sky" ? optionNumber(screen, "Green like grass") : optionNumber(screen, "Nine"));
    t.send("p");
    screen = await t.waitFor(/question 1 of 2[\s\S]*this one is flagged/);
    expect(screen).toMatch(/\[x\]|\(●\)/);
    t.send("r");
    screen = await t.waitFor(/Review[\s\S]*0 unanswered\s+·\s+0 incomplete\s+·\s+1 flagged/);
    t.send("s");
    await t.waitFor("Submit the exam now? 0 unanswered questions, 0 incomplete, 1 flagged.");
    t.send("y");
    screen = await t.waitFor(/Mock exam result[\s\S]*showing missed/);
    expect(screen).toContain("1 of 2 right");
    expect(screen).toContain("scaled score 550 of 1000, an estimate");
    expect(screen).toContain("FAIL against 720");
    t.send("q");
    screen = await t.waitFor(/Sit the missed questions again: cogquiz exam --retake missed/);
    expect(screen).toContain("1 of 2 right");
    expect(await t.waitForExit()).toBe(0);
    const exam = progress(data).exams[0];
    expect(exam).toMatchObject({ status: "submitted", total: 2, correct: 1, scaled: 550, passed: false });
    expect(exam.answers.find((a: { flagged: boolean }) => a.flagged).correct).toBe(true);
    const log = readFileSync(data.replace("progress.json", "reviews.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(log.filter((r) => r.kind === "review").map((r) => [r.source, r.rating]).sort()).toEqual([["exam", "again"], ["exam", "good"]]);
    // The result itself is in the log too, so a replay of the log keeps the exam history.
    expect(log.filter((r) => r.kind === "exam").map((r) => r.exam.id)).toEqual([exam.id]);
  });

  it("submits by itself when time runs out", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "exam", "--minutes", "0.05"]);
    await t.waitFor(/question 1 of 2/);
    const screen = await t.waitFor(/time ran out; submitted automatically/, 15_000);
    expect(screen).toContain("0 of 2 right");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(progress(data).exams[0]).toMatchObject({ status: "timed-out", correct: 0, minutes: 0.05 });
  });

  it.skipIf(!FAKETIME_LIB)("ends at the deadline by the time of day, also when the machine slept through it, and takes no answer after", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const clock = new Clock("2027-01-04T09:00:00");
    const t = tty.start(["--no-bundled", "--content", bank, "--data", data, "exam", "--minutes", "10", "--seed", "3"], clock.env);
    let screen = await t.waitFor(/⏱ 0:10:00 left[\s\S]*review & submit/);
    // Asleep for half an hour: the time of day is past the deadline, the machine's timers are not. A key pressed on
    // waking is no answer.
    clock.advance(30 * 60);
    t.send("1");
    screen = await t.waitFor(/time ran out; submitted automatically/);
    expect(screen).toContain("time used 10 min of 10 min");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const exam = progress(data).exams[0];
    expect(exam).toMatchObject({ status: "timed-out", correct: 0, endedAt: "2027-01-04T09:10:00.000Z" });
    expect(exam.answers.map((a: { chosen: string[] }) => a.chosen)).toEqual([[], []]);
  });

  it("asks before abandoning on Ctrl-C, and stores an abandoned exam", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "exam"]);
    await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("n");
    await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("y");
    await t.waitFor("Exam abandoned.");
    expect(await t.waitForExit()).toBe(0);
    expect(progress(data).exams[0].status).toBe("abandoned");
    expect(progress(data).cards).toEqual({});
  });
});

describe("cogquiz study in a terminal", () => {
  it("filters topics, opens one, pages through its notes, and quizzes it", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "study"]);
    await t.waitFor(/Study a topic[\s\S]*Singles/);
    t.send("r", "e", "c");
    let screen = await t.waitFor(/filter: rec/);
    expect(screen).not.toContain("Singles");
    t.send("Enter");
    screen = await t.waitFor(/Session fixture › Recall[\s\S]*space\/q close/);
    expect(screen).toContain("3 cards");
    t.send("Space");
    screen = await t.waitFor(/quiz this topic \(3 cards\)/);
    t.send("z");
    await t.waitFor(/capital of France[\s\S]*show the answer/);
    t.send("Space");
    await t.waitFor(/Paris[\s\S]*Easy ·/);
    t.send("4");
    await t.waitFor(/photosynthesis[\s\S]*show the answer/);
    t.send("q");
    await t.waitFor(/Session over: 1 answered[\s\S]*back to the notes/);
    t.send("Enter");
    await t.waitFor(/Session fixture › Recall[\s\S]*close/);
    t.send("q");
    await t.waitFor(/quit/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(Object.keys(progress(data).cards)).toEqual(["fx-recall-paris"]);
  });

  it("pages long notes a screen at a time and opens a topic named on the command line", async () => {
    const long = `# Long notes\n\n${Array.from({ length: 120 }, (_, i) => `- note line ${i} with **bold** text`).join("\n")}\n`;
    const bank = writeBank(long);
    const t = start(["--no-bundled", "--content", bank, "--data", dataFile(), "study", "long"]);
    let screen = await t.waitFor(/1-\d+ of \d+ lines/);
    expect(screen).toContain("note line 0 with bold text");
    expect(screen).not.toContain("note line 119");
    t.send("Space");
    screen = await t.waitFor(/· (?:[2-9]|1\d)\d*-\d+ of \d+ lines/);
    expect(screen).not.toContain("note line 0 ");
    t.send("b");
    await t.waitFor(/ 1-\d+ of \d+ lines/);
    t.send("C-c");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("cogquiz stats and export", () => {
  it("prints zeros for a fresh profile, as text and JSON", () => {
    const data = dataFile();
    const text = cogquiz(["--data", data, "stats"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("0 of 150 seen");
    const json = JSON.parse(cogquiz(["--data", data, "stats", "--json"]).stdout);
    expect(json).toMatchObject({ version: 1, cards: { total: 150, seen: 0 }, streak: { current: 0 }, retention: { last7: { rate: null } } });
  });

  it("writes an Anki file with --out and refuses an unknown format", () => {
    const out = `${dataFile()}.anki.txt`;
    const r = cogquiz(["--data", dataFile(), "export", "--format", "anki", "--out", out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("#separator:tab");
    expect(lines.filter((l) => !l.startsWith("#"))).toHaveLength(150);
    expect(cogquiz(["export", "--format", "xml"]).code).toBe(2);
    expect(cogquiz(["export"]).code).toBe(2);
  });
});

describe("control characters in notes", () => {
  it("are shown escaped in study mode, never sent to the terminal", async () => {
    const bank = writeBank("# Hostile\n\nA title change \u001b]0;pwned\u0007 and a clear \u001b[2J here.\n");
    const t = start(["--no-bundled", "--content", bank, "--data", dataFile(), "study", "hostile"]);
    const screen = await t.waitFor(/Hostile[\s\S]*close/);
    expect(screen).toContain("\\x1b]0;pwned\\x07");
    t.send("C-c");
    expect(await t.waitForExit()).toBe(0);
    expect(readFileSync(t.log, "utf8")).not.toContain("\u001b]0;pwned");
  });
});
