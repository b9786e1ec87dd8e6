import { describe, expect, it } from "vitest";
import { matchTopics } from "../../src/session/topic-filter.js";
import { bankOf } from "../helpers/parse.js";

const q = (title: string, id: string) => `### ${title}? <!-- id: ${id} -->\n\n- [x] a\n- [ ] b\n\n> e\n\n`;

const bank = bankOf(
  ["a.md", `---\ntags: [alb-listeners]\n---\n\n# Networking\n\n${q("Listener", "net-alb-auth")}`],
  ["b.md", `# Identity\n\n## Identity tokens overview\n\n${q("Overview", "idt-overview")}# Pools\n\n## Tokens\n\n${q("Scopes", "pool-scopes")}## Tokens and refresh\n\n${q("Refresh", "pool-refresh")}`],
);

describe("--topic matching", () => {
  it("finds questions by a tag, whole or as the start of one, but not inside a word", () => {
    expect(matchTopics(bank.root, bank.questions, "alb").questions.map((x) => x.id)).toEqual(["net-alb-auth"]);
    expect(matchTopics(bank.root, bank.questions, "alb-listeners").also).toEqual(['tag "alb-listeners"']);
    expect(matchTopics(bank.root, bank.questions, "listeners").questions).toEqual([]);
  });

  it("finds questions by the start of their id", () => {
    const m = matchTopics(bank.root, bank.questions, "pool-");
    expect(m.questions.map((x) => x.id).sort()).toEqual(["pool-refresh", "pool-scopes"]);
    expect(m.also).toEqual(['ids starting "pool-"']);
  });

  it("ranks the topic titled exactly the name first, then titles starting with it, then the rest", () => {
    const m = matchTopics(bank.root, bank.questions, "Tokens");
    expect(m.topics.map((t) => t.title)).toEqual(["Tokens", "Tokens and refresh", "Identity tokens overview"]);
  });
});
