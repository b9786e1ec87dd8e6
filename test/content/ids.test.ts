import { describe, expect, it } from "vitest";
import { bankOf } from "../helpers/parse.js";

// Derived ids key learners' progress: these were computed by the reader before tables and lists in stems were
// normalised, and stems without tables or lists must keep them.
describe("derived ids", () => {
  const pinned: [markdown: string, id: string][] = [
    ["### Which token carries the user's groups?\n\n- [x] ID token\n- [ ] refresh token\n\n> e\n", "q-01cc706042"],
    ["### Which **Cognito** feature hands out `AWS` credentials?\n\n- [x] identity pool\n- [ ] user pool\n\n> e\n", "q-849d5bd42c"],
    ["## A developer   needs to *verify*   tokens. What next? (Choose TWO)\n\n- [x] a\n- [x] b\n- [ ] c\n\n> e\n", "q-7d02b4eec8"],
    ["### What does this policy allow?\n\n```json\n{ \"Effect\": \"Allow\" }\n```\n\n- [x] reading\n- [ ] writing\n\n> e\n", "q-79c8deb872"],
    ["### Read the scenario.\n\nA company runs an **ALB** in front of\nan app and wants sign-in.\n\nWhich listener rule works?\n\n- [x] authenticate-cognito\n- [ ] forward\n\n> e\n", "q-5ddc5e15bb"],
    ["### Entities &amp; escapes \\* here?\n\n- [x] a\n- [ ] b\n\n> e\n", "q-f8e4783715"],
    ["- sample:\n  - What does the refresh token let an app do?\n    - get new tokens\n", "q-84ab9003e3"],
    ["- Sample Q: Which flow uses **SRP**?\n  - USER_SRP_AUTH\n", "q-29d85ee5e3"],
    ["- Q: What does `token_use` say in an access token?\n  A: `access`\n", "q-253b2487a9"],
    ["Q: Where are the keys?\nA: At the JWKS URL\n", "q-012014cbd2"],
  ];
  it.each(pinned)("keeps the id of %j", (markdown, id) => {
    expect(bankOf(["x.md", markdown]).questions.map((q) => q.id)).toEqual([id]);
  });
});

describe("derived ids of stems with tables and lists", () => {
  const mcWith = (body: string) => `### Which row is right?\n\n${body}\n\n- [x] a\n- [ ] b\n\n> e\n`;
  const idOf = (markdown: string) => bankOf(["x.md", markdown]).questions[0]!.id;

  it("ignore a table's separator row, cell padding and emphasis", () => {
    const a = idOf(mcWith("| Factor | Plan |\n|---|---|\n| **MFA** | Essentials |"));
    const b = idOf(mcWith("| Factor   | Plan       |\n| :--- | --- |\n| MFA | _Essentials_ |"));
    expect(b).toBe(a);
    expect(idOf(mcWith("| Factor | Plan |\n|---|---|\n| MFA | Plus |"))).not.toBe(a);
  });

  it("ignore a list's markers, spacing and emphasis", () => {
    const a = idOf(mcWith("* the **ID** token\n* the access token"));
    const b = idOf(mcWith("+ the ID   token\n+   the _access_ token"));
    expect(b).toBe(a);
    expect(idOf(mcWith("* the ID token\n* the refresh token"))).not.toBe(a);
  });

  it("do the same in a recall card's question", () => {
    const card = (table: string) => `- sample:\n  - Which plan fits this table?\n\n    ${table.replace(/\n/g, "\n    ")}\n\n    - Essentials\n`;
    expect(idOf(card("| a | b |\n|---|---|\n| **1** | 2 |"))).toBe(idOf(card("| a | b |\n| --- | --- |\n| 1 | 2 |")));
  });
});
