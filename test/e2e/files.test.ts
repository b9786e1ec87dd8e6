// Files in every state: each odd state of a data file gets a clear message and exit 1 before a question is asked,
// and nothing is lost. Commands are run as a writer (`config set`) and, where it matters, as a reader (`stats`).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, ROOT, type Run } from "../helpers/cli.js";
import { dataFile, enterOnlyBank, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { Terminal } from "../helpers/tmux.js";

const isRoot = process.getuid?.() === 0;

/** Runs cogquiz as a user without root's power over permissions (root ignores a read-only mode bit). */
function unprivileged(args: string[], cacheDir: string): Run {
  const env = { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: cacheDir, COGQUIZ_DATA: "" };
  const cmd = isRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", process.execPath, CLI, ...args] : [process.execPath, CLI, ...args];
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function run(args: string[]): Run {
  const env = { ...process.env, NO_COLOR: "1", COGQUIZ_DATA: "" };
  const r = spawnSync(process.execPath, [CLI, "--no-bundled", "--content", writeBank(SESSION_BANK), ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder whose parent anyone may enter, so an unprivileged run can reach it. */
function openFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-files-"));
  chmodSync(dir, 0o777);
  return dir;
}

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync("umount", [m]);
});

describe("files in every state", () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ["a FIFO as the progress file", (d) => spawnSync("mkfifo", [join(d, "progress.json")]), /progress file .*progress\.json is a FIFO \(named pipe\), not a regular file/],
    ["/dev/zero as the progress file", (d) => symlinkSync("/dev/zero", join(d, "progress.json")), /links to \/dev\/zero, which is a character device/],
    ["a FIFO as the log", (d) => spawnSync("mkfifo", [join(d, "reviews.jsonl")]), /the review log .*reviews\.jsonl is a FIFO \(named pipe\), not a regular file/],
    ["/dev/zero as the log", (d) => symlinkSync("/dev/zero", join(d, "reviews.jsonl")), /the review log .*reviews\.jsonl is a character device/],
    ["/dev/full as the log", (d) => symlinkSync("/dev/full", join(d, "reviews.jsonl")), /the review log .*reviews\.jsonl is a character device/],
    ["a folder as the log", (d) => mkdirSync(join(d, "reviews.jsonl")), /the review log .*reviews\.jsonl is a folder/],
    ["--data /dev/zero", () => {}, /\/dev\/zero is a character device, not a progress file/],
    ["a folder as the lock", (d) => mkdirSync(join(d, "progress.json.lock")), /the lock .*progress\.json\.lock is a folder/],
    ["a dangling symbolic link as the lock", (d) => symlinkSync(join(d, "nowhere"), join(d, "progress.json.lock")), /the lock .*progress\.json\.lock is a symbolic link/],
  ];
  for (const [name, make, message] of cases) {
    it(`${name}: a clear message and exit 1, the file left as it was`, () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-files-"));
      make(dir);
      const before = readdirSync(dir).sort();
      const file = name === "--data /dev/zero" ? "/dev/zero" : join(dir, "progress.json");
      const writer = run(["--data", file, "config", "set", "newPerDay", "5"]);
      expect(writer.stderr).toMatch(message);
      expect(writer.code).toBe(1);
      expect(writer.stderr).not.toContain("internal error");
      expect(readdirSync(dir).sort()).toEqual(before);
      if (!name.includes("lock")) {
        const reader = run(["--data", file, "stats", "--json"]);
        expect(reader.stderr).toMatch(message);
        expect(reader.code).toBe(1);
      }
    });
  }

  it("a log with a 1 GB tail of NUL bytes: refused at once, naming the byte to cut at; the answers before it kept", () => {
    const data = dataFile();
    expect(run(["--data", data, "suspend", "fx-single-sky"]).code).toBe(0);
    const log = join(data, "..", "reviews.jsonl");
    const good = readFileSync(log).length;
    truncateSync(log, good + 1024 ** 3); // a sparse file: reads as NUL bytes
    const r = run(["--data", data, "config", "set", "newPerDay", "5"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`holds NUL bytes from byte ${good}`);
    expect(r.stderr).toContain(`truncate -s ${good}`);
    truncateSync(log, good);
    expect(run(["--data", data, "config", "set", "newPerDay", "5"]).code).toBe(0);
    expect(JSON.parse(readFileSync(data, "utf8")).cards["fx-single-sky"].suspended).toBe(true);
  });

  it("a read-only data folder: a writer is refused with exit 1, a reader still reads", () => {
    const dir = openFolder();
    const data = join(dir, "ro", "progress.json");
    mkdirSync(join(dir, "ro"));
    writeFileSync(data, JSON.stringify({ cards: {} }));
    chmodSync(join(dir, "ro"), 0o555);
    const writer = unprivileged(["--data", data, "config", "set", "newPerDay", "5"], join(dir, "cache"));
    expect(writer.stderr).toMatch(/permission denied \(EACCES\)/);
    expect(writer.code).toBe(1);
    expect(readFileSync(data, "utf8")).toBe(JSON.stringify({ cards: {} }));
    const reader = unprivileged(["--data", data, "config", "get", "newPerDay"], join(dir, "cache"));
    expect(reader.code).toBe(0);
    expect(reader.stdout).toBe("20\n");
  });

  it("a read-only progress file in a writable folder: a writer is refused with exit 1, the file and its mode untouched", () => {
    const dir = openFolder();
    const data = join(dir, "progress.json");
    const text = JSON.stringify({ cards: {} });
    writeFileSync(data, text);
    chmodSync(data, 0o444);
    const writer = unprivileged(["--data", data, "config", "set", "newPerDay", "9"], join(dir, "cache"));
    expect(writer.stderr).toContain(`progress file ${data} is read-only (mode 0444), so cogquiz will not change it. Make it writable`);
    expect(writer.code).toBe(1);
    expect(readFileSync(data, "utf8")).toBe(text);
    expect(statSync(data).mode & 0o777).toBe(0o444);
    const reader = unprivileged(["--data", data, "config", "get", "newPerDay"], join(dir, "cache"));
    expect(reader.stdout).toBe("20\n");
  });

  it("a read-only log: a writer is refused before it starts, the log untouched", () => {
    const dir = openFolder();
    const data = join(dir, "progress.json");
    const log = join(dir, "reviews.jsonl");
    writeFileSync(log, "");
    chmodSync(log, 0o444);
    const r = unprivileged(["--data", data, "config", "set", "newPerDay", "5"], join(dir, "cache"));
    expect(r.stderr).toMatch(/cannot write the review log .*reviews\.jsonl: permission denied \(EACCES\)\. Every answer and change is saved there first, so nothing was changed: make the log writable/);
    expect(r.stderr).not.toContain("no quiz starts"); // the message fits config set, not only a quiz
    expect(r.code).toBe(1);
    expect(existsSync(data)).toBe(false);
    expect(existsSync(`${data}.lock`)).toBe(false);
  });

  it.skipIf(!isRoot)("a full disk: a clear message and exit 1, the progress file as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-full-"));
    if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", dir]).status !== 0) return;
    mounts.push(dir);
    const data = join(dir, "progress.json");
    expect(run(["--data", data, "suspend", "fx-single-sky"]).code).toBe(0);
    const before = readFileSync(data, "utf8");
    spawnSync("sh", ["-c", `cat /dev/zero > ${join(dir, "filler")}`]);
    const r = run(["--data", data, "config", "set", "newPerDay", "5"]);
    expect(r.stderr).toMatch(/the disk holding .* is full/);
    expect(r.code).toBe(1);
    expect(readFileSync(data, "utf8")).toBe(before);
  });
});

