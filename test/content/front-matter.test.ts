import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { simpleYaml, splitFrontMatter } from "../../src/content/front-matter.js";
import { bankOf, recall } from "../helpers/parse.js";

// The reader takes common front matter without the YAML library; it must read exactly what the library reads, and
// leave everything else to it.
const library = (text: string): unknown => parse(text, { prettyErrors: false, maxAliasCount: 100, logLevel: "error" });

describe("front matter without the YAML library", () => {
  it("reads the usual shapes as the library does", () => {
    for (const text of [
      "tags: [bench]",
      "tags: [user-pools, tokens]\ndomain: Security",
      "topic: Row-level security in DynamoDB\ntags: [dynamodb]",
      "tags: []\n\ndomain: Security",
      "tags:",
      "tags: single-tag",
      "tags: [ a ,b.c , d/e ]  ",
    ]) {
      expect(simpleYaml(text), text).toEqual(library(text));
    }
  });

  it("leaves to the library what it cannot be sure of", () => {
    for (const text of [
      "tags: [2024]",
      "tags: [true]",
      "domain: null",
      "domains: [dva-c02:2.1]",
      "tags: ['quoted']",
      "tags: [a] # comment",
      "tags:\n  - a\n  - b",
      "tags: [a]\ntags: [b]",
      "topic: Tokens: the three kinds",
      "",
      "yes: x",
    ]) {
      expect(simpleYaml(text), text).toBeUndefined();
    }
  });

  it("agrees with the library on any text it accepts", () => {
    // Mostly words that can be plain strings, now and then a character or word YAML reads otherwise.
    const word = fc.constantFrom("a", "B", "tags", "Security", "x1", "e-2", "a.b", "c/d", "a_b", "Z9", "user-pools");
    const odd = fc.constantFrom("1", "0x1", "1.5", ".inf", "true", "Null", "no", "Y", "~", "-", "_", ":", "#", "'", '"', "*", "&", "!", "|", ">", "%", "@", "{", "}", "?", "[", "]", ",", "\t", "  ", ": ", "- ", "\n", "\n  ");
    const token = fc.oneof({ arbitrary: word, weight: 8 }, { arbitrary: odd, weight: 1 });
    const scalar = fc.array(token, { minLength: 1, maxLength: 4 }).chain((ws) =>
      fc.array(fc.constantFrom(" ", " ", " ", ""), { minLength: ws.length, maxLength: ws.length }).map((gaps) => ws.map((w, i) => w + (i < ws.length - 1 ? gaps[i] : "")).join("")),
    );
    const sep = fc.constantFrom(", ", ",", " , ", ",\t", " ,");
    const list = fc.array(fc.tuple(scalar, sep), { maxLength: 4 }).map((items) => `[${items.map(([v, s], i) => (i < items.length - 1 ? v + s : v)).join("")}]`);
    const key = fc.oneof({ arbitrary: fc.constantFrom("tags", "topic", "domain", "domains", "x-y", "_k"), weight: 6 }, { arbitrary: fc.constantFrom("__proto__", "y", "null", "1", " tags", "a b"), weight: 1 });
    const value = fc.oneof(scalar, list, fc.constantFrom("", "[]", "[ ]"));
    const line = fc.tuple(key, fc.constantFrom(": ", ":", ":\t", ":  "), value, fc.constantFrom("", " ", "\t")).map((p) => p.join(""));
    const block = fc.array(fc.oneof({ arbitrary: line, weight: 6 }, { arbitrary: fc.constantFrom("", "  "), weight: 1 }), { minLength: 1, maxLength: 4 }).map((lines) => lines.join("\n"));
    let accepted = 0;
    fc.assert(
      fc.property(block, (yamlText) => {
        const fast = simpleYaml(yamlText);
        if (fast === undefined) return;
        accepted++;
        expect(fast, JSON.stringify(yamlText)).toEqual(library(yamlText));
      }),
      { numRuns: 4000 },
    );
    // The property is about accepted texts: make sure there were many.
    expect(accepted).toBeGreaterThan(1000);
  });

  it("gives the same front matter either way", () => {
    const file = "---\ntags: [user-pools, tokens]\ndomain: Security\ntopic: Tokens\n---\n\n# Tokens\n";
    const result = splitFrontMatter(file);
    expect(result.frontMatter).toEqual({ tags: ["user-pools", "tokens"], domain: "Security", topic: "Tokens" });
    expect(result.bodyLineOffset).toBe(5);
    expect(result.problems).toEqual([]);
  });
});

