import { describe, expect, it } from "vitest";
import { buildBank } from "../../src/content/bank.js";
import { parseFile } from "../../src/content/parse-file.js";
import fc from "fast-check";
import { SIGNATURE_SIZE, contentWords, loneEcho, nearDuplicates, signature, similarity } from "../../src/content/near-duplicates.js";
import { lintSet } from "../../src/content/set-rules.js";
import type { Bank } from "../../src/content/model.js";

function linted(...files: [string, string][]): Bank {
  const parsed = files.map(([name, text]) => parseFile(name, text));
  const bank = buildBank(parsed);
  lintSet(parsed, bank);
  return bank;
}

const mc = (id: string, stem: string, key: string, extra = "") =>
  `### ${stem}\n<!-- id: ${id} -->\n${extra}\n- [x] ${key}\n- [ ] Something else entirely\n- [ ] A third thing\n\n> Because. See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/x.html).\n\n`;

describe("near-duplicate", () => {
  it("lists a reworded question as a pair with both places, across files", () => {
    const bank = linted(
      ["a.md", mc("plan-email-mfa", "Which user pool feature plan is the lowest that allows email MFA?", "The Essentials plan")],
      ["b.md", "# Other\n\n" + mc("lowest-plan-mfa", "What is the lowest user pool feature plan that allows MFA by email?", "Essentials")],
    );
    const found = bank.diagnostics.filter((d) => d.rule === "near-duplicate");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "b.md", line: 3, related: [{ file: "a.md", line: 1 }], severity: "warning" });
    expect(found[0]?.message).toContain("a.md:1");
    expect(found[0]?.message).toContain("<!-- siblings: plan-email-mfa -->");
  });

  it("compares a recall card with a multiple-choice question", () => {
    const bank = linted([
      "a.md",
      mc("three-tokens", "Which three tokens does a user pool return after sign-in?", "ID token, access token and refresh token") +
        "- sample:\n  - Name the three tokens a user pool returns after sign-in. <!-- id: three-tokens-card -->\n    - ID token, access token, refresh token\n",
    ]);
    expect(bank.diagnostics.map((d) => d.rule)).toContain("near-duplicate");
  });

  it("is silenced by declared siblings, on either side, and by nothing else", () => {
    const one = mc("plan-email-mfa", "Which user pool feature plan is the lowest that allows email MFA?", "The Essentials plan");
    const two = (extra: string) => mc("lowest-plan-mfa", "What is the lowest user pool feature plan that allows MFA by email?", "Essentials", extra);
    expect(linted(["a.md", one + two("<!-- siblings: plan-email-mfa -->\n")]).diagnostics).toEqual([]);
    const disabled = linted(["a.md", one + two("<!-- cogquiz-disable near-duplicate -->\n")]);
    expect(disabled.diagnostics.map((d) => d.rule).sort()).toEqual(["near-duplicate", "unknown-rule"]);
  });

  it("leaves questions on different facts of the same service alone", () => {
    const bank = linted([
      "a.md",
      mc("jwks", "Where does a back end find the public keys to verify a user pool token?", "At the pool's JWKS URL") +
        mc("groups-claim", "Which claim of the ID token lists the user's groups?", "cognito:groups") +
        mc("refresh", "What does the refresh token let an app do?", "Get new tokens without a sign-in") +
        mc("guest", "Which identity pool role do guests get?", "The unauthenticated role"),
    ]);
    expect(bank.diagnostics).toEqual([]);
  });

  it("reports n - 1 pairs for n copies and never compares all pairs", () => {
    // 3,000 templated questions differing in one number: (nearly) every one pairs with an earlier one, each once.
    const sigs = Array.from({ length: 3000 }, (_, i) => signature(`A developer needs setting ${i} for the queue of workload ${i} in the account`));
    let compared = 0;
    const pairs = nearDuplicates(sigs, () => {
      compared++;
      return false;
    });
    expect(pairs.length).toBeGreaterThan(2970);
    expect(pairs.length).toBeLessThanOrEqual(2999);
    expect(new Set(pairs.map((p) => p.second)).size).toBe(pairs.length);
    expect(pairs.every((p) => p.first < p.second)).toBe(true);
    // The skip check runs only on pairs already found similar, a bounded number per question.
    expect(compared).toBeLessThan(3000 * 30);
  });

  it("estimates similarity from signatures", () => {
    const a = signature("alpha beta gamma delta epsilon zeta eta theta iota kappa")!;
    const b = signature("alpha beta gamma delta epsilon zeta eta theta iota kappa")!;
    const c = signature("lambda mu nu xi omicron pi rho sigma tau upsilon")!;
    expect(similarity(a, b)).toBe(1);
    expect(similarity(a, c)).toBeLessThan(0.2);
  });
});

// Oracles written from the definitions, slowly: a signature is, for each of its hash functions g_k(x) = a(x) + k·b(x),
// the least g_k over the distinct content words; a lone echo is the one option whose word set meets the stem's.
describe("the fast word paths", () => {
  const vocabulary = fc.constantFrom(
    "the", "which", "option", "User", "users", "pool", "pools", "class", "glass", "bus", "token's", "re-use", "a-", "-b", "it's",
    "sign-in", "MFA", "mfa", "x1", "42", "`code`", "**bold**", "[link](https://x.io)", "über", "naïve", "İstanbul", "'quoted'", "ends-", "s", "ss", "sss",
  );
  const text = fc.array(fc.oneof(vocabulary, fc.stringMatching(/^[a-zA-Z0-9'’-]{1,8}$/)), { maxLength: 30 }).chain((words) =>
    fc.constantFrom(" ", "  ", "\n", ", ", ". ").map((sep) => words.join(sep)),
  );
  const fnv = (s: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const mix = (x: number): number => {
    let h = x;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };

  it("signature is the MinHash of the text's content words", () => {
    fc.assert(
      fc.property(text, (t) => {
        const words = new Set(contentWords(t));
        const sig = signature(t);
        if (words.size === 0) {
          expect(sig).toBeUndefined();
          return;
        }
        const expected: number[] = [];
        for (let k = 0; k < SIGNATURE_SIZE; k++) {
          let min = 2 ** 32;
          for (const w of words) {
            const h = fnv(w);
            min = Math.min(min, (mix(h) + k * ((mix(h ^ 0x9e3779b9) | 1) >>> 0)) % 2 ** 32);
          }
          expected.push(min);
        }
        expect([...sig!]).toEqual([...expected, words.size]);
      }),
      { numRuns: 1000 },
    );
  });

  it("loneEcho finds the option that alone shares stem words, as sets of words say", () => {
    // Short options, most of them sharing nothing: the cases where one option alone echoes come up often.
    const option = fc.oneof(fc.constant(""), fc.array(vocabulary, { maxLength: 4 }).map((w) => w.join(" ")), text);
    fc.assert(
      fc.property(text, fc.array(option, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 5 }), (stem, options, minLength) => {
        const stemWords = new Set(contentWords(stem, minLength));
        let expected = -1;
        if (stemWords.size > 0) {
          for (let i = 0; i < options.length; i++) {
            const shared = new Set(contentWords(options[i]!, minLength).filter((w) => stemWords.has(w))).size;
            if (shared === 0) continue;
            if (expected >= 0 || shared < 2) {
              expected = -1;
              break;
            }
            expected = i;
          }
        }
        expect(loneEcho(stem, options, minLength, 2)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