describe("a review log that is shorter than the checkpoint counted, or gone", () => {
  it("says which, keeps progress.json, and says it once", () => {
    for (const change of ["truncate", "delete"] as const) {
      const data = join(mkdtempSync(join(tmpdir(), "cogquiz-files-")), "progress.json");
      const log = data.replace(/progress\.json$/, "reviews.jsonl");
      expect(run(["--data", data, "suspend", "fx-single-sky"]).code).toBe(0);
      expect(run(["--data", data, "suspend", "fx-recall-co2"]).code).toBe(0);
      if (change === "truncate") truncateSync(log, 10);
      else rmSync(log);
      const r = run(["--data", data, "config", "set", "newPerDay", "4"]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(change === "truncate" ? "reviews.jsonl is shorter than expected (cut or replaced?); progress.json is kept as is, and answers from now on are added after its end" : "reviews.jsonl was not there (deleted or moved?); progress.json is kept as is, and answers from now on go to a new log");
      const cards = JSON.parse(readFileSync(data, "utf8")).cards;
      expect(cards["fx-single-sky"].suspended && cards["fx-recall-co2"].suspended).toBe(true);
      expect(run(["--data", data, "config", "get", "newPerDay"]).stderr).toBe("");
    }
  });
});

describe("a disk that fills during the write", () => {
  it.skipIf(!isRoot)("an export that no longer fits: one line, exit 74, the export that was there unchanged and no temp file left", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-fill-"));
    if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", dir]).status !== 0) return;
    mounts.push(dir);
    const out = join(dir, "cards.txt");
    const data = join(mkdtempSync(join(tmpdir(), "cogquiz-files-")), "progress.json");
    // The bundled content's export (about 230 KB), so that a write can go in part.
    const bundled = (): Run => {
      const r = spawnSync(process.execPath, [CLI, "--data", data, "export", "--format", "anki", "--out", out], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8", timeout: 30_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    expect(bundled().code).toBe(0);
    const before = readFileSync(out);
    // Room for part of a second export only: the disk takes a first write in part, then refuses.
    const st = statfsSync(dir);
    writeFileSync(join(dir, "filler"), Buffer.alloc(Math.max(0, st.bavail * st.bsize - 8192)));
    const r = bundled();
    expect(r.stderr).toMatch(/^cogquiz: cannot write .*cards\.txt: the disk is full \(ENOSPC\); a file that was there is unchanged\n$/);
    expect(r.code).toBe(74);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["cards.txt", "filler"]);
  });
});

/** Makes a file unwritable even for root: a read-only bind mount over it (root), or its mode bits (anyone else). */
function makeReadOnly(file: string): boolean {
  if (!isRoot) {
    chmodSync(file, 0o444);
    return true;
  }
  if (spawnSync("mount", ["--bind", file, file]).status !== 0) return false;
  mounts.unshift(file);
  return spawnSync("mount", ["-o", "remount,ro,bind", file]).status === 0;
}

describe("odd files stop a quiz before its first question", () => {
  it("a read-only log: the quiz says so and exits 1, no question shown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-files-"));
    const log = join(dir, "reviews.jsonl");
    writeFileSync(log, "");
    if (!makeReadOnly(log)) return; // no way to make it read-only here
    const t = Terminal.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", join(dir, "progress.json"), "quiz"]);
    try {
      expect(await t.waitForExit(20_000)).toBe(1);
      const screen = t.screen();
      expect(screen).toMatch(/cannot write the review log .*reviews\.jsonl: (permission denied|the file system is read-only)/);
      expect(screen).not.toContain("Which");
      expect(readFileSync(log, "utf8")).toBe("");
    } finally {
      t.close();
    }
  });
});

