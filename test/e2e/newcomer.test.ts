// A newcomer gets started without guessing: topics found by tag, id prefix and exact title, ids that can be
// listed, messages that point to real commands, one finding per missing link, right plurals, a clear summary.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";
import { terminals } from "../helpers/tmux.js";

const tty = terminals();
afterEach(() => tty.closeAll());

const TAGGED = `---
tags: [load-balancing, alb-listeners]
---

# Networking

### Which listener action authenticates users? <!-- id: net-alb-auth -->

- [x] authenticate-cognito
- [ ] fixed-response
- [ ] redirect
- [ ] forward

> The authenticate-cognito action signs users in before forwarding.
`;

const TOKENS = `# Identity

## Identity tokens overview

Notes that merely mention tokens.

# Pools

## Tokens

The topic titled exactly Tokens.

- sample:
  - Which token carries scopes? <!-- id: pool-recall-scopes -->
    - The access token
`;

describe("--topic", () => {
  it("matches a front-matter tag (a name or the start of one) and the start of question ids", async () => {
    const bank = writeBank(`${SESSION_BANK}\n`);
    writeFileSync(join(bank, "tagged.md"), TAGGED);
    const byTag = tty.start(["--no-bundled", "--content", bank, "--data", dataFile(), "quiz", "--topic", "alb"]);
    let screen = await byTag.waitFor(/q quit/);
    expect(screen).toContain('topic: tag "alb-listeners"');
    expect(screen).toContain("Which listener action authenticates users?");
    expect(screen).toContain("0 new · 0 learning · 0 due");
    byTag.send("q");
    expect(await byTag.waitForExit()).toBe(0);

    const byId = tty.start(["--no-bundled", "--content", bank, "--data", dataFile(), "quiz", "--topic", "fx-recall"]);
    screen = await byId.waitFor(/q quit/);
    expect(screen).toContain('ids starting "fx-recall"');
    expect(screen).toContain("2 new · 0 learning · 0 due");
    expect(screen).toContain("recall");
    byId.send("q");
    expect(await byId.waitForExit()).toBe(0);
  });

  it("names where topics and ids are listed when nothing matches (exit 2), and topics --ids lists the ids", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), "quiz", "--topic", "nothing-like-this"]);
    expect(await t.waitForExit()).toBe(2);
    expect(t.screen()).toContain('no topic, tag or question id matches "nothing-like-this"; `cogquiz topics` lists the topics and `cogquiz topics --ids` the ids');
    const r = cogquiz(["--no-bundled", "--content", writeBank(SESSION_BANK), "topics", "--ids"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Session fixture › Singles\n\s+fx-single-sky\s+single\s+Which colour/);
    expect(r.stdout).toMatch(/fx-recall-paris\s+recall/);
    expect(r.stdout).toContain("5 questions;");
  });
});

describe("a topic named with no words (an unset variable in a script)", () => {
  it.each([
    ['quiz --topic ""', ["quiz", "--topic", ""]],
    ['exam --topic " "', ["exam", "--topic", " "]],
    ['study "›"', ["study", "›"]],
  ])("%s is refused with exit 2, not taken for every topic", async (_label, args) => {
    const t = tty.start(["--no-bundled", "--content", writeBank(SESSION_BANK), "--data", dataFile(), ...args]);
    expect(await t.waitForExit()).toBe(2);
    expect(t.screen()).toContain(`no topic, tag or question id matches "${args[args.length - 1]}"`);
  });
});

describe("study <topic>", () => {
  it("opens the topic titled exactly so before one that only contains the word", async () => {
    const t = tty.start(["--no-bundled", "--content", writeBank(TOKENS), "--data", dataFile(), "study", "Tokens"]);
    const screen = await t.waitFor(/space\/q close/);
    expect(screen).toContain("Pools › Tokens");
    expect(screen).toContain("The topic titled exactly Tokens.");
    expect(screen).toContain("1 card");
    expect(screen).not.toContain("1 cards");
    t.send("q");
    await t.waitFor("quiz this topic (1 card)");
    t.send("q");
    expect(await t.waitForExit()).toBe(0);
  });
});

describe("messages", () => {
  it("an unknown id points to `cogquiz topics --ids`, which lists it", () => {
    const r = cogquiz(["--data", dataFile(), "reset", "no-such-card"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("`cogquiz topics --ids` lists every id");
    const ids = cogquiz(["topics", "--ids"]);
    expect(ids.stdout).toContain("int-alb-callback-idpresponse");
    expect(cogquiz(["--data", dataFile(), "reset", "int-alb-callback-idpresponse"]).code).toBe(0);
  });

  it("reports a missing link once, even in an explanation", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-links-"));
    writeFileSync(join(dir, "a.md"), "# Linky\n\n### Q?\n\n- [x] a\n- [ ] b\n\n> see [the note](./missing.md) and [the page](https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html)\n");
    const r = cogquiz(["--no-bundled", "validate", dir]);
    expect(r.stdout.match(/link target \.\/missing\.md does not exist/g)).toHaveLength(1);
    expect(r.stdout).toContain("1 warning");
  });

  it("config alone lists its actions and settings (exit 2)", () => {
    const r = cogquiz(["--data", dataFile(), "config"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("config get <key>");
    expect(r.stderr).toContain("config set <key> <value>");
    expect(r.stderr).toContain("newPerDay");
  });
});

describe("the session summary", () => {
  it("shows the last answer's saved line first, then one row per area, sorted, names never cut", async () => {
    const long = `# Zeta area with a title far longer than any narrow column would hold without cutting it

- sample:
  - Which planet is red? <!-- id: z-mars -->
    - Mars

# Alpha area

- sample:
  - Which planet has rings? <!-- id: a-saturn -->
    - Saturn
`;
    const t = tty.start(["--no-bundled", "--content", writeBank(long), "--data", dataFile(), "quiz"], {}, { cols: 60, rows: 20 });
    for (let i = 0; i < 2; i++) {
      await t.waitFor(/show the answer/);
      t.send("Space");
      await t.waitFor(/Easy ·/);
      t.send("4");
    }
    const screen = await t.waitFor(/Session over/);
    const lines = screen.split("\n");
    const saved = lines.findIndex((l) => /✓ saved [az]-/.test(l));
    const over = lines.findIndex((l) => l.startsWith("Session over"));
    expect(saved).toBeGreaterThanOrEqual(0);
    expect(saved).toBeLessThan(over);
    const alpha = lines.findIndex((l) => l.includes("Alpha area"));
    const zeta = lines.findIndex((l) => l.includes("Zeta area"));
    expect(alpha).toBeGreaterThan(over);
    expect(zeta).toBeGreaterThan(alpha);
    // The long name wraps onto the next line, whole.
    expect(lines.slice(zeta, zeta + 3).join(" ").replace(/\s+/g, " ")).toContain("Zeta area with a title far longer than any narrow column would hold without cutting it");
    expect(screen).not.toContain("…");
    expect(await t.waitForExit()).toBe(0);
  });
});
