// Every state a data file can be in gets a clear answer: bad log records, odd schema versions, out-of-range
// numbers, leftover temp files, two spellings of one path, a symlinked progress file.
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync, lstatSync, realpathSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LogRecord, ReviewRecord } from "../../src/store/log.js";
import { dataPaths } from "../../src/store/paths.js";
import { ProgressStore } from "../../src/store/progress-store.js";
import { acquireLock, me, processStart } from "../../src/store/lock.js";
import { checkProgress, emptyProgress, FSRS6_WEIGHT_BOUNDS } from "../../src/store/schema.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { backToPlainFsrs, bringForward } from "../../src/srs/exam-rule.js";
import { tallyOf } from "../../src/srs/tally.js";
import { computeStats } from "../../src/session/stats.js";
import { bankOf } from "../helpers/parse.js";
import { SESSION_BANK } from "../helpers/bank-fixture.js";

const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const at = new Date("2026-03-10T12:00:00Z");

function paths() {
  return dataPaths(join(mkdtempSync(join(tmpdir(), "cogquiz-hard-")), "progress.json"));
}

function review(id: string, n = 0, rating: "good" | "again" = "good", before?: ReviewRecord["after"]): ReviewRecord {
  const o = scheduler.preview(before, at);
  return {
    kind: "review", v: 1, reviewId: `r${n}-${id}`, questionId: id, at: at.toISOString(), day: "2026-03-10", rating,
    correct: rating === "good", chosen: ["x"], ms: 1200, source: "quiz", wasNew: before === undefined || before.phase === "new",
    before: before ?? null, after: o[rating].card,
  };
}

const deadPid = () => Number.parseInt(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout, 10);

describe("log records are checked as strictly as the progress file", () => {
  it("skips malformed records, reports each with its byte offset, and never writes them into progress.json", async () => {
    const p = paths();
    const good = review("a");
    const bad: unknown[] = [
      { ...review("b", 1), after: {} },
      { ...review("c", 2), after: { ...good.after, stability: null } },
      { ...review("constructor", 3) },
      { ...review("__proto__", 4) },
      { ...review("d", 5), day: "constructor" },
      { ...review("e", 6), kind: "rewrite" },
      { ...review("f", 7), after: { ...good.after, difficulty: -1e308 } },
      { ...review("g", 8), rating: "superb" },
      { kind: "settings", v: 1, at: at.toISOString(), day: "2026-03-10", settings: { ...emptyProgress().settings, desiredRetention: 5 } },
      { kind: "exam", v: 1, at: at.toISOString(), day: "2026-03-10", exam: { id: "e" } },
    ];
    let text = `${JSON.stringify(good)}\n`;
    const offsets: number[] = [];
    for (const b of bad) {
      offsets.push(Buffer.byteLength(text));
      text += `${JSON.stringify(b)}\n`;
    }
    writeFileSync(p.log, text);
    const s = await ProgressStore.open(p, { lock: true });
    expect(s.report.replayed).toBe(1);
    expect(s.report.badLog.map((b) => b.offset)).toEqual(offsets);
    expect(s.report.badLog.map((b) => b.why)).toEqual([
      "bad card state after", "bad card state after", "bad questionId", "bad questionId", "bad day", 'unknown kind "rewrite"',
      "bad card state after", "bad rating", "settings.desiredRetention is not a number from 0.7 to 0.99", "exam has a bad start or end time",
    ]);
    expect(Object.keys(s.data.cards)).toEqual(["a"]);
    expect(s.data.settings.desiredRetention).toBe(0.9);
    expect(s.data.exams).toEqual([]);
    await s.close();
    // The checkpoint holds only the good record, and the next start takes it without complaint.
    expect(Object.keys(JSON.parse(readFileSync(p.progress, "utf8")).cards)).toEqual(["a"]);
    const again = await ProgressStore.open(p, { lock: true });
    expect(again.report.badLog).toEqual([]);
    await again.close();
  });

  it("refuses a log whose tail is NUL bytes, naming the offset to cut it at", async () => {
    const p = paths();
    const good = `${JSON.stringify(review("a"))}\n`;
    writeFileSync(p.log, good);
    appendFileSync(p.log, Buffer.alloc(8 * 1024 * 1024));
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(`holds NUL bytes from byte ${Buffer.byteLength(good)}`);
    expect(existsSync(p.lock)).toBe(false);
    expect(existsSync(p.progress)).toBe(false);
  });

  it("refuses a log with NUL bytes from its first byte without advice to cut it to nothing", async () => {
    const p = paths();
    writeFileSync(p.log, Buffer.concat([Buffer.from([0x89, 0x50, 0, 0, 0x0a]), Buffer.alloc(64)]));
    const refused = await ProgressStore.open(p, { lock: true }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).toContain("holds NUL bytes from its first byte");
    expect(refused?.message).not.toMatch(/truncate|byte 0 is kept/);
    expect(existsSync(p.lock)).toBe(false);
  });
});

