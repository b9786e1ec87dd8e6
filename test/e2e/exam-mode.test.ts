// Exam-date mode end to end: the built binary with its clock moved by libfaketime, in a real pseudo-terminal.

import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { Terminal } from "../helpers/tmux.js";

const FAKETIME_LIB = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1"].find(existsSync);
/** The clock at `when` (UTC), running on from there. */
const clockAt = (when: string): Record<string, string> => ({ LD_PRELOAD: FAKETIME_LIB!, FAKETIME: `@${when}`, TZ: "UTC", DONT_FAKE_MONOTONIC: "1" });

const open: Terminal[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** A progress file with the exam set (or none) and one recall card in review, due at 2027-01-10 17:00 UTC. */
function progressWithExam(data: string, exam: Record<string, unknown> | undefined, due = "2027-01-10T17:00:00.000Z", more: Record<string, unknown> = {}): void {
  const card = {
    due,
    stability: 3,
    difficulty: 6,
    elapsedDays: 0,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    phase: "review",
    lastReview: "2027-01-07T17:00:00.000Z",
    ...more,
  };
  const progress = {
    schemaVersion: 1,
    settings: { newPerDay: 20, reviewsPerDay: 200, desiredRetention: 0.9, contentPaths: [], exam },
    days: {},
    cards: { "fx-recall-paris": card },
    exams: [],
    logApplied: 0,
  };
  writeFileSync(data, JSON.stringify(progress));
}

/** No exam yet, and one card plain FSRS dated 60 days after its last review: past any final window of an exam soon. */
function farCard(): { data: string; args: string[]; env: Record<string, string> } {
  const data = dataFile();
  progressWithExam(data, undefined, "2027-03-08T17:00:00.000Z", { stability: 60, scheduledDays: 60 });
  return { data, args: ["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data], env: clockAt("2027-01-10 18:00:00") };
}

/** The session bank with one card seen and an exam 30 days after 2027-01-10: the status stats gives for it. */
function examIn30Days(): { args: string[]; status: string } {
  const data = dataFile();
  progressWithExam(data, { date: "2027-02-09", minutesPerDay: 30, target: 0.97 });
  const args = ["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data];
  const stats = cogquiz([...args, "stats"], { env: clockAt("2027-01-10 18:00:00") });
  return { args, status: /^exam in 30 days · readiness \d+ %$/m.exec(stats.stdout)![0] };
}

describe.skipIf(!FAKETIME_LIB)("exam-date mode", () => {
  it("plan sets the exam, prints the plan, shows in config, refuses bad input and clears", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const env = clockAt("2027-01-10 18:00:00");
    const set = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan", "--exam", "2027-02-09", "--minutes", "20", "--guide", "dva-c02"], { env });
    expect(set.stderr).toBe("");
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("Exam on 2027-02-09: 30 days left · 20 minutes a day · target recall 0.97 · guide dva-c02");
    expect(set.stdout).toMatch(/\d+ of \d+ cards not seen yet: 1 new a day/);
    expect(set.stdout).toContain("60 s new, 20 s review (defaults until you have answers in the log)");
    expect(set.stdout).toContain("The plan fits 20 minutes a day");
    const again = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan"], { env });
    expect(again.stdout).toContain("Exam on 2027-02-09: 30 days left");
    const config = cogquiz(["--data", data, "config", "get"], { env });
    // One key=value a line, each of which `config get <key>` reads back, newCards included.
    expect(config.stdout).toContain("exam=2027-02-09\nminutesPerDay=20\ntarget=0.97\nguide=dva-c02\nnewCards=plan\n");
    for (const line of config.stdout.trim().split("\n").filter((l) => !l.startsWith("fsrs"))) {
      const [key, value] = line.split("=") as [string, string];
      expect(cogquiz(["--data", data, "config", "get", key], { env }).stdout, key).toBe(`${value}\n`);
    }
    const readOnly = cogquiz(["--data", data, "config", "set", "newCards", "5"], { env });
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toContain("`cogquiz config set newPerDay N` sets your own, `cogquiz config set newPerDay plan` follows the plan's pace");

    const past = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan", "--exam", "2027-01-01"], { env });
    expect(past.code).toBe(2);
    expect(past.stderr).toBe("cogquiz: --exam 2027-01-01 is in the past: give a date from 2027-01-11 to 2030-01-10\n");
    const badDate = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan", "--exam", "2027-02-30"], { env });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toBe("cogquiz: --exam 2027-02-30 is no day on the calendar: give a date from 2027-01-11 to 2030-01-10, as YYYY-MM-DD\n");
    const badGuide = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan", "--guide", "abc-c01"], { env });
    expect(badGuide.stderr).toContain('unknown exam guide "abc-c01"');

    const cleared = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan", "--clear"], { env });
    expect(cleared.stdout).toContain("Exam of 2027-02-09 cleared");
    expect(JSON.parse(readFileSync(data, "utf8")).settings.exam).toBeUndefined();
    expect(cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan"], { env }).stdout).toContain("No exam set.");
    const json = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan", "--json"], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ version: 1, exam: null });
  });

  it("plan --clear --json prints JSON: the plan's shape with no exam, and what it cleared", () => {
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-20", minutesPerDay: 30, target: 0.97 });
    const args = ["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "plan", "--clear", "--json"];
    const cleared = cogquiz(args, { env: clockAt("2027-01-10 18:00:00") });
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(JSON.parse(cleared.stdout)).toEqual({ version: 1, exam: null, cleared: { date: "2027-01-20", cardsRedated: 0 } });
    expect(JSON.parse(readFileSync(data, "utf8")).settings.exam).toBeUndefined();
    const none = cogquiz(args, { env: clockAt("2027-01-10 18:00:00") });
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ version: 1, exam: null, cleared: null });
  });

  it("config gets and sets the exam's settings as plan does, with the same checks, saving nothing on a bad value", () => {
    // A card plain FSRS dated past the exam's final window is brought into it, as plan --exam does.
    const { data, args, env } = farCard();
    const noExam = cogquiz([...args, "config", "set", "minutesPerDay", "45"], { env });
    expect(noExam.code).toBe(2);
    expect(noExam.stderr).toContain("no exam is set");
    const set = cogquiz([...args, "config", "set", "exam", "2027-02-01"], { env });
    expect(set.stderr).toBe("");
    expect(set.stdout).toBe("exam=2027-02-01\n");
    expect(Date.parse(JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"].due)).toBeLessThan(Date.parse("2027-02-01T00:00:00Z"));
    expect(cogquiz([...args, "config", "set", "minutesPerDay", "45"], { env }).stdout).toBe("minutesPerDay=45\n");
    expect(cogquiz([...args, "config", "set", "guide", "DVA-C02"], { env }).stdout).toBe("guide=dva-c02\n");
    const before = readFileSync(data, "utf8");
    const bad = cogquiz([...args, "config", "set", "target", "1.2"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('cogquiz: target takes a number from 0.7 to 0.995 (got "1.2")\n');
    expect(cogquiz([...args, "config", "set", "exam", "2027-01-01"], { env }).stderr).toContain("exam 2027-01-01 is in the past");
    expect(readFileSync(data, "utf8")).toBe(before);
    for (const [key, value] of [["exam", "2027-02-01"], ["minutesPerDay", "45"], ["target", "0.97"], ["guide", "dva-c02"]]) {
      expect(cogquiz([...args, "config", "get", key!], { env }).stdout).toBe(`${value}\n`);
    }
    expect(cogquiz([...args, "plan"], { env }).stdout).toContain("Exam on 2027-02-01: 22 days left · 45 minutes a day · target recall 0.97 · guide dva-c02");
  });

  it("config get of an exam setting that is not set prints nothing and exits 1, so a script tells it from a value", () => {
    const { args, env } = farCard();
    const cards = cogquiz([...args, "config", "get", "newCards"], { env });
    expect([cards.code, cards.stdout]).toEqual([1, ""]);
    expect(cards.stderr).toContain("no exam is set, so the quiz takes newPerDay");
    for (const key of ["exam", "minutesPerDay", "target", "guide"]) {
      const r = cogquiz([...args, "config", "get", key], { env });
      expect(r.code, key).toBe(1);
      expect(r.stdout, key).toBe("");
      expect(r.stderr, key).toBe("cogquiz: no exam is set: `cogquiz config set exam YYYY-MM-DD` (or `cogquiz plan --exam`) sets one\n");
    }
    expect(cogquiz([...args, "config", "set", "exam", "2027-02-01"], { env }).code).toBe(0);
    expect(cogquiz([...args, "config", "get", "exam"], { env }).stdout).toBe("2027-02-01\n");
    const guide = cogquiz([...args, "config", "get", "guide"], { env });
    expect(guide.code).toBe(1);
    expect(guide.stdout).toBe("");
    expect(guide.stderr).toBe("cogquiz: no exam guide is set: `cogquiz config set guide <id>` (or `cogquiz plan --guide`) sets one; guides are dva-c02, saa-c03, scs-c03\n");
  });

  it("plan --clear re-dates the cards the exam brought forward from their stability, as after the exam's day", () => {
    const { data, args, env } = farCard();
    const plain = JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"];
    expect(cogquiz([...args, "plan", "--exam", "2027-02-01"], { env }).code).toBe(0);
    const forward = JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"];
    expect(Date.parse(forward.due)).toBeLessThan(Date.parse("2027-02-01T00:00:00Z"));
    const cleared = cogquiz([...args, "plan", "--clear"], { env });
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toContain("Exam of 2027-02-01 cleared: scheduling is plain FSRS at 0.9 again (1 card re-dated from their stability).");
    const back = JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"];
    expect(back.due).toBe(plain.due);
  });

  it("setting the exam, or fewer minutes later, brings a card forward to the first day of the content set's window", () => {
    // With the bundled content beside the bank (over 150 cards), 5 minutes a day size the window to a week, 30 to 2
    // days: the last study day is 2027-01-31, so the window starts on 2027-01-25 or 2027-01-30.
    const { data, args, env } = farCard();
    const withBundled = args.filter((a) => a !== "--no-bundled");
    const dueDay = () => JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"].due.slice(0, 10);
    expect(cogquiz([...withBundled, "plan", "--exam", "2027-02-01", "--minutes", "30"], { env }).code).toBe(0);
    expect(dueDay()).toBe("2027-01-30");
    expect(cogquiz([...withBundled, "config", "set", "minutesPerDay", "5"], { env }).code).toBe(0);
    expect(dueDay()).toBe("2027-01-25");
    expect(JSON.parse(cogquiz([...withBundled, "plan", "--json"], { env }).stdout).windowDays).toBe(7);
  });

  it("refuses an exam more than three years ahead or already started, saving nothing, and names the dates it takes", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data];
    const env = clockAt("2027-01-10 18:00:00");
    expect(cogquiz([...args, "plan", "--exam", "2027-02-09"], { env }).code).toBe(0);
    const before = readFileSync(data, "utf8");
    const refusals: [string, string][] = [
      ["9999-12-31", "--exam 9999-12-31 is more than 3 years ahead"],
      ["2600-01-01", "--exam 2600-01-01 is more than 3 years ahead"],
      ["2030-01-11", "--exam 2030-01-11 is more than 3 years ahead"],
      ["+99999d", "--exam +99999d is more than 3 years ahead"],
      ["+10000w", "--exam +10000w is more than 3 years ahead"],
      // Today at 18:00: the exam's 09:00 start has passed.
      ["+0", "--exam 2027-01-10 is today, and the exam's start at 09:00 has passed"],
      ["in 0 days", "--exam 2027-01-10 is today, and the exam's start at 09:00 has passed"],
      ["soon", '--exam takes a date from 2027-01-11 to 2030-01-10, as YYYY-MM-DD or as days or weeks from today (+45d, +6w, "in 45 days") (got "soon")'],
    ];
    for (const [typed, message] of refusals) {
      const r = cogquiz([...args, "plan", "--exam", typed], { env });
      expect(r.code, typed).toBe(2);
      expect(r.stderr, typed).toContain(`cogquiz: ${message}`);
      if (typed !== "soon") expect(r.stderr, typed).toContain("give a date from 2027-01-11 to 2030-01-10\n");
      expect(r.stderr.split("\n").filter(Boolean), typed).toHaveLength(1);
      expect(readFileSync(data, "utf8"), typed).toBe(before);
    }
    expect(cogquiz([...args, "plan", "--exam", "2030-01-10"], { env }).code).toBe(0);
    expect(cogquiz([...args, "plan", "--exam", "+1096d"], { env }).stdout).toContain("Exam on 2030-01-10: 1096 days left");
  });

  it("an exam today is taken before its 09:00 start, and the plan says it is exam day, with no new cards, in text and JSON", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data];
    const env = clockAt("2027-01-10 07:30:00");
    const set = cogquiz([...args, "plan", "--exam", "+0"], { env });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("Exam today, 2027-01-10, at 09:00 · 30 minutes a day");
    expect(set.stdout).toContain("the plan introduces no new cards on exam day.");
    expect(set.stdout).toContain("It is exam day: the exam starts at 09:00");
    expect(set.stdout).not.toMatch(/new a day|final reviews|applies this pace/);
    const json = JSON.parse(cogquiz([...args, "plan", "--json"], { env }).stdout);
    expect(json).toMatchObject({ daysLeft: 0, newPerDay: 0, introductionDays: 0, applied: { newPerDay: 0, from: "plan" }, forecast: [], examStarted: false });
    const later = cogquiz([...args, "plan"], { env: clockAt("2027-01-10 12:00:00") });
    expect(later.stdout).toContain("The exam started at 09:00 today: there is nothing left to plan.");
    expect(JSON.parse(cogquiz([...args, "plan", "--json"], { env: clockAt("2027-01-10 12:00:00") }).stdout).examStarted).toBe(true);
  });

  it("a saved exam date too far ahead (an older version's, or a hand edit) gets a message, not a crash, until a date is set", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data];
    const env = clockAt("2027-01-10 18:00:00");
    progressWithExam(data, { date: "9999-12-31", minutesPerDay: 30, target: 0.97 });
    const before = readFileSync(data, "utf8");
    for (const more of [[], ["--json"], ["--minutes", "40"]]) {
      const r = cogquiz([...args, "plan", ...more], { env });
      expect(r.code, more.join(" ")).toBe(1);
      expect(r.stderr).toBe(
        "cogquiz: the saved exam date 9999-12-31 is more than 3 years ahead: `cogquiz plan --exam YYYY-MM-DD` sets one from 2027-01-11 to 2030-01-10, or `cogquiz plan --clear` removes it\n",
      );
      expect(r.stdout).toBe("");
    }
    expect(readFileSync(data, "utf8")).toBe(before);
    expect(cogquiz([...args, "plan", "--exam", "+30d"], { env }).stdout).toContain("Exam on 2027-02-09: 30 days left");
    expect(cogquiz([...args, "plan"], { env }).code).toBe(0);
  });

  it("readiness --json predicts exam-day recall from the cards and names the guide's uncovered domains", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    progressWithExam(data, { date: "2027-02-09", minutesPerDay: 30, target: 0.97, guide: "dva-c02" });
    const r = cogquiz(["--no-bundled", "--content", bank, "--data", data, "readiness", "--json"], { env: clockAt("2027-01-10 18:00:00") });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.at).toBe("2027-02-09T09:00:00.000Z");
    expect(json.statement).toMatch(/not a prediction of the real exam/);
    expect(json.cards.seen).toBe(1);
    // Paris card: stability 3, last review 33 days before the exam; FSRS-6's curve gives about 0.75.
    const recall = json.topics.reduce((s: number, t: { recall: number; cards: number }) => s + t.recall * t.cards, 0);
    expect(recall).toBeGreaterThan(0.6);
    expect(recall).toBeLessThan(0.85);
    expect(json.guide.covered).toBe(false);
    expect(json.guide.missingDomains).toHaveLength(4);
    expect(json.score.pPass).toBeNull();

    const stats = cogquiz(["--no-bundled", "--content", bank, "--data", data, "stats"], { env: clockAt("2027-01-10 18:00:00") });
    expect(stats.stdout.split("\n")[0]).toMatch(/^exam in 30 days · readiness \d+ %$/);
    expect(stats.stdout).toContain("Readiness on exam day (2027-02-09)");
    const statsJson = JSON.parse(cogquiz(["--no-bundled", "--content", bank, "--data", data, "stats", "--json"], { env: clockAt("2027-01-10 18:00:00") }).stdout);
    expect(statsJson.exam).toMatchObject({ date: "2027-02-09", readiness: { version: 1 } });
  });

  it("a quiz shows the exam on the status line and on the buttons, and applies what it showed", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    progressWithExam(data, { date: "2027-02-09", minutesPerDay: 30, target: 0.97 });
    const t = Terminal.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "0"], clockAt("2027-01-10 18:00:00"));
    open.push(t);
    let screen = await t.waitFor(/capital of France[\s\S]*show the answer/);
    expect(screen).toMatch(/exam in 30 days · readiness \d+ %/);
    t.send("Space");
    screen = await t.waitFor(/Paris[\s\S]*Easy ·/);
    const good = /Good · (\d+d), exam in 30d/.exec(screen);
    expect(good).not.toBeNull();
    t.send("3");
    // The only card: the session ends, and its next due day is the one the button showed (a review is due from
    // 04:00 of its due study day).
    screen = await t.waitFor("Session over: 1 answered");
    const dueDay = new Date(Date.UTC(2027, 0, 10 + Number.parseInt(good![1]!, 10))).toISOString().slice(0, 10);
    expect(screen).toContain(`(on ${dueDay} at 04:00).`);
    expect(await t.waitForExit()).toBe(0);
    const log = readFileSync(data.replace(/progress\.json$/, "reviews.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(log[0]).toMatchObject({ rating: "good", questionId: "fx-recall-paris" });
    const card = JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"];
    const days = (Date.parse(card.due) - Date.parse(card.lastReview)) / 86_400_000;
    expect(`${Math.round(days)}d`).toBe(good![1]);
  });

  it("with an exam set the plan's minutes bound the day's reviews, not reviewsPerDay; without one the limit holds", async () => {
    const bank = writeBank(SESSION_BANK);
    const ids = ["fx-recall-paris", "fx-recall-co2", "fx-recall-spider"];
    /** Three recall cards due today, a review limit of 1, and the exam given (or none); how many cards the quiz shows. */
    const cardsShown = async (exam: Record<string, unknown> | undefined): Promise<{ shown: number; screen: string }> => {
      const data = dataFile();
      progressWithExam(data, exam);
      const p = JSON.parse(readFileSync(data, "utf8"));
      for (const id of ids) p.cards[id] = p.cards["fx-recall-paris"];
      p.settings.reviewsPerDay = 1;
      writeFileSync(data, JSON.stringify(p));
      const t = Terminal.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "0"], clockAt("2027-01-10 18:00:00"));
      open.push(t);
      let shown = 0;
      for (;;) {
        const screen = await t.waitFor(/show the answer|Session over/);
        if (/Session over/.test(screen)) {
          expect(await t.waitForExit()).toBe(0);
          return { shown, screen: t.screen() };
        }
        shown++;
        t.send("Space");
        await t.waitFor(/How well did you know it\?/);
        t.send("3");
        await t.waitFor(new RegExp(`✓ saved[\\s\\S]*(card ${shown + 1} ·|Session over)`));
      }
    };
    const withExam = await cardsShown({ date: "2027-02-09", minutesPerDay: 30, target: 0.97 });
    expect(withExam.shown).toBe(3);
    expect(withExam.screen).not.toContain("review limit");
    const without = await cardsShown(undefined);
    expect(without.shown).toBe(1);
    expect(without.screen).toContain("Today's review limit is reached (1 a day)");

    // Setting the limit with an exam ahead says what bounds the day until the exam is over.
    const data = dataFile();
    progressWithExam(data, { date: "2027-02-09", minutesPerDay: 30, target: 0.97 });
    const set = cogquiz(["--no-bundled", "--content", bank, "--data", data, "config", "set", "reviewsPerDay", "50"], { env: clockAt("2027-01-10 18:00:00") });
    expect(set.code).toBe(0);
    expect(set.stdout).toBe("reviewsPerDay=50\n");
    expect(set.stderr).toContain("the plan's 30 minutes a day bound the day's reviews, not reviewsPerDay; it applies again once the exam is over");
  });

  it("extra study of new cards past the day's limit is not stopped by the day's minutes, which it is past", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    // Today's 30 minutes done and today's own newPerDay of 1 used: nothing is due.
    progressWithExam(data, { date: "2027-02-09", minutesPerDay: 30, target: 0.97, ownNewPerDay: true }, "2027-01-20T17:00:00.000Z");
    const p = JSON.parse(readFileSync(data, "utf8"));
    p.settings.newPerDay = 1;
    p.days = { "2027-01-10": { new: 1, reviews: 0 } };
    p.studied = { "2027-01-10": 31 * 60_000 };
    writeFileSync(data, JSON.stringify(p));
    const t = Terminal.start(["--no-bundled", "--content", bank, "--data", data, "quiz"], clockAt("2027-01-10 18:00:00"));
    open.push(t);
    await t.waitFor(/z\s+extra study: \d+ new cards? beyond today's limit/);
    t.send("z");
    // A card comes, though today's minutes were done before the session began.
    await t.waitFor(/card 1 ·[\s\S]*(show the answer|enter answer)/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("the plan and the quiz size the final window for the whole content set: over 150 cards at 20 minutes a day, 3 days", async () => {
    // The bundled content and the session bank: a review of each card takes more than 2 days of 20 minutes.
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    progressWithExam(data, { date: "2027-02-09", minutesPerDay: 20, target: 0.97 });
    const env = clockAt("2027-01-10 18:00:00");
    const plan = cogquiz(["--content", bank, "--data", data, "plan"], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("leaving the last 3 days for final reviews");
    expect(JSON.parse(cogquiz(["--content", bank, "--data", data, "plan", "--json"], { env }).stdout).windowDays).toBe(3);
    // A card not yet safe comes back on the window's first day: 27 days on, the last study day (29 days on) less 2.
    const t = Terminal.start(["--content", bank, "--data", data, "quiz", "--new", "0", "--topic", "Recall"], env);
    open.push(t);
    let screen = await t.waitFor(/capital of France[\s\S]*show the answer/);
    t.send("Space");
    screen = await t.waitFor(/Paris[\s\S]*Easy ·/);
    expect(screen).toContain("Good · 27d, exam in 30d");
    t.send("3");
    await t.waitFor("Session over: 1 answered");
    expect(await t.waitForExit()).toBe(0);
    const card = JSON.parse(readFileSync(data, "utf8")).cards["fx-recall-paris"];
    expect(Math.round((Date.parse(card.due) - Date.parse(card.lastReview)) / 86_400_000)).toBe(27);
    // The session bank alone is small enough for the rule's 2-day window: the same answer's button says 28d.
    const small = dataFile();
    progressWithExam(small, { date: "2027-02-09", minutesPerDay: 20, target: 0.97 });
    const u = Terminal.start(["--no-bundled", "--content", bank, "--data", small, "quiz", "--new", "0"], env);
    open.push(u);
    await u.waitFor(/capital of France[\s\S]*show the answer/);
    u.send("Space");
    expect(await u.waitFor(/Paris[\s\S]*Easy ·/)).toContain("Good · 28d, exam in 30d");
  });

  it("the status line's readiness is the whole content set's, as stats says it, whatever --topic picks", async () => {
    const { args, status } = examIn30Days();
    const t = Terminal.start([...args, "quiz", "--topic", "Recall", "--new", "0"], clockAt("2027-01-10 18:00:00"));
    open.push(t);
    const screen = await t.waitFor(/capital of France[\s\S]*show the answer/);
    expect(screen.replace(/\s*·\s*/g, " · ")).toContain(status);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("a quiz from study shows the exam and the whole content set's readiness on the status line, as stats says it", async () => {
    const { args, status } = examIn30Days();
    const t = Terminal.start([...args, "study", "Recall"], clockAt("2027-01-10 18:00:00"), { cols: 60, rows: 20 });
    open.push(t);
    await t.waitFor(/Session fixture › Recall[\s\S]*close/);
    t.send("q");
    await t.waitFor(/quiz this topic/);
    t.send("z");
    const screen = await t.waitFor(/show the answer/);
    expect(screen.replace(/\s*·\s*/g, " · ")).toContain(status);
    expect(t.overflowing(60)).toEqual([]);
    t.send("q");
    await t.waitFor(/back to the notes/);
    // Back in the notes: close them, then leave study.
    t.send("Enter", "q");
    await t.waitFor(/quit/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("once the exam has begun, the status line and stats say so and give no readiness, which answers since would inflate; readiness predicts now", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-10", minutesPerDay: 30, target: 0.97 }, "2027-01-09T17:00:00.000Z");
    const args = ["--no-bundled", "--content", bank, "--data", data];
    const before = cogquiz([...args, "stats"], { env: clockAt("2027-01-10 08:00:00") });
    expect(before.stdout.split("\n")[0]).toMatch(/^exam today · readiness \d+ %$/);
    const after = cogquiz([...args, "stats"], { env: clockAt("2027-01-10 10:00:00") });
    expect(after.stdout.split("\n")[0]).toBe("exam today, begun at 09:00");
    expect(before.stdout).toContain("mean predicted recall");
    expect(after.stdout).not.toContain("mean predicted recall");
    const json = JSON.parse(cogquiz([...args, "stats", "--json"], { env: clockAt("2027-01-10 10:00:00") }).stdout) as { exam: Record<string, unknown> };
    expect(json.exam).toMatchObject({ date: "2027-01-10", status: "exam today, begun at 09:00" });
    expect(json.exam.readiness).toBeUndefined();
    // readiness itself predicts recall now once the exam has begun, and says so.
    const ready = cogquiz([...args, "readiness"], { env: clockAt("2027-01-10 10:00:00") });
    expect(ready.stdout).toContain("Readiness now (the exam of 2027-01-10 began at 09:00)");
    const readyJson = JSON.parse(cogquiz([...args, "readiness", "--json"], { env: clockAt("2027-01-10 10:00:00") }).stdout) as { at: string };
    expect(readyJson.at.slice(0, 16)).toBe("2027-01-10T10:00");
    const t = Terminal.start([...args, "quiz", "--new", "0"], clockAt("2027-01-10 10:00:00"));
    open.push(t);
    const screen = await t.waitFor(/capital of France[\s\S]*show the answer/);
    expect(screen).toContain("exam today, begun at 09:00");
    expect(screen).not.toContain("readiness");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("after the exam day scheduling is plain FSRS again: cards re-dated from stability, the exam removed", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    // Its due date was shortened by the exam: one day after its last review instead of FSRS's three.
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
    const r = cogquiz(["--no-bundled", "--content", bank, "--data", data, "plan"], { env: clockAt("2027-01-10 18:00:00") });
    expect(r.stderr).toContain("the exam of 2027-01-09 is over: scheduling is plain FSRS at 0.9 again (1 card re-dated from their stability)");
    expect(r.stdout).toContain("No exam set.");
    const progress = JSON.parse(readFileSync(data, "utf8"));
    expect(progress.settings.exam).toBeUndefined();
    // Stability 3 at desired retention 0.9: 3 days after the last review.
    expect(progress.cards["fx-recall-paris"].due).toBe("2027-01-10T17:00:00.000Z");
  });
});

describe.skipIf(!FAKETIME_LIB)("an exam whose day is over", () => {
  it("takes no new minutes, target or guide, from plan or config, and saves nothing", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
    const before = readFileSync(data, "utf8");
    const args = ["--no-bundled", "--content", bank, "--data", data];
    for (const change of [["plan", "--minutes", "45"], ["plan", "--target", "0.9"], ["plan", "--guide", "dva-c02"]]) {
      const r = cogquiz([...args, ...change], { env: clockAt("2027-01-10 18:00:00") });
      expect(r.code, change.join(" ")).toBe(2);
      expect(r.stderr).toBe("cogquiz: the exam of 2027-01-09 is over: give the next exam's date with --exam YYYY-MM-DD (or +6w)\n");
      expect(r.stdout).toBe("");
    }
    for (const change of [["minutesPerDay", "45"], ["target", "0.9"], ["guide", "dva-c02"]]) {
      const r = cogquiz([...args, "config", "set", ...change], { env: clockAt("2027-01-10 18:00:00") });
      expect(r.code, change.join(" ")).toBe(2);
      expect(r.stderr).toContain("cogquiz: the exam of 2027-01-09 is over: `cogquiz config set exam YYYY-MM-DD`");
    }
    expect(readFileSync(data, "utf8")).toBe(before);
  });

  it("plan retires it only as a writer: a read-only progress file is refused, its log left as it was", () => {
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
    const log = data.replace(/progress\.json$/, "reviews.jsonl");
    writeFileSync(log, "");
    chmodSync(data, 0o444);
    const r = cogquiz(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "plan"], { env: clockAt("2027-01-10 18:00:00") });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is read-only (mode 0444), so cogquiz will not change it");
    expect(r.stdout).toBe("");
    expect(readFileSync(log, "utf8")).toBe("");
    expect(JSON.parse(readFileSync(data, "utf8")).settings.exam.date).toBe("2027-01-09");
  });

  it("plan does not retire it past the lock of a quiz begun before the exam's day ended", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
    const args = ["--no-bundled", "--content", bank, "--data", data];
    // At 03:55 it is still the exam's study day: the quiz keeps the exam, and holds the lock.
    const t = Terminal.start([...args, "quiz"], clockAt("2027-01-10 03:55:00"));
    open.push(t);
    await t.waitFor(/q quit/);
    const log = readFileSync(data.replace(/progress\.json$/, "reviews.jsonl"), "utf8");
    const r = cogquiz([...args, "plan"], { env: clockAt("2027-01-10 04:10:00") });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("another cogquiz session is running");
    expect(readFileSync(data.replace(/progress\.json$/, "reviews.jsonl"), "utf8")).toBe(log);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("config set newPerDay neither replaces its pace nor follows it", () => {
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
    const env = clockAt("2027-01-10 18:00:00");
    const own = cogquiz(["--data", data, "config", "set", "newPerDay", "10"], { env });
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toBe("newPerDay=10\n");
    expect(own.stderr).not.toContain("instead of the exam plan's pace");
    expect(JSON.parse(readFileSync(data, "utf8")).settings.exam.ownNewPerDay).toBeUndefined();
    const plan = cogquiz(["--data", data, "config", "set", "newPerDay", "plan"], { env });
    expect(plan.code).toBe(2);
    expect(plan.stderr).toBe("cogquiz: newPerDay plan follows an exam plan, and the exam of 2027-01-09 is over: `cogquiz plan --exam YYYY-MM-DD` sets the next one\n");
  });

  it("readiness predicts now and says the exam is over, not that none is set", () => {
    const data = dataFile();
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
    const r = cogquiz(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "readiness"], { env: clockAt("2027-01-10 18:00:00") });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Readiness now \(the exam of 2027-01-09 is over\): mean predicted recall/);
  });

  it("is retired before a new exam is set: the cards it dated are re-dated from their stability first", () => {
    const bank = writeBank(SESSION_BANK);
    for (const set of [["plan", "--exam", "2027-03-01"], ["config", "set", "exam", "2027-03-01"]]) {
      const data = dataFile();
      // Its due date was shortened by the exam: one day after its last review instead of FSRS's three.
      progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z");
      const r = cogquiz(["--no-bundled", "--content", bank, "--data", data, ...set], { env: clockAt("2027-01-10 18:00:00") });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("the exam of 2027-01-09 is over: scheduling is plain FSRS at 0.9 again (1 card re-dated from their stability)");
      const progress = JSON.parse(readFileSync(data, "utf8"));
      expect(progress.settings.exam.date).toBe("2027-03-01");
      expect(progress.cards["fx-recall-paris"].due, set.join(" ")).toBe("2027-01-10T17:00:00.000Z");
    }
  });
});

describe.skipIf(!FAKETIME_LIB)("stats after the exam's day", () => {
  it("forecasts the cards as plain FSRS dates them, as the next quiz saves them, and writes nothing", () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    // The exam shortened the card's interval to one day; its stability of 10 gives plain FSRS's 10 at 0.9.
    progressWithExam(data, { date: "2027-01-09", minutesPerDay: 30, target: 0.97 }, "2027-01-08T17:00:00.000Z", { stability: 10, scheduledDays: 1 });
    const before = readFileSync(data, "utf8");
    const r = cogquiz(["--no-bundled", "--content", bank, "--data", data, "stats", "--json"], { env: clockAt("2027-01-10 18:00:00") });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("the exam of 2027-01-09 is over: the forecast dates cards by plain FSRS");
    const forecast = (JSON.parse(r.stdout) as { forecast: { date: string; due: number }[] }).forecast;
    expect(forecast.find((d) => d.date === "2027-01-10")!.due).toBe(0);
    expect(forecast.find((d) => d.date === "2027-01-17")!.due).toBe(1);
    expect(readFileSync(data, "utf8")).toBe(before);
  });
});

describe("exam guides named on the command line", () => {
  it("an unknown or empty --guide is refused with the guides' names, by readiness and by exam before any terminal check", () => {
    const data = dataFile();
    for (const args of [
      ["readiness", "--guide", ""],
      ["readiness", "--guide", "dva-c03"],
      ["exam", "--guide", "nope"],
      ["exam", "--guide", ""],
    ]) {
      const r = cogquiz(["--data", data, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(`unknown exam guide "${args[2]}"; guides are dva-c02, saa-c03, scs-c03`);
      expect(r.stderr).not.toContain("interactive terminal");
    }
    // The guides' ids in any case are the guides.
    expect(cogquiz(["--data", data, "readiness", "--guide", "DVA-C02", "--json"]).code).toBe(0);
  });
});
