import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CLI, cogquiz } from "../helpers/cli.js";
import { bankMarkdown, optionText, review, simulate, syntheticBank } from "../analysis/synthetic.js";

const require = createRequire(import.meta.url);

/** The SARIF 2.1.0 schema as a package ships it, compiled with ajv (as the validate report tests do). */
function sarifValidator(): ((data: unknown) => boolean) & { errors?: unknown } {
  const Ajv = require("ajv-draft-04") as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
  const addFormats = require("ajv-formats") as (ajv: unknown) => void;
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object);
}

/** A bank with one miskeyed question (syn-7) and a class of learners' logs, one file each, in a temp folder. */
function classroom(learners: number, seed: number): { dir: string; bank: string; logs: string } {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-"));
  const items = syntheticBank(20, 7);
  const bank = join(dir, "bank");
  const logs = join(dir, "class");
  mkdirSync(bank);
  mkdirSync(logs);
  writeFileSync(join(bank, "synthetic.md"), bankMarkdown(items));
  for (const f of simulate(items, { learners, seed }).files) {
    writeFileSync(join(logs, f.name), f.records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  }
  return { dir, bank, logs };
}

describe("cogquiz analyze (built binary)", () => {
  const big = classroom(200, 3);

  it("points at the miskeyed question with its numbers, and exits 1", () => {
    const r = cogquiz(["analyze", "class", "--no-bundled", "--content", "bank"], { cwd: big.dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Item analysis: 200 learners from 200 logs");
    expect(r.stdout).toMatch(/bank\/synthetic\.md:\d+\s+syn-7\s+Which option is right for syn-7\?/);
    expect(r.stdout).toMatch(/error\s+suspected-wrong-key\s+key "syn-7 option A" r = −0\.\d\d < −0\.14 \(z 1\.96 \/ √200\)/);
    expect(r.stdout).toMatch(/✖ 1 suspected wrong key,/);
    // The suspected question comes first; other flagged questions follow, warnings only.
    expect(r.stdout.indexOf("syn-7")).toBeLessThan(r.stdout.indexOf("syn-0 ") === -1 ? Infinity : r.stdout.indexOf("syn-0 "));
  });

  it("prints the documented JSON", () => {
    const r = cogquiz(["analyze", "class", "--json", "--no-bundled", "--content", "bank"], { cwd: big.dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.learners).toBe(200);
    expect(report.questions).toHaveLength(20);
    const q = report.questions.find((x: { id: string }) => x.id === "syn-7");
    expect(Object.keys(q)).toEqual(expect.arrayContaining(["id", "file", "line", "learners", "difficulty", "discrimination", "options", "flags"]));
    expect(q).toMatchObject({ file: join("bank", "synthetic.md"), learners: 200 });
    expect(q.flags).toContain("suspected-wrong-key");
    expect(Object.keys(q.options[0])).toEqual(["text", "correct", "share", "discrimination"]);
    expect(q.options[0]).toMatchObject({ text: "syn-7 option A", correct: true });
    expect(q.options.reduce((a: number, o: { share: number }) => a + o.share, 0)).toBeCloseTo(1, 3);
    const others = report.questions.filter((x: { id: string; flags: string[] }) => x.id !== "syn-7" && x.flags.includes("suspected-wrong-key"));
    expect(others).toEqual([]);
  });

  it("annotates the question's file and line for GitHub", () => {
    const summary = join(big.dir, "summary.md");
    const r = cogquiz(["analyze", "class", "--format", "github", "--no-bundled", "--content", "bank"], { cwd: big.dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const written = readFileSync(summary, "utf8");
    expect(written).toContain("### cogquiz analyze: failed");
    expect(written).toMatch(/\| `bank\/synthetic\.md:\d+` syn-7 \| 200 \| \d+ % \| −0\.\d\d \| `suspected-wrong-key`/);
    const json = JSON.parse(cogquiz(["analyze", "class", "--json", "--no-bundled", "--content", "bank"], { cwd: big.dir }).stdout);
    const line = json.questions.find((x: { id: string }) => x.id === "syn-7").line;
    expect(r.stdout).toContain(`::error file=bank/synthetic.md,line=${line},title=cogquiz analyze suspected-wrong-key::syn-7: key "syn-7 option A" r = `);
  });

  it("writes SARIF that the schema accepts, pointing at the question relative to the repository root", () => {
    mkdirSync(join(big.dir, ".git"), { recursive: true });
    const r = cogquiz(["analyze", "class", "--format", "sarif", "--no-bundled", "--content", "bank"], { cwd: big.dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain("suspected-wrong-key");
    const wrong = run.results.filter((x: { ruleId: string }) => x.ruleId === "suspected-wrong-key");
    expect(wrong).toHaveLength(1);
    expect(wrong[0].level).toBe("error");
    expect(wrong[0].message.text).toMatch(/^syn-7: key "syn-7 option A" r = −0\.\d\d/);
    expect(wrong[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "bank/synthetic.md", uriBaseId: "%SRCROOT%" });
    expect(wrong[0].partialFingerprints["cogquiz-analyze/v1"]).toMatch(/^[0-9a-f]+$/);
    // Not-enough-data notes stay out of code scanning.
    expect(run.results.some((x: { ruleId: string }) => x.ruleId === "not-enough-data")).toBe(false);
  });

  it("flags no wrong key at 30 learners: not enough data, exit 0", () => {
    const small = classroom(30, 5);
    const r = cogquiz(["analyze", "class", "--no-bundled", "--content", "bank", "--json"], { cwd: small.dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const q of report.questions) {
      expect(q.flags).not.toContain("suspected-wrong-key");
      expect(q.flags).toContain("not-enough-data");
    }
  });

  it("counts a learner once when their log is named twice, reached through a link, or copied under another name", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-copies-"));
    mkdirSync(join(dir, "class"));
    mkdirSync(join(dir, "late"));
    for (const n of [0, 1, 2]) writeFileSync(join(dir, "class", `learner-${n}.jsonl`), readFileSync(join(big.logs, `learner-${n}.jsonl`)));
    // Handed in again a day later, and the class folder linked from another.
    writeFileSync(join(dir, "late", "learner-0 (1).jsonl"), readFileSync(join(big.logs, "learner-0.jsonl")));
    symlinkSync(join(dir, "class", "learner-1.jsonl"), join(dir, "late", "learner-1.jsonl"));
    const r = cogquiz(["analyze", "class", "late", "class/learner-2.jsonl", "--json", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.learners).toBe(3);
    expect(report.firstAttempts).toBe(60);
    expect(r.stderr).toContain("late/learner-0 (1).jsonl holds answers of class/learner-0.jsonl (the same answers, copied): one learner, each answer counted once");
  });

  it("exits 2 when no answer in the logs is to a question of the content set: the logs of another bank", () => {
    // The bundled bank, not the class's: a CI step must not pass on an empty report.
    for (const format of ["json", "sarif"]) {
      const r = cogquiz(["analyze", "class", "--format", format], { cwd: big.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^cogquiz: none of the 4000 answers in 200 logs is to a question of this content set \(\d+ questions\); name the bank the learners used with --content \(and --no-bundled\)\n$/);
    }
  });

  it("refuses a gzip-compressed log, named or in a folder, saying how to decompress it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-gz-"));
    mkdirSync(join(dir, "class"));
    writeFileSync(join(dir, "class", "learner-0.jsonl"), readFileSync(join(big.logs, "learner-0.jsonl")));
    writeFileSync(join(dir, "class", "learner-1.jsonl.gz"), gzipSync(readFileSync(join(big.logs, "learner-1.jsonl"))));
    const named = cogquiz(["analyze", "class/learner-1.jsonl.gz", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toBe(
      "cogquiz: class/learner-1.jsonl.gz is gzip-compressed; analyze reads review logs as cogquiz writes them: decompress it first (gunzip -k class/learner-1.jsonl.gz)\n",
    );
    // In a folder it was left out without a word, and its learner missing from the analysis.
    const folder = cogquiz(["analyze", "class", "--json", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stdout).toBe("");
    expect(folder.stderr).toContain("folder class holds compressed review logs (class/learner-1.jsonl.gz); analyze reads them as cogquiz writes them: decompress them first");
    // Decompressed beside itself (gunzip -k), the log is read once.
    writeFileSync(join(dir, "class", "learner-1.jsonl"), readFileSync(join(big.logs, "learner-1.jsonl")));
    const done = cogquiz(["analyze", "class", "--json", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout).learners).toBe(2);
  });

  it("says which lines it skipped and why, and when a newer cogquiz wrote them", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-newer-"));
    const lines = readFileSync(join(big.logs, "learner-0.jsonl"), "utf8").split("\n").filter((l) => l !== "");
    writeFileSync(join(dir, "newer.jsonl"), lines.map((l) => l.replace('"v":1,', '"v":2,')).join("\n") + "\n");
    const newer = cogquiz(["analyze", "newer.jsonl", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(newer.code).toBe(2);
    expect(newer.stderr).toContain("newer.jsonl: skipped 20 records in a newer format (version 2) than this cogquiz reads (1): update cogquiz to analyse them");
    // A torn last line: where it is and why it was skipped.
    const torn = lines.join("\n") + "\n" + lines[0]!.slice(0, 40);
    writeFileSync(join(dir, "torn.jsonl"), torn);
    const r = cogquiz(["analyze", "torn.jsonl", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`cogquiz: torn.jsonl: skipped 1 line that is not a review record (at byte ${torn.length - 40}: not JSON (a write cut off by a crash))\n`);
  });

  it("walks linked folders once, and says which entries of a folder it leaves out: a pipe, a link to nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-walk-"));
    for (const d of ["class", "section-b"]) mkdirSync(join(dir, d));
    writeFileSync(join(dir, "class", "learner-0.jsonl"), readFileSync(join(big.logs, "learner-0.jsonl")));
    writeFileSync(join(dir, "section-b", "learner-1.jsonl"), readFileSync(join(big.logs, "learner-1.jsonl")));
    // A section linked in, a link back up (a loop), a learner's log gone from behind its link, and a pipe.
    symlinkSync(join(dir, "section-b"), join(dir, "class", "b"));
    symlinkSync(dir, join(dir, "section-b", "up"));
    symlinkSync(join(dir, "gone.jsonl"), join(dir, "class", "learner-2.jsonl"));
    expect(spawnSync("mkfifo", [join(dir, "class", "pipe.jsonl")]).status).toBe(0);
    const r = cogquiz(["analyze", "class", "--json", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).learners).toBe(2);
    expect(r.stderr).toContain(`class/learner-2.jsonl: a link to nothing (${join(dir, "gone.jsonl")}); left out`);
    expect(r.stderr).toContain("class/pipe.jsonl: a FIFO (named pipe), not a review log; left out");
    const pipe = cogquiz(["analyze", "class/pipe.jsonl", "--no-bundled", "--content", big.bank], { cwd: dir });
    expect(pipe.code).toBe(2);
    expect(pipe.stderr).toBe("cogquiz: class/pipe.jsonl is a FIFO (named pipe), not a review log\n");
  });

  it("shows one learner's repeated misconception with the topic to study", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-me-"));
    writeFileSync(join(dir, "bank.md"), bankMarkdown(syntheticBank(4)).replace("# Synthetic", "# Tokens\n\n## Refresh tokens"));
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const records = [1, 2, 3].map((m) => review("syn-1", [optionText("syn-1", 3)], t(m)));
    writeFileSync(join(dir, "reviews.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    // No logs named: the learner's own log, beside their progress file.
    const r = cogquiz(["analyze", "--no-bundled", "--content", "bank.md"], { cwd: dir, env: { COGQUIZ_DATA: join(dir, "progress.json") } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 misconception to read up on");
    expect(r.stdout).toContain('3 of 3 answers chose "syn-1 option D"');
    expect(r.stdout).toContain('the answer: "syn-1 option B"');
    expect(r.stdout).toContain("study: Tokens › Refresh tokens");
    const json = JSON.parse(cogquiz(["analyze", "--json", "--no-bundled", "--content", "bank.md"], { cwd: dir, env: { COGQUIZ_DATA: join(dir, "progress.json") } }).stdout);
    expect(json.misconceptions[0]).toMatchObject({ id: "syn-1", times: 3, topic: ["Tokens", "Refresh tokens"] });
    // The same view for one learner of a class, by file name.
    const one = cogquiz(["analyze", "reviews.jsonl", "--learner", "reviews", "--no-bundled", "--content", "bank.md"], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("1 misconception to read up on (reviews.jsonl)");
  });

  it("says so for a fresh profile with no answers yet", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-fresh-"));
    const r = cogquiz(["analyze"], { cwd: dir, env: { COGQUIZ_DATA: join(dir, "progress.json") } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No answers yet");
  });

  it("refuses a folder or a FIFO in place of the learner's own log, exit 1, saying why once, rather than saying there are no answers yet", () => {
    for (const [kind, make] of [
      ["a folder", (log: string) => mkdirSync(log)],
      ["a FIFO (named pipe)", (log: string) => expect(spawnSync("mkfifo", [log]).status).toBe(0)],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-own-"));
      const log = join(dir, "reviews.jsonl");
      make(log);
      const r = cogquiz(["analyze", "--json"], { cwd: dir, env: { COGQUIZ_DATA: join(dir, "progress.json") } });
      expect(r.code, kind).toBe(1);
      expect(r.stdout, kind).toBe("");
      // Not also as the reason the progress file's content paths are left out: the same refusal, said twice.
      expect(r.stderr, kind).toBe(`cogquiz: the review log ${log} is ${kind}, not a regular file; cogquiz will not read or write it. Move it aside and start again\n`);
    }
  });

  it("refuses a loop of links in place of the learner's own log, exit 1, rather than reading it as no answers yet", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-loop-"));
    const log = join(dir, "reviews.jsonl");
    symlinkSync("reviews.jsonl", log);
    const r = cogquiz(["analyze"], { cwd: dir, env: { COGQUIZ_DATA: join(dir, "progress.json") } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`cogquiz: cannot read the review log ${log}: too many symbolic links (ELOOP)\n`);
  });

  it("refuses a loop of links named as a log as one it cannot read (exit 1), not as a log that is not there", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-named-loop-"));
    const log = join(dir, "loop.jsonl");
    symlinkSync("loop.jsonl", log);
    const r = cogquiz(["analyze", log], { cwd: dir, env: { COGQUIZ_DATA: join(dir, "progress.json") } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`cogquiz: cannot read the review log ${log}: too many symbolic links (ELOOP)\n`);
  });

  // Bad usage in a few tests, not one: each case starts the binary, which takes seconds on a loaded machine, and
  // the suite's time limit is per test.
  const noStack = (runs: { stderr: string }[]) => {
    for (const r of runs) expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it("exits 2 with a clear message for bad options, never a stack trace", () => {
    const missing = cogquiz(["analyze", "no/such.jsonl"], { cwd: big.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such review log: no/such.jsonl");
    // --json and --format sarif together: one would be dropped, and a CI step asking for SARIF would get JSON.
    const both = cogquiz(["analyze", "class", "--json", "--format", "sarif"], { cwd: big.dir });
    expect(both.code).toBe(2);
    expect(both.stdout).toBe("");
    expect(both.stderr).toContain("'--json' cannot be used with option '--format");
    const overlap = cogquiz(["analyze", "class", "--min-overlap", "zero"], { cwd: big.dir });
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toContain('--min-overlap must be a whole number from 1 to 10000 (got "zero")');
    expect(cogquiz(["analyze", "class", "--min-overlap", "10001"], { cwd: big.dir }).stderr).toContain('--min-overlap must be a whole number from 1 to 10000 (got "10001")');
    for (const args of [["class", "--learner", "learner-0"], []]) {
      const sarif = cogquiz(["analyze", ...args, "--format", "sarif", "--no-bundled", "--content", "bank"], { cwd: big.dir });
      expect(sarif.code).toBe(2);
      expect(sarif.stdout).toBe("");
      expect(sarif.stderr).toContain("--format sarif reports the item analysis of learners' logs");
    }
    const format = cogquiz(["analyze", "class", "--format", "xml"], { cwd: big.dir });
    expect(format.code).toBe(2);
    noStack([missing, overlap, format]);
  });

  it("exits 2 for a folder or a file without review records, saying what it found, never a stack trace", () => {
    const empty = mkdtempSync(join(tmpdir(), "cogquiz-analyze-empty-"));
    const folder = cogquiz(["analyze", empty]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("holds no review logs");
    writeFileSync(join(empty, "notes.jsonl"), "not json\n{\"also\": \"not a review\"}\n");
    const junk = cogquiz(["analyze", join(empty, "notes.jsonl")]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain("skipped 2 lines that are not a review record");
    expect(junk.stderr).toContain("no review records in");
    // A binary file: no review records in it, and nothing to repair in a file analyze only reads.
    const binary = join(empty, "bin.jsonl");
    writeFileSync(binary, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)));
    const bin = cogquiz(["analyze", binary, "--no-bundled", "--content", big.bank]);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain("holds NUL bytes");
    expect(bin.stderr).toContain("no review records in");
    expect(bin.stderr).not.toMatch(/truncate|is kept/);
    // A log cut short by NUL bytes: the records before them count, and the file is not to be cut by analyze's advice.
    const damaged = join(empty, "damaged.jsonl");
    const learnerLog = readFileSync(join(big.logs, "learner-0.jsonl"));
    writeFileSync(damaged, Buffer.concat([learnerLog, Buffer.alloc(64)]));
    const cut = cogquiz(["analyze", damaged, "--no-bundled", "--content", big.bank]);
    expect(cut.code).toBe(0);
    expect(cut.stderr).toContain(`holds NUL bytes from byte ${learnerLog.length}`);
    expect(cut.stderr).toMatch(/the \d+ records before it are used/);
    expect(cut.stderr).not.toMatch(/truncate/);
    noStack([folder, junk, bin, cut]);
  });

  it("exits 2 for a folder it cannot read, naming it, rather than analysing the rest or failing as a bug", () => {
    // Root reads any folder: the run is a user without that power, as a teacher's account is.
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-analyze-locked-"));
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, "bank.md"), readFileSync(join(big.bank, "synthetic.md")));
    mkdirSync(join(dir, "class", "section-b"), { recursive: true });
    writeFileSync(join(dir, "class", "learner-0.jsonl"), readFileSync(join(big.logs, "learner-0.jsonl")));
    chmodSync(join(dir, "class"), 0o755);
    chmodSync(join(dir, "class", "learner-0.jsonl"), 0o644);
    chmodSync(join(dir, "class", "section-b"), 0o000);
    const asUser = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
    const cmd = [...asUser, process.execPath, CLI, "analyze", "class", "--no-bundled", "--content", "bank.md"];
    const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: join(dir, "cache") } });
    chmodSync(join(dir, "class", "section-b"), 0o755);
    expect(r.stderr).toBe("cogquiz: cannot read folder class/section-b (EACCES): analyze reads every review log it names\n");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("exits 2 for a learner it cannot find or tell apart, naming the learners, never a stack trace", () => {
    const learner = cogquiz(["analyze", "class", "--learner", "nobody", "--no-bundled", "--content", "bank"], { cwd: big.dir });
    expect(learner.code).toBe(2);
    expect(learner.stderr).toContain('no learner "nobody" in these logs; learners: class/learner-0.jsonl');
    const twice = mkdtempSync(join(tmpdir(), "cogquiz-analyze-twice-"));
    for (const section of ["a", "b"]) {
      mkdirSync(join(twice, section));
      writeFileSync(join(twice, section, "ana.jsonl"), readFileSync(join(big.logs, section === "a" ? "learner-0.jsonl" : "learner-1.jsonl")));
    }
    const ambiguous = cogquiz(["analyze", ".", "--learner", "ana", "--no-bundled", "--content", big.bank], { cwd: twice });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("--learner ana names 2 logs (a/ana.jsonl, b/ana.jsonl); name one by its path");
    expect(cogquiz(["analyze", ".", "--learner", "b/ana.jsonl", "--no-bundled", "--content", big.bank, "--json"], { cwd: twice }).code).toBe(0);
    noStack([learner, ambiguous]);
  });
});
