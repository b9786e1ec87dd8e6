import { describe, expect, it } from "vitest";
import { bankOf, md, recall, rules } from "../helpers/parse.js";
import { renderMarkdown } from "../../src/ui/terminal-markdown.js";

const LINK = "[Tokens](https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html)";

describe("a sample label followed by the question and its answer as sibling bullets", () => {
  it("under the marker: the label is a hint, the first bullet the question, the rest the answer", () => {
    const bank = bankOf(["n.md", md`
      - Sample Q: \`token_use\`
        - What does this claim say in an access token?
        - \`access\`
        - and \`id\` in an ID token; see ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    const cards = recall(bank);
    expect(cards.map((c) => [c.hint, c.title])).toEqual([["`token_use`", "What does this claim say in an access token?"]]);
    expect(cards[0]?.answer).toContain("`access`");
    expect(cards[0]?.answer).toContain("in an ID token");
  });

  it("at the marker's own level, the same", () => {
    const bank = bankOf(["n.md", md`
      # Tokens

      - sample: \`token_use\`
      - What does this claim say in an access token?
      - \`access\`, and \`id\` in an ID token; see ${LINK}
      - A note after the card that reads as an answer line
    `]);
    expect(bank.diagnostics).toEqual([]);
    const cards = recall(bank);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ hint: "`token_use`", title: "What does this claim say in an access token?" });
    expect(cards[0]?.answer).toContain("`access`");
    expect(cards[0]?.answer).toContain("A note after the card");
    expect(cards[0]?.source.line).toBe(4);
  });

  it("takes a few words as a label too, and stops the answer at the next question or marker", () => {
    const bank = bankOf(["n.md", md`
      - Sample Q: refresh tokens
      - What does the refresh token let an app do?
      - get new ID and access tokens without a sign-in, see ${LINK}
      - What does the ID token carry?
      - the user's claims, see ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.hint, c.title])).toEqual([
      ["refresh tokens", "What does the refresh token let an app do?"],
      ["refresh tokens", "What does the ID token carry?"],
    ]);
  });

  it("keeps the documented inline form, decided by its children", () => {
    const bank = bankOf(["n.md", md`
      - Sample Q: What does the refresh token let an app do?
        - Get new ID and access tokens, see ${LINK}
      - An unrelated note
    `]);
    expect(recall(bank).map((c) => [c.title, c.hint])).toEqual([["What does the refresh token let an app do?", undefined]]);
    const labelled = bankOf(["n.md", md`
      - sample: (practice exam 2)
        - Which token does an authorizer with scopes expect?
          - The access token, see ${LINK}
    `]);
    expect(recall(labelled).map((c) => [c.title, c.hint])).toEqual([["Which token does an authorizer with scopes expect?", "(practice exam 2)"]]);
  });
});

describe("a sample question followed by a top-level code block and the answer", () => {
  const policy = '```json\n{ "Condition": { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] } } }\n```';
  it("gives the code to the question and the next bullets as its answer", () => {
    const bank = bankOf(["n.md", `# Policies\n\n- sample:\n  - What does this condition limit?\n\n${policy}\n\n- Requests to items whose partition key is the caller's identity id, see ${LINK}\n\n---\n\n## Next\n`]);
    expect(bank.diagnostics).toEqual([]);
    const cards = recall(bank);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.stem).toContain("dynamodb:LeadingKeys");
    expect(cards[0]?.answer).toContain("partition key is the caller's identity id");
    // The code and the answer are still notes of the topic.
    expect(bank.root.children[0]?.body).toContain("dynamodb:LeadingKeys");
  });

  it("gives the card the id the indented layout gives", () => {
    const top = bankOf(["n.md", `- sample:\n  - What does this condition limit?\n\n${policy}\n\n- Requests to own items, see ${LINK}\n`]);
    const indented = bankOf(["n.md", `- sample:\n  - What does this condition limit?\n    ${policy.replace(/\n/g, "\n    ")}\n    - Requests to own items, see ${LINK}\n`]);
    expect(recall(indented)).toHaveLength(1);
    expect(recall(top)[0]?.id).toBe(recall(indented)[0]?.id);
  });

  it("leaves an answered question and a plain code block of notes alone", () => {
    const bank = bankOf(["n.md", `- sample:\n  - What does this condition limit?\n    - Own items, see ${LINK}\n\n${policy}\n\n- a note bullet\n`]);
    expect(recall(bank).map((c) => c.answer)).toEqual([`- Own items, see ${LINK}`]);
    expect(bank.diagnostics).toEqual([]);
  });
});

