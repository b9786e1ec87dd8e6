import { describe, expect, it } from "vitest";
import { bankOf as readBank, choiceQuestions, md, rules } from "../helpers/parse.js";

// missing-reference has tests of its own; these examples are about other things and cite no pages.
function bankOf(...files: Parameters<typeof readBank>): ReturnType<typeof readBank> {
  const bank = readBank(...files);
  bank.diagnostics = bank.diagnostics.filter((d) => d.rule !== "missing-reference");
  return bank;
}

// The shape community AWS banks use on GitHub: numbered headings, task lists, "Back to top" links between questions.
const communityBank = md`
  # Practice questions

  ### Which service stores session state for a fleet of stateless web servers with the lowest latency?

  - [ ] Amazon S3
  - [x] Amazon ElastiCache
  - [ ] Amazon Glacier
  - [ ] AWS Backup

  **[⬆ Back to Top](#table-of-contents)**

  ### Which actions make a Lambda function's deployment safer? (Choose TWO)

  - [X] Publish versions and point an alias at them
  - [ ] Give the function AdministratorAccess
  - [x] Shift traffic gradually with CodeDeploy
  - [ ] Turn off CloudWatch Logs

  **[⬆ Back to Top](#table-of-contents)**

  ---
`;

describe("multiple-choice questions in the task-list shape", () => {
  it("loads a community-style bank unchanged: [x] and [X] mark keys, Choose TWO makes a multiple-response question", () => {
    const bank = bankOf(["bank.md", communityBank]);
    const qs = choiceQuestions(bank);
    expect(qs.map((q) => q.kind)).toEqual(["single", "multiple"]);
    expect(qs[0]?.choices.map((c) => c.correct)).toEqual([false, true, false, false]);
    expect(qs[1]?.choices.filter((c) => c.correct).map((c) => c.text)).toEqual([
      "Publish versions and point an alias at them",
      "Shift traffic gradually with CodeDeploy",
    ]);
    expect(qs[1]?.chooseHint).toBe(2);
    expect(qs.every((q) => q.topic.join(">") === "Practice questions")).toBe(true);
    // Only the missing explanations are reported: separators and back-to-top links are not questions or errors.
    expect(rules(bank)).toEqual(["missing-explanation", "missing-explanation"]);
    expect(bank.diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("keeps code and tables in the stem, reads the explanation, its references and per-option feedback", () => {
    const bank = bankOf([
      "policy.md",
      md`
        # IAM

        ## What does this policy let the role do?
        <!-- id: policy-read -->

        \`\`\`json
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }
        \`\`\`

        | key | value |
        |-----|-------|
        | a   | b     |

        - [x] Read objects in bucket b
        - [ ] Delete objects in bucket b
          > Delete needs s3:DeleteObject.
        - [ ] List bucket b
        - [ ] Write objects in bucket b

        > Only s3:GetObject is allowed.
        >
        > Reference: [S3 actions](https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-actions.html)
      `,
    ]);
    const [q] = choiceQuestions(bank);
    expect(q?.id).toBe("policy-read");
    expect(q?.title).toBe("What does this policy let the role do?");
    expect(q?.stem).toContain('"Action": "s3:GetObject"');
    expect(q?.stem).toContain("| key | value |");
    expect(q?.stem).not.toContain("<!--");
    expect(q?.choices[1]?.feedback).toBe("Delete needs s3:DeleteObject.");
    expect(q?.choices[1]?.text).toBe("Delete objects in bucket b");
    expect(q?.explanation).toContain("Only s3:GetObject is allowed.");
    expect(q?.references).toEqual([
      { title: "S3 actions", url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-actions.html" },
    ]);
    expect(q?.topic).toEqual(["IAM"]);
    expect(bank.diagnostics).toEqual([]);
  });

  it("reads options set apart by blank lines (a loose list) without their [x] and [ ] boxes, which would show the key", () => {
    const bank = bankOf([
      "loose.md",
      md`
        # Loose

        ### Which store keeps session state closest to the web servers?

        - [ ] Amazon S3

        - [x] Amazon ElastiCache

          In memory, next to the fleet.
        - [ ] Amazon Glacier
          > Archives take hours.

        > ElastiCache answers in microseconds.
      `,
    ]);
    const [q] = choiceQuestions(bank);
    expect(q?.choices.map((c) => c.text)).toEqual(["Amazon S3", "Amazon ElastiCache\n\nIn memory, next to the fleet.", "Amazon Glacier"]);
    expect(q?.choices.map((c) => c.correct)).toEqual([false, true, false]);
    expect(q?.choices[2]?.feedback).toBe("Archives take hours.");
  });

  it("leaves a bank's own numbering out of the question shown, and still derives the id from the stem as written", () => {
    const numbered = md`
      # Practice

      ### Q1: Which pool issues JSON web tokens after sign-in?
      - [ ] An identity pool
      - [x] A user pool

      > Because.

      ## 2. Which pool gives AWS credentials?
      - [ ] A user pool
      - [x] An identity pool

      > Because.

      ### **Question 3:** Which claim names the issuer?
      - [x] iss
      - [ ] aud

      > Because.

      ### Q4:
      - [x] x
      - [ ] y

      > Because.

      ### 10.5 % of sign-ins fail: which metric shows it?
      - [x] SignInThrottles
      - [ ] TokenRefreshSuccesses

      > Because.

      ### **Q6: Which pool holds the users?**
      - [x] A user pool
      - [ ] An identity pool

      > Because.
    `;
    const qs = choiceQuestions(bankOf(["numbered.md", numbered]));
    expect(qs.map((q) => [q.title, q.stem])).toEqual([
      ["Which pool issues JSON web tokens after sign-in?", "Which pool issues JSON web tokens after sign-in?"],
      ["Which pool gives AWS credentials?", "Which pool gives AWS credentials?"],
      ["Which claim names the issuer?", "Which claim names the issuer?"],
      // Nothing but a number is kept as it is, and a number that is the stem's own stays.
      ["Q4:", "Q4:"],
      ["10.5 % of sign-ins fail: which metric shows it?", "10.5 % of sign-ins fail: which metric shows it?"],
      // A stem bold as a whole stays bold as a whole.
      ["Which pool holds the users?", "**Which pool holds the users?**"],
    ]);
    // Progress made on the bank before is kept: the id is the one the whole stem gives, not the stem shown.
    const unnumbered = choiceQuestions(bankOf(["plain.md", numbered.replace("### Q1: ", "### ")]));
    expect(qs[0]!.id).not.toBe(unnumbered[0]!.id);
    expect(qs.slice(1).map((q) => q.id)).toEqual(unnumbered.slice(1).map((q) => q.id));
  });

  it("uses the nearest heading that is not a question as the topic, else front matter, else the file name", () => {
    const bank = bankOf(
      ["a.md", "# Top\n\n## Sub\n\n### Q one?\n\n- [x] y\n- [ ] n\n\n> e\n\n# Other\n\n### Q two?\n\n- [x] y\n- [ ] n\n\n> e\n"],
      ["b.md", "---\ntopic: From front matter\n---\n### Q three?\n\n- [x] y\n- [ ] n\n\n> e\n"],
      ["dir/c-bank.md", "### Q four?\n\n- [x] y\n- [ ] n\n\n> e\n"],
    );
    expect(choiceQuestions(bank).map((q) => q.topic)).toEqual([["Top", "Sub"], ["Other"], ["From front matter"], ["c-bank"]]);
  });

  it("merges topics with the same normalised path across files and keeps each topic's notes", () => {
    const bank = bankOf(["one.md", "# `Amazon Cognito`\n\nFirst note.\n"], ["two.md", "# amazon  **cognito**\n\nSecond note.\n"]);
    expect(bank.root.children).toHaveLength(1);
    expect(bank.root.children[0]?.body).toBe("First note.\n\nSecond note.");
    expect(bank.root.children[0]?.sources.map((s) => s.file)).toEqual(["one.md", "two.md"]);
  });

  it("reads numbered questions with a task list under each, as knowledge-check banks write them, each at its own line", () => {
    const bank = bankOf([
      "check.md",
      md`
        # Knowledge check

        1. **Which service stores objects?**
            - [ ] Amazon EC2
            - [x] Amazon S3

        2. **What does this tag do?**

            \`<break strength="strong">\`

            - [x] Makes Amazon Polly pause
            - [ ] Makes Amazon Polly louder

            > Polly reads SSML break tags as pauses.

        3. A numbered note with no options stays a note.
      `,
    ]);
    const qs = choiceQuestions(bank);
    expect(qs.map((q) => q.title)).toEqual(["Which service stores objects?", "What does this tag do?"]);
    expect(qs.map((q) => q.source.line)).toEqual([3, 7]);
    expect(qs[0]?.choices.map((c) => [c.text, c.correct])).toEqual([["Amazon EC2", false], ["Amazon S3", true]]);
    // What stands between the stem and the options is the stem's; a quote after them is the explanation.
    expect(qs[1]?.stem).toContain('`<break strength="strong">`');
    expect(qs[1]?.explanation).toBe("Polly reads SSML break tags as pauses.");
    expect(bank.diagnostics.filter((d) => d.rule === "missing-explanation").map((d) => d.line)).toEqual([3]);
    // Neither question is also read as a recall card or a lettered question; the plain item is kept in the notes.
    expect(bank.questions).toHaveLength(2);
    expect(bank.root.children[0]?.body).toContain("A numbered note with no options stays a note.");
  });

  it("drops the letters a bank writes before its options (A., B., C…), which would read wrong once shuffled", () => {
    const bank = bankOf([
      "letters.md",
      "# T\n\n### Which two run containers without servers? (Choose TWO)\n\n- [x] A. AWS Fargate\n- [ ] **B.** Amazon S3\n- [x] (C) AWS Lambda\n- [ ] **D. Amazon Glacier**\n\n> Both run containers.\n\n### Which is a letter?\n\n- [x] A. is one\n- [ ] C. is out of order\n\n> Only a list lettered A, B, C… in order loses its letters.\n",
    ]);
    const [letters, order] = choiceQuestions(bank);
    expect(letters?.choices.map((c) => c.text)).toEqual(["AWS Fargate", "Amazon S3", "AWS Lambda", "**Amazon Glacier**"]);
    expect(letters?.choices.map((c) => c.correct)).toEqual([true, false, true, false]);
    expect(order?.choices.map((c) => c.text)).toEqual(["A. is one", "C. is out of order"]);
    expect(rules(bank)).not.toContain("option-refers-to-option");
  });

  it("leaves headings without a task list as topics", () => {
    const bank = bankOf(["t.md", "# A\n\n## B\n\n- plain bullet\n- another\n"]);
    expect(choiceQuestions(bank)).toEqual([]);
    expect(bank.root.children[0]?.children[0]?.title).toBe("B");
  });

  it("reads tags and domain from front matter onto every question", () => {
    const bank = bankOf(["f.md", "---\ntags: [alb, api-gateway]\ndomain: Security\n---\n# T\n\n### Q?\n\n- [x] a\n- [ ] b\n\n> e\n"]);
    expect(choiceQuestions(bank)[0]).toMatchObject({ tags: ["alb", "api-gateway"], domain: "Security" });
    expect(choiceQuestions(bank)[0]?.source.line).toBe(7);
  });
});

describe("repeated options", () => {
  it("are each reported on their own line, naming the first, in questions of a few options and of very many", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      // Up to 8 options from 6 texts, and 17 to 60 from 25: a question of many options is checked another way.
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 8 }),
          fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 17, maxLength: 60, size: "max" }),
        ),
        (picks) => {
        // Option k is written "option <pick>", in one of two spellings that read the same.
        const lines = picks.map((p, k) => (k === 0 ? `- [x] option ${p}` : k % 2 ? `- [ ] Option   ${p}` : `- [ ] **option** ${p}`));
        const text = `# T\n\n## Which one?\n\n${lines.join("\n")}\n\n> Because.\n`;
        const found = readBank(["bank.md", text]).diagnostics.filter((d) => d.rule === "duplicate-option");
        const expected: { line: number; first: number }[] = [];
        const firstLine = new Map<number, number>();
        picks.forEach((p, k) => {
          const line = 5 + k;
          const first = firstLine.get(p);
          if (first === undefined) firstLine.set(p, line);
          else expected.push({ line, first });
        });
        expect(found.map((d) => ({ line: d.line, first: Number(/on line (\d+)/.exec(d.message)![1]) }))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
