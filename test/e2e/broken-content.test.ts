// A content set with nothing but errors: every command that works over its cards says so with the errors, exit 1,
// as the quiz does, instead of a report over no cards.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";

function brokenBank(): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-broken-"));
  writeFileSync(join(dir, "bank.md"), "# T\n\n### Which is it?\n\n- [ ] a\n- [ ] b\n\n> why\n");
  return dir;
}

describe("content with nothing but errors", () => {
  it.each([
    ["readiness", ["readiness"], "no question to predict"],
    ["readiness --json", ["readiness", "--json"], "no question to predict"],
    ["simulate", ["simulate", "--days", "1", "--learners", "1", "--no-frontier"], "no question to simulate"],
    ["optimize --retention", ["optimize", "--retention"], "no question to simulate"],
  ])("%s lists the errors and exits 1", (_name, args, lead) => {
    const r = cogquiz([...args, "--no-bundled", "--content", brokenBank()]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`cogquiz: ${lead}: the content has 1 error`);
    expect(r.stderr).toMatch(/bank\.md:5: question "Which is it\?" has no option marked \[x\] \(no-correct-option\)/);
  });

  it.each([
    ["readiness", ["readiness"], "the content set has no questions to predict"],
    ["optimize --retention", ["optimize", "--retention"], "the content set has no questions to simulate"],
  ])("%s of a content set with no questions at all is bad usage, not a report over 0 cards", (_name, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-empty-"));
    writeFileSync(join(dir, "notes.md"), "# Only notes\n\nText.\n");
    const r = cogquiz([...args, "--no-bundled", "--content", dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`cogquiz: ${message}\n`);
  });
});

describe("content with some errors", () => {
  it.each([
    ["stats", ["stats"]],
    ["readiness", ["readiness"]],
    ["plan --exam", ["plan", "--exam", "+30d"]],
  ])("%s reports over the rest and says what is left out", (_name, args) => {
    const dir = brokenBank();
    writeFileSync(join(dir, "good.md"), "# G\n\n### Which is right?\n\n- [x] this\n- [ ] that\n\n> because\n");
    const r = cogquiz(["--data", join(dir, "progress.json"), ...args, "--no-bundled", "--content", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("cogquiz: the content has 1 error, and what it spoils is left out of these figures; `cogquiz validate` lists it");
  });
});
