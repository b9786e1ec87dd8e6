// The mock exam as good simulators make it: incomplete choose-N answers, a confirmed submit, every key named,
// a result with time and per-topic score, a paged review of every question, and a retake of the missed ones.

import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { optionNumber, terminals, type Terminal } from "../helpers/tmux.js";
import { Clock, FAKETIME_LIB } from "../helpers/wall-clock.js";

const tty = terminals();
afterEach(() => tty.closeAll());
const progress = (data: string) => JSON.parse(readFileSync(data, "utf8"));

/** Goes to the question whose stem contains `text` (2 questions: it is the first or the second). */
async function toQuestion(t: ReturnType<typeof tty.start>, text: string): Promise<string> {
  let screen = await t.waitFor(/question \d of 2[\s\S]*review & submit/);
  if (!screen.includes(text)) {
    t.send("n");
    screen = await t.waitFor(new RegExp(`${text}[\\s\\S]*question 2 of 2`));
  }
  return screen;
}

describe("the exam's question screen", () => {
  it("names every key it accepts, Ctrl-C included, and says so for a key that does nothing", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3"]);
    const screen = await t.waitFor(/question 1 of 2[\s\S]*Ctrl-C abandon/);
    for (const hint of ["↑↓ move", "1-", "/space", "enter/n/→ next", "p/← previous", "f flag", "r review & submit", "Ctrl-C abandon"]) {
      expect(screen).toContain(hint);
    }
    t.send("x");
    await t.waitFor("x does nothing here");
    t.send("9");
    await t.waitFor(/there is no option 9; options are 1-[45]/);
    t.send("p");
    await t.waitFor("this is the first question");
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("y");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("the exam's single-answer question", () => {
  it("keeps the option chosen when its key is pressed again, as 'choose' says", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3"]);
    const screen = await toQuestion(t, "clear daytime sky");
    const blue = optionNumber(screen, "Blue like the sea");
    t.send(blue);
    await t.waitFor(/\(●\) \d\. Blue like the sea/);
    t.send(blue, "r");
    const review = await t.waitFor(/enter open question/);
    expect(review.split("\n").find((l) => l.includes("clear daytime sky"))).toContain("● answered");
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("a question answered before, opened again", () => {
  /** The option the cursor is on: its number on screen, and whether it is chosen. */
  const cursorOn = (screen: string) => {
    const m = /❯ (\(●\)|\( \)|\[x\]|\[ \]) (\d)\./.exec(screen);
    if (!m) throw new Error(`no cursor on screen:\n${screen}`);
    return { option: m[2], chosen: m[1] === "(●)" || m[1] === "[x]" };
  };

  it("has its cursor on the option chosen, back by p and from the review list, so space keeps that answer", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3"]);
    const screen = await toQuestion(t, "clear daytime sky");
    expect(screen).toContain("question 2 of 2");
    const blue = optionNumber(screen, "Blue like the sea");
    expect(blue).not.toBe("1");
    t.send(blue, "p");
    await t.waitFor(/Which TWO numbers[\s\S]*question 1 of 2/);
    t.send("n");
    let back = await t.waitFor(/clear daytime sky[\s\S]*question 2 of 2/);
    expect(cursorOn(back)).toEqual({ option: blue, chosen: true });
    // Space acts on the option under the cursor: the answer chosen stays the answer.
    t.send("Space", "r");
    const review = await t.waitFor(/enter open question/);
    expect(review.split("\n").find((l) => l.includes("clear daytime sky"))).toMatch(/^❯.*● answered/);
    t.send("Enter");
    back = await t.waitFor(/clear daytime sky[\s\S]*question 2 of 2/);
    expect(cursorOn(back)).toEqual({ option: blue, chosen: true });
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("of choose-N, has its cursor on the first option chosen", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3"]);
    await toQuestion(t, "Which TWO numbers");
    t.send("4", "2", "Up");
    await t.waitFor(/❯ \[ \] 1\./);
    t.send("r");
    await t.waitFor(/enter open question/);
    const lines = t.screen().split("\n");
    const steps = lines.findIndex((l) => l.includes("Which TWO numbers")) - lines.findIndex((l) => l.startsWith("❯"));
    t.send(...Array<string>(Math.abs(steps)).fill(steps > 0 ? "Down" : "Up"), "Enter");
    const back = await t.waitFor(/Which TWO numbers[\s\S]*review & submit/);
    expect(cursorOn(back)).toEqual({ option: "2", chosen: true });
    expect(back).toMatch(/\[x\] 4\./);
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("keys typed ahead of an exam question", () => {
  it("a second Enter on one question does not pass the next by unread", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "exam", "--seed", "3"]);
    const first = await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    t.sendTogether("Enter", "Enter");
    const second = await t.waitFor(/question 2 of 2[\s\S]*review & submit/);
    expect(second).not.toContain("enter open question");
    expect(second.includes("clear daytime sky")).not.toBe(first.includes("clear daytime sky"));
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("the exam's review screen", () => {
  it("calls a choose-N answer with too few picks incomplete, and asks before submitting with the counts", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "exam", "--seed", "3"]);
    const screen = await toQuestion(t, "Which TWO numbers");
    t.send(optionNumber(screen, "Seven"));
    await t.waitFor("1 chosen; this question needs 2");
    t.send("f", "r");
    let review = await t.waitFor(/Review[\s\S]*1 unanswered\s+·\s+1 incomplete\s+·\s+1 flagged/);
    const row = review.split("\n").find((l) => l.includes("Which TWO numbers"))!;
    expect(row).toContain("◐ incomplete");
    expect(row).toContain("⚑");
    expect(review.split("\n").find((l) => l.includes("clear daytime sky"))).toContain("○ unanswered");
    t.send("s");
    review = await t.waitFor("Submit the exam now? 1 unanswered question, 1 incomplete, 1 flagged.");
    // No: back to the list, nothing submitted.
    t.send("n");
    await t.waitFor(/enter open question/);
    expect(t.screen()).not.toContain("Submit the exam now?");
    t.send("s");
    await t.waitFor("Submit the exam now?");
    t.send("y");
    await t.waitFor(/Mock exam result/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const exam = progress(data).exams[0];
    expect(exam.status).toBe("submitted");
    expect(exam.correct).toBe(0);
  });
});

/** A bank of `n` single-answer questions, "Numbered question N?", one topic. */
function numberedBank(n: number): string {
  let out = "# Numbered\n\n";
  for (let i = 1; i <= n; i++) {
    out += `### Numbered question ${i}?\n<!-- id: fx-numbered-${i} -->\n\n- [x] right ${i}\n- [ ] wrong ${i}\n\n> because ${i}\n\n`;
  }
  return out;
}

describe("the exam's review list on a long exam", () => {
  it("opens on the question the student came from, not on the first", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(numberedBank(30)), "--data", dataFile(), "exam", "--seed", "3"], {}, { cols: 60, rows: 20 });
    await t.waitFor(/question 1 of 30[\s\S]*review & submit/);
    t.send("r");
    await t.waitFor(/enter open question/);
    for (let i = 0; i < 20; i++) t.send("Down");
    await t.waitFor(/❯\s+21\. /);
    t.send("Enter");
    await t.waitFor(/question 21 of 30/);
    t.send("f", "r");
    // Back on the list: its cursor on question 21, the flag just set beside it.
    const review = await t.waitFor(/enter open question/);
    expect(review).toMatch(/❯\s+21\. .*⚑/);
    // Ctrl-C, then no: the list is back as it was left, on the question under its cursor.
    t.send("Down", "Down");
    await t.waitFor(/❯\s+23\. /);
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("n");
    await t.waitFor(/❯\s+23\. [\s\S]*enter open question/);
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("says how many questions are above and below the screen, and pages with PgDn/PgUp, Home and End", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(numberedBank(30)), "--data", dataFile(), "exam", "--seed", "3"], {}, { cols: 60, rows: 20 });
    await t.waitFor(/question 1 of 30[\s\S]*review & submit/);
    t.send("r");
    let review = await t.waitFor(/enter open question/);
    const listed = () => review.split("\n").filter((l) => /^\S?\s+\d+\. /.test(l)).length;
    expect(review).toMatch(/❯\s+1\. /);
    expect(review).toContain(`↓ ${30 - listed()} more questions · PgDn`);
    expect(review).toContain("PgUp/PgDn page");
    t.send("PageDown");
    review = await t.waitFor(new RegExp(`❯\\s+${1 + listed()}\\. `));
    expect(review).toMatch(/↑ \d+ questions above · ↓ \d+ more questions · PgUp\/PgDn/);
    t.send("End");
    review = await t.waitFor(/❯\s+30\. /);
    expect(review).toMatch(/↑ \d+ questions above · PgUp/);
    t.send("Home");
    await t.waitFor(/❯\s+1\. /);
    expect(t.overflowing(60)).toEqual([]);
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe.skipIf(!FAKETIME_LIB)("the exam's clock", () => {
  /** The styles the clock is drawn in (the SGR sequences just before it), and its time. */
  const clock = (t: Terminal) => {
    const m = /((?:\u001b\[[0-9;]*m)*)[⏱⚠] (\d:\d\d:\d\d) left/.exec(t.styledScreen());
    if (!m) throw new Error(`no clock on screen:\n${t.screen()}`);
    return { style: m[1]!, time: m[2]! };
  };
  const red = /\u001b\[(?:[0-9;]*;)?31[;m]/;

  it("turns red under five minutes on the review list as on the question screen, drawn alike on both", async () => {
    const time = new Clock("2027-01-04T09:00:00");
    // Colour on: the terminal test default is NO_COLOR.
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3", "--minutes", "12"], { ...time.env, NO_COLOR: "", FORCE_COLOR: "1" }, { cols: 60, rows: 20 });
    await t.waitFor(/⏱ 0:1[12]:\d\d left[\s\S]*review & submit/);
    const early = clock(t);
    expect(early.style).not.toMatch(red);
    t.send("r");
    await t.waitFor(/enter open question/);
    expect(clock(t).style).toBe(early.style);
    // Seven and a half minutes later: under five left, on the list.
    time.advance(450);
    await t.waitFor(/⚠ 0:04:\d\d left[\s\S]*enter open question/);
    const late = clock(t);
    expect(late.style).toMatch(red);
    t.send("Enter");
    await t.waitFor(/⚠ 0:04:\d\d left[\s\S]*review & submit/);
    expect(clock(t).style).toBe(late.style);
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("in an exam under ten minutes, warns in its second half, not from its first second", async () => {
    const time = new Clock("2027-01-04T09:00:00");
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3", "--minutes", "4"], time.env, { cols: 60, rows: 20 });
    await t.waitFor(/⏱ 0:0[34]:\d\d left[\s\S]*review & submit/);
    time.advance(90);
    await t.waitFor(/⏱ 0:02:\d\d left[\s\S]*review & submit/);
    time.advance(40);
    await t.waitFor(/⚠ 0:01:\d\d left[\s\S]*review & submit/);
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("is plain text on the review list as on the question screen with NO_COLOR, above and under five minutes", async () => {
    const time = new Clock("2027-01-04T09:00:00");
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3", "--minutes", "12"], time.env, { cols: 60, rows: 20 });
    // Without colour the sign says it: a stopwatch, then a warning under five minutes.
    for (const [shown, later] of [[/⏱ 0:1[12]:\d\d left/, 450], [/⚠ 0:04:\d\d left/, 90]] as const) {
      await t.waitFor(new RegExp(`${shown.source}[\\s\\S]*review & submit`));
      expect(clock(t).style).toBe("");
      t.send("r");
      await t.waitFor(new RegExp(`${shown.source}[\\s\\S]*enter open question`));
      expect(clock(t).style).toBe("");
      t.send("Enter");
      time.advance(later);
    }
    t.send("C-c", "y");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe.skipIf(!FAKETIME_LIB)("the exam's abandon question", () => {
  it("keeps the time left on screen at 60×20 while it asks, from a question and from the review list, and counts it down", async () => {
    const time = new Clock("2027-01-04T09:00:00");
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--seed", "3", "--minutes", "12"], time.env, { cols: 60, rows: 20 });
    await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    t.send("C-c");
    await t.waitFor(/⏱ 0:12:00 left\nAbandon this exam\?/);
    // The exam's time runs while the question waits, and the screen says so.
    time.advance(450);
    await t.waitFor(/⚠ 0:04:30 left\nAbandon this exam\?/);
    expect(t.overflowing(60)).toEqual([]);
    t.send("n");
    await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    t.send("r");
    await t.waitFor(/enter open question/);
    t.send("C-c");
    await t.waitFor(/⚠ 0:04:30 left\nAbandon this exam\?/);
    expect(t.overflowing(60)).toEqual([]);
    t.send("y");
    await t.waitFor("Exam abandoned.");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("the exam's result", () => {
  it("shows time used and score per topic, then every question in full, filterable to missed, flagged or all", async () => {
    const data = dataFile();
    const bank = writeBank(SESSION_BANK);
    const t = tty.start(["--no-bundled", "--content", bank, "--data", data, "exam", "--seed", "3"]);
    let screen = await toQuestion(t, "clear daytime sky");
    // The review numbers each option as the exam showed it.
    const blue = optionNumber(screen, "Blue like the sea");
    t.send(blue, "f", "r");
    await t.waitFor(/Review/);
    t.send("s");
    await t.waitFor("Submit the exam now?");
    t.send("y");
    screen = await t.waitFor(/Mock exam result[\s\S]*showing missed/);
    expect(screen).toMatch(/time used \d+ s of 4 min/);
    expect(screen).toMatch(/By topic\n\s+0%\s+0\/1\s+Session fixture › Singles|By topic[\s\S]*Session fixture › Singles/);
    expect(screen).toContain("1 unanswered, 0 incomplete, 1 flagged");
    // Page to the review: the missed question with all its options and its keys.
    let text = screen;
    while (!/space\/q close/.test(screen)) {
      t.send("Space");
      screen = await t.waitFor(/q close|space next page/);
      text += screen;
      if (/space\/q close/.test(screen)) break;
    }
    expect(text).toContain("Missed questions (1 of 2)");
    expect(text).toMatch(/Question \d\s+✘ not answered/);
    for (const option of ["Seven", "Nine", "Eleven", "Fifteen", "Twenty-one"]) expect(text).toContain(option);
    expect(text).toMatch(/Seven\s+← key/);
    expect(text).toContain("Seven and eleven have no divisors");
    expect(text).not.toContain("Blue like the sea");
    // Flagged: the right answer, marked flagged, with the pick and the key.
    t.send("f");
    screen = await t.waitFor(/showing flagged/);
    let flagged = screen;
    while (!/space\/q close/.test(screen)) {
      t.send("Space");
      screen = await t.waitFor(/q close|space next page/);
      flagged += screen;
    }
    expect(flagged).toContain("Flagged questions (1 of 2)");
    expect(flagged).toMatch(/✔ right\s+⚑ flagged/);
    expect(flagged).toMatch(new RegExp(`✔ ${blue}\\. Blue like the sea\\s+← key, your pick`));
    t.send("a");
    await t.waitFor(/showing all/);
    t.send("q");
    screen = await t.waitFor("cogquiz exam --retake missed");
    expect(await t.waitForExit()).toBe(0);

    // The retake: only the missed question, in an exam of one.
    const retake = tty.start(["--no-bundled", "--content", bank, "--data", data, "exam", "--retake", "missed"]);
    screen = await retake.waitFor(/question 1 of 1[\s\S]*review & submit/);
    expect(screen).toContain("Which TWO numbers are prime?");
    retake.send(optionNumber(screen, "Seven"), optionNumber(screen, "Eleven"), "r");
    await retake.waitFor(/Review[\s\S]*0 unanswered\s+·\s+0 incomplete/);
    retake.send("s", "y");
    screen = await retake.waitFor(/Mock exam result[\s\S]*1 of 1 right/);
    retake.send("q");
    expect(await retake.waitForExit()).toBe(0);
    const exams = progress(data).exams;
    expect(exams).toHaveLength(2);
    expect(exams[1].answers.map((a: { questionId: string }) => a.questionId)).toEqual(["fx-multi-primes"]);

    // Nothing missed in the last exam: said so, nothing started.
    const again = tty.start(["--no-bundled", "--content", bank, "--data", data, "exam", "--retake", "missed"]);
    expect(await again.waitForExit()).toBe(0);
    expect(again.screen()).toContain("missed no question: nothing to retake");
  });

  it("goes question by question through the review with n and p, as the keys line says", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(numberedBank(30)), "--data", dataFile(), "exam", "--seed", "3"], {}, { cols: 60, rows: 20 });
    await t.waitFor(/question 1 of 30[\s\S]*review & submit/);
    t.send("r", "s", "y");
    let screen = await t.waitFor(/Mock exam result[\s\S]*showing missed/);
    expect(screen).toContain("n/p next/previous question");
    /** The question at the top of the page: its rule first, then its heading. */
    const top = (s: string) => (/^─+\n(Question \d+)/.exec(s) ?? [])[1];
    t.send("n");
    screen = await t.waitFor(/^─+\nQuestion 1 /);
    t.send("n");
    screen = await t.waitFor(/^─+\nQuestion 2 /);
    t.send("p");
    screen = await t.waitFor(/^─+\nQuestion 1 /);
    expect(top(screen)).toBe("Question 1");
    t.send("p");
    await t.waitFor(/^Mock exam result/);
    expect(t.overflowing(60)).toEqual([]);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("--retake with no exam yet says to sit one first (exit 1)", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--retake", "missed"]);
    expect(await t.waitForExit()).toBe(1);
    expect(t.screen()).toContain("no exam to retake yet: sit one with `cogquiz exam` first");
  });

  it("--retake refuses an unknown choice and a --count or --topic beside it (exit 2)", () => {
    const bogus = cogquiz(["exam", "--retake", "wrong"]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/missed, flagged, all/);
    const count = cogquiz(["exam", "--retake", "missed", "--count", "3"]);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain("--retake sits the last exam's questions again; it takes no --count or --topic");
    // Refused before any terminal check, as the other bad values are.
    const guide = cogquiz(["exam", "--retake", "missed", "--guide", "dva-c02"]);
    expect(guide.code).toBe(2);
    expect(guide.stderr).toContain("--retake and --guide do not go together");
  });
});

/** Submits a two-question exam unanswered from its first question, once asked; the result page. */
async function submitUnanswered(t: ReturnType<typeof tty.start>): Promise<string> {
  await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
  t.send("r");
  await t.waitFor(/enter open question/);
  t.send("s");
  await t.waitFor("Submit the exam now?");
  t.send("y");
  return t.waitFor("Mock exam result");
}

describe("a guided exam's result", () => {
  it("shows the score per domain of the guide on the result page, as the real score report does, and again after it", async () => {
    const t = tty.start(["--data", dataFile(), "exam", "--guide", "dva-c02", "--count", "2", "--seed", "1"]);
    await submitUnanswered(t);
    const result = await t.waitFor(/Mock exam result[\s\S]*By domain of/);
    expect(result).toMatch(/2\. Security\s+0\/2 right/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    // After the review closes, the score and the domains stay on the terminal.
    expect(t.screen()).toMatch(/By domain of[\s\S]*2\. Security\s+0\/2 right/);
  });
});

describe("an exam after a plan that names a guide", () => {
  /** Sits a two-question exam with `extra` flags (and `content` options), submitted unanswered; the screen after. */
  async function sit(data: string, extra: string[], content: string[] = []): Promise<string> {
    const t = tty.start([...content, "--data", data, "exam", "--count", "2", "--seed", "1", ...extra]);
    await submitUnanswered(t);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    return t.screen();
  }

  it("is drawn and scored by the plan's guide without --guide, says so, and --no-guide draws from the whole set", async () => {
    const data = dataFile();
    expect(cogquiz(["--data", data, "plan", "--exam", "+6w", "--guide", "dva-c02"]).code).toBe(0);
    const guided = await sit(data, []);
    expect(guided).toMatch(/By domain of[\s\S]*DVA-C02/);
    expect(guided).toContain("your plan's exam guide");
    const plain = await sit(data, ["--no-guide"]);
    expect(plain).not.toContain("By domain of");
    expect(plain).not.toContain("your plan's exam guide");
    // Both at once contradict each other, in either order: refused, nothing sat.
    for (const both of [["--guide", "dva-c02", "--no-guide"], ["--no-guide", "--guide", "saa-c03"]]) {
      const r = cogquiz(["--data", data, "exam", ...both]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("cogquiz: --guide and --no-guide contradict each other: give one of them\n");
    }
    expect(JSON.parse(readFileSync(data, "utf8")).exams).toHaveLength(2);
  });

  it("says only that it was drawn by topic when no question of the content maps to the plan's guide", async () => {
    const data = dataFile();
    const own = ["--no-bundled", "--content", writeBank(SESSION_BANK)];
    expect(cogquiz([...own, "--data", data, "plan", "--exam", "+6w", "--guide", "dva-c02"]).code).toBe(0);
    const screen = (await sit(data, [], own)).replace(/\s+/g, " ");
    expect(screen).toContain("drawn by topic");
    expect(screen).not.toContain("drawn by the domain weights");
  });
});

describe("an exam asked for more questions than the content set has", () => {
  it("sits every question there is and says, after the result, that it had fewer than --count asked for", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--count", "10", "--seed", "1"]);
    await submitUnanswered(t);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const screen = t.screen().replace(/\s+/g, " ");
    expect(screen).toContain("--count 10: the exam had 2 questions, every multiple-choice question the content set offers");
  });

  it("says, after the result, how many questions were left out for content errors", async () => {
    const broken = `${SESSION_BANK}\n## Broken\n\n### Which one is right?\n<!-- id: ex-broken -->\n\n- [ ] One\n- [ ] Two\n\n> None is marked.\n`;
    const t = tty.start(["--no-bundled", "--content", writeBank(broken), "--data", dataFile(), "exam", "--count", "10", "--seed", "1"]);
    await submitUnanswered(t);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const screen = t.screen().replace(/\s+/g, " ");
    expect(screen).toContain("1 multiple-choice question has content errors and is left out of exams; `cogquiz validate` says why");
    expect(screen).toContain("--count 10: the exam had 2 questions");
  });

  it("says nothing of the kind when the content set has the questions asked for", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "exam", "--count", "2", "--seed", "1"]);
    await submitUnanswered(t);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(t.screen()).not.toContain("--count 2:");
  });
});