describe("a progress file another program edits during a quiz", () => {
  it("is kept as edited, the quiz says so once and exits 0, and the next start adds the quiz's answers to it", async () => {
    const data = dataFile();
    const bank = writeBank(enterOnlyBank(10));
    const t = Terminal.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "10", "--seed", "1"]);
    try {
      await t.waitFor(/enter/);
      t.send("Enter");
      await t.waitFor(/saved fx-crash-\d+/);
      // The edit another program makes: python's json.dump over the same file, a setting changed and a card added.
      const edit = spawnSync("python3", ["-c", [
        "import json, sys",
        "d = json.load(open(sys.argv[1]))",
        "d['settings']['newPerDay'] = 7",
        "d['cards']['added-elsewhere'] = {'due': '2026-01-01T00:00:00.000Z', 'stability': 0, 'difficulty': 0, 'elapsedDays': 0, 'scheduledDays': 0, 'learningSteps': 0, 'reps': 0, 'lapses': 0, 'phase': 'new', 'suspended': True}",
        "json.dump(d, open(sys.argv[1], 'w'))",
      ].join("\n"), data]);
      if (edit.status !== 0) return; // no python here
      const edited = readFileSync(data, "utf8");
      const before = (await t.waitForLog(/saved fx-crash-\d+/)).match(/saved fx-crash-\d+/g)!.length;
      t.send("Enter");
      for (let i = 0; i < 50 && (readFileSync(t.log, "utf8").match(/saved fx-crash-\d+/g)?.length ?? 0) <= before; i++) {
        await new Promise((r) => setTimeout(r, 100));
        if (i % 10 === 9) t.send("Enter");
      }
      t.send("q");
      expect(await t.waitForExit(15_000)).toBe(0);
      const shown = readFileSync(t.log, "utf8").replace(/\s+/g, " ");
      const told = shown.match(/was changed by another program during this session/g) ?? [];
      expect(told, t.screen()).toHaveLength(1);
      expect(shown).toContain("so cogquiz kept it as that program left it; this session's answers and changes are in the review log");
      expect(readFileSync(data, "utf8")).toBe(edited);
      const acknowledged = new Set([...readFileSync(t.log, "utf8").matchAll(/saved (fx-crash-\d+): /g)].map((m) => m[1]!));
      expect(acknowledged.size).toBeGreaterThanOrEqual(2);
      const env = { ...process.env, COGQUIZ_DATA: "" };
      const get = spawnSync(process.execPath, [CLI, "--no-bundled", "--content", bank, "--data", data, "config", "get", "newPerDay"], { encoding: "utf8", env });
      expect(get.stdout, get.stderr).toBe("7\n");
      expect(get.stderr).toMatch(/recovered \d+ records? .* from the review log/);
      const exported = spawnSync(process.execPath, [CLI, "--no-bundled", "--content", bank, "--data", data, "export", "--format", "json"], { encoding: "utf8", env });
      const seen = (JSON.parse(exported.stdout).questions as { id: string; progress?: unknown }[]).filter((q) => q.progress).map((q) => q.id);
      for (const id of acknowledged) expect(seen).toContain(id);
      expect(Object.keys(JSON.parse(readFileSync(data, "utf8")).cards)).toContain("added-elsewhere");
    } finally {
      t.close();
    }
  });
});