describe("a log replaced by binary data, before or past the checkpoint", () => {
  /** A store with three records applied (the checkpoint past them); its log then replaced by `bytes`. */
  async function replacedLog(bytes: Buffer): Promise<{ p: ReturnType<typeof paths>; progress: string }> {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    for (const id of ["a", "b", "c"]) await s.recordReview(review(id));
    await s.close();
    writeFileSync(p.log, bytes);
    return { p, progress: readFileSync(p.progress, "utf8") };
  }
  const binary = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 256));
  const refusal = (p: ReturnType<typeof paths>) => ProgressStore.open(p, { lock: true }).then(() => undefined, (e: Error) => e);

  it("refuses a binary log shorter than the checkpoint, writing nothing, rather than adding answers after it", async () => {
    const { p, progress } = await replacedLog(binary(200));
    const refused = await refusal(p);
    expect(refused?.message).toContain("holds NUL bytes from its first byte: it is binary data");
    expect(readFileSync(p.progress, "utf8")).toBe(progress);
    expect(readFileSync(p.log)).toEqual(binary(200));
    expect(existsSync(p.lock)).toBe(false);
  });

  it("calls a binary log longer than the checkpoint binary, not damage to cut at the checkpoint", async () => {
    const { p } = await replacedLog(binary(30_000));
    const refused = await refusal(p);
    expect(refused?.message).toContain("holds NUL bytes from its first byte");
    expect(refused?.message).not.toMatch(/truncate/);
  });

  it("names the first damaged line when the damage starts before the checkpoint, after good records", async () => {
    const good = `${JSON.stringify(review("x"))}\n`;
    const { p } = await replacedLog(Buffer.concat([Buffer.from(good), binary(30_000)]));
    const refused = await refusal(p);
    expect(refused?.message).toContain(`holds NUL bytes from byte ${Buffer.byteLength(good)}`);
    expect(refused?.message).toContain(`truncate -s ${Buffer.byteLength(good)}`);
  });

  it("takes a log cut short that holds text (not binary) as before: kept, new answers after its end", async () => {
    const { p } = await replacedLog(Buffer.from(`${JSON.stringify(review("a"))}\n`));
    const s = await ProgressStore.open(p, { lock: true });
    expect(s.report.logShrunk).toBe(true);
    expect(Object.keys(s.data.cards).sort()).toEqual(["a", "b", "c"]);
    await s.close();
  });
});

