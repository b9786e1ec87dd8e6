import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cogquiz, FIXTURES } from "../helpers/cli.js";

const good = join(FIXTURES, "good");
const bad = join(FIXTURES, "bad");
const warn = join(FIXTURES, "warn");

describe("cogquiz validate (built binary)", () => {
  it("exits 0 on a clean bank and says what it read", () => {
    const r = cogquiz(["validate", good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 file, 2 topics, 2 multiple-choice questions (1 single, 1 multiple), 1 recall card: 0 errors, 0 warnings");
  });

  it("exits 1 on errors and points at file:line with the rule id", () => {
    const r = cogquiz(["validate", bad], { cwd: FIXTURES });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("bad/broken.md");
    expect(r.stdout).toMatch(/3:1\s+error\s+the stem asks to choose 2 but 1 option is marked \[x\]\s+choose-count-mismatch/);
    expect(r.stdout).toMatch(/13:1\s+error\s+.*no option marked \[x\]\s+no-correct-option/);
  });

  it("passes warnings by default and fails them with --strict", () => {
    expect(cogquiz(["validate", warn]).code).toBe(0);
    const strict = cogquiz(["validate", warn, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("missing-explanation");
    expect(strict.stdout).toContain("image target ./missing.png does not exist");
  });

  it("exits 2 for a path that does not exist, an unknown option, a bad format or an unknown command", () => {
    const missing = cogquiz(["validate", "no/such/folder"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file or folder: no/such/folder");
    expect(cogquiz(["validate", good, "--frobnicate"]).code).toBe(2);
    const format = cogquiz(["validate", good, "--format", "xml"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/pretty, json, github/);
    const unknown = cogquiz(["valdate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("validate");
    for (const r of [missing, format, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for an empty path, never reading the current folder (or the default file) in its place", () => {
    for (const args of [
      ["validate", ""],
      ["validate", good, ""],
      ["validate", "--no-bundled", "--content", ""],
      ["topics", "--no-bundled", "--content", ""],
      ["validate", good, "--config", ""],
      ["analyze", ""],
      ["--data", "", "where"],
      ["export", "--format", "json", "--out", ""],
    ]) {
      const r = cogquiz(args, { cwd: bad });
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.stderr, JSON.stringify(args)).toContain("an empty path");
      expect(r.stdout, JSON.stringify(args)).toBe("");
    }
    expect(cogquiz(["validate", ""], { cwd: bad }).stderr).toContain('no such file or folder: "" (an empty path)');
  });

  it("prints the documented JSON report", () => {
    const r = cogquiz(["validate", good, bad, "--format", "json"], { cwd: FIXTURES });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({
      files: 2, topics: 3, questions: 4, single: 2, multiple: 2, recall: 1, errors: 2, warnings: 0,
    });
    expect(report.diagnostics[0]).toEqual({
      file: join("bad", "broken.md"), line: 3, column: 1, severity: "error", rule: "choose-count-mismatch",
      message: "the stem asks to choose 2 but 1 option is marked [x]",
    });
  });

  it("writes GitHub annotations with GitHub's escaping, the plain report, and a step summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-gh-"));
    const file = join(dir, "odd, name: here.md");
    writeFileSync(file, "### Two lines?\n\n- [x] a\n- [x] b\n\n> e\n");
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "existing\n");
    const r = cogquiz(["validate", file, "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "::error file=odd%2C name%3A here.md,line=3,col=1,title=cogquiz all-options-correct::every option of \"Two lines?\" is marked [x]; leave at least one unmarked",
    );
    expect(r.stdout).toContain("✖ 1 file");
    const written = readFileSync(summary, "utf8");
    expect(written.startsWith("existing\n### cogquiz validate: failed")).toBe(true);
    expect(written).toContain("| `odd, name: here.md:3:1` | error | `all-options-correct` |");
  });

  it("turns warnings into error annotations with --strict", () => {
    const r = cogquiz(["validate", warn, "--format", "github", "--strict"]);
    expect(r.stdout).toMatch(/^::error file=.*title=cogquiz missing-explanation::/m);
  });

  it("never prints control characters from content raw", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-ctl-"));
    writeFileSync(join(dir, "evil.md"), "### \u001b]0;pwned\u0007 Title?\n\n- [x] a\n- [x] \u001b[2J b\n\n> e\n");
    const r = cogquiz(["validate", dir]);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain("\\x1b");
    const t = cogquiz(["topics", "--no-bundled", "--content", dir]);
    expect(t.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("reports bad files as diagnostics, never as a crash", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-bad-"));
    writeFileSync(join(dir, "empty.md"), "");
    writeFileSync(join(dir, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, "latin1.md"), Buffer.from("# caf\xe9\n", "latin1"));
    writeFileSync(join(dir, "fence.md"), "# T\n\n```js\nnever closed\n");
    writeFileSync(join(dir, "nested.md"), Array.from({ length: 500 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"));
    writeFileSync(join(dir, "front.md"), "---\ntags: [a\n---\n# T\n");
    writeFileSync(join(dir, "big.md"), Buffer.alloc(17 * 1024 * 1024, "a"));
    const r = cogquiz(["validate", dir, "--format", "json"]);
    expect(r.code).toBe(1);
    const rulesByFile = Object.fromEntries(
      JSON.parse(r.stdout).diagnostics.map((d: { file: string; rule: string }) => [d.file.replace(/^.*[\\/]/, ""), d.rule]),
    );
    expect(rulesByFile).toEqual({
      "big.md": "file-too-large",
      "binary.md": "binary-file",
      "front.md": "front-matter",
      "latin1.md": "not-utf8",
      "nested.md": "too-deeply-nested",
    });
    expect(r.stderr).toBe("");
  });

  it("names a file or folder whose name is not UTF-8 as such, not as a file that vanished", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-names-"));
    const bad = (name: string) => Buffer.concat([Buffer.from(dir + "/"), Buffer.from(name, "latin1")]);
    writeFileSync(bad("caf\xe9.md"), "# Caf\n\n### Which one?\n\n- [x] a\n- [ ] b\n\n> Because.\n");
    mkdirSync(bad("d\xe9j\xe0"));
    writeFileSync(join(dir, "ok.md"), "# Ok\n\n### Which other?\n\n- [x] a\n- [ ] b\n\n> Because.\n");
    const r = cogquiz(["validate", dir, "--no-bundled", "--format", "json"]);
    const found = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string; message: string }[] }).diagnostics.filter((d) => d.rule === "unreadable-file");
    expect(found.map((d) => [d.file.replace(/^.*[\\/]/, ""), d.message])).toEqual([
      ["caf\uFFFD.md", "the file's name is not UTF-8 (shown with \uFFFD for its bad bytes), so it cannot be read; rename the file"],
      ["d\uFFFDj\uFFFD", "the folder's name is not UTF-8 (shown with \uFFFD for its bad bytes), so it cannot be read; rename the folder"],
    ]);
    expect(r.code).toBe(1);
  });

  it("reports a named pipe called .md in a folder as not a regular file, as it does one reached through a link, and never opens it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-fifo-"));
    writeFileSync(join(dir, "ok.md"), "# Ok\n\n### Which other?\n\n- [x] a\n- [ ] b\n\n> Because.\n");
    expect(spawnSync("mkfifo", [join(dir, "pipe.md")]).status).toBe(0);
    symlinkSync("pipe.md", join(dir, "link.md"));
    const r = cogquiz(["validate", dir, "--no-bundled", "--format", "json"]);
    const found = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string; message: string }[] }).diagnostics.filter((d) => d.rule === "unreadable-file");
    expect(found.map((d) => [d.file.replace(/^.*[\\/]/, ""), d.message])).toEqual([
      ["link.md", "not a regular file"],
      ["pipe.md", "not a regular file"],
    ]);
    expect(r.code).toBe(1);
  });

  it("reports a loop of symbolic links named on the command line as the loop it is, as it does one met in a folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-loop-"));
    mkdirSync(join(dir, "notes"));
    symlinkSync("loop.md", join(dir, "loop.md"));
    symlinkSync("../loop.md", join(dir, "notes", "loop.md"));
    const loop = "file cannot be read: its symbolic links form a loop (ELOOP)";
    for (const named of ["loop.md", "notes"]) {
      const r = cogquiz(["validate", named, "--no-bundled", "--format", "json"], { cwd: dir });
      expect(r.code, named).toBe(1);
      expect(r.stderr, named).toBe("");
      const found = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string; message: string }[] }).diagnostics;
      expect(found.map((d) => [d.file, d.rule, d.message]), named).toEqual([[named === "notes" ? join("notes", "loop.md") : "loop.md", "unreadable-file", loop]]);
    }
  });

  it("checks a bank of lettered options as it stands: its questions counted, an unanswered one annotated at its line", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-lettered-"));
    writeFileSync(
      join(dir, "exam.md"),
      [
        "# Practice exam",
        "",
        "1. Which pool issues temporary AWS credentials?",
        "    - A. A user pool",
        "    - B. An identity pool",
        "",
        "    <details><summary>Answer</summary>",
        "",
        "    Correct answer: B",
        "",
        "    </details>",
        "",
        "2. Which pool holds the user directory?",
        "    - A. A user pool",
        "    - B. An identity pool",
        "",
      ].join("\n"),
    );
    const json = cogquiz(["validate", dir, "--format", "json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.summary).toMatchObject({ questions: 1, single: 1, errors: 0 });
    expect(report.diagnostics.map((d: { rule: string; line: number }) => [d.rule, d.line])).toEqual(
      expect.arrayContaining([["lettered-without-answer", 13]]),
    );
    const github = cogquiz(["validate", dir, "--format", "github", "--strict"], { cwd: dir });
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/::error file=exam\.md,line=13,.*lettered-without-answer/);
  });

  it("warns about a folder without markdown", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-none-"));
    writeFileSync(join(dir, "notes.txt"), "not markdown");
    const r = cogquiz(["validate", dir, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["no-markdown-files"]);
  });

  it("validates the current content set when given no paths: bundled plus --content", () => {
    const both = JSON.parse(cogquiz(["validate", "--content", good, "--format", "json"]).stdout);
    const bundledOnly = JSON.parse(cogquiz(["validate", "--format", "json"]).stdout);
    expect(both.summary.files).toBe(bundledOnly.summary.files + 1);
    const only = JSON.parse(cogquiz(["--no-bundled", "--content", good, "validate", "--format", "json"]).stdout);
    expect(only.summary.files).toBe(1);
  });

  it("reads a folder named twice, once through a symbolic link, once: no question is a duplicate of itself", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-twice-"));
    symlinkSync(good, join(dir, "notes"));
    // A configured content path and --content naming the same notes, one of them by a link.
    const data = join(dir, "progress.json");
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", join(dir, "notes")]).code).toBe(0);
    const r = cogquiz(["--data", data, "--no-bundled", "--content", good, "validate", "--format", "json"]);
    const alone = JSON.parse(cogquiz(["--no-bundled", "--content", good, "validate", "--format", "json"]).stdout);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual(alone.summary);
    expect(report.diagnostics.filter((d: { rule: string }) => d.rule === "duplicate-id")).toEqual([]);
    const topics = cogquiz(["--data", data, "--no-bundled", "--content", good, "topics"]);
    expect(topics.stderr).not.toContain("content error");
    // The same file named directly and through the link: one file.
    expect(JSON.parse(cogquiz(["validate", "--format", "json", good, join(dir, "notes")]).stdout).summary.files).toBe(1);
  });

  it("takes several paths after one --content, up to the next option or command", () => {
    const summary = (args: string[]) => JSON.parse(cogquiz(args).stdout).summary;
    expect(summary(["--no-bundled", "--content", good, warn, "validate", "--format", "json"]).files).toBe(2);
    expect(summary(["validate", "--no-bundled", "--content", good, warn, "--format", "json"]).files).toBe(2);
    // Repeating the option adds the same way.
    expect(summary(["--no-bundled", "--content", good, "--content", warn, "validate", "--format", "json"]).files).toBe(2);
    const topics = cogquiz(["--no-bundled", "--content", good, warn, "topics"]);
    expect(topics.code).toBe(0);
    expect(topics.stdout).toContain("Warnings only");
    expect(topics.stdout).toContain("Messaging");
  });
});

