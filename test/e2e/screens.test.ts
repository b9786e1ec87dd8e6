// Every screen fits the terminal: at 60×20, 80×24 and 120×40 no line on screen is wider than the terminal (counted in
// display cells, read with capture-pane -J so a line tmux wrapped reads as the one long line it is), every line
// of a topic's notes shows up on some page of the study pager, and a resize redraws the open screen.

import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, writeBank } from "../helpers/bank-fixture.js";
import { cellWidth, optionNumber, terminals, type Terminal, type TerminalSize } from "../helpers/tmux.js";

const tty = terminals();
afterEach(() => tty.closeAll());

const LONG_ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

/** Notes with everything that has to be laid out: prose, nested and numbered lists, code, a table, wide text. */
const NOTES = `# Layout notes

## Everything wraps

A paragraph long enough to wrap at sixty columns several times over, made of ordinary words, and with a long identifier ${LONG_ARN} in the middle of it, then more words after.

- A list item whose text runs well past the width of a narrow terminal, so it must wrap and hang under its own text rather than under the bullet.
  - A nested item that also runs long enough to wrap at the narrowest terminal width these checks use.
- A short item.

1. A numbered step that is long enough to wrap, because steps in notes often explain one thing in a full sentence.
2. A second numbered step with **bold words**, \`inline code\` and [a link to the documentation](https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html).

\`\`\`json
{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["cognito-identity:GetCredentialsForIdentity"], "Resource": "*" }] }
\`\`\`

| Setting | Where it is set | What it does |
|---|---|---|
| ID token lifetime | app client | From five minutes to one day, set per app client |
| Refresh token lifetime | app client | From one hour to ten years |

> A quoted remark that runs long enough to wrap inside its quote bar on a narrow terminal window.

日本語のテキストは全角文字で書かれていて、一文字が二つのセルを使います。これは折り返しの確認です。

Emoji 🚀🔐 and combining marks: cafe\u0301, nai\u0308ve, re\u0301sume\u0301 all take fewer cells than characters.

## More below

A closing paragraph, so the notes run to more than one page even on a terminal of forty rows.
`;

const QUESTIONS = `# Layout quiz

### A company's user pool is in the eu-west-1 Region and the team wants managed login pages served from auth.example.com instead of the prefix domain. What must the team provide when it adds the custom domain?
<!-- id: lay-domain -->

- [ ] A certificate for auth.example.com uploaded to IAM, because Cognito cannot read certificates from ACM in any Region
- [x] An AWS Certificate Manager certificate for auth.example.com that is issued in the us-east-1 (N. Virginia) Region
- [ ] An Application Load Balancer in eu-west-1 with an HTTPS listener that forwards every request to the prefix domain
- [ ] Nothing at all: Cognito issues and renews a certificate for any custom domain by itself once the DNS record exists

> Custom domains are served through a CloudFront distribution, so the ACM certificate has to be in us-east-1, whatever the Region of the pool. ${LONG_ARN}

### Which TWO statements about identity pool roles are true? (Choose TWO)
<!-- id: lay-roles -->

- [x] The authenticated role is assumed with web identity federation, and its trust policy names the identity pool id as the audience
- [ ] The unauthenticated role can never be turned on for a pool that also has a user pool as an identity provider
- [x] Rules-based role mapping can pick a role from a claim in the ID token, such as a group or a custom attribute
- [ ] An identity pool hands the app long-term IAM user access keys that it rotates every twelve hours on its own

> Roles are assumed through STS with the pool as the audience; rules read claims.
`;

const SIZES: TerminalSize[] = [
  { cols: 60, rows: 20 },
  { cols: 80, rows: 24 },
  { cols: 120, rows: 40 },
];

function expectFits(t: Terminal, size: TerminalSize, what: string): void {
  const wide = t.overflowing(size.cols);
  expect(wide, `${what} at ${size.cols}×${size.rows}: lines wider than ${size.cols} cells`).toEqual([]);
}

function expectHistoryFits(t: Terminal, size: TerminalSize, what: string): void {
  const wide = t.history().split("\n").filter((l) => cellWidth(l) > size.cols);
  expect(wide, `${what} at ${size.cols}×${size.rows}`).toEqual([]);
}

/** Letters and digits only: what a line says, whatever the wrapping, bullets, bars and marks around it. */
function letters(s: string): string {
  return (s.normalize("NFD").match(/[\p{L}\p{N}]/gu) ?? []).join("");
}

const BAR = /· (\d+)-(\d+) of (\d+) lines ·|· all ·/;