describe("reset, suspend, settings and exams are in the log", () => {
  it("a replay of the whole log (progress.json moved aside) reproduces resets, suspensions, lifts, settings and exams", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("kept"));
    await s.recordReview(review("reset-me", 1));
    await s.recordReset("reset-me", at);
    await s.recordReview(review("suspended", 2));
    await s.recordSuspend("suspended", true, at);
    await s.recordSuspend("never-seen", true, at);
    await s.recordSuspend("lifted", true, at);
    await s.recordSuspend("lifted", false, at);
    await s.update((d) => {
      d.settings.newPerDay = 7;
      d.settings.desiredRetention = 0.85;
    });
    await s.update(() => {}); // no change of settings: nothing logged
    const exam = {
      id: "exam-1", startedAt: at.toISOString(), endedAt: at.toISOString(), status: "submitted" as const, minutes: 10, passScore: 720, seed: 3,
      total: 1, correct: 1, scaled: 1000, passed: true, byTopic: { T: { correct: 1, total: 1 } }, answers: [{ questionId: "kept", chosen: ["x"], correct: true, flagged: false }],
    };
    await s.saveExam(exam);
    const before = JSON.parse(JSON.stringify(s.data.cards));
    await s.close();
    renameSync(p.progress, `${p.progress}.aside`);
    const replayed = await ProgressStore.open(p, { lock: false });
    expect(replayed.data.cards).toEqual(before);
    expect(replayed.data.settings).toMatchObject({ newPerDay: 7, desiredRetention: 0.85 });
    expect(replayed.data.exams).toEqual([exam]);
    expect(replayed.card("reset-me")).toBeUndefined();
    expect(replayed.card("suspended")?.suspended).toBe(true);
    expect(replayed.card("never-seen")).toMatchObject({ phase: "new", suspended: true });
    expect(replayed.card("lifted")?.suspended).toBeUndefined();
    const kinds = readFileSync(p.log, "utf8").trim().split("\n").map((l) => (JSON.parse(l) as LogRecord).kind);
    expect(kinds).toEqual(["review", "review", "reset", "review", "suspend", "suspend", "suspend", "suspend", "settings", "exam"]);
  });

  it("a replay dates the cards as setting, moving and ending the exam dated them, not as their last answers did", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    // A card in review, answered Good: plain FSRS dates it weeks ahead.
    const reviewed: ReviewRecord["after"] = { ...review("far").after, phase: "review", stability: 30, difficulty: 5, reps: 3, scheduledDays: 30, lastReview: new Date(at.getTime() - 10 * 86_400_000).toISOString() };
    await s.recordReview(review("far", 1, "good", reviewed));
    await s.recordReview(review("near", 2));
    const plainDue = s.card("far")!.due;
    const exam = (date: string) => ({ desiredRetention: 0.9, fuzz: false, exam: { date, minutesPerDay: 30, target: 0.97 } });
    // The exam in two weeks brings the card into its final window; moved sooner, into the new window.
    for (const date of ["2026-03-24", "2026-03-17"]) {
      await s.update((d) => {
        d.settings.exam = exam(date).exam;
        d.cards.far = bringForward(d.cards.far!, exam(date), at);
      });
    }
    const broughtForward = s.card("far")!.due;
    expect(broughtForward < plainDue).toBe(true);
    const inWindow = JSON.parse(JSON.stringify(s.data.cards));
    await s.close();
    renameSync(p.progress, `${p.progress}.aside`);
    const replayed = await ProgressStore.open(p, { lock: true });
    expect(replayed.data.cards).toEqual(inWindow);
    expect(replayed.data.settings.exam?.date).toBe("2026-03-17");
    // The exam over: every card dated by plain FSRS again, in the replay too.
    await replayed.update((d) => {
      delete d.settings.exam;
      d.cards.far = backToPlainFsrs(d.cards.far!, { desiredRetention: 0.9 });
    });
    const after = JSON.parse(JSON.stringify(replayed.data.cards));
    expect(after.far.due).not.toBe(broughtForward);
    await replayed.close();
    renameSync(p.progress, `${p.progress}.aside2`);
    const again = await ProgressStore.open(p, { lock: false });
    expect(again.data.cards).toEqual(after);
    expect(again.data.settings.exam).toBeUndefined();
  });

  it("refuses a settings record whose re-dated cards are not dates and intervals", async () => {
    const p = paths();
    const record = (redated: unknown) => JSON.stringify({ kind: "settings", v: 1, at: at.toISOString(), day: "2026-03-10", settings: emptyProgress().settings, redated });
    writeFileSync(p.log, [record({ a: ["soon", 3] }), record({ a: [at.toISOString(), -1] }), record([]), record({ a: [at.toISOString(), 3] })].join("\n") + "\n");
    const s = await ProgressStore.open(p, { lock: false });
    expect(s.report.badLog.map((b) => b.why)).toEqual(["bad redated", "bad redated", "bad redated"]);
  });

  it("the refusal that advises moving progress.json aside says what a replay keeps", async () => {
    const p = paths();
    writeFileSync(p.progress, "{ not json");
    await expect(ProgressStore.open(p, { lock: false })).rejects.toThrow(
      "move it aside (cogquiz then rebuilds progress from the review log " + p.log + ", which keeps every answer, undo, reset, suspension, settings change and exam result",
    );
  });
});

