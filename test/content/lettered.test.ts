import { describe, expect, it } from "vitest";
import { answerLetters } from "../../src/content/lettered.js";
import { parseFile } from "../../src/content/parse-file.js";
import { bankOf as readBank, choiceQuestions, md, rules } from "../helpers/parse.js";

// missing-reference and missing-explanation have tests of their own: this shape mostly has no explanations.
function bankOf(...files: Parameters<typeof readBank>): ReturnType<typeof readBank> {
  const bank = readBank(...files);
  bank.diagnostics = bank.diagnostics.filter((d) => d.rule !== "missing-reference" && d.rule !== "missing-explanation");
  return bank;
}

const keys = (q: { choices: { text: string; correct: boolean }[] }) => q.choices.filter((c) => c.correct).map((c) => c.text);

// The shape of banks written for reading: numbered stems, options lettered under them, the answer in a details block.
const practiceExam = md`
  ---
  layout: exam
  ---

  # Practice exam 1

  1. An app signs users in with a user pool. Which token does it send to an API Gateway Cognito authorizer by default?
      - A. The refresh token
      - B. The ID token
      - C. An AWS STS session token
      - D. The SAML assertion

      <details markdown=1><summary markdown='span'>Answer</summary>
        Correct answer: B
      </details>

  2. Which two settings belong to an app client of a user pool? (Choose TWO)
      - A. The callback URLs
      - B. The identity pool's roles
      - C. The allowed OAuth flows
      - D. The DynamoDB table's partition key
      - E. The Lambda function's memory

      <details markdown=1><summary markdown='span'>Answer</summary>
        Correct Answer: AC
      </details>
`;

