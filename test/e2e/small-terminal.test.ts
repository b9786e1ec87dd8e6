// At 60×20 nothing a user needs scrolls off the terminal: a question taller than the screen shows a window of
// itself with its header and the status line kept, a hint of what is below or above, and PgUp/PgDn to scroll; the
// quiz's verdict and key stay in sight after an answer; the status line keeps what it says at any width; summaries
// wrap at word boundaries; the review pager's labels read whole.

import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, siblingPairBank, writeBank } from "../helpers/bank-fixture.js";
import { cellWidth, optionNumber, terminals, type Terminal } from "../helpers/tmux.js";

const tty = terminals();
afterEach(() => tty.closeAll());

const SMALL = { cols: 60, rows: 20 };

const LEADING_KEYS_STEM =
  "A retail company runs a serverless storefront. Shoppers sign in to a Cognito user pool, and an identity pool exchanges their ID tokens for temporary AWS credentials for one authenticated role. Each shopper's basket is an item in a DynamoDB table whose partition key is the user pool sub claim, and the role's policy allows GetItem and PutItem only where dynamodb:LeadingKeys equals the identity pool's sub variable. Every request for a shopper's own basket is denied, although the same calls work from the AWS CLI with an administrator's keys. The team checked that the table, the Region and the key names are right. What is the most likely cause of the denied requests?";

const DOMAIN_STEM =
  "A media company hosts managed login pages for its user pool in the eu-west-1 Region and wants them served from auth.example.com instead of the prefix domain that Cognito gave the pool. The security team insists that the certificate is managed by AWS and renewed without any manual step, and the operations team wants no new servers, load balancers or proxies to run. Which certificate must the team provide when it adds auth.example.com as the custom domain of the user pool?";

const LONG_OPTIONS = {
  keys: "The policy variable resolves to the identity ID that the identity pool assigns, not to the user pool sub, so no stored partition key ever matches it",
  token: "The ID token has expired, so every DynamoDB call made with the temporary credentials is refused until the app refreshes the token",
  tag: "The trust policy of the authenticated role lacks sts:TagSession, which DynamoDB needs before it evaluates the LeadingKeys condition",
  like: "The condition must use StringLike instead of StringEquals, because the policy variable holds a Region prefix that has to be matched by pattern",
};

const LEADING_KEYS = `## Fine-grained access

### ${LEADING_KEYS_STEM}
<!-- id: sm-leading-keys -->

- [x] ${LONG_OPTIONS.keys}
- [ ] ${LONG_OPTIONS.token}
- [ ] ${LONG_OPTIONS.tag}
- [ ] ${LONG_OPTIONS.like}

> The identity pool's sub variable holds the identity ID, a Region prefix and a GUID that the identity pool assigns to each user, and never the sub claim of the user pool's ID token. A LeadingKeys condition compares the partition key of every item the request touches with that value, so a table keyed by the user pool sub never matches and DynamoDB denies every call. The administrator's keys are not subject to the condition, which is why the same calls work from the CLI.
>
> An expired ID token stops the app from getting new credentials, not the calls made with credentials it already has. Session tags are not needed for the identity pool's own variables, and StringLike changes nothing when the values differ. Basket keys must hold the identity ID instead.
`;

const CUSTOM_DOMAIN = `## Custom domains

### ${DOMAIN_STEM}
<!-- id: sm-custom-domain -->

- [ ] A certificate for auth.example.com imported into IAM, because the user pool cannot read certificates from AWS Certificate Manager in any Region
- [x] Issued in us-east-1: an AWS Certificate Manager certificate for auth.example.com, whatever the Region of the user pool
- [ ] Issued in eu-west-1: an AWS Certificate Manager certificate for auth.example.com in the Region of the user pool, so that the pages stay in Europe
- [ ] No certificate at all, because Cognito issues and renews a certificate for any custom domain by itself once the DNS record exists

> Custom domains are served through a CloudFront distribution that Cognito manages, so the certificate must be in us-east-1. The closing sentence of this explanation is here.
`;