describe("schema versions", () => {
  for (const [claimed, text] of [["1", '"1"'], [null, "null"], [-1, "-1"], [0.5, "0.5"]] as const) {
    it(`refuses schemaVersion ${text} without migrating or backing up`, async () => {
      const p = paths();
      const file = JSON.stringify({ ...emptyProgress(), schemaVersion: claimed, days: { "2026-03-10": { new: 1, reviews: 0 } } });
      writeFileSync(p.progress, file);
      await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(`has schemaVersion ${text}, which is no version cogquiz writes`);
      expect(readFileSync(p.progress, "utf8")).toBe(file);
      expect(readdirSync(join(p.progress, "..")).filter((f) => f.endsWith(".bak"))).toEqual([]);
    });
  }

  it("quotes a schemaVersion too large for a number as it was written, not as null", async () => {
    const p = paths();
    const file = JSON.stringify({ ...emptyProgress(), schemaVersion: 0 }).replace('"schemaVersion":0', '"schemaVersion": 1e400');
    writeFileSync(p.progress, file);
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(`progress file ${p.progress} has schemaVersion 1e400, which is no version cogquiz writes (whole numbers 0 to 1)`);
    expect(readFileSync(p.progress, "utf8")).toBe(file);
  });

  it("never overwrites a backup: a second migration picks a fresh name", async () => {
    const p = paths();
    writeFileSync(p.progress, JSON.stringify({ cards: {} }));
    writeFileSync(`${p.progress}.v0.bak`, "an older backup");
    const s = await ProgressStore.open(p, { lock: true });
    expect(s.report.migrated).toEqual({ version: 0, backup: `${p.progress}.v0.1.bak` });
    await s.close();
    expect(readFileSync(`${p.progress}.v0.bak`, "utf8")).toBe("an older backup");
    expect(JSON.parse(readFileSync(`${p.progress}.v0.1.bak`, "utf8"))).toEqual({ cards: {} });
  });

  it("a read-only command migrates in memory only, leaving no backup behind", async () => {
    const p = paths();
    writeFileSync(p.progress, JSON.stringify({ cards: {} }));
    const s = await ProgressStore.open(p, { lock: false });
    expect(s.report.migrated).toEqual({ version: 0 });
    expect(readdirSync(join(p.progress, "..")).filter((f) => f.endsWith(".bak"))).toEqual([]);
  });
});

