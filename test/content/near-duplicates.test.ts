import { describe, expect, it } from "vitest";
import { buildBank } from "../../src/content/bank.js";
import { parseFile } from "../../src/content/parse-file.js";
import fc from "fast-check";
import { SIGNATURE_SIZE, contentWords, loneEcho, mix, nearDuplicates, signature, similarity } from "../../src/content/near-duplicates.js";
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

describe("near-duplicate candidates, against the definition of the buckets", () => {
  // The definition, slowly: 16 bands of 3 rows; a band's key is a hash of its rows; a bucket holds the first 6
  // questions (in load order) that had its key; a question compares the members of its bands' buckets, band by band,
  // oldest first, at most 8 distinct ones, and pairs with the most similar that reaches the bar (first wins ties).
  function oracle(sigs: readonly (Uint32Array | undefined)[]): { first: number; second: number; similarity: number }[] {
    const buckets = new Map<number, number[]>();
    const out: { first: number; second: number; similarity: number }[] = [];
    sigs.forEach((sig, i) => {
      if (!sig) return;
      const keys: number[] = [];
      for (let band = 0; band < 16; band++) {
        let h = Math.imul(0x811c9dc5 ^ band, 0x9e3779b1);
        for (let r = 0; r < 3; r++) h = Math.imul(h ^ sig[band * 3 + r]!, 0x01000193);
        keys.push(mix(h) & 0x3fffffff);
      }
      const seen = new Set<number>();
      let best: { first: number; second: number; similarity: number } | undefined;
      for (const key of keys) {
        for (const j of buckets.get(key) ?? []) {
          if (seen.has(j) || seen.size >= 8) continue;
          seen.add(j);
          const s = similarity(sig, sigs[j]!);
          const shared = (s * (sig[SIGNATURE_SIZE]! + sigs[j]![SIGNATURE_SIZE]!)) / (1 + s);
          if (s >= 0.5 && shared >= 5 && s > (best?.similarity ?? 0)) best = { first: j, second: i, similarity: s };
        }
      }
      if (best) out.push(best);
      for (const key of keys) {
        const members = buckets.get(key) ?? [];
        if (members.length < 6) members.push(i);
        buckets.set(key, members);
      }
    });
    return out;
  }

  /** A signature of random values (20 distinct words), with `rows` set where given. */
  const crafted = (seed: number, rows: Record<number, number> = {}): Uint32Array => {
    const sig = new Uint32Array(SIGNATURE_SIZE + 1);
    for (let k = 0; k < SIGNATURE_SIZE; k++) sig[k] = rows[k] ?? mix(seed * 977 + k * 131 + 1);
    sig[SIGNATURE_SIZE] = 20;
    return sig;
  };
  const bandKey = (sig: Uint32Array, band: number): number => {
    let h = Math.imul(0x811c9dc5 ^ band, 0x9e3779b1);
    for (let r = 0; r < 3; r++) h = Math.imul(h ^ sig[band * 3 + r]!, 0x01000193);
    return mix(h) & 0x3fffffff;
  };

  it("compares a question only with the first six of a bucket", () => {
    const band0 = { 0: 11, 1: 12, 2: 13 };
    // A twin of question 6 shares band 0 whole and two rows of every other band: 33 of 48 positions, but one band.
    const twinRows: Record<number, number> = { ...band0 };
    const six = crafted(6, band0);
    for (let band = 1; band < 16; band++) for (const r of [0, 1]) twinRows[band * 3 + r] = six[band * 3 + r]!;
    const sigs = [0, 1, 2, 3, 4, 5].map((i) => crafted(i, band0));
    sigs.push(six, crafted(100, twinRows));
    expect(similarity(six, sigs[7]!)).toBeGreaterThanOrEqual(0.5);
    // Six questions hold band 0's bucket: the twin never meets question 6.
    expect(nearDuplicates(sigs, () => false)).toEqual([]);
    expect(oracle(sigs)).toEqual([]);
    // With a place left in the bucket it does.
    expect(nearDuplicates(sigs.slice(1), () => false)).toEqual([{ first: 5, second: 6, similarity: similarity(six, sigs[7]!) }]);
  });

  it("never pairs a question with itself when two of its bands have the same key", () => {
    // Rows for band 0 and band 1 whose 30-bit keys clash, found by search: a clash across bands is a rare accident.
    const byKey0 = new Map<number, number>();
    const byKey1 = new Map<number, number>();
    let clash: [number, number] | undefined;
    for (let x = 1; !clash; x++) {
      const k0 = bandKey(crafted(0, { 0: x, 1: x, 2: x }), 0);
      const k1 = bandKey(crafted(0, { 3: x, 4: x, 5: x }), 1);
      if (byKey1.has(k0)) clash = [x, byKey1.get(k0)!];
      else if (byKey0.has(k1)) clash = [byKey0.get(k1)!, x];
      byKey0.set(k0, x);
      byKey1.set(k1, x);
    }
    const [a, b] = clash;
    const sig = crafted(1, { 0: a, 1: a, 2: a, 3: b, 4: b, 5: b });
    expect(bandKey(sig, 0)).toBe(bandKey(sig, 1));
    expect(nearDuplicates([sig], () => false)).toEqual([]);
    // A copy still pairs with it, once.
    expect(nearDuplicates([sig, new Uint32Array(sig)], () => false)).toEqual([{ first: 0, second: 1, similarity: 1 }]);
  });

  it("finds exactly the pairs the buckets' definition finds, on sets full of look-alikes", () => {
    const words = ["pool", "token", "client", "secret", "group", "role", "claim", "scope", "trigger", "lambda", "domain", "hosted", "federation", "identity"];
    const question = fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 12 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(fc.oneof(question, fc.constant("")), { minLength: 1, maxLength: 300 }), (texts) => {
        const sigs = texts.map((t) => signature(t));
        expect(nearDuplicates(sigs, () => false)).toEqual(oracle(sigs));
      }),
      { numRuns: 60 },
    );
  });

  it("finds exactly those pairs on sets large enough that the sort takes their band keys in many chunks", () => {
    const words = ["pool", "token", "client", "secret", "group", "role", "claim", "scope", "trigger", "lambda", "domain", "hosted", "federation", "identity"];
    const question = fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 12 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(fc.oneof(question, fc.constant("")), { minLength: 600, maxLength: 1500, size: "max" }), (texts) => {
        const sigs = texts.map((t) => signature(t));
        expect(nearDuplicates(sigs, () => false)).toEqual(oracle(sigs));
      }),
      { numRuns: 6 },
    );
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
