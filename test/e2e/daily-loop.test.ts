// The daily loop over several sessions and days, on the built binary in a terminal, with the clock moved by
// libfaketime (FAKETIME="@<local time>": the program starts at that time and its clock runs on from there).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, siblingPairBank, writeBank } from "../helpers/bank-fixture.js";
import { optionNumber, Terminal } from "../helpers/tmux.js";

const LIBFAKETIME = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1", "/usr/local/lib/faketime/libfaketime.so.1"].find(existsSync);

/** The environment that starts the program at `localTime` (YYYY-MM-DD HH:MM:SS in zone `tz`). */
function at(localTime: string, tz = "UTC"): Record<string, string> {
  if (!LIBFAKETIME) throw new Error("libfaketime is missing: apt-get install -y faketime");
  // Timers run on the real monotonic clock; only the wall clock is moved.
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `@${localTime}`, FAKETIME_DONT_FAKE_MONOTONIC: "1", TZ: tz };
}

const open: Terminal[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
function start(args: string[], env: Record<string, string>, size = { cols: 100, rows: 40 }): Terminal {
  const t = Terminal.start(args, env, size);
  open.push(t);
  return t;
}

const progress = (data: string) => JSON.parse(readFileSync(data, "utf8"));
function readLog(data: string): Record<string, unknown>[] {
  const path = data.replace(/progress\.json$/, "reviews.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Two single-answer questions in two areas, so the order of new cards is known: Alpha's first. */
const TWO_AREAS = `# Alpha

### Which colour is a clear daytime sky?
<!-- id: ab-sky -->

- [ ] Green like grass
- [x] Blue like the sea
- [ ] Red like a brick

> Scattered sunlight.

# Beta

### Which number is prime?
<!-- id: ab-prime -->

- [x] Seven
- [ ] Nine
- [ ] Fifteen

> Seven has no divisors but one and itself.
`;

/** Which card of `siblingPairBank(p, true)` is on screen. */
function siblingBankCard(p: string, screen: string): string {
  return /What colour is a clear/.test(screen) ? `${p}-sky-card` : /Which colour is a clear/.test(screen) ? `${p}-sky` : `${p}-prime`;
}

/** Answers the card of `siblingPairBank(p, true)` on screen right, rated Easy, and returns its id. */
async function answerSiblingBankCard(p: string, t: Terminal, screen: string): Promise<string> {
  const id = siblingBankCard(p, screen);
  if (id === `${p}-sky-card`) {
    t.send("Space");
    await t.waitFor(/How well did you know it\?/);
    t.send("4");
  } else {
    t.send(optionNumber(screen, id === `${p}-sky` ? "Blue like the sea" : "Seven"), "Enter");
    await t.waitFor(/How easy was it\?/);
    t.send("e");
  }
  return id;
}

describe("the daily loop", () => {
  it("buries a declared sibling for the rest of the day once one is answered, and brings it back the next day", async () => {
    const bank = writeBank(siblingPairBank("sb", true));
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "1"];
    const which = (screen: string) => siblingBankCard("sb", screen);
    const answer = (t: Terminal, screen: string) => answerSiblingBankCard("sb", t, screen);
    const cardScreen = (n: number) => new RegExp(`card ${n} ·[\\s\\S]*(show the answer|enter answer)`);

    const day1 = start(args, at("2027-01-04 09:00:00"));
    const shown: string[] = [];
    let screen = await day1.waitFor(cardScreen(1));
    shown.push(await answer(day1, screen));
    screen = await day1.waitFor(cardScreen(2));
    shown.push(await answer(day1, screen));
    expect(await day1.waitForExit()).toBe(0);
    // Two of the three cards were shown: the sky question's sibling waited, and was counted as buried.
    expect(shown).toContain("sb-prime");
    const skyFirst = shown.find((id) => id !== "sb-prime")!;
    const sibling = skyFirst === "sb-sky" ? "sb-sky-card" : "sb-sky";
    expect(shown).not.toContain(sibling);
    expect(day1.screen()).toContain("1 card buried for today (the same fact was answered on another card) comes back tomorrow.");
    if (shown[0] !== "sb-prime") {
      // The card after the sky question counted its sibling as buried on the status line.
      expect(screen).toMatch(/· 1 buried ·/);
    }

    // A second session the same day buries it too.
    const again = start(args, at("2027-01-04 11:00:00"));
    await again.waitForExit();
    expect(again.screen()).not.toMatch(/What colour is a clear|Which colour is a clear/);

    // The next study day it comes, as a new card.
    const day2 = start(args, at("2027-01-05 09:00:00"));
    screen = await day2.waitFor(cardScreen(1));
    expect(which(screen)).toBe(sibling);
    day2.send("q");
    expect(await day2.waitForExit()).toBe(0);
  });

  it("on the exam's eve buries no sibling: every card gets its last look before the exam", async () => {
    const bank = writeBank(siblingPairBank("se", true));
    const data = dataFile();
    const global = ["--no-bundled", "--content", bank, "--data", data];
    expect(cogquiz([...global, "plan", "--exam", "2027-01-05"], { env: at("2027-01-04 08:00:00") }).code).toBe(0);

    const eve = start([...global, "quiz", "--seed", "1"], at("2027-01-04 09:00:00"));
    const shown: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const screen = await eve.waitFor(new RegExp(`card ${n} ·[\\s\\S]*(show the answer|enter answer)`));
      expect(screen).not.toMatch(/buried/);
      shown.push(await answerSiblingBankCard("se", eve, screen));
    }
    expect(await eve.waitForExit()).toBe(0);
    // Both of the sky question's cards came the same day, and nothing waits for a tomorrow after the exam.
    expect([...shown].sort()).toEqual(["se-prime", "se-sky", "se-sky-card"]);
    expect(eve.screen()).not.toContain("buried for today");
  });

  it("carries a learning card into the next session, lets it join when due, shows the counts, and says why it ended", async () => {
    const bank = writeBank(TWO_AREAS);
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "1"];

    // 09:00: the sky card is failed (a 1-minute step); the student quits on the next card.
    const first = start(args, at("2027-01-04 09:00:00"));
    let screen = await first.waitFor(/clear daytime sky[\s\S]*Red like a brick/);
    expect(screen).toMatch(/card 1 · 1 new · 0 learning · 0 due/);
    first.send(optionNumber(screen, "Green like grass"), "Enter");
    await first.waitFor("saved ab-sky: Again · 1m");
    first.send("Enter");
    screen = await first.waitFor(/number is prime[\s\S]*Fifteen/);
    expect(screen).toMatch(/card 2 · 0 new · 1 learning · 0 due/);
    first.send("q");
    expect(await first.waitForExit()).toBe(0);
    expect(first.screen()).toContain("You stopped: 2 cards still queued");

    // 09:00:30, before the step is due: the new card first, then the learning card joins, shown early.
    const second = start(args, at("2027-01-04 09:00:30"));
    screen = await second.waitFor(/number is prime[\s\S]*Fifteen/);
    expect(screen).toMatch(/0 new · 1 learning · 0 due/);
    second.send(optionNumber(screen, "Seven"), "Enter");
    await second.waitFor(/How easy was it\?[\s\S]*Easy ·/);
    second.send("e");
    screen = await second.waitFor(/clear daytime sky[\s\S]*Red like a brick/);
    expect(screen).toMatch(/card 2 · 0 new · 0 learning · 0 due · single answer · early/);
    second.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await second.waitFor(/How easy was it\?[\s\S]*Easy ·/);
    second.send("e");
    expect(await second.waitForExit()).toBe(0);
    screen = second.screen();
    expect(screen).toContain("Session over: 2 answered, 100% right");
    expect(screen).toContain("Nothing more is due.");
    // Both cards are reviews now, due from the start of their due day.
    expect(screen).toMatch(/Next card due in \d+[hd] \((tomorrow|on 2027-01-\d\d) at 04:00\)/);
    expect(screen).not.toContain("due now");

    // The learning-step answer used up no limit: two new cards, no reviews.
    expect(progress(data).days["2027-01-04"]).toEqual({ new: 2, reviews: 0 });
  });

  it("offers a review card from 04:00 of its due study day, not at the minute it was answered (UTC−8)", async () => {
    const bank = writeBank(TWO_AREAS);
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "1", "--limit", "1"];
    const tz = "America/Los_Angeles";

    // 21:00: the sky card, right and Easy: a review due some days later, at about 21:00.
    const evening = start(args, at("2027-01-04 21:00:00", tz));
    let screen = await evening.waitFor(/clear daytime sky[\s\S]*Red like a brick/);
    evening.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await evening.waitFor(/Easy ·/);
    evening.send("e");
    expect(await evening.waitForExit()).toBe(0);
    const due = new Date(progress(data).cards["ab-sky"].due);
    const dueDay = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(due);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", hour12: false }).format(due)).toBe("21");

    // At 03:30 that day, the study day before it is still on: not due.
    const night = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "0"], at(`${dueDay} 03:30:00`, tz));
    expect(await night.waitForExit()).toBe(0);
    expect(night.screen()).toContain("Nothing to study right now.");
    expect(night.screen()).toMatch(/Next card due in 30m \(at 04:00\)/);

    // At 09:00 that morning, twelve hours before its minute, it is offered.
    const morning = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "0"], at(`${dueDay} 09:00:00`, tz));
    screen = await morning.waitFor(/clear daytime sky[\s\S]*Red like a brick/);
    expect(screen).toMatch(/card 1 · 0 new · 0 learning · 0 due/);
    morning.send("q");
    expect(await morning.waitForExit()).toBe(0);
  });

  it("starts the study day at 04:00 on the wall clock on a daylight-saving day (New York, spring forward)", async () => {
    const bank = writeBank(TWO_AREAS);
    const data = dataFile();
    const args = ["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "1", "--limit", "1"];
    const tz = "America/New_York";
    // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT. 03:30 belongs to the 7th, 04:10 to the 8th.
    for (const [time, day] of [
      ["2026-03-08 03:30:00", "2026-03-07"],
      ["2026-03-08 04:10:00", "2026-03-08"],
    ] as const) {
      const t = start(args, at(time, tz));
      const screen = await t.waitFor(/Red like a brick|Fifteen/);
      t.send(screen.includes("Fifteen") ? optionNumber(screen, "Seven") : optionNumber(screen, "Blue like the sea"), "Enter");
      await t.waitFor(/Easy ·/);
      t.send("e");
      expect(await t.waitForExit()).toBe(0);
      expect(readLog(data).at(-1)).toMatchObject({ kind: "review", day });
    }
  });

  it("alternates new cards between areas and between recall and multiple choice in a first session (bundled bank)", async () => {
    const data = dataFile();
    const t = start(["--data", data, "quiz", "--seed", "5"], at("2027-01-04 09:00:00"), { cols: 160, rows: 50 });
    const seen: { kind: string; area: string }[] = [];
    for (let n = 1; n <= 8; n++) {
      const screen = await t.waitFor(new RegExp(`card ${n} ·[^\\n]*\\n[^\\n]+\\n[\\s\\S]*(skip|show the answer)`));
      const lines = screen.split("\n");
      const header = lines.findIndex((l) => l.includes(`card ${n} ·`));
      const kind = /· (recall|single answer|multiple response)/.exec(lines[header]!)![1]!;
      const area = lines[header + 1]!.split(" › ")[0]!.trim();
      seen.push({ kind: kind === "recall" ? "recall" : "choice", area });
      t.send("s");
    }
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(seen.map((s) => s.kind)).toEqual(["recall", "choice", "recall", "choice", "recall", "choice", "recall", "choice"]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.area).not.toBe(seen[i - 1]!.area);
    expect(new Set(seen.map((s) => s.area)).size).toBeGreaterThanOrEqual(4);
  });

  it("u at Hard/Good/Easy shows the question again in the same order; a right answer can be rated Again", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"], at("2027-01-04 09:00:00"));
    let screen = await t.waitFor("Yellow like straw");
    const options = (s: string) => s.split("\n").filter((l) => /^\s*(❯\s*)?\d\.\s/.test(l) || /\d\. (Green|Blue|Red|Yellow)/.test(l)).map((l) => l.replace(/[❯›>]/g, "").trim());
    const order = options(screen);
    expect(order).toHaveLength(4);
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    screen = await t.waitFor(/✔ Correct[\s\S]*How easy was it\?/);
    expect(screen).toMatch(/Again \(I guessed\) · 1m/);
    expect(screen).toContain("undo: back to the question");
    t.send("u");
    // The question again, not the result: no verdict on screen.
    screen = await t.waitFor(/^(?![\s\S]*✔ Correct)[\s\S]*clear daytime sky[\s\S]*Yellow like straw/);
    expect(options(screen)).toEqual(order);
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await t.waitFor(/How easy was it\?/);
    t.send("1");
    screen = await t.waitFor("saved fx-single-sky: Again · 1m");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const log = readLog(data);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ questionId: "fx-single-sky", correct: true, rating: "again", chosen: ["Blue like the sea"] });
  });

  it("offers extra study past today's new-card limit, in quiz and with z in study mode", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    expect(cogquiz(["--data", data, "config", "set", "newPerDay", "1"]).code).toBe(0);
    const args = ["--no-bundled", "--content", bank, "--data", data];
    const t = start([...args, "quiz", "--seed", "7"], at("2027-01-04 09:00:00"));
    let screen = await t.waitFor("Yellow like straw");
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await t.waitFor(/Easy ·/);
    t.send("e");
    screen = await t.waitFor(/Today's new-card limit is reached \(1 a day\): 4 more new cards wait\.[\s\S]*z extra study: 4 new cards beyond today's limit/);
    t.send("z");
    screen = await t.waitFor(/card 1 ·[\s\S]*extra study: 4 new cards beyond today's limit/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(t.screen()).toContain("Extra study: 4 new cards beyond today's limit.");
    // Quit, the cards left come back only as the same offer: the closing line says that, not that the quiz goes on.
    expect(t.screen().replace(/\s+/g, " ")).toContain("You stopped: 4 cards still queued; `cogquiz quiz` offers extra study past today's new-card limit again (z).");
    const again = start([...args, "quiz", "--seed", "8"], at("2027-01-04 09:10:00"));
    await again.waitFor(/Nothing to study right now[\s\S]*z extra study: 4 new cards beyond today's limit/);
    again.send("q");
    expect(await again.waitForExit()).toBe(0);

    // Study mode: z on a topic quizzes its new cards although today's limit is used up.
    const s = start([...args, "study", "Singles"], at("2027-01-04 09:30:00"));
    await s.waitFor(/Session fixture › Singles[\s\S]*close/);
    s.send("Space");
    await s.waitFor(/quiz this topic/);
    s.send("z");
    screen = await s.waitFor(/Twenty-one[\s\S]*extra study: 1 new card beyond today's limit|extra study: 1 new card beyond today's limit[\s\S]*Twenty-one/);
    s.send("q");
    await s.waitFor(/back to the notes/);
    s.send("Enter");
    await s.waitFor(/close/);
    s.send("q");
    await s.waitFor(/quit/);
    s.send("q");
    expect(await s.waitForExit()).toBe(0);
  });

  it("feeds the scheduler only the exam questions seen: a blank one seen is Again, one never reached is left alone", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "exam", "--minutes", "0.05", "--seed", "3"], at("2027-01-04 09:00:00"));
    const screen = await t.waitFor(/question 1 of 2/);
    const firstId = screen.includes("clear daytime sky") ? "fx-single-sky" : "fx-multi-primes";
    await t.waitFor(/time ran out; submitted automatically/, 15_000);
    t.send("q"); // close the result's review
    expect(await t.waitForExit()).toBe(0);
    const exam = progress(data).exams[0];
    expect(exam).toMatchObject({ status: "timed-out", correct: 0, total: 2 });
    expect(exam.answers.map((a: { viewed: boolean }) => a.viewed)).toEqual([true, false]);
    const log = readLog(data).filter((r) => r.kind === "review");
    expect(log.map((r) => [r.questionId, r.rating, r.source])).toEqual([[firstId, "again", "exam"]]);
    // Exam answers use up no daily limit.
    expect(progress(data).days["2027-01-04"] ?? { new: 0, reviews: 0 }).toEqual({ new: 0, reviews: 0 });
  });

  it("undo of a card that came straight back for its step puts it back once", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7", "--limit", "1"], at("2027-01-04 09:00:00"));
    let screen = await t.waitFor("Yellow like straw");
    t.send(optionNumber(screen, "Green like grass"), "Enter");
    await t.waitFor("saved fx-single-sky: Again · 1m");
    t.send("Enter");
    // Nothing else is queued: it comes straight back, early, for its 1-minute step.
    screen = await t.waitFor(/· early[\s\S]*Yellow like straw/);
    t.send("u");
    screen = await t.waitFor(/undone: fx-single-sky[\s\S]*Yellow like straw/);
    // Back as new, once: nothing else is queued behind it.
    expect(screen).toMatch(/0 new · 0 learning · 0 due · single answer\n/);
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await t.waitFor(/How easy was it\?/);
    t.send("Enter");
    screen = await t.waitFor(/saved fx-single-sky: Good · 10m[\s\S]*· early/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const log = readLog(data);
    expect(log.map((r) => [r.kind, r.rating ?? null])).toEqual([
      ["review", "again"],
      ["undo", null],
      ["review", "good"],
    ]);
    expect(progress(data).days["2027-01-04"]).toEqual({ new: 1, reviews: 0 });
  });

  it("stats: true retention, suspended cards never answered, and exam times on the local clock", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const globals = ["--no-bundled", "--content", bank, "--data", data];
    expect(cogquiz([...globals, "suspend", "fx-recall-spider"]).code).toBe(0);
    // A new card failed three times in its steps, then passed: no review-phase answer, no retention figure.
    const t = start([...globals, "quiz", "--seed", "7", "--limit", "1"], at("2027-01-04 09:00:00"));
    for (let i = 0; i < 3; i++) {
      const screen = await t.waitFor(/^(?![\s\S]*Not quite)[\s\S]*Yellow like straw/);
      t.send(optionNumber(screen, "Green like grass"), "Enter");
      await t.waitFor("Not quite");
      t.send("Enter");
    }
    const screen = await t.waitFor(/^(?![\s\S]*Not quite)[\s\S]*Yellow like straw/);
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await t.waitFor(/How easy was it\?/);
    t.send("e");
    expect(await t.waitForExit()).toBe(0);
    const exam = start([...globals, "exam", "--minutes", "0.05", "--seed", "3"], at("2027-01-04 15:20:00", "America/Los_Angeles"));
    await exam.waitFor(/time ran out; submitted automatically/, 15_000);
    exam.send("q"); // close the result's review
    expect(await exam.waitForExit()).toBe(0);

    // Stats read on the exam's day: a clock before the answers would see them as written in the future.
    const env = at("2027-01-04 16:00:00", "America/Los_Angeles");
    const stats = JSON.parse(cogquiz([...globals, "stats", "--json"], { env }).stdout);
    expect(stats.retention.last7).toEqual({ right: 0, total: 0, rate: null });
    expect(stats.cards.suspended).toBe(1);
    expect(stats.exams[0].startedAtLocal).toBe("2027-01-04 15:20");
    expect(cogquiz([...globals, "stats"], { env }).stdout).toContain("2027-01-04 15:20");
  });

  it("groups one topic written two ways as one, in the quiz summary and the exam score", async () => {
    const bank = writeBank("# Amazon Cognito\n\n### Which colour is a clear daytime sky?\n<!-- id: tk-sky -->\n\n- [ ] Green like grass\n- [x] Blue like the sea\n- [ ] Red like a brick\n\n> Sunlight.\n");
    writeFileSync(join(bank, "second.md"), "# `Amazon  Cognito`\n\n### Which number is prime?\n<!-- id: tk-prime -->\n\n- [x] Seven\n- [ ] Nine\n- [ ] Fifteen\n\n> Seven.\n");
    const data = dataFile();
    const globals = ["--no-bundled", "--content", bank, "--data", data];
    const t = start([...globals, "quiz", "--seed", "1"], at("2027-01-04 09:00:00"));
    for (let i = 0; i < 2; i++) {
      const screen = await t.waitFor(new RegExp(`card ${i + 1} ·[\\s\\S]*(Red like a brick|Fifteen)`));
      t.send(screen.includes("Fifteen") ? optionNumber(screen, "Seven") : optionNumber(screen, "Blue like the sea"), "Enter");
      await t.waitFor(/How easy was it\?/);
      t.send("e");
    }
    expect(await t.waitForExit()).toBe(0);
    const lines = t.screen().split("\n").filter((l) => /\d+\/\d+ right/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/2\/2 right\s+100%\s+Amazon Cognito/);

    const exam = start([...globals, "exam", "--minutes", "0.05", "--seed", "1"], at("2027-01-20 09:00:00"));
    await exam.waitFor(/time ran out; submitted automatically/, 15_000);
    exam.send("q"); // close the result's review
    expect(await exam.waitForExit()).toBe(0);
    expect(Object.keys(progress(data).exams[0].byTopic)).toHaveLength(1);
  });

  it("refuses --limit 0, negative and non-integer values with exit 2", () => {
    for (const value of ["0", "-3", "2.5", "ten"]) {
      const r = cogquiz(["quiz", "--limit", value]);
      expect(r.code, value).toBe(2);
      expect(r.stderr).toContain(`--limit takes a whole number from 1 to 999999999 (got "${value}")`);
    }
  });
});
