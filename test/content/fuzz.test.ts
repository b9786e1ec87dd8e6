// Fuzzing the reader with mutations of real notes and banks: the bundled content (and a seed set of notes when one
// is found beside the project), cut, repeated, spliced and laced with controls, entities and markdown openers.
// Whatever comes in: nothing throws (the binary never exits 70 or hangs), JSON output parses, and no raw control
// byte reaches the output.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildBank } from "../../src/content/bank.js";
import { BUNDLED_CONTENT } from "../../src/content/load.js";
import { parseFile } from "../../src/content/parse-file.js";
import { summarise } from "../../src/content/summary.js";
import { safeForTerminal } from "../../src/ui/safe-text.js";
import { renderInline, renderMarkdown } from "../../src/ui/terminal-markdown.js";
import { formatJson, formatPretty } from "../../src/ui/validate-report.js";
import { CLI, ROOT, TEST_CACHE } from "../helpers/cli.js";

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const OWN_SEQUENCE = /\u001b\[(?:[0-9;]{0,32}[mABCDGHJK]|\?25[hl])/g;

const SEED_NOTES = [join(ROOT, "..", "shared", "seeds", "cognito-notes.md"), "/work/shared/seeds/cognito-notes.md"];

const REAL = [
  ...["notes", "questions"].flatMap((d) => readdirSync(join(BUNDLED_CONTENT, d)).map((f) => readFileSync(join(BUNDLED_CONTENT, d, f), "utf8"))),
  ...SEED_NOTES.filter((p) => existsSync(p)).slice(0, 1).map((p) => readFileSync(p, "utf8")),
];

/** What gets spliced in: attacks, entities, markdown openers, odd Unicode, and runs that stress nesting and scale. */
const piece = fc.oneof(
  fc.constantFrom(
    "\u001b]0;PWNED\u0007", "&#27;]0;PWNED&#7;", "&#27;]52;c;SElKQUNL&#7;", "&#x1b;[2J", "\u009b6n", "&#155;", "\u007f", "&#127;",
    "\u0000", "\r", "\r\n", "\t", "\u2028", "\ufeff", "\ud800", "👩‍💻", "e\u0301",
    "- [x] ", "- [ ] ", "  > ", "> ", "# ", "### ", "```", "```json\n", "| a | b |\n|---|---|\n", "<!-- id: dup-id -->", "<!-- id: BAD -->",
    "- sample:\n  - Q?\n    - A\n", "[x](./missing.md)", "[x](javascript:alert(1))", "![i](pic.png)", "---\ntopic: [\n---\n", "(Choose TWO)",
    "<script>alert(1)</script>", "&amp;", "\\", "*", "_", "`", "[", "]", "(", ")",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.tuple(fc.constantFrom("- ", "> ", " ", "1. ", "#", "- [ ] same\n", "[l](f.md) ", "# H\n"), fc.integer({ min: 1, max: 30_000 })).map(([s, n]) => s.repeat(n)),
);

type Mutation =
  | { op: "insert"; at: number; text: string }
  | { op: "delete"; at: number; length: number }
  | { op: "repeat"; at: number; length: number; times: number }
  | { op: "swap-lines"; a: number; b: number }
  | { op: "splice"; at: number; from: number; at2: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: piece }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant("repeat" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ op: fc.constant("swap-lines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant("splice" as const), at: fc.nat(), from: fc.nat(), at2: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }),
);

function mutate(base: string, ms: readonly Mutation[]): string {
  let s = base;
  for (const m of ms) {
    const pos = (n: number) => (s.length === 0 ? 0 : n % (s.length + 1));
    if (m.op === "insert") {
      const at = pos(m.at);
      s = s.slice(0, at) + m.text + s.slice(at);
    } else if (m.op === "delete") {
      const at = pos(m.at);
      s = s.slice(0, at) + s.slice(at + m.length);
    } else if (m.op === "repeat") {
      const at = pos(m.at);
      s = s.slice(0, at) + s.slice(at, at + m.length).repeat(m.times) + s.slice(at);
    } else if (m.op === "swap-lines") {
      const lines = s.split("\n");
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      s = lines.join("\n");
    } else {
      // A stretch of another real file, as when two files are pasted together.
      const other = REAL[m.from % REAL.length]!;
      const from = other.length === 0 ? 0 : m.at2 % other.length;
      const at = pos(m.at);
      s = s.slice(0, at) + other.slice(from, from + m.length) + s.slice(at);
    }
  }
  return s;
}

const docs = fc.array(
  fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([i, ms]) => mutate(REAL[i % REAL.length]!, ms)),
  { minLength: 1, maxLength: 3 },
);

/** What a terminal would get: the gated text, with our own styling sequences taken out. */
const reachingTerminal = (s: string) => safeForTerminal(s).replace(OWN_SEQUENCE, "");

describe("fuzzing the reader with mutated real notes and banks", () => {
  it("reads every mutation without throwing; reports parse as JSON; nothing raw reaches a screen", () => {
    expect(REAL.length).toBeGreaterThanOrEqual(10);
    fc.assert(
      fc.property(docs, (texts) => {
        const bank = buildBank(texts.map((t, i) => parseFile(`f${i}.md`, t)));
        const report = { summary: summarise(bank), diagnostics: bank.diagnostics, strict: true };
        const json = formatJson(report);
        expect(json).not.toMatch(RAW_CONTROL);
        const summary = JSON.parse(json).summary as { files: number; errors: number };
        expect(summary.files).toBe(texts.length);
        expect(summary.errors).toBe(bank.diagnostics.filter((d) => d.severity === "error").length);
        expect(reachingTerminal(formatPretty(report))).not.toMatch(RAW_CONTROL);
        for (const q of bank.questions.slice(0, 20)) {
          const parts = [renderMarkdown(q.stem, 80), ...(q.kind === "recall" ? [renderMarkdown(q.answer, 80)] : q.choices.map((c) => renderInline(c.text)))];
          if (q.kind !== "recall" && q.explanation) parts.push(renderMarkdown(q.explanation, 80));
          for (const p of parts) expect(reachingTerminal(p)).not.toMatch(RAW_CONTROL);
          // The reader already took every control out of the model's text.
          expect(q.stem).not.toMatch(RAW_CONTROL);
        }
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it("the binary answers every mutated bank with exit 0 or 1, quickly, valid JSON and no raw control bytes", () => {
    fc.assert(
      fc.property(docs, (texts) => {
        const dir = mkdtempSync(join(tmpdir(), "cogquiz-fuzz-"));
        texts.forEach((t, i) => writeFileSync(join(dir, `f${i}.md`), t));
        const env = { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: TEST_CACHE, COGQUIZ_DATA: join(dir, "data", "progress.json") };
        const run = (args: string[]) => {
          // A hang guard, not a timing assertion: a run that takes this long has a bug the fuzz found.
          const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: "utf8", timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
          expect(r.signal, `${args.join(" ")} did not finish`).toBeNull();
          expect([0, 1], `${args.join(" ")}: ${r.stderr}`).toContain(r.status);
          expect(r.stderr).not.toContain("internal error");
          expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
          return r;
        };
        const validate = run(["validate", "--strict", "--format", "json", dir]);
        expect(() => JSON.parse(validate.stdout)).not.toThrow();
        run(["--no-bundled", "--content", dir, "topics"]);
        run(["--no-bundled", "--content", dir, "export", "--format", "anki"]);
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
