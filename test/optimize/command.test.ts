// `cogquiz optimize` as a student runs it: the built binary on progress files left by simulated learners.

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAST_FORGETTING_WEIGHTS, SAMPLE_TRUE_WEIGHTS } from "../../src/analysis/learner.js";
import { schedulerSettingsOf } from "../../src/commands/progress.js";
import { DEFAULT_PARAMETERS } from "../../src/srs/fsrs-parameters.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import type { Progress } from "../../src/store/schema.js";
import { ROOT, cogquiz } from "../helpers/cli.js";
import { writeProfile } from "../helpers/synthetic-profile.js";
import { progressBar } from "../../src/ui/progress-bar.js";
import { backToPlainFsrs } from "../../src/srs/exam-rule.js";
import { emptyProgress } from "../../src/store/schema.js";
import { SESSION_BANK } from "../helpers/bank-fixture.js";

const read = (path: string): Progress => JSON.parse(readFileSync(path, "utf8")) as Progress;
const run = (progress: string, ...args: string[]) => cogquiz(["--data", progress, ...args]);

describe("cogquiz optimize", () => {
  it("adopts a better fit, stores it with date and review count, recomputes memory states; config get shows it; --reset undoes it", { timeout: 90_000 }, () => {
    const profile = writeProfile({ cards: 500, days: 100, newPerDay: 8, seed: 11, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const r = run(profile.progress, "optimize");
    expect(r.stderr).toBe(""); // no progress bar without a terminal
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fitted on the earlier 80 % \([\d,]+\), tested on the later [\d,]+/);
    expect(r.stdout).toMatch(/all cards \([\d,]+\)\s+0\.\d{4}\s+0\.\d{4}\s+0\.\d{4}\s+0\.\d{4}/);
    expect(r.stdout).toMatch(/recall cards \(\d+\)/);
    expect(r.stdout).toMatch(/multiple choice \(\d+\)/);
    expect(r.stdout).toMatch(/Adopted for all cards: the fitted parameters lower the log loss on the later [\d,]+ reviews by \d+\.\d %/);

    const after = read(profile.progress);
    const fsrs = after.settings.fsrs!;
    expect(fsrs.w).toHaveLength(21);
    expect(fsrs.w).not.toEqual([...DEFAULT_PARAMETERS]);
    expect(fsrs.reviews).toBe(profile.log.records.length);
    expect(Date.now() - Date.parse(fsrs.fittedAt)).toBeLessThan(5 * 60_000);
    // Memory states now come from the fitted parameters; due dates with them.
    const ids = Object.keys(profile.log.cards);
    const moved = ids.filter((id) => after.cards[id]!.stability !== profile.log.cards[id]!.stability).length;
    expect(moved).toBe(ids.length);
    expect(ids.filter((id) => after.cards[id]!.due !== profile.log.cards[id]!.due).length).toBeGreaterThan(ids.length / 2);
    expect(r.stdout).toContain(`the memory states of ${ids.length} cards were recomputed`);

    const config = run(profile.progress, "config", "get");
    expect(config.code).toBe(0);
    expect(config.stdout).toContain(`fsrs=fitted\nfsrs.fittedAt=${fsrs.fittedAt}\nfsrs.reviews=${fsrs.reviews}\nfsrs.w=${fsrs.w.join(",")}\n`);
    expect(run(profile.progress, "config", "set", "fsrs", "1,2").code).toBe(2);

    const reset = run(profile.progress, "optimize", "--reset");
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("back to FSRS-6's default parameters");
    const back = read(profile.progress);
    expect(back.settings.fsrs).toBeUndefined();
    // Replayed under the defaults they were scheduled with, the cards have the memory states the quiz gave them.
    for (const id of ids) {
      expect(back.cards[id]!.stability).toBeCloseTo(profile.log.cards[id]!.stability, 6);
      expect(back.cards[id]!.difficulty).toBeCloseTo(profile.log.cards[id]!.difficulty, 6);
    }
    expect(run(profile.progress, "config", "get", "fsrs").stdout).toBe("fsrs=default\n");
  });

  it("stores a set of their own for multiple-choice questions when their memory differs; config get, --json and --reset know it", { timeout: 90_000 }, () => {
    const profile = writeProfile({ cards: 500, days: 100, newPerDay: 8, seed: 2, trueWeights: SAMPLE_TRUE_WEIGHTS, choiceTrueWeights: FAST_FORGETTING_WEIGHTS });
    const r = run(profile.progress, "optimize", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.status).toBe("adopted");
    expect(j.kinds.choice).toMatchObject({ adopted: true, trainReviews: expect.any(Number), testReviews: expect.any(Number), evaluation: { logLoss: expect.any(Number) } });
    const fsrs = read(profile.progress).settings.fsrs!;
    const own = fsrs.kinds!.choice!;
    expect(own.w).toEqual(j.stored.kinds.choice.w);
    expect(own.w).toEqual(j.kinds.choice.parameters);
    // The answers to multiple-choice questions, as counted in the log.
    expect(own.reviews).toBe(profile.log.records.filter((x) => x.correct !== null).length);
    // Every scheduler built from these settings gives a multiple-choice question its own set, a recall card the common one.
    expect(schedulerSettingsOf(read(profile.progress).settings, "choice").parameters).toEqual(own.w);
    expect(schedulerSettingsOf(read(profile.progress).settings, "recall").parameters).toEqual(fsrs.w);
    // Memory states recomputed by kind: a multiple-choice card's stability is what its own set makes of its answers.
    const mc = Object.keys(profile.log.cards).find((id) => profile.log.records.some((x) => x.questionId === id && x.correct !== null))!;
    expect(read(profile.progress).cards[mc]!.stability).not.toBe(profile.log.cards[mc]!.stability);
    const config = run(profile.progress, "config", "get");
    expect(config.stdout).toContain(`fsrs.choice.reviews=${own.reviews}\nfsrs.choice.w=${own.w.join(",")}\n`);
    const human = run(profile.progress, "optimize");
    expect(human.stdout).toMatch(/multiple choice \([\d,]+\)\s+0\.\d{4}\s+0\.\d{4}\s+0\.\d{4}.*← own set adopted/);
    expect(human.stdout).toMatch(/Adopted for multiple-choice questions: a set fitted to multiple-choice questions alone lowers their log loss by \d+\.\d %/);
    expect(run(profile.progress, "optimize", "--reset").code).toBe(0);
    expect(read(profile.progress).settings.fsrs).toBeUndefined();
    expect(run(profile.progress, "config", "get", "fsrs").stdout).toBe("fsrs=default\n");
  });

  it("refuses a progress file whose set for one kind of card is malformed", () => {
    const cases: [unknown, RegExp][] = [
      [{ choice: { w: DEFAULT_PARAMETERS.slice(0, 20), reviews: 5 } }, /settings\.fsrs\.kinds\.choice\.w has 20 weights; FSRS-6 has 21/],
      [{ choice: { w: DEFAULT_PARAMETERS.map((x, i) => (i === 0 ? 500 : x)), reviews: 5 } }, /settings\.fsrs\.kinds\.choice\.w weight 0 is 500, outside FSRS-6's range/],
      [{ essay: { w: [...DEFAULT_PARAMETERS], reviews: 5 } }, /settings\.fsrs\.kinds holds "essay", which is no kind of card/],
      [{ recall: { w: [...DEFAULT_PARAMETERS], reviews: -1 } }, /settings\.fsrs\.kinds\.recall\.reviews is not a count/],
    ];
    for (const [kinds, message] of cases) {
      const profile = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS }, (p) => {
        p.settings.fsrs = { w: [...DEFAULT_PARAMETERS], fittedAt: "2026-01-01T00:00:00.000Z", reviews: 10, kinds } as never;
      });
      const before = readFileSync(profile.progress, "utf8");
      for (const args of [["stats"], ["config", "get"]]) {
        const r = run(profile.progress, ...args);
        expect(r.code, args.join(" ")).toBe(1);
        expect(r.stderr).toMatch(message);
      }
      expect(readFileSync(profile.progress, "utf8")).toBe(before);
    }
  });

  it("skips malformed records of the log, says where they are, and fits on the others", { timeout: 60_000 }, () => {
    const profile = writeProfile({ cards: 500, days: 60, newPerDay: 8, seed: 3, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const log = join(profile.dir, "reviews.jsonl");
    const text = readFileSync(log, "utf8");
    const bad = `${JSON.stringify({ ...profile.log.records[3]!, reviewId: "x1", rating: "superb" })}\n`;
    writeFileSync(log, `${text}${bad}`);
    const r = run(profile.progress, "optimize", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`skipped 1 line of ${log} that is not a valid record (byte ${Buffer.byteLength(text)}: bad rating)`);
    expect(JSON.parse(r.stdout).answers).toBe(profile.log.records.length);
  });

  it("--json prints the parameters and both evaluations", { timeout: 60_000 }, () => {
    const profile = writeProfile({ cards: 500, days: 100, newPerDay: 8, seed: 12, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const r = run(profile.progress, "optimize", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.status).toBe("adopted");
    expect(j.parameters).toEqual(read(profile.progress).settings.fsrs!.w);
    expect(j.defaultParameters).toEqual([...DEFAULT_PARAMETERS]);
    for (const which of ["default", "fitted"]) {
      for (const kind of ["all", "recall", "choice"]) {
        expect(j.evaluation[which][kind]).toEqual({ logLoss: expect.any(Number), rmseBins: expect.any(Number), reviews: expect.any(Number) });
      }
    }
    expect(j.evaluation.fitted.all.logLoss).toBeLessThan(j.evaluation.default.all.logLoss);
  });

  it("with too little history, says how many reviews there are and how many are needed, and changes nothing", () => {
    const profile = writeProfile({ cards: 10, days: 8, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const before = readFileSync(profile.progress, "utf8");
    const r = run(profile.progress, "optimize");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Not enough history to fit: \d+ reviews follow an answer on an earlier day, and a fit needs 100\. Nothing changed/);
    expect(readFileSync(profile.progress, "utf8")).toBe(before);
  });

  it("with a few hundred reviews, fits only the initial stabilities and says so", { timeout: 60_000 }, () => {
    const profile = writeProfile({ cards: 60, days: 30, newPerDay: 4, seed: 2, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const r = run(profile.progress, "optimize");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("only the four initial stabilities (w0-w3) are fitted; the other weights stay FSRS-6's defaults");
    const fsrs = read(profile.progress).settings.fsrs;
    if (fsrs) expect(fsrs.w.slice(4)).toEqual(DEFAULT_PARAMETERS.slice(4).map((x) => Math.round(x * 1e6) / 1e6));
    else expect(r.stdout).toMatch(/Kept FSRS-6's default parameters: .+ Nothing changed\./);
  });

  it("refuses a progress file whose stored parameter set is malformed, and leaves it untouched", () => {
    const profile = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS }, (p) => {
      p.settings.fsrs = { w: DEFAULT_PARAMETERS.slice(0, 19), fittedAt: "2026-01-01T00:00:00.000Z", reviews: 10 };
    });
    const before = readFileSync(profile.progress, "utf8");
    for (const args of [["optimize"], ["config", "get"], ["stats"]]) {
      const r = run(profile.progress, ...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(/has the wrong shape: settings\.fsrs\.w has 19 weights; FSRS-6 has 21/);
    }
    expect(readFileSync(profile.progress, "utf8")).toBe(before);
  });

  it("--retention draws minutes a day and knowledge kept for 0.70-0.97, marks the current setting, and changes nothing", { timeout: 60_000 }, () => {
    const profile = writeProfile({ cards: 40, days: 20, newPerDay: 4, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS }, (p) => {
      p.settings.desiredRetention = 0.85;
    });
    const before = readFileSync(profile.progress, "utf8");
    const r = run(profile.progress, "optimize", "--retention");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0\.85 ◀ now\s+\d+\.\d+ █+/m);
    expect(r.stdout).toMatch(/^0\.70 /m);
    expect(r.stdout).toMatch(/^0\.97 /m);
    expect(r.stdout).toMatch(/★ 0\.\d\d is the highest desired retention/);
    expect(r.stdout).toContain("Above 0.97 the time a day climbs steeply");
    expect(readFileSync(profile.progress, "utf8")).toBe(before);
    const j = JSON.parse(run(profile.progress, "optimize", "--retention", "--json").stdout);
    expect(j.points.map((p: { retention: number }) => p.retention)).toEqual(Array.from({ length: 28 }, (_, i) => Math.round((0.7 + i / 100) * 100) / 100));
    // More retention costs more time and keeps more.
    expect(j.points[27].minutesPerDay).toBeGreaterThan(j.points[0].minutesPerDay);
    expect(j.points[27].knowledge).toBeGreaterThan(j.points[0].knowledge);
    expect(j.current.retention).toBe(0.85);
  });

  it("--retention simulates each kind of card under its own set when there is one", { timeout: 60_000 }, () => {
    const fitted = { w: [...DEFAULT_PARAMETERS], fittedAt: "2026-01-01T00:00:00.000Z", reviews: 5000 };
    const common = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS }, (p) => {
      p.settings.fsrs = fitted;
    });
    const own = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS }, (p) => {
      p.settings.fsrs = { ...fitted, kinds: { choice: { w: [...FAST_FORGETTING_WEIGHTS], reviews: 2000 } } } as never;
    });
    const a = JSON.parse(run(common.progress, "optimize", "--retention", "--json").stdout);
    const b = JSON.parse(run(own.progress, "optimize", "--retention", "--json").stdout);
    expect(a.parameters).toBe("fitted");
    expect(b.parameters).toBe("fitted per kind");
    expect(b.cards).toBe(a.cards);
    // Multiple-choice questions that are forgotten fast need more reviews at the same desired retention.
    expect(b.current.minutesPerDay).toBeGreaterThan(a.current.minutesPerDay);
  });

  it("fits with the portable build where the faster one is missing or turned off, and comes to the same decision", { timeout: 120_000 }, () => {
    const profile = writeProfile({ cards: 500, days: 100, newPerDay: 8, seed: 12, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const portableVersion = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@open-spaced-repetition/binding"];
    // Each run on its own copy of the progress file and its review log.
    const copy = (): string => {
      const to = mkdtempSync(join(tmpdir(), "cogquiz-fit-"));
      for (const file of ["progress.json", "reviews.jsonl"]) writeFileSync(join(to, file), readFileSync(join(profile.dir, file)));
      return join(to, "progress.json");
    };
    // An install without the faster build, as on every platform but linux x64.
    const dir = installWithout(["fsrs-binding-0.5"]);
    const without = spawnCli(dir, ["--data", copy(), "optimize", "--json"], { NO_COLOR: "1" });
    expect(without.code).toBe(0);
    const a = JSON.parse(without.stdout);
    expect(a.optimizer).toBe(`@open-spaced-repetition/binding@${portableVersion}`);
    // The faster build's package installed but not its binary, as npm leaves it on macOS, Windows, arm64 or musl:
    // its loader finds the portable build's binary instead, and the portable build fits.
    const partial = installWithout(["fsrs-binding-0.5"]);
    mkdirSync(join(partial, "node_modules", "fsrs-binding-0.5"));
    for (const part of ["package.json", "dist"]) cpSync(join(ROOT, "node_modules", "fsrs-binding-0.5", part), join(partial, "node_modules", "fsrs-binding-0.5", part), { recursive: true });
    const noBinary = spawnCli(partial, ["--data", copy(), "optimize", "--json"], { NO_COLOR: "1" });
    expect(noBinary.code).toBe(0);
    expect(JSON.parse(noBinary.stdout).optimizer).toBe(a.optimizer);
    // Turned off by the environment where both are installed.
    const off = spawnSync(process.execPath, [join(ROOT, "dist", "cogquiz.cjs"), "--data", copy(), "optimize", "--json"], { env: { ...process.env, COGQUIZ_OPTIMIZER_BUILD: "portable" }, encoding: "utf8" });
    expect(off.status).toBe(0);
    expect(JSON.parse(off.stdout).optimizer).toBe(a.optimizer);
    // The default install: the faster build where it has a binary, the same decision either way.
    const b = JSON.parse(run(copy(), "optimize", "--json").stdout);
    expect(b.optimizer).toMatch(/^@open-spaced-repetition\/binding@\d+\.\d+\.\d+$/);
    expect(b.status).toBe(a.status);
    expect(a.status).toBe("adopted");
    expect(a.evaluation.default).toEqual(b.evaluation.default); // the same held-out reviews, scored the same way
    expect(Math.abs(a.evaluation.fitted.all.logLoss - b.evaluation.fitted.all.logLoss)).toBeLessThan(0.01);
  });

  it("when the optimizer cannot load, says so in one line and exits 1; everything else keeps working", () => {
    // An install of cogquiz whose node_modules lacks the optimizer, as on a platform it has no build for.
    const dir = installWithout(["@open-spaced-repetition", "fsrs-binding-0.5"]);
    const profile = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const env = { COGQUIZ_DATA: profile.progress, NO_COLOR: "1" };
    const r = spawnCli(dir, ["optimize"], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^cogquiz: the FSRS optimizer \(@open-spaced-repetition\/binding\) cannot load on .+; everything else in cogquiz works without it\n$/);
    expect(spawnCli(dir, ["config", "get"], env).code).toBe(0);
    expect(spawnCli(dir, ["optimize", "--retention"], env).code).toBe(0);
  });
});

/** An install of cogquiz (links to this one's build and packages) whose node_modules lacks the packages `left`. */
function installWithout(left: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-install-"));
  symlinkSync(join(ROOT, "dist"), join(dir, "dist"));
  symlinkSync(join(ROOT, "content"), join(dir, "content"));
  symlinkSync(join(ROOT, "package.json"), join(dir, "package.json"));
  mkdirSync(join(dir, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (!left.includes(name)) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  }
  return dir;
}

/** Runs the binary installed in `dir`, resolving packages from that install's node_modules. */
function spawnCli(dir: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--preserve-symlinks", "--preserve-symlinks-main", join(dir, "dist", "cogquiz.cjs"), ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the fitted parameters in use", () => {
  it("every scheduler built from the settings uses the stored parameters", () => {
    const settings = { newPerDay: 20, reviewsPerDay: 200, desiredRetention: 0.9, contentPaths: [], fsrs: { w: [...SAMPLE_TRUE_WEIGHTS], fittedAt: "2026-03-01T00:00:00.000Z", reviews: 3000 } };
    expect(schedulerSettingsOf(settings).parameters).toEqual(SAMPLE_TRUE_WEIGHTS);
    const now = new Date("2026-03-02T10:00:00.000Z");
    const fitted = createScheduler({ ...schedulerSettingsOf(settings), fuzz: false }).preview(undefined, now).easy.intervalMs;
    const defaults = createScheduler({ desiredRetention: 0.9, fuzz: false }).preview(undefined, now).easy.intervalMs;
    expect(fitted).toBeGreaterThan(defaults); // w3, Easy's first stability, is 20 days against 8.3
  });

  it("a scheduler with a set fitted to one kind uses it for that kind only, in previews and in predicted recall", () => {
    const own = [...SAMPLE_TRUE_WEIGHTS];
    const settings = { newPerDay: 20, reviewsPerDay: 200, desiredRetention: 0.9, contentPaths: [], fsrs: { w: [...DEFAULT_PARAMETERS], fittedAt: "2026-03-01T00:00:00.000Z", reviews: 3000, kinds: { choice: { w: own, reviews: 1500 } } } };
    const s = createScheduler({ ...schedulerSettingsOf(settings), fuzz: false });
    const onlyOwn = createScheduler({ desiredRetention: 0.9, fuzz: false, parameters: own });
    const defaults = createScheduler({ desiredRetention: 0.9, fuzz: false });
    const now = new Date("2026-03-02T10:00:00.000Z");
    expect(s.preview(undefined, now, "choice").easy.intervalMs).toBe(onlyOwn.preview(undefined, now).easy.intervalMs);
    expect(s.preview(undefined, now, "recall").easy.intervalMs).toBe(defaults.preview(undefined, now).easy.intervalMs);
    const card = defaults.preview(undefined, now).good.card;
    const later = new Date(now.getTime() + 5 * 86_400_000);
    expect(s.retrievability(card, later, "choice")).toBe(onlyOwn.retrievability(card, later));
    expect(s.retrievability(card, later, "recall")).toBe(defaults.retrievability(card, later));
    expect(s.retrievability(card, later, "choice")).not.toBe(s.retrievability(card, later, "recall"));
  });

  it("the progress bar is drawn on a terminal only", () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progressBar(tty);
    bar.update("fitting", 0.5);
    bar.done();
    expect(written[0]).toBe(`\rfitting [${"#".repeat(15)}${"-".repeat(15)}]  50 %`);
    expect(written[1]).toMatch(/^\r +\r$/);
    const piped: string[] = [];
    const bar2 = progressBar({ isTTY: false, write: (s: string) => piped.push(s) } as unknown as NodeJS.WriteStream);
    bar2.update("fitting", 0.5);
    bar2.done();
    expect(piped).toEqual([]);
  });
});

describe("cogquiz simulate --parameters yours", () => {
  it("runs the scheduler on the student's fitted parameters, says so, and refuses when there are none", { timeout: 90_000 }, () => {
    const args = ["simulate", "--learners", "3", "--days", "12", "--cards", "30", "--no-frontier", "--json"];
    const bare = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS });
    const none = run(bare.progress, ...args, "--parameters", "yours");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no fitted parameters in this progress file yet; `cogquiz optimize` fits them");
    expect(run(bare.progress, ...args, "--parameters", "mine").code).toBe(2);

    // Fitted parameters of a fast forgetter: every strategy needs more reviews than on FSRS-6's defaults.
    const fitted = writeProfile({ cards: 10, days: 5, newPerDay: 2, seed: 1, trueWeights: SAMPLE_TRUE_WEIGHTS }, (p) => {
      p.settings.fsrs = { w: [...FAST_FORGETTING_WEIGHTS], fittedAt: "2026-01-01T00:00:00.000Z", reviews: 5000 };
    });
    const before = readFileSync(fitted.progress, "utf8");
    const yours = run(fitted.progress, ...args, "--parameters", "yours");
    const defaults = run(fitted.progress, ...args);
    expect(yours.code, yours.stderr).toBe(0);
    expect(defaults.code).toBe(0);
    const y = JSON.parse(yours.stdout) as { parameters: string; strategies: { name: string; reviews: number }[] };
    const d = JSON.parse(defaults.stdout) as { parameters: string; strategies: { name: string; reviews: number }[] };
    expect(y.parameters).toBe("yours");
    expect(d.parameters).toBe("default");
    const reviews = (r: typeof y, name: string) => r.strategies.find((s) => s.name === name)!.reviews;
    expect(reviews(y, "fsrs-0.90")).toBeGreaterThan(reviews(d, "fsrs-0.90"));
    expect(readFileSync(fitted.progress, "utf8")).toBe(before); // read-only
    expect(run(fitted.progress, "simulate", "--learners", "2", "--days", "5", "--cards", "20", "--no-frontier", "--parameters", "yours").stdout).toMatch(/^your fitted FSRS parameters/);

    // A progress file it cannot read: one message, once, and exit 1.
    writeFileSync(bare.progress, '{"trunc');
    const broken = run(bare.progress, ...args, "--parameters", "yours");
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split("\n")).toHaveLength(1);
    expect(broken.stderr).toMatch(/^cogquiz: progress file .* does not parse as JSON/);
  });
});

describe("after the exam, with a parameter set of its own for one kind of card", () => {
  it("re-dates each card by its own kind's parameters, as its scheduler would date it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-kinds-"));
    const bank = join(dir, "bank.md");
    writeFileSync(bank, SESSION_BANK);
    // An exam ten days ago; both cards last reviewed twenty days ago, with the same memory.
    const day = 86_400_000;
    const lastReview = new Date(Date.now() - 20 * day).toISOString();
    const examDate = new Date(Date.now() - 10 * day).toISOString().slice(0, 10);
    const card = { due: new Date(Date.now() - 18 * day).toISOString(), stability: 20, difficulty: 5, elapsedDays: 0, scheduledDays: 2, learningSteps: 0, reps: 3, lapses: 0, phase: "review" as const, lastReview };
    const progress = join(dir, "progress.json");
    const p = emptyProgress();
    p.cards = { "fx-single-sky": { ...card }, "fx-recall-paris": { ...card } };
    p.settings.exam = { date: examDate, minutesPerDay: 30, target: 0.97 };
    // At 0.9 every curve reaches the desired retention at the stability itself: below it, the curve's shape counts.
    p.settings.desiredRetention = 0.8;
    p.settings.fsrs = { w: [...DEFAULT_PARAMETERS], fittedAt: new Date(Date.now() - day).toISOString(), reviews: 5000, kinds: { choice: { w: [...FAST_FORGETTING_WEIGHTS], reviews: 2000 } } } as never;
    writeFileSync(progress, JSON.stringify(p));
    const r = cogquiz(["--no-bundled", "--content", bank, "--data", progress, "plan"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`the exam of ${examDate} is over`);
    const after = read(progress);
    expect(after.settings.exam).toBeUndefined();
    const plainDue = (w: readonly number[]) => backToPlainFsrs(card, { desiredRetention: 0.8, parameters: w }).due;
    expect(after.cards["fx-recall-paris"]!.due).toBe(plainDue(DEFAULT_PARAMETERS));
    expect(after.cards["fx-single-sky"]!.due).toBe(plainDue(FAST_FORGETTING_WEIGHTS));
    expect(after.cards["fx-single-sky"]!.due).not.toBe(after.cards["fx-recall-paris"]!.due);
  });
});