describe("cogquiz topics and global options", () => {
  it("shows the topic tree with counts per kind, and the same as JSON", () => {
    const r = cogquiz(["topics", "--no-bundled", "--content", good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Messaging\s+1\s+1\s+1/);
    expect(r.stdout).toMatch(/└─ Queues\s+1\s+1\s+1/);
    const json = JSON.parse(cogquiz(["topics", "--json", "--no-bundled", "--content", good]).stdout);
    expect(json.topics[0]).toMatchObject({ title: "Messaging", total: { single: 1, multiple: 1, recall: 1 } });
    expect(json.topics[0].children[0]).toMatchObject({ title: "Queues", path: ["Messaging", "Queues"] });
  });

  it("prints help with an example for every command, and the version", () => {
    const help = cogquiz(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    // Every exit code the README lists, in lines that fit 80 columns.
    const codes = help.stdout.slice(help.stdout.indexOf("Exit codes:"));
    for (const code of [0, 1, 2, 70, 74, 129, 130, 143]) expect(codes).toMatch(new RegExp(`\\b${code} [a-zA-Z]`));
    for (const line of codes.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+)\b.*$/gm)].map((m) => m[1]).filter((c) => c !== "help");
    expect(commands.length).toBeGreaterThan(2);
    for (const c of commands) {
      const sub = cogquiz([c!, "--help"]);
      expect(sub.code, c).toBe(0);
      expect(sub.stdout, c).toMatch(/Examples?:\n\s+\$ cogquiz/);
    }
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(cogquiz(["--version"]).stdout.trim()).toBe(pkg.version);
  });

  it("help names an unknown command as unknown, as running it does, and helps with a known one", () => {
    for (const args of [["help", "frob"], ["frob"], ["help", "valdate"]]) {
      const r = cogquiz(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toContain(`unknown command '${args[args.length - 1]}'`);
      expect(r.stdout, args.join(" ")).toBe("");
    }
    expect(cogquiz(["help", "valdate"]).stderr).toContain("did you mean validate?");
    const known = cogquiz(["help", "validate"]);
    expect(known.code).toBe(0);
    expect(known.stdout).toContain("Usage: cogquiz validate");
    expect(cogquiz(["help"]).code).toBe(0);
  });

  it("uses colour only when asked: NO_COLOR and --no-color turn it off", () => {
    const coloured = cogquiz(["validate", warn], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[");
    expect(cogquiz(["validate", warn], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
    expect(cogquiz(["--no-color", "validate", warn], { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });
});

describe("the parse cache", () => {
  it("serves unchanged files from the cache and sees every edit", async () => {
    const { mkdtempSync: mk, writeFileSync: write, readdirSync } = await import("node:fs");
    const cache = mk(join(tmpdir(), "cogquiz-cache-"));
    const dir = mk(join(tmpdir(), "cogquiz-edit-"));
    const file = join(dir, "bank.md");
    write(file, "### First?\n\n- [x] a\n- [ ] b\n\n> e\n");
    const env = { XDG_CACHE_HOME: cache };
    const count = () => JSON.parse(cogquiz(["validate", dir, "--format", "json"], { env }).stdout).summary;
    expect(count()).toMatchObject({ single: 1, errors: 0 });
    // One parse per file; the compiled program kept beside it (code-*.bin) is not a parse.
    expect(readdirSync(join(cache, "cogquiz")).filter((f) => !f.startsWith("code-"))).toHaveLength(1);
    expect(count()).toMatchObject({ single: 1, errors: 0 });
    write(file, "### First?\n\n- [x] a\n- [ ] b\n\n> e\n\n### Second?\n\n- [ ] a\n- [ ] b\n\n> e\n");
    expect(count()).toMatchObject({ single: 2, errors: 1 });
    const off = JSON.parse(cogquiz(["validate", dir, "--format", "json"], { env: { XDG_CACHE_HOME: cache, COGQUIZ_NO_CACHE: "1" } }).stdout);
    expect(off.summary).toMatchObject({ single: 2, errors: 1 });
  });
});
