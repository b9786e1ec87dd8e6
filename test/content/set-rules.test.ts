import { describe, expect, it } from "vitest";
import { buildBank } from "../../src/content/bank.js";
import { parseFile } from "../../src/content/parse-file.js";
import { chiSquareTail, lintSet, normalTail } from "../../src/content/set-rules.js";
import type { Bank } from "../../src/content/model.js";
import { seededRandom } from "../../src/session/random.js";

function linted(text: string): Bank {
  const parsed = [parseFile("set.md", text)];
  const bank = buildBank(parsed);
  lintSet(parsed, bank);
  return bank;
}

/** The session's own seeded generator, so every run builds the same banks. */
const random = seededRandom;

/** `n` four-option questions on unrelated made-up words; `keyAt(i)` places the key, `keyLonger` lengthens it a little. */
function bank(n: number, keyAt: (i: number) => number, keyLonger: (i: number) => boolean, extra = (_i: number) => ""): string {
  const rnd = random(7);
  const word = () => `w${Math.floor(rnd() * 1e6).toString(36)}`;
  let out = "# Set\n\n";
  for (let i = 0; i < n; i++) {
    out += `### Which ${word()} ${word()} ${word()} suits ${word()} ${word()}?\n<!-- id: set-q-${i} -->\n${extra(i)}\n`;
    const at = keyAt(i);
    for (let k = 0; k < 4; k++) {
      const text = `${word()} ${word()} ${word()}`;
      out += k === at ? `- [x] ${text}${keyLonger(i) ? " xx" : ""}\n` : `- [ ] ${text}\n`;
    }
    out += "\n> Because. See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/x.html).\n\n";
  }
  return out;
}
const found = (b: Bank, rule: string) => b.diagnostics.filter((d) => d.rule === rule);

describe("key-position-bias", () => {
  it("reports keys piled on one position across 40 questions", () => {
    const b = linted(bank(40, (i) => (i % 4 === 3 ? 1 : 0), () => false));
    const d = found(b, "key-position-bias");
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toContain("first option in 30 of 40");
    expect(d[0]).toMatchObject({ file: "set.md", severity: "warning" });
  });
  it("needs 30 single-answer questions", () => {
    expect(found(linted(bank(29, () => 0, () => false)), "key-position-bias")).toEqual([]);
  });
  it("leaves an even spread alone, and flags random banks rarely (p < 0.001)", () => {
    expect(found(linted(bank(40, (i) => i % 4, () => false)), "key-position-bias")).toEqual([]);
    const rnd = random(99);
    let flagged = 0;
    for (let run = 0; run < 40; run++) {
      const keys = Array.from({ length: 40 }, () => Math.floor(rnd() * 4));
      if (found(linted(bank(40, (i) => keys[i]!, () => false)), "key-position-bias").length > 0) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(1);
  });
  it("leaves out questions that silence it", () => {
    const silenced = linted(bank(40, () => 0, () => false, (i) => (i < 15 ? "<!-- cogquiz-disable key-position-bias -->\n" : "")));
    expect(found(silenced, "key-position-bias")).toEqual([]);
  });
});

describe("key-longest-often", () => {
  it("reports a set whose keys are mostly the longest option", () => {
    const b = linted(bank(40, (i) => i % 4, (i) => i % 8 !== 0));
    const d = found(b, "key-longest-often");
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toMatch(/longest option in \d+ of 40 single-answer questions, where chance gives about 10/);
  });
  it("leaves a set alone where the key is longest about as often as chance", () => {
    expect(found(linted(bank(40, (i) => i % 4, (i) => i % 4 === 0)), "key-longest-often")).toEqual([]);
  });
});

describe("tails", () => {
  it("match tabled values", () => {
    expect(chiSquareTail(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareTail(16.266, 3)).toBeCloseTo(0.001, 4);
    expect(chiSquareTail(0.5, 10)).toBeCloseTo(1, 3);
    expect(normalTail(3.09)).toBeCloseTo(0.001, 4);
    expect(normalTail(0)).toBeCloseTo(0.5, 6);
  });
});
