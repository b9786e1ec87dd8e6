import { describe, expect, it } from "vitest";
import { toAnki, toCsv, toJson } from "../../src/session/export.js";
import { bankOf } from "../helpers/parse.js";
import { SESSION_BANK } from "../helpers/bank-fixture.js";

const bank = bankOf(["s.md", `---\ntags: [quiz night, fixture]\n---\n${SESSION_BANK}\n### A code question?\n<!-- id: fx-code -->\n\n\`\`\`json\n{ "Effect":\t"Allow",\n  "Action": "s3:GetObject" }\n\`\`\`\n\n- [x] Read\n- [ ] Write\n\n> Only reads.\n`]);

/** Anki's reading of the file: header lines, then tab-separated fields. */
function parseAnki(text: string) {
  const lines = text.split("\n").filter(Boolean);
  const headers = Object.fromEntries(lines.filter((l) => l.startsWith("#")).map((l) => l.slice(1).split(":") as [string, string]));
  const rows = lines.filter((l) => !l.startsWith("#")).map((l) => l.split("\t"));
  return { headers, rows };
}

describe("export", () => {
  it("writes a TSV Anki imports as Basic notes, one line per question, ids as guids", () => {
    const { headers, rows } = parseAnki(toAnki(bank.questions));
    expect(headers).toEqual({ separator: "tab", html: "true", notetype: "Basic", deck: "cogquiz", "guid column": "1", "tags column": "4" });
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(bank.questions.map((q) => q.id));
    const sky = rows.find((r) => r[0] === "fx-single-sky")!;
    expect(sky[1]).toContain("Which colour is a clear daytime sky?");
    expect(sky[1]).toContain("<li>Green like grass</li>");
    expect(sky[2]).toContain("<li>Blue like the sea</li>");
    expect(sky[2]).not.toContain("Green like grass");
    expect(sky[2]).toContain("Scattered sunlight makes it blue.");
    expect(sky[3]!.split(" ")).toEqual(["Session-fixture", "Singles", "quiz-night", "fixture"]);
    const paris = rows.find((r) => r[0] === "fx-recall-paris")!;
    expect(paris[2]).toContain("Paris");
    const code = rows.find((r) => r[0] === "fx-code")!;
    expect(code[1]).toContain("&quot;Effect&quot;:"); // quotes as entities; the tab inside the code became a space
    expect(code[1]).toMatch(/<pre><code[^>]*>\{ &quot;Effect&quot;: &quot;Allow&quot;,<br>/);
    expect(rows.flat().every((f) => !f.startsWith('"'))).toBe(true);
  });

  it("writes CSV with one quoted row per question and the learner's state", () => {
    const state = { due: "2026-03-12T00:00:00.000Z", stability: 4.5, difficulty: 5, elapsedDays: 0, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, phase: "review" as const };
    const csv = toCsv(bank.questions, (id) => (id === "fx-single-sky" ? state : undefined));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,topic,kind,stem,options,keys,explanation,answer,tags,due,stability,difficulty,reps,lapses,phase,suspended");
    expect(lines).toHaveLength(bank.questions.length + 1);
    expect(lines[1]).toContain('fx-single-sky,Session fixture / Singles,single,Which colour is a clear daytime sky?,"[""Green like grass""');
    expect(lines[1]).toContain("2026-03-12T00:00:00.000Z,4.5,5,2,0,review,");
  });

  it("writes JSON with every question, its keys and progress", () => {
    const json = JSON.parse(toJson(bank.questions, () => undefined, new Date("2026-03-10T00:00:00Z")));
    expect(json.version).toBe(1);
    expect(json.questions).toHaveLength(bank.questions.length);
    expect(json.questions.find((q: { id: string }) => q.id === "fx-multi-primes")).toMatchObject({ kind: "multiple", keys: ["Seven", "Eleven"], progress: null });
  });
});