/** Pages through the open pager with space; returns the rows of the text, each at its place. */
async function readAllPages(t: Terminal, size: TerminalSize): Promise<string[]> {
  const rows: string[] = [];
  for (let previous = 0; ; ) {
    const screen = await t.waitFor(new RegExp(`· (?!${previous}-)\\d+-\\d+ of \\d+ lines ·|· all ·`));
    expectFits(t, size, `study page after row ${previous}`);
    const lines = screen.split("\n");
    const barAt = lines.findIndex((l) => BAR.test(l));
    const m = BAR.exec(lines[barAt]!)!;
    if (m[1] === undefined) return lines.slice(0, barAt);
    const [from, to, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // The page's rows from the top, then (at most one) blank row before the bar.
    const page = lines.slice(0, to - from + 1);
    expect(barAt - page.length, screen).toBeLessThanOrEqual(1);
    expect(lines.slice(page.length, barAt).every((l) => l.trim() === ""), screen).toBe(true);
    page.forEach((l, k) => (rows[from - 1 + k] = l));
    if (to === total) {
      expect(rows.filter((r) => r !== undefined)).toHaveLength(total);
      return rows;
    }
    t.send("Space");
    previous = from;
  }
}

/** The source lines a reader must find, as letters: prose, items, code; table rows by cell. */
function sourceLines(markdown: string): { line: string; cells?: string[] }[] {
  return markdown
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^```/.test(l) && !/^\|[-| ]+\|$/.test(l) && !/^# /.test(l))
    // A table cell wraps inside its column, beside the other cells: its words are found one by one.
    .map((l) => (l.startsWith("|") ? { line: l, cells: l.split(/[|\s]+/).map((w) => letters(w)).filter(Boolean) } : { line: l }));
}

describe.each(SIZES)("at $cols×$rows", (size) => {
  it("the study pager shows every line of a topic's notes, wrapped to fit, and no row is skipped", async () => {
    const bank = writeBank(NOTES);
    const t = tty.start(["--no-bundled", "--content", bank, "--data", dataFile(), "study", "Everything wraps"], {}, size);
    const rows = await readAllPages(t, size);
    // The header sets the topic off from its figures in words, not in colour alone (the terminal here has none).
    expect(rows.join("\n")).toMatch(/Everything wraps · (no cards|\d+% mastered · \d+ cards?)/);
    // Code lines too long for the screen go on after a continuation mark.
    expect(rows.some((r) => r.includes("↪"))).toBe(true);
    const text = letters(rows.join("\n"));
    for (const { line, cells } of sourceLines(NOTES.split("## More below")[0]!.split("## Everything wraps")[1]!)) {
      if (cells) for (const c of cells) expect(text, `table cell of: ${line}`).toContain(c);
      else expect(text, `notes line: ${line}`).toContain(letters(line));
    }
    // List items hang under their text: a continuation line starts under the first letter, not the bullet.
    const item = rows.findIndex((r) => r.startsWith("• A list item whose text"));
    expect(rows[item + 1]).toMatch(/^ {2}\S/);
    t.send("q");
    // The notes have left the screen: the menu names the topic read, and the next one when there is one.
    const menu = await t.waitFor(/next topic|pick another topic/);
    expect(menu).toContain("Everything wraps: notes read.");
    expect(menu.replace(/\s+/g, " ")).toContain("Next topic: Layout notes › More below.");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("the topic picker, the quiz question, its result and the rating prompt fit", async () => {
    const bank = writeBank(`${QUESTIONS}\n${NOTES}`);
    const data = dataFile();
    const study = tty.start(["--no-bundled", "--content", bank, "--data", data, "study"], {}, size);
    await study.waitFor(/Study a topic[\s\S]*esc/);
    expectFits(study, size, "topic picker");
    study.send("C-c");
    expect(await study.waitForExit()).toBe(0);

    const t = tty.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--topic", "layout quiz", "--seed", "2"], {}, size);
    let screen = await t.waitFor(/q quit/);
    expectFits(t, size, "quiz question");
    // Answer whichever card came first, rightly, and look at the result screen.
    if (screen.includes("custom domain")) {
      t.send(optionNumber(screen, "An AWS Certificate Manager"));
      t.send("Enter");
    } else {
      t.send(optionNumber(screen, "The authenticated role"), optionNumber(screen, "Rules-based role"), "Enter");
    }
    screen = await t.waitFor(/How easy was it\?[\s\S]*Good/);
    expectFits(t, size, "quiz result");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("the exam question, review, submit confirmation and the paged result fit", async () => {
    const bank = writeBank(QUESTIONS);
    const t = tty.start(["--no-bundled", "--content", bank, "--data", dataFile(), "exam", "--seed", "4"], {}, size);
    await t.waitFor(/question 1 of 2[\s\S]*review & submit/);
    expectFits(t, size, "exam question");
    t.send("1", "r");
    await t.waitFor(/Review[\s\S]*submit the exam/);
    expectFits(t, size, "exam review");
    t.send("s");
    await t.waitFor(/Submit the exam now\?[\s\S]*keep reviewing/);
    expectFits(t, size, "submit confirmation");
    t.send("y");
    await t.waitFor(/Mock exam result[\s\S]*showing missed/);
    expectFits(t, size, "exam result");
    t.send("a");
    let screen = await t.waitFor(/showing all/);
    let seen = "";
    for (;;) {
      expectFits(t, size, "exam review page");
      seen += screen;
      const m = /(\d+)-(\d+) of (\d+) lines/.exec(screen);
      if (!m || m[2] === m[3]) break;
      t.send("Space");
      screen = await t.waitFor(new RegExp(`· (?!${m[1]}-)\\d+-\\d+ of`));
    }
    // Every question in full: both stems, every option, the keys and the explanation.
    for (const text of ["Question 1", "Question 2", "managed login pages", "identity pool roles", "Nothing at all", "long-term IAM", "← key", "CloudFront distribution"]) {
      expect(letters(seen)).toContain(letters(text));
    }
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    expectFits(t, size, "exam summary");
  });

  it("plan, readiness and stats with an exam set print lines that fit, and so does plan --clear", async () => {
    const data = dataFile();
    expect(cogquiz(["--data", data, "plan", "--exam", "+3w", "--minutes", "15", "--guide", "dva-c02"]).code).toBe(0);
    for (const args of [["plan"], ["readiness"], ["stats"], ["plan", "--clear"], ["plan"]]) {
      const t = tty.start(["--data", data, ...args], {}, size);
      expect(await t.waitForExit(), args.join(" ")).toBe(0);
      expectHistoryFits(t, size, args.join(" "));
    }
  });

  it("stats, topics and validate print lines that fit", async () => {
    const long = writeBank(`${QUESTIONS}\n# A top-level topic whose title is far too long to fit in a narrow terminal column\n\n## And a subtopic whose title is also much longer than any column could hold\n\nText.\n`);
    for (const args of [["stats"], ["topics"], ["--no-bundled", "--content", long, "topics"], ["validate", "test/fixtures/bad", "test/fixtures/warn"]]) {
      const t = tty.start(["--data", dataFile(), ...args], {}, size);
      const code = await t.waitForExit();
      expect(code, args.join(" ")).toBe(args[0] === "validate" ? 1 : 0);
      expectHistoryFits(t, size, args.join(" "));
    }
  });
});