describe("every number is bounded to its meaning", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const reviewed = review("x").after;
  const withCard = (c: object) => ({ ...emptyProgress(), cards: { x: { ...reviewed, ...c } } });
  const withSettings = (s: object) => ({ ...emptyProgress(), settings: { ...emptyProgress().settings, ...s } });
  const defaults = FSRS6_WEIGHT_BOUNDS.map(([lo, hi]) => (lo + hi) / 2);
  const fitted = (w: number[]) => ({ fsrs: { w, fittedAt: "2026-03-01T00:00:00.000Z", reviews: 400 } });
  const refused: [string, unknown, RegExp][] = [
    ["desired retention 5", withSettings({ desiredRetention: 5 }), /desiredRetention is not a number from 0.7 to 0.99/],
    ["desired retention -1e308", withSettings({ desiredRetention: -1e308 }), /desiredRetention/],
    ["difficulty -1e308", withCard({ difficulty: -1e308 }), /difficulty outside 1-10/],
    ["difficulty 11", withCard({ difficulty: 11 }), /difficulty outside 1-10/],
    ["stability 0 on a reviewed card", withCard({ stability: 0 }), /stability outside/],
    ["stability 1e308", withCard({ stability: 1e308 }), /stability outside/],
    ["reps 1.5", withCard({ reps: 1.5 }), /bad reps/],
    ["a negative interval", withCard({ scheduledDays: -3 }), /scheduledDays outside/],
    ["a day key that is not a day", { ...emptyProgress(), days: { constructor: { new: 1, reviews: 0 } } }, /not a day/],
    ["20 FSRS weights", withSettings(fitted(defaults.slice(1))), /has 20 weights; FSRS-6 has 21/],
    ["a weight out of bounds", withSettings(fitted(defaults.map((w, i) => (i === 4 ? 11 : w)))), /weight 4 is 11, outside FSRS-6.s range 1..10/],
    ["an exam target of 5", withSettings({ exam: { date: "2026-06-01", minutesPerDay: 30, target: 5 } }), /target/],
    ["an exam date that is not a date", withSettings({ exam: { date: "soon", minutesPerDay: 30, target: 0.9 } }), /exam.date/],
    ["an exam with more right than asked", { ...emptyProgress(), exams: [{ id: "e", startedAt: now.toISOString(), endedAt: now.toISOString(), status: "submitted", minutes: 10, passScore: 720, seed: 1, total: 2, correct: 3, scaled: 1000, passed: true, byTopic: {}, answers: [] }] }, /exam 1 has bad counts/],
  ];
  for (const [name, file, message] of refused) {
    it(`refuses ${name}`, () => {
      const problem = checkProgress(file);
      expect(problem?.kind === "shape" ? problem.detail : "accepted").toMatch(message);
    });
  }

  it("accepts a new card's zeros, fitted weights within bounds, and a last review later than the clock (a clock set back)", () => {
    expect(checkProgress({ ...emptyProgress(), cards: { n: { ...reviewed, phase: "new", stability: 0, difficulty: 0 } } })).toBeUndefined();
    expect(checkProgress(withSettings(fitted(defaults)))).toBeUndefined();
    expect(checkProgress(withCard({ lastReview: "2026-03-10T12:02:00.000Z" }))).toBeUndefined();
    expect(checkProgress(withCard({ lastReview: "2027-03-11T12:00:00.000Z" }))).toBeUndefined();
  });

  it("a card the loader accepts never makes the scheduler throw, even at the edges of every bound", () => {
    const edges = [
      { stability: 0.001, difficulty: 1 }, { stability: 36500, difficulty: 10 }, { elapsedDays: 36500, scheduledDays: 36500 },
      { lastReview: new Date(now.getTime() + 4 * 60_000).toISOString() },
      { lastReview: new Date(now.getTime() + 400 * 86_400_000).toISOString() },
    ];
    for (const phase of ["learning", "review", "relearning"] as const) {
      for (const e of edges) {
        const c = { ...reviewed, phase, ...e };
        expect(checkProgress(withCard(c))).toBeUndefined();
        // Just before midnight UTC, so a last review ahead of the clock falls on the next UTC day.
        const lateNow = new Date("2026-03-10T23:58:00Z");
        const late = { ...c, lastReview: c.lastReview ? new Date(lateNow.getTime() + 4 * 60_000).toISOString() : undefined };
        for (const when of [now, lateNow]) expect(() => scheduler.preview(when === now ? c : late, when)).not.toThrow();
      }
    }
  });
});

describe("stats reads the checkpoint, not the log", () => {
  it("keeps answers per day by phase in progress.json, equal to a tally of the whole log, undos included", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    const first = review("a");
    await s.recordReview(first);
    const second = review("a", 1, "again", first.after);
    await s.recordReview(second);
    await s.recordUndo(second, at);
    await s.recordReview(review("a", 2, "good", first.after));
    await s.recordReview(review("b", 3, "again"));
    await s.close();
    const log = readFileSync(p.log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as LogRecord);
    const stored = JSON.parse(readFileSync(p.progress, "utf8")).answers;
    expect(stored).toEqual(tallyOf(log));
    expect(stored).toEqual({ "2026-03-10": { new: [2, 1], learning: [1, 1] } });
    const bank = bankOf(["s.md", SESSION_BANK]);
    const fromLog = computeStats({ root: bank.root, questions: bank.questions, cards: {}, log, exams: [], now: at });
    const fromCheckpoint = computeStats({ root: bank.root, questions: bank.questions, cards: {}, answers: stored, exams: [], now: at });
    expect(fromCheckpoint).toEqual(fromLog);
  });

  it("an undo written before undo records named the undone answer still takes the right answer back", () => {
    const wrong = review("a", 0, "again");
    const right = review("b", 1, "good");
    const legacyUndo = { kind: "undo", v: 1, reviewId: right.reviewId, questionId: "b", at: right.at, day: right.day, wasNew: true, restore: null } as const;
    expect(tallyOf([wrong, right, legacyUndo])).toEqual({ "2026-03-10": { new: [1, 0] } });
  });

  it("rebuilds the tally once for a progress file written before it was kept", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    await s.recordReview(review("b", 1, "again"));
    await s.close();
    const file = JSON.parse(readFileSync(p.progress, "utf8"));
    const tally = file.answers;
    delete file.answers;
    writeFileSync(p.progress, JSON.stringify(file));
    const reopened = await ProgressStore.open(p, { lock: true });
    expect(reopened.data.answers).toEqual(tally);
    await reopened.close();
    expect(JSON.parse(readFileSync(p.progress, "utf8")).answers).toEqual(tally);
  });
});

