// Every example a newcomer reads works as written: the `cogquiz …` lines of README.md's ```sh blocks and of every
// `--help` page, run against the bundled content with a fresh data folder and HOME. Commands that open a screen
// (quiz, study, exam) run in a terminal and must show their first screen. Exempt, each for the reason given:

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, ROOT, TEST_CACHE } from "../helpers/cli.js";
import { terminals } from "../helpers/tmux.js";

/** Examples not run, and why. A `| jq …` tail is cut off and the JSON before it checked instead. */
const EXEMPT: { pattern: RegExp; reason: string }[] = [
  { pattern: /^npm /, reason: "builds and tests the project itself, not a cogquiz command" },
  { pattern: /~\/notes|my-bank\/|questions\/|bank\.md|--content ~|\bclass\/|\bbank\//, reason: "names a user's own folder or file (a bank, or learners' logs collected in class/)" },
  { pattern: /--retake/, reason: "needs an exam sat before it; test/e2e/exam-review.test.ts sits one and retakes it" },
  { pattern: /newPerDay plan/, reason: "needs an exam set; test/e2e/exam-day.test.ts runs it after a plan" },
  { pattern: /--parameters yours/, reason: "needs fitted parameters; test/optimize/command.test.ts runs it on a progress file that has them" },
];

interface Example {
  source: string;
  command: string;
}

/** `cogquiz …` lines of README.md's sh blocks, their trailing `# comment` dropped. */
function readmeExamples(): Example[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const out: Example[] = [];
  for (const block of readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    for (const raw of block[1]!.split("\n")) {
      const line = raw.replace(/^\$\s*/, "").replace(/\s+#\s.*$/, "").trim();
      if (line !== "" && !line.startsWith("#")) out.push({ source: "README.md", command: line });
    }
  }
  return out;
}

function run(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", COLUMNS: "200" } });
  return r.stdout;
}

/** `$ cogquiz …` lines under "Example(s):" of `cogquiz --help` and of each command's help, descriptions dropped. */
function helpExamples(): Example[] {
  const main = run(["--help"]);
  const commands = [...main.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== "help");
  const out: Example[] = [];
  for (const [source, text] of [["cogquiz --help", main], ...commands.map((c) => [`cogquiz ${c} --help`, run([c, "--help"])])] as [string, string][]) {
    for (const m of text.matchAll(/^ {2}\$ (cogquiz.*)$/gm)) out.push({ source, command: m[1]!.split(/ {2,}/)[0]!.trim() });
  }
  return out;
}

/** Shell words, with '…' and "…" quoting (all the examples use). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const SCREENS = new Set(["quiz", "study", "exam"]);

/** The command an example runs (quiz when it names none), skipping global options and their values. */
function commandOf(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--data" || a === "--content") i++;
    else if (!a.startsWith("-")) return a;
  }
  return "quiz";
}

/** A temporary place to run in: HOME, a data folder, the working folder with the bundled content/ beside it. */
function sandbox(): { cwd: string; env: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), "cogquiz-example-"));
  const cwd = join(root, "work");
  const bin = join(root, "bin");
  mkdirSync(cwd);
  mkdirSync(bin);
  mkdirSync(join(root, "home"));
  symlinkSync(join(ROOT, "content"), join(cwd, "content"));
  writeFileSync(join(bin, "cogquiz"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`, { mode: 0o755 });
  return {
    cwd,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      HOME: join(root, "home"),
      COGQUIZ_DATA: join(root, "data", "progress.json"),
      XDG_CACHE_HOME: TEST_CACHE,
      NO_COLOR: "1",
    },
  };
}

const tty = terminals();
afterEach(() => tty.closeAll());

const examples = [...readmeExamples(), ...helpExamples()];

describe("examples in README.md and --help", () => {
  it("names no calendar date, which would pass and make the example fail (relative dates such as --exam +6w last)", () => {
    expect(examples.filter((e) => /\b\d{4}-\d{2}-\d{2}\b/.test(e.command)).map((e) => `${e.source}: ${e.command}`)).toEqual([]);
  });

  it("finds examples in both places", () => {
    expect(examples.filter((e) => e.source === "README.md").length).toBeGreaterThan(10);
    expect(examples.filter((e) => e.source !== "README.md").length).toBeGreaterThan(10);
  });

  for (const example of examples) {
    const exempt = EXEMPT.find((x) => x.pattern.test(example.command));
    const name = `${example.source}: ${example.command}`;
    if (exempt) {
      it.skip(`${name} (exempt: ${exempt.reason})`, () => {});
      continue;
    }
    const [shell, jq] = example.command.split(/\s*\|\s*(?=jq\b)/);
    const args = words(shell!).slice(1);
    if (SCREENS.has(commandOf(args))) {
      it(`${name} (in a terminal)`, async () => {
        const { env } = sandbox();
        const t = tty.start(args, env);
        const command = commandOf(args);
        const first = command === "study" ? /Study a topic|q close|space next page/ : command === "exam" ? /review & submit/ : /q quit|Nothing is due/;
        const screen = await t.waitFor(new RegExp(`${first.source}|cogquiz: `));
        expect(screen, "the first screen, not an error").not.toMatch(/^cogquiz: /m);
        t.send("C-c");
        if (command === "exam") {
          await t.waitFor("Abandon this exam?");
          t.send("y");
        }
        expect(await t.waitForExit()).toBe(0);
      });
      continue;
    }
    it(jq ? `${name} (the JSON before \`| ${jq}\`)` : name, () => {
      const { cwd, env } = sandbox();
      const r = spawnSync("sh", ["-c", shell!], { cwd, env, encoding: "utf8", timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr, "no error or bug report").not.toMatch(/internal error|^cogquiz: (?:no |unknown |cannot )/m);
      if (jq) expect(() => JSON.parse(r.stdout)).not.toThrow();
    });
  }
});
