import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";

/**
 * A bank of several files with findings of every reach: within a question (no key, an echoing option), across
 * files (a near duplicate, a repeated id) and over the set (the key's position). Seeded words, so every run reads
 * the same bank.
 */
function bank(): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-threads-"));
  let seed = 7;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const vocabulary = "pool token identity federation scope claim trigger lambda group role policy client secret domain hosted user attribute device session refresh access issuer audience header".split(" ");
  const words = (n: number): string => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(" ");
  for (let f = 0; f < 6; f++) {
    let out = `---\ntags: [threads]\n---\n\n# Topic ${f}\n\n`;
    for (let i = 0; i < 500; i++) {
      const n = f * 500 + i;
      const stem = n === 1700 ? "Which token does the hosted domain return to a federation client after sign-in" : `Question ${n}: ${words(10)}`;
      out += `### ${stem}?\n<!-- id: ${n === 2600 ? "q-5" : `q-${n}`} -->\n\n`;
      for (let o = 0; o < 4; o++) out += `- [${o === 0 && n % 97 !== 0 ? "x" : " "}] ${o === 0 && n === 2200 ? "Which token does the hosted domain return to a federation client" : words(4)}\n`;
      out += `\n> ${words(8)}. See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/q${n}.html).\n\n`;
    }
    writeFileSync(join(dir, `part-${f}.md`), out);
  }
  return dir;
}

describe("validate in parallel threads", () => {
  const dir = bank();

  // One format a test: each validate of this bank is seconds of work on a loaded machine, and the suite's time
  // limit is per test.
  it.each(["json", "pretty", "sarif"])("prints the same report in two threads as in one, as %s", (format) => {
    const one = cogquiz(["validate", dir, "--format", format], { env: { COGQUIZ_THREADS: "1", COGQUIZ_NO_CACHE: "1" } });
    const two = cogquiz(["validate", dir, "--format", format], { env: { COGQUIZ_THREADS: "2", COGQUIZ_NO_CACHE: "1" } });
    expect(one.code).toBe(1);
    expect(two.stderr).toBe("");
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    if (format !== "json") return;
    const report = JSON.parse(two.stdout) as { diagnostics: { rule: string }[] };
    const rules = new Set(report.diagnostics.map((d) => d.rule));
    for (const rule of ["no-correct-option", "duplicate-id", "near-duplicate", "key-position-bias"]) expect(rules).toContain(rule);
  });

  it("prints the same report with the parse cache as without it, the cache filled and read by two threads", () => {
    // A first run files every parse in the cache from both threads; a second reads them back: the same report.
    const cache = mkdtempSync(join(tmpdir(), "cogquiz-threads-cache-"));
    mkdirSync(cache, { recursive: true });
    const fresh = cogquiz(["validate", dir, "--format", "json"], { env: { COGQUIZ_THREADS: "2", XDG_CACHE_HOME: cache } });
    const cached = cogquiz(["validate", dir, "--format", "json"], { env: { COGQUIZ_THREADS: "2", XDG_CACHE_HOME: cache } });
    const plain = cogquiz(["validate", dir, "--format", "json"], { env: { COGQUIZ_THREADS: "1", COGQUIZ_NO_CACHE: "1" } });
    expect(fresh.stdout).toBe(plain.stdout);
    expect(cached.stdout).toBe(plain.stdout);
  });

  it("reads emphasis nested past any sensible depth the same in two threads as in one", () => {
    // Nested 1,500 deep: past what the main thread's stack holds, within what a parse thread's holds.
    const deep = mkdtempSync(join(tmpdir(), "cogquiz-threads-deep-"));
    const marks = `${"**a ".repeat(1500)}x${" a**".repeat(1500)}`;
    for (let f = 0; f < 4; f++) writeFileSync(join(deep, `deep-${f}.md`), `# Deep ${f}\n\n### Which one ${f}?\n\n- [x] a\n- [ ] b\n\n> ${marks}\n`);
    const one = cogquiz(["validate", deep, "--no-bundled"], { env: { COGQUIZ_THREADS: "1", COGQUIZ_NO_CACHE: "1" } });
    const two = cogquiz(["validate", deep, "--no-bundled"], { env: { COGQUIZ_THREADS: "2", COGQUIZ_NO_CACHE: "1" } });
    expect(one.stdout.match(/too-deeply-nested/g)).toHaveLength(4);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  });

  it("refuses a thread count it cannot use, with the range", () => {
    for (const value of ["0", "many", "12"]) {
      const r = cogquiz(["validate", dir], { env: { COGQUIZ_THREADS: value } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`COGQUIZ_THREADS must be a whole number from 1 to 8`);
      // Refused before a command opens anything: a quiz creates no progress file, and --help still helps.
      const data = join(mkdtempSync(join(tmpdir(), "cogquiz-threads-data-")), "progress.json");
      const quiz = cogquiz(["--data", data, "quiz"], { env: { COGQUIZ_THREADS: value } });
      expect(quiz.code).toBe(2);
      expect(quiz.stderr).toContain(`COGQUIZ_THREADS must be a whole number from 1 to 8`);
      expect(existsSync(data)).toBe(false);
      expect(cogquiz(["--help"], { env: { COGQUIZ_THREADS: value } }).code).toBe(0);
      expect(r.stderr).toContain(`"${value}"`);
    }
  });

  it("reads an empty COGQUIZ_THREADS as unset, as a CI variable that is not defined expands to \"\"", () => {
    const unset = cogquiz(["validate", dir, "--format", "json"], { env: { COGQUIZ_NO_CACHE: "1" } });
    const empty = cogquiz(["validate", dir, "--format", "json"], { env: { COGQUIZ_THREADS: "", COGQUIZ_NO_CACHE: "1" } });
    expect(empty.stderr).not.toContain("COGQUIZ_THREADS");
    expect(empty.code).toBe(unset.code);
    expect(empty.stdout).toBe(unset.stdout);
    const data = join(mkdtempSync(join(tmpdir(), "cogquiz-threads-data-")), "progress.json");
    const where = cogquiz(["--data", data, "where"], { env: { COGQUIZ_THREADS: "" } });
    expect(where.code).toBe(0);
    expect(where.stdout).toContain(data);
  });
});
