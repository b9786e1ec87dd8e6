import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bankOf as readBank, md, recall, rules } from "../helpers/parse.js";

// missing-reference has tests of its own; these examples are about other things and cite no pages.
function bankOf(...files: Parameters<typeof readBank>): ReturnType<typeof readBank> {
  const bank = readBank(...files);
  bank.diagnostics = bank.diagnostics.filter((d) => d.rule !== "missing-reference");
  return bank;
}

describe("recall cards from notes", () => {
  it("reads a sample block with the question as a child bullet and the answer nested deeper", () => {
    const bank = bankOf([
      "queues.md",
      md`
        # Queues

        - sample:
          - A worker crashes mid-message. What brings the message back for another worker?
            - The **visibility timeout** runs out
      `,
    ]);
    const [card] = recall(bank);
    expect(card?.title).toBe("A worker crashes mid-message. What brings the message back for another worker?");
    expect(card?.answer).toContain("visibility timeout");
    expect(card?.topic).toEqual(["Queues"]);
    expect(card?.source).toEqual({ file: "queues.md", line: 4 });
  });

  it("accepts Sample:, Sample Q:, Sample question: in any case, bold, and hint text after the colon", () => {
    const bank = bankOf([
      "m.md",
      md`
        # Markers

        - Sample:
          - First one?
            - a1
        - SAMPLE Q:
          - Second one?
            - a2
        - sample question:
          - Third one?
            - a3
        - **Sample:**
          - Fourth one?
            - a4
        - sample: (from practice test 3)
          - Fifth one?
            - a5
      `,
    ]);
    expect(recall(bank).map((c) => [c.title, c.answer])).toEqual([
      ["First one?", "- a1"],
      ["Second one?", "- a2"],
      ["Third one?", "- a3"],
      ["Fourth one?", "- a4"],
      ["Fifth one?", "- a5"],
    ]);
    expect(bank.diagnostics).toEqual([]);
  });

  it("finds a sample block indented inside another list", () => {
    const bank = bankOf([
      "n.md",
      md`
        # Topic

        - Streams keep records for 24 hours by default
          - more detail
            - sample:
              - How long are records kept by default?
                - 24 hours
      `,
    ]);
    expect(recall(bank).map((c) => c.title)).toEqual(["How long are records kept by default?"]);
    expect(recall(bank)[0]?.source.line).toBe(6);
  });

  it("takes an answer written at the question's own level, spread over several bullets", () => {
    const bank = bankOf([
      "flat.md",
      md`
        # Flat

        - sample:
          - Which two settings control retries?
          - maxReceiveCount on the redrive policy
          - the dead-letter queue ARN
          - What is long polling?
          - waiting up to 20 seconds for messages
      `,
    ]);
    const cards = recall(bank);
    expect(cards.map((c) => c.title)).toEqual(["Which two settings control retries?", "What is long polling?"]);
    expect(cards[0]?.answer).toBe("- maxReceiveCount on the redrive policy\n- the dead-letter queue ARN");
    expect(cards[1]?.answer).toBe("- waiting up to 20 seconds for messages");
  });

  it("reads a question written inline on the marker line", () => {
    const bank = bankOf([
      "inline.md",
      md`
        # Inline

        - Sample Q: What does a FIFO queue guarantee?
          - ordering within a message group
          - exactly-once processing
        - sample: Which port does HTTPS use?
          - 443
      `,
    ]);
    expect(recall(bank).map((c) => [c.title, c.answer])).toEqual([
      ["What does a FIFO queue guarantee?", "- ordering within a message group\n- exactly-once processing"],
      ["Which port does HTTPS use?", "- 443"],
    ]);
  });

  it("keeps a code fence between question and answer as part of the question", () => {
    const bank = bankOf([
      "code.md",
      md`
        # Policies

        - sample:
          - What does this policy allow?
            \`\`\`json
            { "Effect": "Allow", "Action": "s3:GetObject" }
            \`\`\`
            - Reading objects, nothing else
      `,
    ]);
    const [card] = recall(bank);
    expect(card?.title).toBe("What does this policy allow?");
    expect(card?.stem).toContain('"Action": "s3:GetObject"');
    expect(card?.answer).toBe("- Reading objects, nothing else");
  });

  it("warns about a question with no answer and makes no card of it", () => {
    const bank = bankOf([
      "open.md",
      md`
        # Open

        - sample:
          - Why would anyone do this?
          - What else is there?
            - an answer
      `,
    ]);
    expect(recall(bank).map((c) => c.title)).toEqual(["What else is there?"]);
    expect(bank.diagnostics).toMatchObject([{ rule: "sample-without-answer", severity: "warning", line: 4, file: "open.md" }]);
  });

  it("warns about an empty sample marker", () => {
    const bank = bankOf(["e.md", "# E\n\n- sample:\n- next bullet\n"]);
    expect(recall(bank)).toEqual([]);
    expect(rules(bank)).toEqual(["empty-sample"]);
  });

  it("reads Q:/A: pairs as bullets and as paragraphs", () => {
    const bank = bankOf([
      "qa.md",
      md`
        # Pairs

        - Q: What is a partition key?
          A: The attribute that picks the partition.
        - Q: What is a sort key?
        - A: The attribute that orders items in a partition.

        Q: What is eventual consistency?
        A: Reads may briefly miss a recent write.

        **Q:** What is a GSI?

        **A:** An index with its own partition key.
      `,
    ]);
    expect(recall(bank).map((c) => [c.title, c.answer])).toEqual([
      ["What is a partition key?", "The attribute that picks the partition."],
      ["What is a sort key?", "The attribute that orders items in a partition."],
      ["What is eventual consistency?", "Reads may briefly miss a recent write."],
      ["What is a GSI?", "An index with its own partition key."],
    ]);
  });

  it("takes an explicit id from the end of the question bullet", () => {
    const bank = bankOf(["id.md", "# T\n\n- sample:\n  - Which one? <!-- id: which-one -->\n    - this\n"]);
    expect(recall(bank)[0]).toMatchObject({ id: "which-one", explicitId: true, title: "Which one?" });
    expect(recall(bank)[0]?.stem).not.toContain("<!--");
  });

  const seed = new URL("../../../shared/seeds/cognito-notes.md", import.meta.url);
  it.skipIf(!existsSync(seed))("reads exactly the three sample questions of the user's Cognito notes, with their answers", () => {
    const bank = bankOf(["cognito-notes.md", readFileSync(seed, "utf8")]);
    const cards = recall(bank);
    expect(cards).toHaveLength(3);
    expect(cards.map((c) => c.answer.length > 0)).toEqual([true, true, true]);
    expect(cards[0]?.title).toMatch(/login and signup page/);
    expect(cards[0]?.answer).toBe("- cup");
    expect(cards[1]?.answer).toBe("- Cognito Identity Federation");
    expect(cards[2]?.answer).toMatch(/social identity providers/);
    expect(bank.questions.filter((q) => q.kind !== "recall")).toHaveLength(0);
    expect(bank.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("recall cards next to multiple-choice questions", () => {
  it("reads a sample block that follows a question's explanation in the same section", () => {
    const bank = bankOf([
      "mixed.md",
      md`
        # Mixed

        ### Which one?

        - [x] this
        - [ ] that

        > because

        - sample:
          - And which city is the capital of Italy?
            - Rome

        Q: What follows Q?
        A: R

        ---
      `,
    ]);
    expect(bank.questions.map((q) => [q.kind, q.title])).toEqual([
      ["single", "Which one?"],
      ["recall", "And which city is the capital of Italy?"],
      ["recall", "What follows Q?"],
    ]);
    expect(recall(bank)[0]?.topic).toEqual(["Mixed"]);
  });
});