describe("sample markers as notes write them", () => {
  it.each([
    ["a dash for the colon", "- Sample - What does the refresh token let an app do?"],
    ["a named marker with a dash", "- Sample question – What does the refresh token let an app do?"],
    ["italic marker", "- *sample*: What does the refresh token let an app do?"],
    ["marker as code", "- `sample:` What does the refresh token let an app do?"],
    ["a numbered question", "- Q1: What does the refresh token let an app do?"],
    ["a numbered question with a dot", "- Q12. What does the refresh token let an app do?"],
    ["a numbered question written out", "- Question 3: What does the refresh token let an app do?"],
  ])("%s makes a card", (_shape, marker) => {
    const bank = bankOf(["n.md", `# Tokens\n\n${marker}\n  - Get new tokens without a new sign-in; see ${LINK}\n`]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.title, c.answer])).toEqual([
      ["What does the refresh token let an app do?", `- Get new tokens without a new sign-in; see ${LINK}`],
    ]);
  });

  it("a dash marker with the question as a bullet under it", () => {
    const bank = bankOf(["n.md", `# Tokens\n\n+ Sample -\n  + What does the refresh token let an app do?\n    + Get new tokens; see ${LINK}\n`]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => c.title)).toEqual(["What does the refresh token let an app do?"]);
  });

  it("leaves a note that only starts with the word alone", () => {
    const bank = bankOf(["n.md", "# Data\n\n- Sample-based metrics - cheaper\n- Sample rate: 5%\n- Quarterly: Q3 2024 numbers\n"]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank)).toEqual([]);
  });

  it("leaves a number after Q alone when a dot goes on with digits", () => {
    const bank = bankOf(["n.md", "# Releases\n\n- Q2.1 shipped the new login page\n  - with passkeys\n- q3.5x faster sign-in\n  - after caching\n"]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank)).toEqual([]);
  });
});

describe("a list of lettered questions that also holds notes", () => {
  it("reads a lettered question with a Q: stem once, as a multiple-choice question, not also as a recall card", () => {
    const bank = bankOf(["n.md", md`
      # Pools

      - Q: Which pool hands out temporary AWS credentials?
        - A. A user pool
        - B. An identity pool

        Answer: B

      - A note after the question
    `]);
    expect(bank.questions.map((q) => q.kind)).toEqual(["single"]);
    expect(rules(bank)).not.toContain("missing-reference");
  });
});