describe("YAML errors in front matter", () => {
  const problemOf = (file: string) => splitFrontMatter(file).problems;

  it("point at the line and column the mistake is on, not at the block's first line", () => {
    // An indented line under a plain value: the library starts the error at the value; the indented line is wrong.
    expect(problemOf("---\ntopic: X\ntags: [a]\ndomain: Sec\n  bad: indent: here\n---\n# T\n")).toEqual([
      { line: 5, column: 6, message: expect.stringContaining("front matter is not valid YAML") },
    ]);
    expect(problemOf("---\ntopic: X\ntags: [a]\ntopic: Y\n---\n# T\n")).toEqual([
      { line: 4, column: 1, message: expect.stringContaining("Map keys must be unique") },
    ]);
    // The library places a missing closing quote where the line ends.
    expect(problemOf("---\ntags: [a]\ntopic: \"open\n---\n# T\n")).toMatchObject([{ line: 3, column: 13 }]);
    expect(problemOf("---\ntopic: a\n\tdomain: b\n---\n# T\n")).toMatchObject([{ line: 3, column: 1 }]);
  });

  it("without a place from the library, point at the block's first line", () => {
    expect(problemOf("---\ntopic: X\ntags: *nowhere\n---\n# T\n")).toEqual([
      { line: 2, column: 1, message: expect.stringContaining("Unresolved alias") },
    ]);
  });
});

describe("TOML front matter between +++ lines", () => {
  const file = [
    "+++",
    'title = "Hugo page"',
    'topic = "Amazon Cognito" # the topic',
    "tags = [\"alb\", 'apigw']",
    "domain = 3",
    "[params]",
    'topic = "not this one"',
    "+++",
    "",
    "- sample:",
    "  - Which pool hands out temporary AWS credentials?",
    "    - An identity pool; see [Identity pools](https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-identity.html)",
    "",
  ].join("\n");

  it("gives the file its topic and tags, keeps the block out of the notes, and counts lines after it", () => {
    const bank = bankOf(["hugo.md", file]);
    const [card] = recall(bank);
    expect(card).toMatchObject({ topic: ["Amazon Cognito"], tags: ["alb", "apigw"], source: { line: 11 } });
    expect(bank.root.children.map((t) => t.title)).toEqual(["Amazon Cognito"]);
    expect(bank.root.children[0]!.body).not.toContain("+++");
  });

  it("reports a key of the wrong type at its line", () => {
    expect(splitFrontMatter(file).problems).toEqual([{ line: 5, column: 1, message: "front matter `domain` must be a string" }]);
  });

  it("leaves a comment out of the value, quotes in it or not", () => {
    const { frontMatter, problems } = splitFrontMatter('+++\ntopic = "Amazon Cognito" # it\'s "the" topic\ntags = ["alb"] # one\n+++\n');
    expect(problems).toEqual([]);
    expect(frontMatter).toMatchObject({ topic: "Amazon Cognito", tags: ["alb"] });
  });

  it("reads a long line in one pass", () => {
    // Backtracking over the spaces grew with their square: 17 s for 100,000 of them, minutes for these, past the
    // suite's time limit; one pass reads them at once.
    const { frontMatter } = splitFrontMatter(`+++\ntopic = Cognito${" ".repeat(400_000)}x\n+++\n`);
    expect(frontMatter.topic).toBe(`Cognito${" ".repeat(400_000)}x`);
  });
});