const SHORT = `## Short

### Which colour is a clear daytime sky?
<!-- id: sm-sky -->

- [ ] Green like grass
- [x] Blue like the sea
- [ ] Red like a brick

> Scattered sunlight makes it blue.
`;

const bank = (...sections: string[]) => writeBank(`# Small screens\n\n${sections.join("\n")}`);

function expectFits(t: Terminal, what: string): void {
  expect(t.overflowing(SMALL.cols), `${what}: lines wider than ${SMALL.cols} cells`).toEqual([]);
}

/** Letters and digits only: what a text says, whatever the wrapping and marks around it. */
function letters(s: string): string {
  return (s.normalize("NFD").match(/[\p{L}\p{N}]/gu) ?? []).join("");
}

const HINT = /(?:↑ (\d+) lines? above)?(?: · )?(?:↓ (\d+) more lines?)? · PgUp\/PgDn|↑ (\d+) lines? above · PgUp|↓ (\d+) more lines? · PgDn/;

/** Where the window is: lines hidden above and below, from the scroll hint, or undefined when the screen fits. */
function windowAt(screen: string): { above: number; below: number; hintAt: number } | undefined {
  const lines = screen.split("\n");
  const hintAt = lines.findIndex((l) => HINT.test(l));
  if (hintAt < 0) return undefined;
  const m = HINT.exec(lines[hintAt]!)!;
  return { above: Number(m[1] ?? m[3] ?? 0), below: Number(m[2] ?? m[4] ?? 0), hintAt };
}

/**
 * Scrolls a windowed screen to its end with PgDn, checking at each step that the header (the first `headRows`
 * rows) and `kept` stay in sight; returns the scrolled text's rows, each at its place.
 */
async function scrollToEnd(t: Terminal, headRows: number, kept: RegExp): Promise<string[]> {
  const rows: string[] = [];
  let screen = t.screen();
  const head = screen.split("\n").slice(0, headRows).join("\n");
  for (let step = 0; step < 20; step++) {
    const at = windowAt(screen);
    expect(at, screen).toBeDefined();
    const lines = screen.split("\n");
    expect(lines.slice(0, headRows).join("\n"), "the header stays at the top").toBe(head);
    expect(screen).toMatch(kept);
    expectFits(t, `scrolled ${at!.above} lines`);
    lines.slice(headRows, at!.hintAt).forEach((l, k) => (rows[at!.above + k] = l));
    if (at!.below === 0) return rows;
    t.send("NPage");
    screen = await t.waitFor(new RegExp(`↑ (?!${at!.above} )\\d+ lines? above`));
  }
  throw new Error(`never reached the end:\n${screen}`);
}