describe("a question on the marker line without a question mark", () => {
  it("takes the bullets under it as its answer", () => {
    const bank = bankOf(["n.md", md`
      # Pools

      - sample: Which service hands out temporary credentials to app users
        - Identity pools
        - with an IAM role per kind of user; see ${LINK}
      - sample: Name the token an API Gateway authorizer with scopes reads
        - The access token; see ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.title, c.answer, c.hint])).toEqual([
      ["Which service hands out temporary credentials to app users", `- Identity pools\n- with an IAM role per kind of user; see ${LINK}`, undefined],
      ["Name the token an API Gateway authorizer with scopes reads", `- The access token; see ${LINK}`, undefined],
    ]);
  });

  it("keeps a hint over a question that has no question mark either", () => {
    const bank = bankOf(["n.md", `- sample: from practice exam 2\n  - The things an ALB needs to authenticate users\n  - an HTTPS listener; see ${LINK}\n`]);
    expect(recall(bank).map((c) => [c.hint, c.title])).toEqual([["from practice exam 2", "The things an ALB needs to authenticate users"]]);
  });

  it("keeps a hint in brackets, whose question has no answer, a warning", () => {
    const bank = bankOf(["n.md", "- sample: (practice exam 2)\n  - Which service hands out credentials\n"]);
    expect(recall(bank)).toEqual([]);
    expect(rules(bank)).toEqual(["sample-without-answer"]);
  });
});

describe("a question bullet whose answer is a paragraph under it", () => {
  it("takes the paragraphs after the question as its answer", () => {
    const bank = bankOf(["n.md", md`
      # Pools

      - sample:
        - Which pool hands out temporary AWS credentials?

          An identity pool, for tokens from the providers it trusts.

          See ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.title, c.answer])).toEqual([
      ["Which pool hands out temporary AWS credentials?", `An identity pool, for tokens from the providers it trusts.\n\nSee ${LINK}`],
    ]);
  });

  it("keeps code under the question in the question", () => {
    const bank = bankOf(["n.md", md`
      - sample:
        - What does this condition limit?

          \`\`\`json
          { "dynamodb:LeadingKeys": ["\${cognito-identity.amazonaws.com:sub}"] }
          \`\`\`

          Requests to the caller's own items; see ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    const [card] = recall(bank);
    expect(card?.stem).toContain("LeadingKeys");
    expect(card?.answer).toBe(`Requests to the caller's own items; see ${LINK}`);
  });
});

describe("a paragraph under a question whose answer is the next bullet", () => {
  it("stays part of the question, and the bullet is the answer", () => {
    const bank = bankOf(["n.md", md`
      - sample:
        - A team runs an app on EC2 and needs user sign-in. Which service?

          (Choose the best option.)
        - Cognito user pools; see ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    const cards = recall(bank);
    expect(cards.map((c) => [c.stem, c.answer])).toEqual([
      ["A team runs an app on EC2 and needs user sign-in. Which service?\n\n(Choose the best option.)", `- Cognito user pools; see ${LINK}`],
    ]);
    // The id the card has always had: progress stays with it.
    expect(cards[0]?.id).toBe("q-afc3ed6cb7");
  });

  it("under a Q: bullet with an A: bullet after it, the same", () => {
    const bank = bankOf(["n.md", `- Q: Which pool signs users in?\n\n  (one word)\n- A: the user pool; see ${LINK}\n`]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.stem, c.answer])).toEqual([["Which pool signs users in?\n\n(one word)", `the user pool; see ${LINK}`]]);
  });
});

describe("samples in a quote of notes", () => {
  it("reads a sample block in a GitHub alert and a Q:/A: pair in a quote, at their lines", () => {
    const bank = bankOf(["n.md", md`
      # Pools

      > [!TIP]
      > - sample:
      >   - Which pool hands out temporary AWS credentials?
      >     - An identity pool; see ${LINK}

      > Q: Which token carries the user's groups?
      > A: The ID token, in cognito:groups; see ${LINK}
    `]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.title, c.source.line])).toEqual([
      ["Which pool hands out temporary AWS credentials?", 5],
      ["Which token carries the user's groups?", 8],
    ]);
  });
});

describe("reference links whose definitions are at the end of the file", () => {
  const file = md`
    # Pools

    Read [the guide][cog] before the [Cognito] console.

    - sample:
      - Which pool hands out temporary AWS credentials?
        - An identity pool; see [Identity pools][pools]

    # More

    Nothing here.

    [cog]: https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html
    [Cognito]: https://console.aws.amazon.com/cognito/
    [pools]: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-identity.html "Identity pools"
  `;

  it("go with the notes and the answer that use them, so each shows its links on its own", () => {
    const bank = bankOf(["n.md", file]);
    const pools = bank.root.children.find((t) => t.title === "Pools")!;
    expect(renderMarkdown(pools.body, 200)).toContain("Read the guide (https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html)");
    expect(renderMarkdown(pools.body, 200)).toContain("the Cognito (https://console.aws.amazon.com/cognito/) console");
    const [card] = recall(bank);
    expect(renderMarkdown(card!.answer, 200)).toBe(
      "• An identity pool; see Identity pools (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-identity.html)",
    );
  });

  it("leave texts that name no label as written", () => {
    const bank = bankOf(["n.md", file]);
    const more = bank.root.children.find((t) => t.title === "More")!;
    expect(more.body.match(/^\[cog\]:/gm)).toHaveLength(1);
    expect(recall(bank)[0]!.stem).toBe("Which pool hands out temporary AWS credentials?");
  });
});

describe("a <details> block of hostile tags", () => {
  it("is read in one pass, and its cards still found", () => {
    // Looking for a closing tag from every opening one grew with their square (26 s for 50,000, minutes for these,
    // past the suite's time limit).
    const bank = bankOf(["n.md", `<details>\n- sample:\n  - Which pool hands out credentials?\n    - An identity pool; see ${LINK}\n${"<summary".repeat(150_000)}\n`]);
    expect(recall(bank).map((c) => c.title)).toEqual(["Which pool hands out credentials?"]);
  });
});

describe("reference-link definitions carried to the texts that use them", () => {
  it("keep a title that ends with a backslash, so the link still shows as a link", () => {
    const bank = bankOf(["n.md", '- sample:\n  - What does [the guide][cog] say?\n    - read it\n\n[cog]: https://docs.aws.amazon.com/cognito "C:\\\\"\n']);
    const [card] = recall(bank);
    expect(renderMarkdown(card!.stem, 200)).toBe("What does the guide (https://docs.aws.amazon.com/cognito) say?");
  });

  it("are looked up by label: a file of 10,000 cards each citing its own definition reads in moments", () => {
    let text = "# Pools\n\n";
    for (let i = 0; i < 10_000; i++) text += `- sample:\n  - What does [guide ${i}][g${i}] say about pool ${i}?\n    - See [g${i}]\n\n`;
    for (let i = 0; i < 10_000; i++) text += `[g${i}]: https://docs.aws.amazon.com/cognito/g${i}\n`;
    // Comparing every text with every definition grew with the square: 20 s for 4,000, past the suite's time limit
    // for these.
    const bank = bankOf(["n.md", text]);
    expect(recall(bank)[9999]!.answer).toContain("[g9999]: <https://docs.aws.amazon.com/cognito/g9999>");
  });
});

describe("a heading with no words", () => {
  it("ends the topic above it: what follows belongs to the enclosing topic", () => {
    const bank = bankOf(["n.md", md`
      # Cognito

      ## User pools

      Sign-in for app users.

      ##

      - sample:
        - Which pool hands out temporary AWS credentials?
          - An identity pool; see ${LINK}
    `]);
    expect(recall(bank).map((c) => c.topic)).toEqual([["Cognito"]]);
    const pools = bank.root.children[0]!.children.find((t) => t.title === "User pools")!;
    expect(pools.body).toBe("Sign-in for app users.");
  });
});

describe("an answer hidden in a <details> block under the question", () => {
  it("is the answer, without the tags and the summary, with its links as references", () => {
    const bank = bankOf(["n.md", md`
      # Pools

      - sample:
        - Which pool hands out temporary AWS credentials?
          <details><summary>Answer</summary>

          An identity pool; see ${LINK}

          </details>
        - Which token carries the user's groups?
          <details><summary>Show</summary>
          The ID token
          </details>
    `]);
    expect(recall(bank).map((c) => [c.stem, c.answer])).toEqual([
      ["Which pool hands out temporary AWS credentials?", `An identity pool; see ${LINK}`],
      ["Which token carries the user's groups?", "The ID token"],
    ]);
    expect(recall(bank)[0]!.references).toHaveLength(1);
  });
});

describe("a sample block in a <details> block with no blank line after its summary", () => {
  it("is read, at its lines, though markdown takes the whole block for HTML", () => {
    const bank = bankOf(["n.md", md`
      # Pools

      <details><summary>Practice</summary>
      - sample:
        - Which pool hands out temporary AWS credentials?
          - An identity pool; see ${LINK}
      </details>
    `]);
    expect(bank.diagnostics).toEqual([]);
    expect(recall(bank).map((c) => [c.title, c.answer, c.source.line])).toEqual([
      ["Which pool hands out temporary AWS credentials?", `- An identity pool; see ${LINK}`, 5],
    ]);
  });
});
