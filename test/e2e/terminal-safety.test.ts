// An untrusted bank cannot drive the terminal: every field carries escape sequences, raw and written as HTML
// numeric entities, and the raw bytes that reach the pane (tmux's pipe-pane log) hold none of them.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile } from "../helpers/bank-fixture.js";
import { optionNumber, sleep, Terminal } from "../helpers/tmux.js";
import { bankMarkdown, optionText, review, syntheticBank } from "../analysis/synthetic.js";

/**
 * OSC 0 (window title), OSC 52 (clipboard), CSI queries and mode switches, 8-bit CSI and OSC, BEL and DEL; then the
 * invisible ones: a right-to-left override, a left-to-right isolate and a zero-width space.
 */
const raw = (tag: string) => `\u001b]0;${tag}R\u0007\u001b]52;c;SElKQUNL\u0007\u001b[6n\u001b[?1049h\u009b6n\u009d0;${tag}R\u0007\u007f\u202e\u2066\u200b`;
const entity = (tag: string) => `&#27;]0;${tag}E&#7;&#x1b;]52;c;SElKQUNL&#x07;&#27;[6n&#0027;[?1049h&#155;6n&#x9D;0;${tag}E&#7&#127;&#x202E;&#8294;`;
const payload = (tag: string) => `${raw(tag)} mid ${entity(tag)}`;
/** In a link's title, square brackets would end the title: the same attacks without the CSI ones. */
const linkPayload = (tag: string) => `\u001b]0;${tag}R\u0007\u009d0;${tag}R\u0007 mid &#27;]0;${tag}E&#7;&#x9d;0;${tag}E&#7;`;

const BANK = `---
topic: "Front \\e]0;FMR\\a matter &#27;]0;FME&#7;"
tags: ["t\\e]0;TAGR\\a"]
---
- sample:
  - Front recall ${payload("FQ")}?
    - Front answer

# Topic ${payload("HD")}

Note body ${payload("NB")}

## Stem ${payload("ST")} which one?

See [Link ${linkPayload("LT")}](https://docs.aws.amazon.com/a&#27;]0;TGE&#7;b&#x9d;0;TGE&#7;).

- [ ] Payload ${payload("OP")}
  > Feedback ${payload("FB")}
- [x] Key one
- [ ] Other one

> Explanation ${payload("EX")}

- sample:
  - Recall question ${payload("RQ")}?
    - Answer ${payload("AN")}
`;

/** Byte sequences that must never reach the terminal from this bank. */
const FORBIDDEN: [string, Buffer][] = [
  ["OSC (ESC ])", Buffer.from("\u001b]")],
  ["device status query (CSI 6n)", Buffer.from("\u001b[6n")],
  ["alternate screen (CSI ?1049h)", Buffer.from("\u001b[?1049h")],
  ["8-bit CSI (U+009B)", Buffer.from("\u009b")],
  ["8-bit OSC (U+009D)", Buffer.from("\u009d")],
  ["BEL", Buffer.from("\u0007")],
  ["DEL", Buffer.from("\u007f")],
  ["right-to-left override (U+202E)", Buffer.from("\u202e")],
  ["left-to-right isolate (U+2066)", Buffer.from("\u2066")],
  ["zero-width space (U+200B)", Buffer.from("\u200b")],
];

function writeHostileBank(): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-hostile-"));
  writeFileSync(join(dir, "bank.md"), BANK);
  // A file name is text from the bank too: it titles the cards written before any heading.
  writeFileSync(join(dir, "name-\u001b]0;FNR\u0007.md"), "- sample:\n  - File recall?\n    - File answer\n");
  return dir;
}