describe("a disk that fills during a quiz", () => {
  it.skipIf(!isRoot)("the answer that does not fit is not acknowledged; the quiz says why and exits 1; earlier answers are kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-full-"));
    if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", dir]).status !== 0) return;
    mounts.push(dir);
    const data = join(dir, "progress.json");
    const bank = writeBank(enterOnlyBank(40));
    const t = Terminal.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--new", "40", "--seed", "1"]);
    try {
      await t.waitFor(/enter/);
      t.send("Enter");
      await t.waitFor(/saved fx-crash-\d+/);
      // Fill the rest of the log's page as well, so the next answer needs room the disk no longer has.
      spawnSync("sh", ["-c", `cat /dev/zero > ${join(dir, "filler")}; head -c 4096 /dev/zero | tr '\\0' '\\n' >> ${join(dir, "reviews.jsonl")}`]);
      for (let i = 0; i < 3 && t.exitStatus() === undefined; i++) {
        t.send("Enter");
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(await t.waitForExit(15_000)).toBe(1);
      const shown = readFileSync(t.log, "utf8");
      // The log's own message: the answer that did not fit is not claimed as kept by a later checkpoint's message.
      const screen = t.screen().replace(/\n/g, " ");
      expect(screen).toMatch(/could not save to the review log .*the disk is full \(ENOSPC\)\. This answer was not saved; every earlier one is/);
      expect(screen).not.toContain("Every answer is in the review log");
      expect(screen).not.toContain("internal error");
      const acknowledged = new Set([...shown.matchAll(/saved (fx-crash-\d+): /g)].map((m) => m[1]!));
      expect(acknowledged.size).toBeGreaterThan(0);
      spawnSync("rm", [join(dir, "filler")]);
      const r = spawnSync(process.execPath, [CLI, "--no-bundled", "--content", bank, "--data", data, "export", "--format", "json"], { encoding: "utf8", env: { ...process.env, COGQUIZ_DATA: "" } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toContain("skipped"); // no torn record left behind
      const seen = (JSON.parse(r.stdout).questions as { id: string; progress?: unknown; card?: unknown }[]).filter((q) => q.progress ?? q.card).map((q) => q.id);
      for (const id of acknowledged) expect(seen).toContain(id);
    } finally {
      t.close();
    }
  });
});
