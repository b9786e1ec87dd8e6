// A session that ends without a key: its terminal closed (a window shut, an ssh connection dropped) or a kill. What
// it has in hand is saved, its lock is let go, and it ends as the signal would end it, with no trace on a terminal
// that is still there.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { dataPaths } from "../../src/store/paths.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { dataFile, enterOnlyBank, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { optionNumber, sleep, terminals, type Terminal } from "../helpers/tmux.js";

const tty = terminals();
afterEach(() => tty.closeAll());
const progress = (data: string) => JSON.parse(readFileSync(data, "utf8"));

/** Whether process `pid` is still running. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The id of the first answer the screen acknowledged, once the next card is up. */
async function firstSaved(t: Terminal): Promise<string> {
  await t.waitFor(/card 2 ·/);
  return /saved (fx-crash-\d+): /.exec(await t.waitForLog(/saved fx-crash-\d+: /))![1]!;
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && running(pid); i++) await sleep(50);
  return !running(pid);
}

describe("closing the terminal during a session", () => {
  it("in a quiz: the answers are checkpointed into progress.json, the lock goes, and it ends by SIGHUP (129)", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(enterOnlyBank(6)), "--data", data, "quiz", "--seed", "1"], {}, undefined, { outlivesHangUp: true });
    await t.waitFor(/enter/);
    t.send("Enter");
    await sleep(100);
    t.send("Enter");
    const saved = await firstSaved(t);
    const pid = await t.pid();
    expect(existsSync(dataPaths(data).lock)).toBe(true);
    t.hangUp();
    expect(await t.waitForExit()).toBe(129);
    expect(await gone(pid)).toBe(true);
    expect(existsSync(dataPaths(data).lock)).toBe(false);
    // In the checkpoint itself, not only in the log for the next start to replay.
    expect(Object.keys(progress(data).cards)).toContain(saved);
  });

  it("in an exam: it is saved as abandoned with the answers chosen so far, and the lock goes", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "exam", "--seed", "3"], {}, undefined, { outlivesHangUp: true });
    let screen = await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    const option = screen.includes("clear daytime sky") ? "Blue" : "Seven";
    t.send(optionNumber(screen, option));
    await t.waitFor(/\(●\)|\[x\]/);
    t.hangUp();
    expect(await t.waitForExit()).toBe(129);
    expect(existsSync(dataPaths(data).lock)).toBe(false);
    const exams = progress(data).exams;
    expect(exams).toHaveLength(1);
    expect(exams[0].status).toBe("abandoned");
    expect(exams[0].answers.filter((a: { chosen: string[] }) => a.chosen.length > 0).map((a: { chosen: string[] }) => a.chosen)).toEqual([
      [expect.stringContaining(option)],
    ]);
  });

  it("in study mode: the lock goes and it ends by SIGHUP (129)", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "study"], {}, undefined, { outlivesHangUp: true });
    await t.waitFor(/Study a topic[\s\S]*Singles/);
    expect(existsSync(dataPaths(data).lock)).toBe(true);
    t.hangUp();
    expect(await t.waitForExit()).toBe(129);
    expect(existsSync(dataPaths(data).lock)).toBe(false);
  });
});

describe("SIGTERM during a session", () => {
  it("stops a quiz with a line that says every answer is saved, exit 143, the lock gone", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(enterOnlyBank(6)), "--data", data, "quiz", "--seed", "1"]);
    await t.waitFor(/enter/);
    t.send("Enter");
    await sleep(100);
    t.send("Enter");
    const saved = await firstSaved(t);
    process.kill(await t.pid(), "SIGTERM");
    expect(await t.waitForExit()).toBe(143);
    const screen = t.screen();
    expect(screen).toContain("cogquiz: stopped by SIGTERM; every answer is saved");
    expect(screen).not.toMatch(/\n\s+at |Error:/);
    expect(existsSync(dataPaths(data).lock)).toBe(false);
    expect(Object.keys(progress(data).cards)).toContain(saved);
  });

  it("stops an exam, saved as abandoned, and says so", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", data, "exam", "--seed", "3"]);
    await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    process.kill(await t.pid(), "SIGTERM");
    expect(await t.waitForExit()).toBe(143);
    expect(t.screen()).toContain("cogquiz: stopped by SIGTERM; the exam is saved as abandoned, with its answers so far");
    expect(existsSync(dataPaths(data).lock)).toBe(false);
    expect(progress(data).exams.map((e: { status: string }) => e.status)).toEqual(["abandoned"]);
  });
});