describe("files around the progress file", () => {
  it("removes temp files a checkpoint killed midway left, only ours and only of dead pids", async () => {
    const p = paths();
    const dir = join(p.progress, "..");
    const dead = deadPid();
    writeFileSync(join(dir, `progress.json.${dead}.tmp`), "{half");
    writeFileSync(join(dir, `progress.json.${process.ppid}.tmp`), "{live");
    writeFileSync(join(dir, "progress.json.notes.tmp"), "mine");
    const s = await ProgressStore.open(p, { lock: true });
    await s.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp")).sort()).toEqual([`progress.json.${process.ppid}.tmp`, "progress.json.notes.tmp"].sort());
  });

  it("`--data dir/progress` and `--data dir/progress.json` are one profile: one progress file, one log, one lock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    const a = dataPaths(join(dir, "progress"));
    const b = dataPaths(join(dir, "progress.json"));
    const c = dataPaths(join(dir, "sub", "..", "progress.json"));
    expect([a.progress, a.log, a.lock]).toEqual([b.progress, b.log, b.lock]);
    expect([c.progress, c.log, c.lock]).toEqual([b.progress, b.log, b.lock]);
    // Another live process (our parent stands in for it) holds the lock through one spelling; the other is refused.
    const held = acquireLock(b.lock, { ...me(), pid: process.ppid, start: processStart(process.ppid) ?? null });
    await expect(ProgressStore.open(a, { lock: true })).rejects.toThrow(`another cogquiz session is running: progress file is in use by pid ${process.ppid}`);
    held.release();
    const s = await ProgressStore.open(a, { lock: true });
    await s.recordReview(review("a"));
    await s.close();
    expect(Object.keys((await ProgressStore.open(b, { lock: false })).data.cards)).toEqual(["a"]);
  });

  it("--data ending in a slash, or naming a folder, keeps progress.json in that folder, for every command alike", async () => {
    const root = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    mkdirSync(join(root, "p13"));
    for (const [given, folder] of [[join(root, "p14") + "/", "p14"], [join(root, "p13"), "p13"], [join(root, "p13") + "/", "p13"]] as const) {
      const p = dataPaths(given);
      expect([p.progress, p.log, p.lock]).toEqual([join(root, folder, "progress.json"), join(root, folder, "reviews.jsonl"), join(root, folder, "progress.json.lock")]);
      const s = await ProgressStore.open(p, { lock: true });
      await s.recordReview(review(`in-${folder}`, given.length));
      await s.close();
      expect(dataPaths(undefined, { COGQUIZ_DATA: given }).progress).toBe(p.progress);
    }
    expect(readdirSync(root).sort()).toEqual(["p13", "p14"]);
    expect(Object.keys((await ProgressStore.open(dataPaths(join(root, "p13")), { lock: false })).data.cards)).toEqual(["in-p13"]);
  });

  it("--data naming a folder that has a progress file of the same name beside it is refused, naming both readings", () => {
    const root = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    mkdirSync(join(root, "study"));
    writeFileSync(join(root, "study.json"), JSON.stringify(emptyProgress()));
    expect(() => dataPaths(join(root, "study"))).toThrow(
      `--data ${join(root, "study")} names a folder, and ${join(root, "study.json")} is a progress file: say which one, --data ${join(root, "study.json")} for that file or --data ${join(root, "study")}/ for progress.json in the folder`,
    );
    expect(dataPaths(join(root, "study.json")).progress).toBe(join(root, "study.json"));
    expect(dataPaths(`${join(root, "study")}/`).progress).toBe(join(root, "study", "progress.json"));
  });

  it("--data - is refused: progress is a file kept in place, and - would name a file -.json in the current folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(() => dataPaths("-")).toThrow(/progress cannot be kept in "-"/);
      expect(() => dataPaths(undefined, { COGQUIZ_DATA: "-" })).toThrow(/give --data \(or COGQUIZ_DATA\) a file or a folder/);
      // A file or folder that only starts with a dash is a name like any other.
      expect(dataPaths("-study").progress).toBe(join(realpathSync(dir), "-study.json"));
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a progress file kept under the old name without .json is pointed out, not silently replaced by an empty one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    writeFileSync(join(dir, "study"), JSON.stringify(emptyProgress()));
    await expect(ProgressStore.open(dataPaths(join(dir, "study")), { lock: true })).rejects.toThrow(`rename ${join(dir, "study")} to ${join(dir, "study.json")}`);
    expect(readdirSync(dir)).toEqual(["study"]);
  });

  it("writes a symlinked progress file through to its target, keeping the link; its log is the target's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    const link = join(dir, "progress.json");
    const target = join(dir, "elsewhere.json");
    writeFileSync(target, JSON.stringify(emptyProgress()));
    symlinkSync(target, link);
    const p = dataPaths(link);
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    await s.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(target, "utf8")).cards)).toEqual(["a"]);
    expect(readdirSync(dir).sort()).toEqual(["elsewhere.json", "elsewhere.reviews.jsonl", "progress.json"]);
    // Through its own name the target is the same profile: the answer is there, and nothing is replayed twice.
    const direct = await ProgressStore.open(dataPaths(target), { lock: true });
    expect(Object.keys(direct.data.cards)).toEqual(["a"]);
    expect(direct.report.replayed).toBe(0);
    await direct.close();
  });

  it("a symlinked progress file and its target are one profile: one lock, one log, so a second writer is refused", async () => {
    const root = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    const real = join(root, "real", "progress.json");
    const alias = join(root, "viaLink", "progress.json");
    const file = join(root, "real", "prog.json");
    const aliasFile = join(root, "real", "alias.json");
    for (const d of ["real", "viaLink"]) mkdirSync(join(root, d));
    writeFileSync(real, JSON.stringify(emptyProgress()));
    writeFileSync(file, JSON.stringify(emptyProgress()));
    symlinkSync(real, alias);
    symlinkSync(join(root, "real", "reviews.jsonl"), join(root, "viaLink", "reviews.jsonl"));
    symlinkSync("prog.json", aliasFile);
    for (const [a, b] of [[real, alias], [file, aliasFile]] as const) {
      const pa = dataPaths(a);
      const pb = dataPaths(b);
      expect([pb.progress, pb.log, pb.lock]).toEqual([pa.progress, pa.log, pa.lock]);
      // A live session (our parent stands in for it) holds the file through one name; a writer through the other is refused.
      const held = acquireLock(pa.lock, { ...me(), pid: process.ppid, start: processStart(process.ppid) ?? null });
      await expect(ProgressStore.open(pb, { lock: true })).rejects.toThrow(`another cogquiz session is running: progress file is in use by pid ${process.ppid}`);
      held.release();
      expect(JSON.parse(readFileSync(pa.progress, "utf8")).settings.newPerDay).toBe(20);
    }
  });

  it("a read-only progress file is refused to a writer with what to do, and left untouched; a reader still reads it", async () => {
    const p = paths();
    const text = JSON.stringify({ ...emptyProgress(), settings: { ...emptyProgress().settings, newPerDay: 7 } });
    writeFileSync(p.progress, text);
    // The mode bits, not access(): root passes access(W_OK) on any file, and tests run as root here.
    chmodSync(p.progress, 0o444);
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(
      `progress file ${p.progress} is read-only (mode 0444), so cogquiz will not change it. Make it writable (chmod u+w '${p.progress}') or use --data <file> for another progress file`,
    );
    expect(readFileSync(p.progress, "utf8")).toBe(text);
    expect(statSync(p.progress).mode & 0o777).toBe(0o444);
    expect(existsSync(p.lock)).toBe(false);
    const reader = await ProgressStore.open(p, { lock: false });
    expect(reader.data.settings.newPerDay).toBe(7);
    // Unreadable too: the advice gives back both bits, as u+w alone (0200) would leave it unreadable.
    chmodSync(p.progress, 0o000);
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(`is read-only (mode 0000), so cogquiz will not change it. Make it writable (chmod u+rw '${p.progress}')`);
    chmodSync(p.progress, 0o644);
  });

  it("a checkpoint keeps the progress file's permission bits, through a link too; a new file is private", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.close();
    expect(statSync(p.progress).mode & 0o777).toBe(0o600);
    chmodSync(p.progress, 0o640);
    const dir = join(p.progress, "..");
    symlinkSync(p.progress, join(dir, "alias.json"));
    for (const name of [p.progress, join(dir, "alias.json")]) {
      const again = await ProgressStore.open(dataPaths(name), { lock: true });
      await again.recordReview(review(basename(name)));
      await again.close();
      expect(statSync(p.progress).mode & 0o777).toBe(0o640);
    }
    expect(lstatSync(join(dir, "alias.json")).isSymbolicLink()).toBe(true);
  });

  it("a review log an earlier release kept beside the link is pointed out, never left behind", async () => {
    const root = mkdtempSync(join(tmpdir(), "cogquiz-hard-"));
    const target = join(root, "synced.json");
    const link = join(root, "progress.json");
    writeFileSync(target, JSON.stringify(emptyProgress()));
    symlinkSync(target, link);
    const old = `${JSON.stringify(review("a"))}\n`;
    writeFileSync(join(root, "reviews.jsonl"), old);
    for (const lock of [true, false]) {
      await expect(ProgressStore.open(dataPaths(link), { lock })).rejects.toThrow(
        `the review log ${join(root, "reviews.jsonl")} beside the link is not that file. Move it there (mv '${join(root, "reviews.jsonl")}' '${join(root, "synced.reviews.jsonl")}')`,
      );
    }
    writeFileSync(join(root, "synced.reviews.jsonl"), "");
    await expect(ProgressStore.open(dataPaths(link), { lock: true })).rejects.toThrow("cogquiz will not guess which of the two holds this progress file's answers");
    expect(readFileSync(join(root, "reviews.jsonl"), "utf8")).toBe(old);
    expect(readFileSync(join(root, "synced.reviews.jsonl"), "utf8")).toBe("");
    renameSync(join(root, "reviews.jsonl"), join(root, "synced.reviews.jsonl"));
    const s = await ProgressStore.open(dataPaths(link), { lock: true });
    expect(Object.keys(s.data.cards)).toEqual(["a"]);
    await s.close();
  });
});

