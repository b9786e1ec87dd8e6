// Inputs built to crash or crawl the reader: each gets a clear answer, never exit 70.

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, ROOT, TEST_CACHE, cogquiz } from "../helpers/cli.js";
import { dataFile } from "../helpers/bank-fixture.js";
import { terminals } from "../helpers/tmux.js";

function bankOf(name: string, markdown: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-scale-"));
  writeFileSync(join(dir, name), markdown);
  return dir;
}

const tty = terminals();
afterEach(() => tty.closeAll());

describe("inputs that used to crash or crawl", () => {
  it.each([
    ["3,000,000 list markers", "- ".repeat(3_000_000)],
    ["2.6 MB of list markers", "- ".repeat(1_300_000)],
    ["2.6 MB of spaces before text", `${" ".repeat(2_600_000)}x`],
    ["2.6 MB of quote marks", ">".repeat(2_600_000)],
    ["2.6 MB of spaced quote marks", "> ".repeat(1_300_000)],
    ["2.6 MB of mixed quotes and lists", "> - 1. ".repeat(370_000)],
  ])("a single line of %s is refused as too deeply nested, not a crash", (_what, line) => {
    const r = cogquiz(["validate", "--no-bundled", bankOf("deep.md", `# T\n\n${line}\n`)]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/3:1\s+error\s+lists or quotes are nested too deeply.*too-deeply-nested/);
  });

  it.each([
    ["a paragraph of 9.6 MB on one line", Array.from({ length: 1_600_000 }, (_, i) => ["pool", "token", "claim", "scope"][i % 4]).join(" ")],
    ["an image inlined as 12 MB of base64", `![diagram](data:image/png;base64,${"iVBORw0KGgo".repeat(1_100_000)})`],
  ])("%s is named as a line too long for the reader, at its line, not as nesting", (_what, line) => {
    const r = cogquiz(["validate", "--no-bundled", bankOf("long.md", `# T\n\nSome text.\n\n${line}\n`)]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/5:1\s+error\s+this line is \d+\.\d MB of text, too long for the markdown reader; break it up or remove it.*line-too-long/);
    expect(r.stdout).not.toContain("too-deeply-nested");
  });

  it("a blank line of 2.6 MB of spaces is only a blank line", () => {
    const r = cogquiz(["validate", "--no-bundled", bankOf("blank.md", `# T\n\n${" ".repeat(2_600_000)}\n\nText.\n`)]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(0);
  });

  it("an option of 300,000 characters of letters and commas is read in a moment, and a list of letters at its end still found", () => {
    // The rule for an option naming others by letter read on to the end from each letter: hours for a megabyte.
    const long = `# T\n\n## Which one?\n\n- [x] ${"A, ".repeat(100_000)}x\n- [ ] b\n- [ ] ${"A, ".repeat(100_000)}and B only\n\n> why\n`;
    const r = cogquiz(["validate", "--no-bundled", "--format", "json", bankOf("letters.md", long)]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { rule: string; line: number }[] };
    expect(report.diagnostics.filter((d) => d.rule === "option-refers-to-option").map((d) => d.line)).toEqual([7]);
  });

  it("130,000 headings: topics lists them", () => {
    const dir = bankOf("heads.md", Array.from({ length: 130_000 }, (_, i) => `# Heading ${i}\n`).join(""));
    const r = cogquiz(["topics", "--no-bundled", "--content", dir]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Heading 129999");
  });

  it("130,000 duplicate options: validate reports them", () => {
    const dir = bankOf("dups.md", `# T\n\n## Which?\n\n- [x] a\n${"- [ ] same\n".repeat(130_000)}\n> why\n`);
    const r = cogquiz(["validate", "--no-bundled", "--format", "json", dir]);
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { rule: string }[] };
    expect(report.diagnostics.filter((d) => d.rule === "duplicate-option").length).toBe(129_999);
  });

  it("links in one paragraph are placed on their own lines (counted once, not from the top for each)", () => {
    const links = Array.from({ length: 3000 }, (_, i) => `[l${i}](missing-${i}.md)${i % 10 === 9 ? "\n" : " "}`).join("");
    const r = cogquiz(["validate", "--no-bundled", "--format", "json", bankOf("links.md", `# T\n\n${links}\n`)]);
    const report = JSON.parse(r.stdout) as { diagnostics: { rule: string; line: number; message: string }[] };
    const missing = report.diagnostics.filter((d) => d.rule === "missing-file");
    expect(missing.length).toBe(3000);
    for (const d of missing) {
      const i = Number(/missing-(\d+)\.md/.exec(d.message)![1]);
      expect(d.line, d.message).toBe(3 + Math.floor(i / 10));
    }
  });

  it("a link above the git repository's folder is a page of its host, not a missing file; below it, it is checked", () => {
    const markdown = "# T\n\nReport it in [the issues](../../issues), see [the guide](docs/guide.md) or [a sibling](../other/x.md).\n";
    const missingOf = (dir: string): string[] => {
      const r = cogquiz(["validate", "--no-bundled", "--format", "json", dir]);
      const report = JSON.parse(r.stdout) as { diagnostics: { rule: string; message: string }[] };
      return report.diagnostics.filter((d) => d.rule === "missing-file").map((d) => d.message);
    };
    const repo = bankOf("README.md", markdown);
    // Outside a repository there is no telling: every target is looked for.
    expect(missingOf(repo)).toHaveLength(3);
    // In one (`.git` a folder, or a file as in a worktree), the README's ../../issues and ../other are GitHub's pages.
    writeFileSync(join(repo, ".git"), "gitdir: elsewhere\n");
    expect(missingOf(repo)).toEqual(["link target docs/guide.md does not exist"]);
  });

  it("a quiz whose only content has errors says so and where, not that nothing is due", async () => {
    const dir = bankOf("broken.md", "# Broken\n\n## Which one?\n\n- [ ] a\n- [ ] b\n\n> none is marked\n");
    const t = tty.start(["--no-bundled", "--content", dir, "--data", dataFile(), "quiz"]);
    const screen = await t.waitFor(/content has 1 error/);
    expect(screen).toMatch(/broken\.md:\d+: .*no option marked \[x\].*no-correct-option/);
    expect(screen).toContain("cogquiz validate");
    expect(screen).not.toContain("Nothing is due");
    expect(await t.waitForExit()).toBe(1);
  });

  it("an exam whose only questions have errors says so and where", async () => {
    const dir = bankOf("broken.md", "# Broken\n\n## Which one?\n\n- [ ] a\n- [ ] b\n\n> none is marked\n");
    const t = tty.start(["--no-bundled", "--content", dir, "--data", dataFile(), "exam"]);
    const screen = await t.waitFor(/content has 1 error/);
    expect(screen).toMatch(/broken\.md:\d+: .*no-correct-option/);
    expect(await t.waitForExit()).toBe(1);
  });
});

describe("standard output that cannot be written", () => {
  it.each([["stats"], ["--help"], ["validate", "--format", "json", "content/"], ["export", "--format", "json"]])(
    "cogquiz %s onto a full disk says so in one line and exits 74, not a stack trace",
    (...args) => {
      const full = openSync("/dev/full", "w");
      try {
        const r = spawnSync(process.execPath, [CLI, ...args], {
          cwd: ROOT,
          env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: TEST_CACHE, COGQUIZ_DATA: join(mkdtempSync(join(tmpdir(), "cogquiz-full-")), "progress.json") },
          stdio: ["ignore", full, "pipe"],
          encoding: "utf8",
        });
        expect(r.stderr).toBe("cogquiz: cannot write standard output: the disk is full (ENOSPC)\n");
        expect(r.status).toBe(74);
      } finally {
        closeSync(full);
      }
    },
  );
});
