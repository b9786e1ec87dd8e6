import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { optionNumber, terminals } from "../helpers/tmux.js";

const tty = terminals();
afterEach(() => tty.closeAll());
const start = (args: string[]) => tty.start(args);


function readLog(data: string): Record<string, unknown>[] {
  return readFileSync(data.replace(/progress\.json$/, "reviews.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("cogquiz quiz in a terminal", () => {
  it("quit at the rating prompt of a right answer: the summary says the answer was not saved, and the card is asked next time", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"]);
    const screen = await t.waitFor("Yellow like straw");
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await t.waitFor(/✔ Correct[\s\S]*How easy was it\?/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(t.screen()).toMatch(/Session over: nothing answered\.[\s\S]*Your answer to fx-single-sky was not rated, so it was\s+not saved; the card stays queued\./);
    expect(existsSync(data) ? Object.keys(JSON.parse(readFileSync(data, "utf8")).cards) : []).toEqual([]);
    const again = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"]);
    await again.waitFor("Yellow like straw");
    again.send("q");
    expect(await again.waitForExit()).toBe(0);
  });

  it("says what the keys are when a key does nothing: a digit past the last option, a letter", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"]);
    const screen = await t.waitFor("Yellow like straw");
    const options = screen.split("\n").filter((l) => /^\s*[❯ ]\s*\d\. /.test(l)).length;
    expect(options).toBeGreaterThan(1);
    t.send(String(options + 1));
    await t.waitFor(`there are ${options} options: 1-${options}`);
    t.send("b");
    await t.waitFor(`↑↓ or 1-${options} moves, enter answers, q quits`);
    // Nothing was answered by either key.
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    await t.waitFor(/✔ Correct/);
    // On the rating prompt too, named as the keys line names them (enter, not return).
    t.send("x");
    const said = await t.waitFor(/press [^\n]*enter/);
    expect(said).not.toMatch(/press [^\n]*return/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("answers each kind with the keyboard, refuses a wrong count, skips, undoes and quits with q", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"]);

    let screen = await t.waitFor("Yellow like straw");
    t.send(optionNumber(screen, "Blue like the sea"), "Enter");
    screen = await t.waitFor(/✔ Correct[\s\S]*Easy · \S+/);
    expect(screen).toMatch(/Hard · \S+/);
    expect(screen).toMatch(/Easy · \S+/);
    const easyInterval = /Easy · (\S+)/.exec(screen)![1];
    t.send("e");

    // New cards come mixed: a recall card next, skipped.
    screen = await t.waitFor(/capital of France[\s\S]*show the answer/);
    expect(screen).toContain(`saved fx-single-sky: Easy · ${easyInterval}`);
    t.send("s");
    screen = await t.waitFor("Twenty-one");
    expect(screen).toContain("Choose 2.");
    // The arrows move the cursor here too, and the keys line says so.
    expect(screen).toMatch(/↑↓ move\s+·\s+space\/1-\d toggle/);
    t.send(optionNumber(screen, "Seven"), "Enter");
    await t.waitFor("choose exactly 2 (you have 1)");
    t.send(optionNumber(screen, "Eleven"), "Enter");
    await t.waitFor(/✔ Correct[\s\S]*Easy ·/);
    t.send("Enter");

    screen = await t.waitFor(/photosynthesis[\s\S]*show the answer/);
    t.send("Space");
    screen = await t.waitFor(/Carbon dioxide[\s\S]*Easy ·/);
    expect(screen).toMatch(/Again · 1m/);
    t.send("1");
    screen = await t.waitFor("saved fx-recall-co2: Again · 1m");
    t.send("u");
    screen = await t.waitFor(/undone: fx-recall-co2[\s\S]*show the answer/);
    expect(screen).toContain("photosynthesis");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    screen = t.screen();
    expect(screen).toMatch(/Session over: 2 answered, 100% right, 1 skipped/);
    expect(screen).toMatch(/2\/2 right 100%  Session fixture › Singles/);

    const progress = JSON.parse(readFileSync(data, "utf8"));
    expect(Object.keys(progress.cards).sort()).toEqual(["fx-multi-primes", "fx-single-sky"]);
    expect(progress.cards["fx-single-sky"].phase).toBe("review");
    const log = readLog(data);
    expect(log.map((r) => [r.kind, r.questionId, r.rating ?? null])).toEqual([
      ["review", "fx-single-sky", "easy"],
      ["review", "fx-multi-primes", "good"],
      ["review", "fx-recall-co2", "again"],
      ["undo", "fx-recall-co2", null],
    ]);
    expect(log[1]!.chosen).toEqual(["Seven", "Eleven"]);
    expect(existsSync(`${data}.lock`)).toBe(false);

    // A second session: what was answered is not due; the skipped card comes first.
    const again = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"]);
    screen = await again.waitFor(/card 1[\s\S]*show the answer/);
    expect(screen).toContain("capital of France");
    again.send("C-c");
    expect(await again.waitForExit()).toBe(0);
    expect(again.screen()).toContain("Session over: nothing answered");
  });

  it("keeps keys typed ahead: s, s, q in one burst skip two cards and quit", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--seed", "7"]);
    await t.waitFor(/card 1 ·/);
    // One write to the terminal: the second and third keys reach the program while the first card is closing.
    t.send("ssq");
    expect(await t.waitForExit()).toBe(0);
    expect(t.screen()).toMatch(/Session over: nothing answered, 2 skipped/);
  });

  it("brings a card answered Again back in the same session", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--topic", "recall"]);
    await t.waitFor(/capital of France[\s\S]*show the answer/);
    t.send("Space");
    await t.waitFor(/Paris[\s\S]*Easy ·/);
    t.send("1");
    // The other two cards, then Paris again once its one-minute step is within the learn-ahead window.
    for (const text of ["photosynthesis", "spider"]) {
      await t.waitFor(new RegExp(`${text}[\\s\\S]*show the answer`));
      t.send("Space");
      await t.waitFor(/How well did you know it/);
      t.send("4");
    }
    const screen = await t.waitFor(/card 4 .*\n.*\n\nWhich city is the capital of France/);
    expect(screen).toContain("capital of France");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("ends cleanly on Ctrl-C and refuses a second session on the same progress file", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    const first = start(["--no-bundled", "--content", bank, "--data", data, "quiz"]);
    await first.waitFor("Yellow like straw");
    const second = start(["--no-bundled", "--content", bank, "--data", data, "quiz"]);
    expect(await second.waitForExit()).toBe(1);
    expect(second.screen()).toContain(`in use by pid ${await first.pid()}`);
    first.send("C-c");
    expect(await first.waitForExit()).toBe(0);
    expect(first.screen()).toContain("Session over");
    // Ctrl-C, not q: the summary names no key.
    expect(first.screen()).toMatch(/You stopped: \d+ cards? still queued/);
    expect(existsSync(`${data}.lock`)).toBe(false);
  });

  it("takes over a stale lock left by a dead process", async () => {
    const bank = writeBank(SESSION_BANK);
    const data = dataFile();
    writeFileSync(`${data}.lock`, "999999\n");
    const t = start(["--no-bundled", "--content", bank, "--data", data, "quiz"]);
    await t.waitFor(/card 1[\s\S]*enter answer/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("says what to do without a terminal, and exits 2", () => {
    const r = cogquiz(["quiz"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("quiz needs an interactive terminal; try `cogquiz validate` or `cogquiz topics`");
  });

  it("names a bad option value before it asks for a terminal, for the quiz and the exam alike", () => {
    for (const args of [
      ["quiz", "--limit", "0"],
      ["exam", "--minutes", "-1"],
      ["exam", "--count", "abc"],
    ]) {
      const r = cogquiz(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(new RegExp(`${args[1]} takes`));
      expect(r.stderr, args.join(" ")).not.toContain("interactive terminal");
    }
  });

  it("refuses a corrupt progress file without touching it", async () => {
    const data = dataFile();
    writeFileSync(data, '{"schemaVersion": 1, "cards": {');
    const t = start(["--data", data, "quiz"]);
    expect(await t.waitForExit()).toBe(1);
    expect(t.screen()).toMatch(/does not parse as JSON[\s\S]*left untouched/);
    expect(readFileSync(data, "utf8")).toBe('{"schemaVersion": 1, "cards": {');
  });
});

describe("keys typed ahead of a question", () => {
  it("a second Enter on a wrong answer's screen continues, and does not answer the next question unread", async () => {
    let bank = "# Three\n\n";
    for (const i of [1, 2, 3]) bank += `### Single question ${i}?\n<!-- id: fx-ahead-${i} -->\n\n- [x] right ${i}\n- [ ] wrong ${i}\n- [ ] other ${i}\n\n> because ${i}\n\n`;
    const data = dataFile();
    const t = start(["--no-bundled", "--content", writeBank(bank), "--data", data, "quiz", "--seed", "4"]);
    const screen = await t.waitFor(/Single question (\d)\?[\s\S]*enter answer/);
    const first = /Single question (\d)\?/.exec(screen)![1]!;
    t.send(optionNumber(screen, `wrong ${first}`), "Enter");
    await t.waitFor(/✘ Not quite[\s\S]*enter\/space\/c continue/);
    t.sendTogether("Enter", "Enter");
    const next = await t.waitFor(new RegExp(`card 2[\\s\\S]*Single question (?!${first})\\d\\?[\\s\\S]*enter answer`));
    expect(next).not.toContain("Not quite");
    expect(next).not.toContain("Correct");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expect(readLog(data).filter((r) => r.kind === "review").map((r) => r.questionId)).toEqual([`fx-ahead-${first}`]);
  });
});

describe("a question of more than nine options", () => {
  it("names only the digit keys there are, in the quiz and in the exam: the tenth option on is reached by the arrows", async () => {
    let bank = "# Ten\n\n### Which letter is the tenth of the alphabet?\n<!-- id: fx-tenth-letter -->\n\n";
    for (const l of "ABCDEFGHIK") bank += `- [ ] Letter ${l}\n`;
    bank += "- [x] Letter J\n\n> J is tenth.\n";
    const dir = writeBank(bank);
    const quiz = start(["--no-bundled", "--content", dir, "--data", dataFile(), "quiz"]);
    let screen = await quiz.waitFor(/11\. Letter[\s\S]*enter answer/);
    expect(screen).toContain("↑↓/1-9 move");
    expect(screen).not.toContain("1-11");
    quiz.send("q");
    expect(await quiz.waitForExit()).toBe(0);
    const exam = start(["--no-bundled", "--content", dir, "--data", dataFile(), "exam"]);
    screen = await exam.waitFor(/11\. Letter[\s\S]*review & submit/);
    expect(screen).toContain("1-9/space choose");
    expect(screen).not.toContain("1-11");
    exam.send("0");
    await exam.waitFor("there is no option 0; options are 1-9, the rest by ↑↓");
    exam.send("C-c", "y");
    expect(await exam.waitForExit()).toBe(0);
  });
});