describe("Ctrl-C before the first card", () => {
  it("stops the quiz while its content loads: the lock goes, exit 130, and it says so", async () => {
    const data = dataFile();
    // Big enough, and not cached, that loading it takes a while after the lock is taken.
    const t = tty.start(["--no-bundled", "--content", writeBank(enterOnlyBank(30_000)), "--data", data, "quiz"], { COGQUIZ_NO_CACHE: "1" });
    for (let i = 0; i < 200 && !existsSync(dataPaths(data).lock); i++) await sleep(10);
    expect(existsSync(dataPaths(data).lock)).toBe(true);
    // What Ctrl-C does to it while the terminal is not in raw mode (sent to the program alone: the terminal's own
    // Ctrl-C would reach the shell that records the exit status too).
    process.kill(await t.pid(), "SIGINT");
    expect(await t.waitForExit(20_000)).toBe(130);
    expect(t.screen()).toContain("cogquiz: stopped by Ctrl-C; every answer is saved");
    expect(t.screen()).not.toContain("card 1");
    expect(existsSync(dataPaths(data).lock)).toBe(false);
  });

  it("stops study while its content loads as it stops the quiz: exit 130, never the topic picker", async () => {
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", writeBank(enterOnlyBank(30_000)), "--data", data, "study"], { COGQUIZ_NO_CACHE: "1" });
    for (let i = 0; i < 200 && !existsSync(dataPaths(data).lock); i++) await sleep(10);
    expect(existsSync(dataPaths(data).lock)).toBe(true);
    process.kill(await t.pid(), "SIGINT");
    expect(await t.waitForExit(20_000)).toBe(130);
    expect(t.screen()).toContain("cogquiz: stopped by Ctrl-C");
    expect(t.screen()).not.toContain("Crash fixture");
    expect(existsSync(dataPaths(data).lock)).toBe(false);
  });

  it("stops a session while its progress file is still being read: the lock goes, exit 130, and it says so", async () => {
    // A review log of answers past the checkpoint, as a crash leaves it: the session replays them after taking the
    // lock and checkpoints them before it is open, so a Ctrl-C comes while the progress file is being read.
    const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
    const at = new Date("2026-03-10T12:00:00Z");
    const after = scheduler.preview(undefined, at).good.card;
    const lines: string[] = [];
    for (let i = 0; i < 80_000; i++) {
      lines.push(JSON.stringify({
        kind: "review", v: 1, reviewId: `r${i}`, questionId: `fx-crash-${i % 6}`, at: at.toISOString(), day: "2026-03-10", rating: "good",
        correct: true, chosen: ["right"], ms: 1200, source: "quiz", wasNew: i < 6, before: null, after,
      }));
    }
    const log = `${lines.join("\n")}\n`;
    const bank = writeBank(enterOnlyBank(6));
    for (const command of ["quiz", "study", "exam"]) {
      const data = dataFile();
      writeFileSync(dataPaths(data).log, log);
      const t = tty.start(["--no-bundled", "--content", bank, "--data", data, command]);
      for (let i = 0; i < 500 && !existsSync(dataPaths(data).lock); i++) await sleep(5);
      expect(existsSync(dataPaths(data).lock), command).toBe(true);
      process.kill(await t.pid(), "SIGINT");
      expect(await t.waitForExit(20_000), command).toBe(130);
      expect(t.screen(), command).toMatch(/cogquiz: stopped by Ctrl-C; (every answer is saved|no exam had begun)/);
      expect(existsSync(dataPaths(data).lock), command).toBe(false);
      // The answers the log held are in progress.json: the open ended, and was checkpointed, before the stop closed it.
      expect(Object.keys(progress(data).cards).sort(), command).toEqual([0, 1, 2, 3, 4, 5].map((i) => `fx-crash-${i}`));
      t.close();
    }
  });
});
