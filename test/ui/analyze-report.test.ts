import { describe, expect, it } from "vitest";
import { analyseItems, learnersOf } from "../../src/analysis/item-analysis.js";
import { formatAnalysisGithub, formatAnalysisPretty } from "../../src/ui/analyze-report.js";
import { bankOf } from "../helpers/parse.js";
import { review } from "../analysis/synthetic.js";

describe("analyze report", () => {
  it("prints a question with more options than a call has room for arguments", () => {
    const options = 200_000;
    let markdown = "# Big\n\n## T\n\n### Which one is right?\n<!-- id: big-q -->\n\n- [x] option 0\n";
    for (let i = 1; i < options; i++) markdown += `- [ ] option ${i}\n`;
    const bank = bankOf(["big.md", markdown]);
    const at = new Date("2026-01-01T00:00:00Z");
    const files = Array.from({ length: 30 }, (_, l) => ({ name: `l${l}.jsonl`, records: [review("big-q", [`option ${l % 3}`], at)] }));
    const analysis = analyseItems(bank.questions, learnersOf(files));
    const view = { strict: false, all: true, logs: 30 };
    const pretty = formatAnalysisPretty(analysis, view);
    expect(pretty).toContain("big.md:5  big-q  Which one is right?");
    expect(pretty).toContain("option 199999");
    expect(formatAnalysisGithub(analysis, view, { cwd: "/", root: "/" })).toContain("option 199999");
  }, 30_000);
});