describe("questions with lettered options", () => {
  it("reads a practice exam as it stands: stems, options without their letters, keys from the answer line", () => {
    const bank = bankOf(["exam.md", practiceExam]);
    expect(bank.diagnostics).toEqual([]);
    const [first, second] = choiceQuestions(bank);
    expect(first!.kind).toBe("single");
    expect(first!.title).toBe("An app signs users in with a user pool. Which token does it send to an API Gateway Cognito authorizer by default?");
    expect(first!.choices.map((c) => c.text)).toEqual(["The refresh token", "The ID token", "An AWS STS session token", "The SAML assertion"]);
    expect(keys(first!)).toEqual(["The ID token"]);
    expect(second!.kind).toBe("multiple");
    expect(second!.chooseHint).toBe(2);
    expect(keys(second!)).toEqual(["The callback URLs", "The allowed OAuth flows"]);
    expect(first!.topic).toEqual(["Practice exam 1"]);
  });

  it("points each question and each option's findings at their own lines", () => {
    const text = practiceExam.replace("- C. An AWS STS session token", "- C. Both A and B");
    const parsed = parseFile("exam.md", text);
    const lines = text.split("\n");
    expect(parsed.drafts.map((d) => lines[d.question.source.line - 1])).toEqual([
      expect.stringMatching(/^1\. An app signs users in/),
      expect.stringMatching(/^2\. Which two settings/),
    ]);
    const refers = parsed.diagnostics.find((d) => d.rule === "option-refers-to-option")!;
    expect(lines[refers.line - 1]).toContain("- C. Both A and B");
  });

  it("keeps a list of such questions out of the topic's notes, and a list of notes in them", () => {
    const notes = md`
      # Tokens

      1. The ID token carries the user's attributes.
      2. The access token carries scopes.
    `;
    const parsed = parseFile("exam.md", `${practiceExam}\n${notes}`);
    expect(parsed.sections.find((s) => s.path.join("/") === "Practice exam 1")!.body).toBe("");
    expect(parsed.sections.find((s) => s.path.join("/") === "Tokens")!.body).toContain("The access token carries scopes.");
    expect(parsed.drafts).toHaveLength(2);
  });

  it("reads A), (A), an answer line in a paragraph, and a blockquote in the item as the explanation", () => {
    const bank = readBank([
      "exam.md",
      md`
        - Which claim of an ID token names the user pool that issued it?
          - A) aud
          - B) iss
          - C) sub

          **Answer:** B

          > The iss claim holds the issuer URL of the user pool. See [Verifying a JSON web token](https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).

        - Which two are user pool tokens? (Choose TWO)
          - (A) An access token
          - (B) A session policy
          - (C) A refresh token

          Answer: A and C
      `,
    ]);
    const [first, second] = choiceQuestions(bank);
    expect(first!.choices.map((c) => c.text)).toEqual(["aud", "iss", "sub"]);
    expect(keys(first!)).toEqual(["iss"]);
    expect(first!.explanation).toContain("issuer URL");
    expect(first!.references.map((r) => r.url)).toEqual(["https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html"]);
    expect(keys(second!)).toEqual(["An access token", "A refresh token"]);
    expect(rules(bank)).toEqual(["missing-explanation"]);
  });

  it("reports lettered options without an answer line, and an answer naming a letter no option has", () => {
    const bank = bankOf([
      "exam.md",
      md`
        1. Which pool issues AWS credentials?
            - A. A user pool
            - B. An identity pool

        2. Which pool holds user profiles?
            - A. A user pool
            - B. An identity pool

            Correct answer: C
      `,
    ]);
    expect(choiceQuestions(bank)).toEqual([]);
    expect(bank.diagnostics.map((d) => [d.rule, d.severity, d.line])).toEqual([
      ["lettered-without-answer", "warning", 1],
      ["unknown-answer-letter", "error", 5],
    ]);
    expect(bank.diagnostics[1]!.message).toContain("names C, but its options run from A to B");
  });

  it("leaves notes alone: letters out of order, a single lettered bullet, an answer line with no options", () => {
    const bank = bankOf([
      "notes.md",
      md`
        # Notes

        1. Plans
            - B. Essentials comes second
            - A. Lite comes first
        2. One option
            - A. only this
            Correct answer: A
        3. Answer: A is the first letter
      `,
    ]);
    expect(bank.questions).toEqual([]);
    expect(bank.diagnostics).toEqual([]);
  });

  it("reads a heading with lettered options under it and an answer line, up to the next heading", () => {
    const text = md`
      # Tokens

      ### Question 1: which token does a backend check to authorise an API call?

      - A) The ID token
      - B) The access token
      - C) The refresh token

      <details><summary>Show the answer</summary>

      **Correct Answer: B) The access token**

      </details>

      ---

      ### Question 2: which token gets new tokens when the others expire?

      - A) The ID token
      - B) The access token
      - C) The refresh token

      Correct answer: C

      > The refresh token gets new ID and access tokens.

      ## Lettered notes

      - A. Lite comes first
      - B. Essentials comes second

      ## Plans?

      - A. Lite
      - B. Essentials
    `;
    const bank = bankOf(["tokens.md", text]);
    const lines = text.split("\n");
    const [first, second] = choiceQuestions(bank);
    expect(choiceQuestions(bank)).toHaveLength(2);
    expect(keys(first!)).toEqual(["The access token"]);
    expect(keys(second!)).toEqual(["The refresh token"]);
    expect(second!.explanation).toBe("The refresh token gets new ID and access tokens.");
    expect(first!.topic).toEqual(["Tokens"]);
    expect(lines[first!.source.line - 1]).toMatch(/^### Question 1/);
    // Lettered bullets under a heading that asks nothing are notes; under one that asks, with no answer, a warning.
    const notes = parseFile("tokens.md", text).sections;
    expect(notes.find((s) => s.path.at(-1) === "Lettered notes")!.body).toContain("Essentials comes second");
    expect(bank.diagnostics.map((d) => [d.rule, lines[d.line - 1]])).toEqual([["lettered-without-answer", "## Plans?"]]);
  });

  it("reads options written as lettered lines of a paragraph, under a heading or in a list item", () => {
    const text = md`
      # Pools

      ## 1. Which pool issues temporary AWS credentials?
      A. A user pool
      B. An identity pool
      C. An app client
      Answer: B

      ### Question 2: which token carries the user's groups?

      **A)** The refresh token  
      **B)** The ID token  
      **C)** An STS session token

      <details><summary>Show the answer</summary>

      **Correct Answer: B) The ID token**

      </details>

      # Flows

      1. Which flow returns a code that the app swaps at the token endpoint?
         A. The implicit grant
         B. The authorization code grant
         Answer: B
      2. Notes with lettered lines, and no question
         A. first
         B. second
    `;
    const bank = bankOf(["shapes.md", text]);
    const lines = text.split("\n");
    const qs = choiceQuestions(bank);
    expect(qs.map((q) => keys(q))).toEqual([["An identity pool"], ["The ID token"], ["The authorization code grant"]]);
    expect(qs[1]!.choices.map((c) => c.text)).toEqual(["The refresh token", "The ID token", "An STS session token"]);
    expect(qs.map((q) => lines[q.source.line - 1])).toEqual([
      "## 1. Which pool issues temporary AWS credentials?",
      "### Question 2: which token carries the user's groups?",
      "1. Which flow returns a code that the app swaps at the token endpoint?",
    ]);
    expect(bank.diagnostics).toEqual([]);
    // An option's findings point at its own line.
    const echo = parseFile("x.md", text.replace("C. An app client", "C. Both A and B")).diagnostics.find((d) => d.rule === "option-refers-to-option")!;
    expect(text.replace("C. An app client", "C. Both A and B").split("\n")[echo.line - 1]).toBe("C. Both A and B");
    expect(parseFile("shapes.md", text).sections.find((s) => s.path.join("/") === "Flows")!.body).toContain("Notes with lettered lines");
  });

  it("reads an answer line written straight under the last option, which markdown folds into that option", () => {
    const text = md`
      # Practice

      1. Which pool issues JSON web tokens after sign-in?
          - A. An identity pool
          - B. A user pool
          - C. A resource server
          Correct answer: B

      ### Which service gives temporary AWS credentials to app users?
      - A. A user pool
      - B. An identity pool
      **Answer:** B

      ### Which claim names the issuer? (Choose one)
      - A. iss
      - B. The aud claim, whose answer: is the client
      Answer: maybe later
    `;
    const bank = bankOf(["folded.md", text]);
    const qs = choiceQuestions(bank);
    expect(qs.map((q) => q.choices.map((c) => c.text))).toEqual([
      ["An identity pool", "A user pool", "A resource server"],
      ["A user pool", "An identity pool"],
    ]);
    expect(qs.map((q) => keys(q))).toEqual([["A user pool"], ["An identity pool"]]);
    // An answer line that names no letter is not one: the last question has none, and is reported as such.
    expect(bank.diagnostics.map((d) => [d.rule, text.split("\n")[d.line - 1]])).toEqual([["lettered-without-answer", "### Which claim names the issuer? (Choose one)"]]);
  });

  it("keeps a topic heading a topic: lettered lines under its notes do not make the heading a question", () => {
    const text = md`
      # Cheat sheets

      Some notes on pools.

      **Q1.** Which pool signs users in?
      A. A user pool
      B. An identity pool

      **Correct answer: A**

      ## Which policy lets users read only their own items? (Choose ONE)

      ${"```json"}
      { "Condition": { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["\${cognito-identity.amazonaws.com:sub}"] } } }
      ${"```"}

      A. The policy above on the table
      B. A bucket policy
      Answer: A
    `;
    const parsed = parseFile("notes.md", text);
    expect(parsed.sections.find((s) => s.path.join("/") === "Cheat sheets")!.body).toContain("**Q1.** Which pool signs users in?");
    // A heading that asks keeps what stands between it and its options (here a policy) as its stem.
    expect(parsed.drafts.map((d) => d.question.title)).toEqual(["Which policy lets users read only their own items? (Choose ONE)"]);
    expect(parsed.drafts[0]!.question.stem).toContain("dynamodb:LeadingKeys");
  });

  it("reads the answer line's letters in the ways banks write them", () => {
    expect(answerLetters("Correct answer: D")).toEqual(["D"]);
    expect(answerLetters("Correct Answer: AC")).toEqual(["A", "C"]);
    expect(answerLetters("correct answer: A, C, E")).toEqual(["A", "C", "E"]);
    expect(answerLetters("**Answer:** B and D")).toEqual(["B", "D"]);
    expect(answerLetters("<summary>Answer</summary>\n  Correct answer: A,C\n</details>")).toEqual(["A", "C"]);
    expect(answerLetters("Correct Answer: Bc")).toBeUndefined();
    expect(answerLetters("Answer</summary>")).toBeUndefined();
    expect(answerLetters("The answer: none")).toBeUndefined();
  });
});