/** Waits for a condition on the screen, failing with the screen when it never holds. */
async function until(ok: () => boolean, screen: () => string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`condition never held; screen:\n${screen()}`);
}

describe("a resized terminal", () => {
  it("redraws the open study page, quiz question and exam question for the new width", async () => {
    const bank = writeBank(`${QUESTIONS}\n${NOTES}`);
    const data = dataFile();
    const wide = { cols: 110, rows: 30 };
    const narrow = { cols: 60, rows: 20 };

    const study = tty.start(["--no-bundled", "--content", bank, "--data", data, "study", "Everything wraps"], {}, wide);
    await study.waitFor(/of \d+ lines/);
    const before = /of (\d+) lines/.exec(study.screen())![1];
    study.resize(narrow);
    // Laid out again for 60 columns: more rows of text, each one fitting.
    await study.waitFor(new RegExp(`of (?!${before} )\\d+ lines`));
    expectFits(study, narrow, "study page after a resize");
    study.send("C-c");
    expect(await study.waitForExit()).toBe(0);

    const quiz = tty.start(["--no-bundled", "--content", bank, "--data", data, "quiz", "--topic", "layout quiz"], {}, wide);
    await quiz.waitFor(/q quit/);
    quiz.resize(narrow);
    await until(() => quiz.overflowing(narrow.cols).length === 0 && /q quit/.test(quiz.screen()), () => quiz.screen());
    quiz.send("q");
    expect(await quiz.waitForExit()).toBe(0);

    const exam = tty.start(["--no-bundled", "--content", bank, "--data", data, "exam"], {}, wide);
    await exam.waitFor(/question 1 of 2/);
    exam.resize(narrow);
    await until(() => exam.overflowing(narrow.cols).length === 0 && /question 1 of 2[\s\S]*Ctrl-C abandon/.test(exam.screen()), () => exam.screen());
    // Drawn once, from the top: nothing is left over from the wide layout.
    expect(exam.screen().match(/question 1 of 2/g) ?? []).toHaveLength(1);
    exam.send("C-c");
    await exam.waitFor("Abandon this exam?");
    exam.send("y");
    expect(await exam.waitForExit()).toBe(0);
  });
});