const open: Terminal[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function start(args: string[]): Terminal {
  // Colour on: styling sequences must still pass the gate while everything else is stopped.
  const t = Terminal.start(args, { NO_COLOR: "", FORCE_COLOR: "1" }, { cols: 120, rows: 60 });
  open.push(t);
  return t;
}

/** Waits for the screen to change from `previous` and match `pattern`. */
async function next(t: Terminal, pattern: RegExp, previous: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = "";
  while (Date.now() < deadline) {
    screen = t.screen();
    if (screen !== previous && pattern.test(screen)) return screen;
    await sleep(40);
  }
  throw new Error(`timed out waiting for ${pattern}; screen was:\n${screen}`);
}

/** Keeps pressing q (and y to confirm) until the program exits. */
async function quit(t: Terminal): Promise<number> {
  for (let i = 0; i < 10 && t.exitStatus() === undefined; i++) {
    const s = t.screen();
    t.send(/\?\s*\(?y\/n|\by\b.*\bn\b.*\?/i.test(s) ? "y" : "q");
    await sleep(300);
  }
  return t.waitForExit();
}

function assertNoInjectedBytes(t: Terminal): void {
  const bytes = readFileSync(t.log);
  expect(bytes.length).toBeGreaterThan(0);
  for (const [what, seq] of FORBIDDEN) expect(bytes.includes(seq), `${what} reached the terminal`).toBe(false);
  // Our own styling did get through: the gate stops the bank, not the program.
  expect(bytes.includes(Buffer.from("\u001b[1m"))).toBe(true);
  expect(t.paneTitle()).not.toMatch(/[A-Z]{2}[RE]$/);
}

/** The visible, neutralised form of a payload tag, as the screen shows it. */
const shown = (tag: string, how: "R" | "E") => `\\x1b]0;${tag}${how}\\x07`;

describe("an untrusted bank in a terminal", () => {
  it("quiz: stems, options, feedback, explanations, answers, headings, front matter and file names reach the pane neutralised", async () => {
    const bank = writeHostileBank();
    const t = start(["--no-bundled", "--content", bank, "--data", dataFile(), "quiz", "--seed", "1"]);
    const screens: string[] = [];
    let screen = "";
    let answeredChoice = false;
    for (let step = 0; step < 24; step++) {
      screen = await next(t, /show the answer|How well did you know it|enter answer|continue|Session over/, screen);
      screens.push(screen);
      if (/Session over/.test(screen)) break;
      if (/show the answer/.test(screen)) t.send("Space");
      else if (/How well did you know it/.test(screen)) t.send("3");
      else if (/enter answer/.test(screen)) {
        t.send(optionNumber(screen, "Payload"), "Enter");
        answeredChoice = true;
      } else if (/continue/.test(screen)) t.send("Enter");
      const sofar = screens.join("\n");
      const tags = ["FQ", "ST", "OP", "FB", "EX", "RQ", "AN"].flatMap((tag) => [shown(tag, "R"), shown(tag, "E")]);
      if (answeredChoice && sofar.includes("File answer") && tags.every((x) => sofar.includes(x))) break;
    }
    expect(await quit(t)).toBe(0);
    const all = screens.join("\n");
    for (const tag of ["FQ", "ST", "OP", "FB", "EX", "RQ", "AN"]) {
      expect(all, tag).toContain(shown(tag, "R"));
      expect(all, tag).toContain(shown(tag, "E"));
    }
    // The heading's path is a one-line header, cut to the layout's width after its first payload; the raw bytes
    // below are checked whole all the same.
    expect(all).toContain(shown("HD", "R"));
    expect(all).toContain(shown("FM", "R"));
    expect(all).toContain(shown("FN", "R"));
    expect(all).toContain(shown("LT", "E"));
    // Shown for what they are, so the student sees that the text is not what it seems.
    expect(all).toContain("\\u202e\\u2066\\u200b");
    expect(all).toMatch(/\\x7f\\u202e\\u2066(?!\\u200b)/); // the entities' forms
    assertNoInjectedBytes(t);
  }, 60_000);

  it("exam and its result screen, with references", async () => {
    const bank = writeHostileBank();
    const t = start(["--no-bundled", "--content", bank, "--data", dataFile(), "exam", "--count", "1", "--seed", "1"]);
    let screen = await next(t, /question 1 of 1/, "");
    expect(screen).toContain(shown("ST", "E"));
    expect(screen).toContain(shown("OP", "R"));
    t.send(optionNumber(screen, "Payload"));
    t.send("r");
    screen = await next(t, /[Rr]eview/, screen);
    t.send("s");
    screen = await next(t, /Submit the exam now\?/, screen);
    t.send("y");
    screen = await next(t, /Mock exam result/, screen);
    expect(screen).toContain(shown("EX", "E"));
    expect(await quit(t)).toBe(0);
    assertNoInjectedBytes(t);
  }, 60_000);

  it("study: the topic path header and the notes reach the pane neutralised", async () => {
    const bank = writeHostileBank();
    const t = start(["--no-bundled", "--content", bank, "--data", dataFile(), "study", "Topic"]);
    const screen = await next(t, /Note body/, "");
    expect(screen).toContain(shown("NB", "R"));
    expect(screen).toContain(shown("NB", "E"));
    expect(screen).toContain(shown("HD", "R"));
    expect(await quit(t)).toBe(0);
    assertNoInjectedBytes(t);
  }, 60_000);
});

describe("messages and reports that quote untrusted text", () => {
  // eslint-disable-next-line no-control-regex
  const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202a-\u202e\u2066-\u2069\u200b]/;
  const hostile = "x\u001b]0;PWNED\u0007\u009b6n\u007f";
  /** Sequences the gate lets through, as cogquiz's own screens use them: text that is not ours must not hold them. */
  const cursor = "y\u001b[1A\u001b[2K\u001b[2J\u001b[8m\u202e";

  it("no such file, unknown id, and config set/get echo paths and names escaped", () => {
    const data = dataFile();
    const runs = [
      cogquiz(["--data", data, "--content", `/nonexistent/${hostile}.md`, "topics"]),
      cogquiz(["--data", data, "reset", hostile]),
      cogquiz(["--data", data, "suspend", hostile]),
      cogquiz(["--data", data, "config", "set", hostile, "3"]),
      cogquiz(["--data", data, "config", "set", "contentPaths", `/nonexistent/${hostile}`]),
      cogquiz(["--data", data, "config", "get", "contentPaths"]),
    ];
    for (const r of runs) {
      expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW);
      expect(r.code).not.toBe(70);
    }
    expect(runs[0]!.stderr).toContain("\\x1b]0;PWNED\\x07\\x9b6n\\x7f");
    expect(runs[1]!.stderr).toContain("\\x1b]0;PWNED");
  });

  it("config and where echo a path with cursor moves, erases and a bidi override escaped", () => {
    const data = dataFile();
    const folder = mkdtempSync(join(tmpdir(), cursor));
    const set = cogquiz(["--data", data, "config", "set", "contentPaths", folder]);
    const get = cogquiz(["--data", data, "config", "get"]);
    const where = cogquiz(["--data", join(folder, "p.json"), "where"]);
    for (const r of [set, get, where]) {
      expect(r.code).toBe(0);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW);
      expect(r.stdout).toContain("y\\x1b[1A\\x1b[2K\\x1b[2J\\x1b[8m\\u202e");
    }
  });

  it("validate: a file name cannot move the cursor, erase lines or start a line of its own, in any format", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-names-"));
    const question = "# T\n\n## Which one?\n\n- [x] a\n- [ ] b\n";
    writeFileSync(join(dir, `b${cursor}.md`), question.replace("one", "other"));
    writeFileSync(join(dir, "nl\n::error file=evil.md::INJECTED\nx.md"), question);
    writeFileSync(join(dir, "tick`[x](https:evil.example)`.md"), question.replace("one", "third"));
    const summary = join(mkdtempSync(join(tmpdir(), "cogquiz-summary-")), "summary.md");
    for (const format of ["pretty", "json", "github", "sarif", "junit"]) {
      const r = cogquiz(["validate", dir, "--format", format], { env: { GITHUB_STEP_SUMMARY: summary } });
      expect(r.code, format).toBe(0);
      expect(r.stdout, format).not.toMatch(RAW);
      // Each name is one line: no line of the output is the injected workflow command.
      expect(r.stdout.split("\n").some((line) => line.startsWith("::error file=evil.md")), format).toBe(false);
    }
    const github = cogquiz(["validate", dir, "--format", "github"]);
    expect(github.stdout).toMatch(/^::warning file=[^,]*nl\\x0a%3A%3Aerror file=evil\.md%3A%3AINJECTED\\x0ax\.md,line=1,col=1,title=cogquiz control-character::the file's name holds a tab or line break/m);
    expect(github.stdout).toMatch(/^::warning file=[^,]*b.*\\x1b\[1A.*,line=1,col=1,title=cogquiz control-character::the file's name holds control character \\x1b/m);
    // The job summary quotes the name in a code span that its backtick cannot close: no live link.
    expect(readFileSync(summary, "utf8")).toMatch(/\| `` [^|`]*tick`\[x\]\(https:evil\.example\)`\.md:3:1 `` \|/);
    const junit = cogquiz(["validate", dir, "--format", "junit", "--strict"]);
    for (const attr of junit.stdout.matchAll(/ (?:name|file|message)="([^"]*)"/g)) expect(attr[1]).not.toContain("\n");
  });

  /** A bank, and a class of two learners' logs collected in a repository, named as a hostile contributor would. */
  function hostileClass(): { dir: string; named: string } {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-names-"));
    const injected = "\n::error file=evil.md::INJECTED\n";
    mkdirSync(join(dir, "bank"));
    mkdirSync(join(dir, "class"));
    writeFileSync(join(dir, "bank", "b\u009bank.md"), bankMarkdown(syntheticBank(2)));
    const answer = (learner?: string) => JSON.stringify(review("syn-0", [optionText("syn-0", 0)], new Date(Date.UTC(2026, 0, 1)), learner ? ({ learner } as object) : {}));
    // One log named with line breaks (and a line that is no record, for a note naming it), one whose records name a
    // learner with line breaks, a tab and a C1 control.
    writeFileSync(join(dir, "class", `nl${injected}x.jsonl`), `${answer()}\nnot a record\n`);
    const named = `ann${injected}\tx\u009b`;
    writeFileSync(join(dir, "class", "b.jsonl"), `${answer(named)}\n`);
    return { dir, named };
  }
  const bankOnly = ["--no-bundled", "--content", "bank"];

  it("analyze: a log's file name or a learner named in a log cannot start a line of its own", () => {
    const { dir, named } = hostileClass();
    const runs = {
      github: cogquiz(["analyze", "class", "--format", "github", ...bankOnly], { cwd: dir }),
      unknown: cogquiz(["analyze", "class", "--learner", "nobody", ...bankOnly], { cwd: dir }),
      one: cogquiz(["analyze", "class", "--learner", named, ...bankOnly], { cwd: dir }),
    };
    for (const [what, r] of Object.entries(runs)) {
      expect(r.code, what).not.toBe(70);
      expect(`${r.stdout}${r.stderr}`, what).not.toMatch(RAW);
      for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) expect(line.startsWith("::error file=evil.md"), `${what}: ${line}`).toBe(false);
    }
    expect(runs.github.stderr).toContain("class/nl\\x0a::error file=evil.md::INJECTED\\x0ax.jsonl: skipped 1 line");
    expect(runs.unknown.stderr).toContain("ann\\x0a::error file=evil.md::INJECTED\\x0a\\x09x\\x9b");
    expect(runs.one.stdout).toContain("(ann\\x0a::error file=evil.md::INJECTED\\x0a\\x09x\\x9b)");
  });

  it("analyze --json stays JSON when a bank file or a learner is named with C1 controls", () => {
    const { dir, named } = hostileClass();
    const report = cogquiz(["analyze", "class", "--json", ...bankOnly], { cwd: dir });
    const one = cogquiz(["analyze", "class", "--learner", named, "--json", ...bankOnly], { cwd: dir });
    for (const r of [report, one]) {
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW);
    }
    expect((JSON.parse(report.stdout) as { questions: { file: string }[] }).questions[0]!.file).toBe(join("bank", "b\u009bank.md"));
    expect((JSON.parse(one.stdout) as { learner: string }).learner).toBe(named);
  });

  it("an error or a note names a path on one line, line breaks and all", () => {
    const folder = mkdtempSync(join(tmpdir(), "cogquiz-names-"));
    const odd = join(folder, "nl\n::error file=evil.md::INJECTED\nx");
    mkdirSync(odd);
    writeFileSync(join(odd, "progress.json"), "{");
    const runs = [
      cogquiz(["validate", join(odd, "missing.md")]),
      cogquiz(["--data", `${odd}/`, "stats"]),
      cogquiz(["--data", `${folder}/`, "stats", "--content", join(odd, "missing.md")]),
    ];
    for (const r of runs) {
      expect([1, 2]).toContain(r.code);
      expect(r.stderr).toContain("nl\\x0a::error file=evil.md::INJECTED\\x0ax");
      for (const line of r.stderr.split("\n")) expect(line.startsWith("::error file=evil.md"), line).toBe(false);
    }
  });

  it("quiz and exam refusing a bank of errors name its files each on one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-names-"));
    writeFileSync(join(dir, "nl\n::error file=evil.md::INJECTED\nx.md"), "# T\n\n## Which one?\n\n- [x] only one option\n");
    for (const command of ["quiz", "exam"]) {
      const t = start(["--data", dataFile(), "--no-bundled", "--content", dir, command]);
      expect(await t.waitForExit(), command).toBe(1);
      const screen = t.screen();
      expect(screen, command).toContain("no question to ask: the content has 1 error");
      expect(screen, command).toContain("nl\\x0a::error file=evil.md::INJECTED\\x0ax.md:5: question");
      for (const line of screen.split("\n")) expect(line.startsWith("::error file=evil.md"), `${command}: ${line}`).toBe(false);
    }
  });

  it("validate reports controls however written, and its JSON escapes C1 and DEL", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-hostile-"));
    writeFileSync(
      join(dir, "bank.md"),
      "# Topic\n\nEntity &#27;]0;PWNED&#7; here.\n\nHex &#x9b;6n here.\n\nA [missing](gone%1b]0;x%07.md) link.\n\nA [dead](gone\u0085\u007f.md) one.\n",
    );
    const pretty = cogquiz(["validate", "--strict", dir]);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).not.toMatch(RAW);
    expect(pretty.stdout).toMatch(/3:\d+\s+warning\s+control character \\x1b, written as an HTML numeric entity/);
    expect(pretty.stdout).toMatch(/5:\d+\s+warning\s+control character \\x9b, written as an HTML numeric entity/);
    expect(pretty.stdout).toMatch(/7:\d+\s+warning\s+control character \\x1b, percent-encoded in a link target/);
    const json = cogquiz(["validate", "--format", "json", dir]);
    expect(json.stdout).not.toMatch(RAW);
    const report = JSON.parse(json.stdout) as { diagnostics: { rule: string; line: number; message: string }[] };
    expect(report.diagnostics.filter((d) => d.rule === "control-character").map((d) => d.line)).toEqual([3, 3, 5, 7, 9, 9]); // each control, two on lines 3 and 9
    expect(json.stdout).toMatch(/\\u0085|\\\\x85/);
  });
});