describe("answers later than the clock (a clock set back, or an earlier session's clock ahead)", () => {
  it("keeps the progress file and the log's answers, reports the cards once, and the next answer is scheduled from now", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true, now: at });
    await s.recordReview(review("a")); // answered at `at`
    await s.close();
    // The clock now reads two days earlier.
    const earlier = new Date(at.getTime() - 2 * 86_400_000);
    const back = await ProgressStore.open(p, { lock: true, now: earlier });
    expect(back.report.aheadOfClock).toEqual({ cards: 1, latest: at.toISOString() });
    const o = scheduler.preview(back.card("a"), earlier);
    for (const r of ["again", "hard", "good", "easy"] as const) {
      expect(Date.parse(o[r].card.due)).toBeGreaterThan(earlier.getTime());
      expect(o[r].card.lastReview).toBe(earlier.toISOString());
    }
    expect(scheduler.retrievability(back.card("a")!, earlier)).toBe(1);
    await back.close();
    // Rebuilt from the log alone (progress.json moved aside), the answer is still there.
    renameSync(p.progress, `${p.progress}.aside`);
    const rebuilt = await ProgressStore.open(p, { lock: true, now: earlier });
    expect(rebuilt.report.badLogLines).toBe(0);
    expect(rebuilt.card("a")?.lastReview).toBe(at.toISOString());
    await rebuilt.close();
  });
});