describe("at 60×20, the mock exam", () => {
  it("keeps a long question's header and status in sight and scrolls its stem and options with PgDn/PgUp", async () => {
    const t = tty.start(["--no-bundled", "--content", bank(LEADING_KEYS, SHORT), "--data", dataFile(), "exam", "--seed", "1"], {}, SMALL);
    let screen = await t.waitFor(/question 1 of 2[\s\S]*Ctrl-C abandon/);
    if (screen.includes("Blue like the sea")) {
      // The short question fits: nothing to scroll, and no scroll key is offered.
      expect(windowAt(screen)).toBeUndefined();
      expect(screen).not.toContain("PgUp/PgDn");
      t.send("n");
      screen = await t.waitFor(/question 2 of 2[\s\S]*Ctrl-C abandon/);
    }
    // The whole top of the question: its header, then the stem from its first words.
    let lines = screen.split("\n");
    expect(lines[0]).toMatch(/^cogquiz mock exam · single answer/);
    expect(screen).toContain("A retail company runs a serverless");
    expect(screen).toMatch(/↓ \d+ more lines? · (?:PgUp\/)?PgDn/);
    expect(screen).toMatch(/[⏱⚠] 0:\d\d:\d\d left\s+·\s+question \d of 2/);
    expect(screen).toMatch(/PgUp\/PgDn scroll/);
    expectFits(t, "long exam question");

    // The countdown redraws the screen every second; the window stays where it is. (Waited for by the clock showing
    // another time: a loaded machine may redraw later than a second.)
    const clock = /[⏱⚠] (0:\d\d:\d\d) left/.exec(screen)![1]!;
    screen = await t.waitFor(new RegExp(`[⏱⚠] (?!${clock} )0:\\d\\d:\\d\\d left[\\s\\S]*Ctrl-C abandon`));
    expect(screen.split("\n")[0]).toMatch(/^cogquiz mock exam/);
    expect(screen).toContain("A retail company runs a serverless");

    // PgDn to the end: every row of the question is shown once scrolled to, with the header and clock kept.
    const rows = await scrollToEnd(t, 1, /[⏱⚠] 0:\d\d:\d\d left[\s\S]*Ctrl-C abandon/);
    const text = letters(rows.join("\n"));
    expect(text).toContain(letters(LEADING_KEYS_STEM));
    for (const option of Object.values(LONG_OPTIONS)) expect(text).toContain(letters(option));

    // PgUp back to the top.
    for (let i = 0; i < 5; i++) t.send("PPage");
    screen = await t.waitFor(/A retail company runs a serverless[\s\S]*↓ \d+ more lines? · PgDn/);
    expect(screen).not.toMatch(/lines? above/);

    // Choosing an option brings it into sight, whatever the scroll.
    t.send("4");
    screen = await t.waitFor(/\(●\) 4\./);
    expect(screen.split("\n")[0]).toMatch(/^cogquiz mock exam/);
    expectFits(t, "after choosing option 4");

    // A key that scrolls is no key at all where the question fits.
    t.send("p");
    screen = await t.waitFor(/question 1 of 2/);
    if (screen.includes("Blue like the sea")) {
      t.send("NPage");
      await t.waitFor(/does nothing here/);
    }
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("back on an answered question, shows the whole option chosen, however far down it is", async () => {
    const options = [...LEADING_KEYS.split("\n"), ...CUSTOM_DOMAIN.split("\n")].filter((l) => l.startsWith("- [")).map((l) => letters(l.slice(6)));
    const t = tty.start(["--no-bundled", "--content", bank(LEADING_KEYS, CUSTOM_DOMAIN), "--data", dataFile(), "exam", "--seed", "3"], {}, SMALL);
    await t.waitFor(/question 1 of 2[\s\S]*Ctrl-C abandon/);
    t.send("4", "Enter");
    await t.waitFor(/question 2 of 2[\s\S]*Ctrl-C abandon/);
    t.send("p");
    const screen = await t.waitFor(/\(●\) 4\.[\s\S]*question 1 of 2/);
    const lines = screen.split("\n");
    const at = lines.findIndex((l) => l.includes("(●) 4."));
    const end = lines.findIndex((l, k) => k > at && (HINT.test(l) || /^\s*$/.test(l) || /^[ ❯] \(/.test(l)));
    const shown = letters(lines.slice(at, end < 0 ? undefined : end).join(" ").replace(/^.*?\(●\) 4\./, ""));
    expect(options, screen).toContain(shown);
    expectFits(t, "back on question 1");
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("the question list keeps saying how many questions are below it while the submit question waits", async () => {
    const t = tty.start(["--data", dataFile(), "exam", "--count", "40", "--seed", "2"], {}, SMALL);
    await t.waitFor(/question 1 of 40[\s\S]*Ctrl-C abandon/);
    t.send("r");
    let screen = await t.waitFor(/↓ \d+ more questions · PgDn[\s\S]*submit the exam/);
    t.send("s");
    screen = await t.waitFor(/Submit the exam now\?/);
    // The count stays; the paging keys, which do nothing until the question is answered, are not offered.
    expect(screen).toMatch(/↓ \d+ more questions\n/);
    expect(screen).not.toContain("PgDn");
    expectFits(t, "submit question");
    t.send("n");
    screen = await t.waitFor(/↓ \d+ more questions · PgDn/);
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("y");
    expect(await t.waitForExit()).toBe(0);
  });

  it("the review pager names what it shows without a dangling colon and keeps its title on every page", async () => {
    const t = tty.start(["--no-bundled", "--content", bank(LEADING_KEYS, CUSTOM_DOMAIN, SHORT), "--data", dataFile(), "exam", "--seed", "2"], {}, SMALL);
    await t.waitFor(/question 1 of 3[\s\S]*Ctrl-C abandon/);
    t.send("r");
    await t.waitFor(/submit the exam/);
    t.send("s", "y");
    let screen = await t.waitFor(/Mock exam result[\s\S]*showing missed/);
    expect(screen).toMatch(/showing missed questions\s+·\s+f flagged\s+·\s+a all/);
    expect(screen).not.toMatch(/showing \w+:/);
    t.send("Space");
    screen = await t.waitFor(/· (?!1-)\d+-\d+ of \d+ lines ·/);
    const bar = screen.split("\n").find((l) => / of \d+ lines /.test(l))!;
    // Every page says how to close the review, not only the last.
    expect(bar).toMatch(/^ exam review · \d+-\d+ of \d+ lines · (?:space next · b back|space\/b page) · q close/);
    expect(bar).not.toContain("…");
    expectFits(t, "review page 2");
    t.send("a");
    screen = await t.waitFor(/showing all questions/);
    expect(screen).toMatch(/showing all questions\s+·\s+m missed\s+·\s+f flagged/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("prints the per-domain report of a guided exam wrapped to the terminal", async () => {
    const data = dataFile();
    const t = tty.start(["--data", data, "exam", "--guide", "dva-c02", "--count", "2", "--seed", "1"], {}, SMALL);
    await t.waitFor(/question 1 of 2[\s\S]*Ctrl-C abandon/);
    t.send("C-c");
    await t.waitFor("Abandon this exam?");
    t.send("y");
    expect(await t.waitForExit()).toBe(0);
    const history = t.history();
    expect(history.split("\n").filter((l) => cellWidth(l) > SMALL.cols)).toEqual([]);
    const flat = history.replace(/\s+/g, " ");
    expect(flat).toMatch(/No questions for: Development with AWS Services, Deployment, Troubleshooting and Optimization\./);
    // The guide's address, broken only where it is wider than the terminal.
    expect(history.replace(/\s+/g, "")).toContain("Guide:https://docs.aws.amazon.com/aws-certification/latest/userguide/developer-associate-02.html");
  });
});

describe("at 60×20, the quiz", () => {
  it("keeps the status line, the verdict and the key in sight after an answer, the explanation reachable with PgDn", async () => {
    const t = tty.start(["--no-bundled", "--content", bank(LEADING_KEYS, CUSTOM_DOMAIN), "--data", dataFile(), "quiz", "--seed", "1"], {}, SMALL);
    for (const [n, answer] of [[1, "wrong"], [2, "right"]] as const) {
      let screen = await t.waitFor(new RegExp(`card ${n} ·[\\s\\S]*q quit`));
      // Before the answer: the status line on top, with the card's kind; the hint says there is more below.
      expect(screen.split("\n")[0]).toMatch(new RegExp(`^cogquiz · card ${n} ·`));
      expect(screen.split("\n").slice(0, 2).join(" ")).toContain("single answer");
      expect(screen).toMatch(/↓ \d+ more lines? · (?:PgUp\/)?PgDn/);
      expectFits(t, `card ${n}`);
      const rows = await scrollToEnd(t, windowAt(screen) ? headRows(screen) : 1, /enter answer/);
      const all = rows.join("\n");
      const leading = all.includes("LeadingKeys");
      const key = leading ? "The policy variable resolves" : "Issued in us-east-1:";
      const wrong = leading ? "The ID token has expired" : "No certificate at all";
      t.send(optionNumber(all, answer === "right" ? key : wrong), "Enter");
      screen = await t.waitFor(answer === "right" ? /✔ Correct[\s\S]*How easy was it\?[\s\S]*Good ·/ : /✘ Not quite[\s\S]*continue/);
      // What matters most is in sight: the status line, the verdict, the key, the answer given.
      expect(screen.split("\n")[0]).toMatch(new RegExp(`^cogquiz · card ${n} ·`));
      expect(screen).toMatch(new RegExp(`✔ \\d\\. ${key.split(" ").slice(0, 3).join(" ")}`));
      expect(screen).toContain("← your answer");
      expect(screen).toMatch(/↓ \d+ more lines? · (?:PgUp\/)?PgDn/);
      expectFits(t, `card ${n} answered ${answer}`);
      // The explanation, to its last sentence, a PgDn away; the header and the keys stay.
      const after = await scrollToEnd(t, headRows(screen), answer === "right" ? /How easy was it\?[\s\S]*Easy ·/ : /enter\/space\/c continue/);
      expect(letters(after.join("\n"))).toContain(letters(leading ? "Basket keys must hold the identity ID instead." : "The closing sentence of this explanation is here."));
      t.send(answer === "right" ? "3" : "Enter");
    }
    // The card answered wrong comes back, early, for its step.
    await t.waitFor(/card 3 ·/);
    t.send("q");
    await t.waitFor(/Session over/);
    expect(await t.waitForExit()).toBe(0);
  });

  it("shows the card's kind and `early` on the status line at 60 columns", async () => {
    const siblings = writeBank(siblingPairBank("st", false));
    const t = tty.start(["--no-bundled", "--content", siblings, "--data", dataFile(), "quiz", "--seed", "1"], {}, SMALL);
    let screen = await t.waitFor(/card 1 ·[\s\S]*(show the answer|enter answer)/);
    // Whichever card comes first is answered wrong: its sibling is buried, and it comes straight back, early.
    if (screen.includes("show the answer")) {
      t.send("Space");
      await t.waitFor(/How well did you know it\?/);
      t.send("1");
    } else {
      t.send(optionNumber(screen, "Green like grass"), "Enter");
      await t.waitFor(/Not quite[\s\S]*continue/);
      t.send("Enter");
    }
    screen = await t.waitFor(/card 2 ·[\s\S]*(show the answer|enter answer)/);
    const lines = screen.split("\n");
    const status = lines.slice(0, lines.findIndex((l) => l.startsWith("Alpha"))).join(" · ");
    for (const part of ["cogquiz", "card 2", "0 new", "0 learning", "0 due", "1 buried", "early"]) expect(status).toContain(part);
    expect(status).toMatch(/single answer|recall/);
    expect(status).not.toContain("…");
    expectFits(t, "status line");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });

  it("wraps the session summary at word boundaries", async () => {
    const siblings = writeBank(`${siblingPairBank("su", true)}
# Gamma

- sample:
  - How many legs does a spider have? <!-- id: su-spider -->
    - Eight

# Delta

- sample:
  - Which planet is the largest? <!-- id: su-planet -->
    - Jupiter

# Epsilon

- sample:
  - Which ocean is the largest? <!-- id: su-ocean -->
    - The Pacific
`);
    const data = dataFile();
    expect(cogquiz(["--data", data, "config", "set", "newPerDay", "3"]).code).toBe(0);
    const t = tty.start(["--no-bundled", "--content", siblings, "--data", data, "quiz", "--seed", "1"], {}, SMALL);
    // The spider is skipped (which uses up no place of the limit), every other card answered right, until the day's
    // three new cards are answered.
    for (let n = 1; n <= 4; n++) {
      const screen = await t.waitFor(new RegExp(`card ${n} ·[\\s\\S]*(show the answer|enter answer)`));
      if (screen.includes("spider")) {
        t.send("s");
      } else if (screen.includes("show the answer")) {
        t.send("Space");
        await t.waitFor(/How well did you know it\?/);
        t.send("4");
      } else {
        t.send(optionNumber(screen, screen.includes("prime") ? "Seven" : "Blue like the sea"), "Enter");
        await t.waitFor(/How easy was it\?/);
        t.send("4");
      }
    }
    await t.waitFor(/Session over/);
    // Only new cards beyond today's limit are left: the offer of extra study, declined.
    await t.waitFor(/extra study: \d+ new card/);
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
    const history = t.history();
    expect(history.split("\n").filter((l) => cellWidth(l) > SMALL.cols)).toEqual([]);
    const flat = history.replace(/\s+/g, " ");
    expect(flat).toContain("Session over: 3 answered, 100% right, 1 skipped, under a minute of study.");
    expect(flat).toMatch(/Today's new-card limit is reached \(3 a day\): \d+ more new cards? waits?\./);
    expect(flat).toContain("1 card buried for today (the same fact was answered on another card) comes back tomorrow.");
  });

  it("keeps the first card in sight when the start-up notes would push it down, and prints the notes when the session ends", async () => {
    // A question with no key is skipped with a note, and --topic says what it matched: two notes for the first screen.
    const content = bank(LEADING_KEYS, SHORT, "## Unkeyed\n\n### Which of these is right?\n<!-- id: sm-unkeyed -->\n\n- [ ] One\n- [ ] Two\n");
    const data = dataFile();
    const t = tty.start(["--no-bundled", "--content", content, "--data", data, "quiz", "--topic", "Fine-grained", "--seed", "1"], {}, SMALL);
    let screen = await t.waitFor(/card 1 ·[\s\S]*enter answer/);
    // The long card does not fit with the notes: one line says there are two, and the card starts right under it.
    let lines = screen.split("\n");
    expect(lines[0]).toMatch(/^cogquiz · card 1 ·/);
    const at = headRows(screen);
    expect(lines[at]).toBe("2 notes for this session, shown when it ends");
    expect(lines[at + 1]).toBe("Small screens › Fine-grained access");
    expect(screen).toContain("A retail company runs a serverless storefront.");
    expect(screen).not.toContain("content errors");
    expect(screen).not.toContain("topic: ");
    expectFits(t, "first card, notes held back");
    t.send("q");
    await t.waitFor(/Session over/);
    expect(await t.waitForExit()).toBe(0);
    // At the end, each note in full, once, where it stays in the terminal.
    const end = t.history().replace(/\n(?=[a-z`])/g, " ");
    expect(end.match(/1 question has content errors and is skipped; `cogquiz validate` says why/g)).toHaveLength(1);
    expect(end.match(/topic: Small screens › Fine-grained access/g)).toHaveLength(1);
    expect(end.indexOf("topic: Small screens")).toBeLessThan(end.indexOf("Session over"));
    expectFits(t, "the summary with the notes");

    // A card that fits with its notes shows them above it, and nothing is held back for the end.
    const u = tty.start(["--no-bundled", "--content", content, "--data", data, "quiz", "--topic", "Short", "--seed", "1"], {}, SMALL);
    screen = await u.waitFor(/card 1 ·[\s\S]*enter answer/);
    lines = screen.split("\n");
    expect(lines[0]).toMatch(/^1 question has content errors/);
    expect(screen).toContain("topic: Small screens › Short");
    expect(screen).toContain("Which colour is a clear daytime sky?");
    expect(screen).not.toContain("shown when it ends");
    u.send("q");
    await u.waitFor(/Session over/);
    expect(await u.waitForExit()).toBe(0);
    // The card's screen showed them (and went when the session ended); the end does not say them again.
    expect(u.history()).not.toContain("content errors");
  });
});

/** Rows of the header of a quiz screen: the status line, on one row or two. */
function headRows(screen: string): number {
  const lines = screen.split("\n");
  return lines[1] && !lines[1].includes(" › ") && /\d+ (new|due)|early|buried/.test(lines[1]) ? 2 : 1;
}

describe("at 60×20, study's topic list", () => {
  it("says how many topics are above and below the screen, and pages with PgDn/PgUp", async () => {
    const t = tty.start(["--data", dataFile(), "study"], {}, SMALL);
    let screen = await t.waitFor(/Study a topic[\s\S]*esc quit/);
    const more = /↓ (\d+) more topics · PgDn/.exec(screen);
    expect(more, screen).not.toBeNull();
    expect(screen).toContain("PgUp/PgDn page");
    const rows = screen.split("\n").filter((l) => /^[❯ ] +(?:\d+%|—) /.test(l)).length;
    expectFits(t, "topic list");
    t.send("NPage");
    screen = await t.waitFor(/↑ \d+ topics? above · ↓ \d+ more topics · PgUp\/PgDn/);
    const [, above, below] = /↑ (\d+) topics? above · ↓ (\d+) more/.exec(screen)!;
    // Every topic is counted once: above, on screen or below.
    expect(Number(above) + rows + Number(below)).toBe(rows + Number(more![1]));
    t.send("PPage");
    await t.waitFor(/❯ +\d+% Cognito overview[\s\S]*↓ \d+ more topics · PgDn/);
    t.send("Escape");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("at 60 columns, the reports of simulate and optimize", () => {
  it("wrap every line to the terminal, the assumptions and the frontiers included", async () => {
    const data = dataFile();
    for (const args of [
      ["--data", data, "simulate", "--cards", "40", "--days", "3", "--learners", "1"],
      ["--data", data, "optimize"],
    ]) {
      const t = tty.start(args, {}, SMALL);
      expect(await t.waitForExit(60_000)).toBe(0);
      const history = t.history();
      expect(history.split("\n").filter((l) => cellWidth(l) > SMALL.cols), args[2]).toEqual([]);
      expect(history, args[2]).toMatch(args[2] === "simulate" ? /Assumptions:[\s\S]*fuzz off/ : /Not enough history to fit/);
    }
  });
});

describe("at 60 columns, --help", () => {
  it("fits the terminal, each example's description under it, apart from the command", async () => {
    for (const args of [["--help"], ["plan", "--help"], ["export", "--help"], ["config", "--help"], ["readiness", "--help"]]) {
      const t = tty.start(args, {}, SMALL);
      expect(await t.waitForExit(), args.join(" ")).toBe(0);
      const history = t.history();
      expect(history, args.join(" ")).toMatch(/Examples?:/);
      expect(history.split("\n").filter((l) => cellWidth(l) > SMALL.cols), args.join(" ")).toEqual([]);
      if (args[0] === "--help") expect(history).toContain("  $ cogquiz topics --content ~/notes\n      the topic tree, with your own notes added\n");
    }
  });
});

describe("at 60 columns, the reports of topics, config, stats, plan and readiness", () => {
  it("fit the terminal: topics --ids's closing line and config's list of settings included", async () => {
    const data = dataFile();
    for (const [args, code, says] of [
      [["topics", "--ids"], 0, /take these ids/],
      [["topics"], 0, /all topics/],
      [["config"], 2, /the exam plan's/],
      [["plan", "--exam", "+30"], 0, /The plan (fits|does not fit)/],
      [["stats"], 0, /Mock exams/],
      [["readiness"], 0, /Predicted score/],
    ] as const) {
      const t = tty.start(["--data", data, ...args], {}, SMALL);
      expect(await t.waitForExit(30_000), args.join(" ")).toBe(code);
      const history = t.history();
      expect(history, args.join(" ")).toMatch(says);
      expect(history.split("\n").filter((l) => cellWidth(l) > SMALL.cols), args.join(" ")).toEqual([]);
      if (args[1] === "--ids") {
        // Each topic's heading names it: cut from its end, the subtopics of one parent all read as that parent.
        const headings = history.split("\n").filter((l) => / › /.test(l) && !l.startsWith("  "));
        expect(headings.length).toBeGreaterThan(10);
        expect(new Set(headings).size).toBe(headings.length);
        expect(headings).toContain("Fine-grained access › … › Queries vs scans");
      }
    }
  });
});
