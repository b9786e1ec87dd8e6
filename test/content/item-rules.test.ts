import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildBank } from "../../src/content/bank.js";
import { parseFile } from "../../src/content/parse-file.js";
import { lintSet } from "../../src/content/set-rules.js";
import { isReferenceUrl, questionSentence } from "../../src/content/item-rules.js";
import type { Bank } from "../../src/content/model.js";

function linted(...files: [string, string][]): Bank {
  const parsed = files.map(([name, text]) => parseFile(name, text));
  const bank = buildBank(parsed);
  lintSet(parsed, bank);
  return bank;
}
const rulesOf = (markdown: string) => linted(["x.md", markdown]).diagnostics.map((d) => d.rule);
const REF = "> See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/x.html).\n";
const q = (stem: string, options: string, explanation = REF) => `### ${stem}\n\n${options}\n\n${explanation}\n`;

// Every rule section of the guide shows a bad example that trips the rule and a good one that trips nothing.
describe("docs/question-format.md rule sections", () => {
  const guide = readFileSync(new URL("../../docs/question-format.md", import.meta.url), "utf8");
  const sections = [...guide.matchAll(/^### `([a-z-]+)`\n([\s\S]*?)(?=^### `|^## |(?![\s\S]))/gm)].map((m) => [m[1]!, m[2]!] as const);
  const withExamples = sections
    .map(([rule, body]) => {
      const bad = /^Bad[\s\S]*?\n\n(`{3,4})markdown\n([\s\S]*?)^\1$/m.exec(body)?.[2];
      const good = /^Good[\s\S]*?\n\n(`{3,4})markdown\n([\s\S]*?)^\1$/m.exec(body)?.[2];
      return [rule, bad, good] as const;
    })
    .filter(([, bad, good]) => bad !== undefined && good !== undefined) as [string, string, string][];

  it("has a bad and a good example for each rule of one question", () => {
    expect(withExamples.map(([rule]) => rule).sort()).toEqual(
      [
        "absolute-word-in-distractor",
        "bad-domain",
        "key-much-longer",
        "misplaced-comment",
        "missing-reference",
        "near-duplicate",
        "negative-not-emphasised",
        "option-echoes-stem",
        "unknown-rule",
        "unknown-sibling",
      ].sort(),
    );
  });
  it.each(withExamples)("%s: the bad example trips it, the good one trips nothing", (rule, bad, good) => {
    expect(rulesOf(bad)).toContain(rule);
    expect(rulesOf(good)).toEqual([]);
  });
});

describe("key-much-longer", () => {
  it("points at the key when it dwarfs every distractor", () => {
    const bank = linted(["x.md", q("Pick?", "- [ ] short one\n- [x] a very much longer option that explains every detail of it\n- [ ] short two")]);
    expect(bank.diagnostics).toMatchObject([{ rule: "key-much-longer", line: 4 }]);
    expect(bank.diagnostics[0]?.message).toContain("longest distractor");
  });
  it("leaves keys of about the same length alone, and ignores link targets and marks", () => {
    expect(rulesOf(q("Pick?", "- [x] The identity pool role\n- [ ] The user pool group\n- [ ] The app client"))).toEqual([]);
    expect(rulesOf(q("Pick?", "- [x] [IAM](https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction-long-page.html)\n- [ ] **STS**\n- [ ] KMS"))).toEqual([]);
  });
});

describe("negative-not-emphasised", () => {
  const opts = "- [x] a thing\n- [ ] b thing\n- [ ] c thing";
  it.each([
    "Which of the following is not a user pool token?",
    "Which statement about identity pools does not hold?",
    "Which of these services cannot call a Lambda trigger?",
    "All of these are user pool features except which one?",
    "Each of the following is a user pool trigger except",
    "All of the following are user pool triggers except the one that runs in IAM?",
    "These are all user pool triggers, except?",
    "A team reviews its setup. Which setting is not needed? (Choose TWO.)",
  ])("reports %j", (stem) => {
    const choose = stem.includes("TWO") ? "- [x] a thing\n- [x] b thing\n- [ ] c thing\n- [ ] d thing" : opts;
    expect(rulesOf(q(stem, choose))).toEqual(["negative-not-emphasised"]);
  });
  it.each([
    "Which of the following is **not** a user pool token?",
    "Which of the following is NOT a user pool token?",
    "All of these are user pool features EXCEPT which one?",
    "Which of the following is __not__ a user pool token?",
    "Which role follows least privilege?",
    "Which solution meets the requirement with the LEAST operational overhead?",
    "Users do not want to sign in again. Which token lets the app get new tokens?",
    "Which setting makes sure that users do not need to sign in again?",
    "Which policy denies all actions except s3:GetObject?",
    "Which setting blocks every sign-in except those from the admin group?",
    "Which is true of all of these tokens except refresh tokens?",
    "Which service is not only serverless but also free of servers to patch?",
  ])("leaves %j alone", (stem) => {
    expect(rulesOf(q(stem, opts))).toEqual([]);
  });
  it("finds the question sentence", () => {
    expect(questionSentence("Users are not happy. Which is right? (Choose TWO.)")).toBe("Which is right?");
    expect(questionSentence("Pick the right one: which is not valid?")).toBe("which is not valid?");
  });
});

describe("absolute-word-in-distractor", () => {
  it("reports a distractor that says always, never or only when no key does", () => {
    const bank = linted(["x.md", q("Which claim lists groups?", "- [x] cognito:groups\n- [ ] custom:groups\n- [ ] Groups always go in the access token only")]);
    expect(bank.diagnostics).toMatchObject([{ rule: "absolute-word-in-distractor", line: 5 }]);
  });
  it("is quiet when a key uses one too, and for words that only contain one", () => {
    expect(rulesOf(q("Which is true?", "- [x] It is only sent once\n- [ ] It is never sent\n- [ ] It is sent twice"))).toEqual([]);
    expect(rulesOf(q("Which permission is it?", "- [x] read\n- [ ] read-only\n- [ ] write"))).toEqual([]);
  });
});

describe("option-echoes-stem", () => {
  it("reports the one option that repeats the stem's words", () => {
    const bank = linted(["x.md", q("Which service hands out temporary credentials to mobile users?", "- [x] Cognito hands out temporary credentials\n- [ ] IAM Identity Center with SAML\n- [ ] AWS STS web identity federation")]);
    expect(bank.diagnostics).toMatchObject([{ rule: "option-echoes-stem", line: 3 }]);
    expect(bank.diagnostics[0]?.message).toContain('"temporary"');
  });
  it("is quiet when other options echo the stem too", () => {
    expect(rulesOf(q("Which service hands out temporary credentials to mobile users?", "- [x] Cognito hands out temporary credentials\n- [ ] IAM users with temporary keys\n- [ ] AWS STS federation"))).toEqual([]);
  });
});

describe("missing-reference", () => {
  it("reports a card and an explanation without a link, and a bare URL is not one", () => {
    expect(rulesOf("- Q: Where are the keys?\n  A: at the JWKS URL\n")).toEqual(["missing-reference"]);
    expect(rulesOf(q("Where are the keys?", "- [x] JWKS\n- [ ] STS", "> At https://cognito-idp.{region}.amazonaws.com/x/.well-known/jwks.json\n"))).toEqual(["missing-reference"]);
    const bank = linted(["x.md", q("Where are the keys?", "- [x] JWKS\n- [ ] STS", "> Test it on http://localhost:3000 and see https://docs.aws.amazon.com/cognito/latest/developerguide/x.html\n")]);
    expect(bank.questions[0]).toMatchObject({ references: [] });
    expect(bank.diagnostics[0]?.message).toContain("URL in its prose");
  });
  it("accepts [title](url) and <url> links to real pages", () => {
    expect(rulesOf("- Q: Where are the keys?\n  A: at the JWKS URL; see <https://docs.aws.amazon.com/cognito/latest/developerguide/x.html>\n")).toEqual([]);
    const bank = linted(["x.md", q("Where?", "- [x] JWKS\n- [ ] STS", "> See [Verifying](https://docs.aws.amazon.com/cognito/x.html) and [local](http://localhost:8080/x).\n")]);
    expect(bank.questions[0]).toMatchObject({ references: [{ title: "Verifying", url: "https://docs.aws.amazon.com/cognito/x.html" }] });
  });
  it.each([
    ["https://docs.aws.amazon.com/cognito/latest/developerguide/x.html", true],
    ["http://docs.aws.amazon.com/x", true],
    ["https://cognito-idp.{region}.amazonaws.com/x", false],
    ["https://cognito-idp.<region>.amazonaws.com/x", false],
    ["https://cognito-idp.%7Bregion%7D.amazonaws.com/x", false],
    ["http://localhost:3000/callback", false],
    ["http://127.0.0.1/x", false],
    ["https://example.com/x", false],
    ["https://docs.example/x", false],
    ["https://my-bank.example/cognito/x.html", false],
    ["https://app.internal/x", false],
    ["ftp://docs.aws.amazon.com/x", false],
  ])("%s is a reference: %s", (url, expected) => {
    expect(isReferenceUrl(url)).toBe(expected);
  });
});

describe("isReferenceUrl without the URL parser", () => {
  // What the rule means, through the URL parser alone: the plain-link shortcut must agree with it everywhere.
  const throughParser = (href: string): boolean => {
    if (/[{}<>$\s]/.test(href)) return false;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return false;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return false;
    const host = url.hostname.toLowerCase();
    if (/[{}<>$]/.test(host)) return false;
    if (!host.includes(".") || /^[\d.]+$/.test(host) || host.startsWith("[")) return false;
    return !(/(^|\.)(localhost|example(\.(com|org|net))?|test|invalid|local|internal)$/.test(host) || /^example\./.test(host));
  };

  it("agrees with the URL parser on generated links", () => {
    const label = fc.constantFrom("docs", "aws", "amazon", "com", "a", "A1", "x-y", "-x", "x-", "xn--abc", "XN--zz", "0x10", "1", "255", "localhost", "example", "test", "internal", "é", "");
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join("."));
    const scheme = fc.constantFrom("https://", "http://", "HTTPS://", "ftp://", "https:/", "https:///", "https://user@", "");
    const tail = fc.constantFrom("", "/", "/x.html", "/a/b?c=d#e", ":443/x", ":99999/", "\\x", "/x%zz", "/%1b", "/é", "?q", "#f", "@evil.com", "./x");
    fc.assert(
      fc.property(scheme, host, tail, (s, h, t) => {
        const href = s + h + t;
        expect(isReferenceUrl(href), href).toBe(throughParser(href));
      }),
      { numRuns: 5000 },
    );
  });
});
