// The text `cogquiz readiness` (and the readiness section of `cogquiz stats`) prints, laid out for the terminal's
// width: each line wraps under itself, a topic's or a domain's name under its name.

import type { Readiness } from "../analysis/readiness.js";
import { escapePlain } from "../content/text.js";
import { plural, reportWidth, wrapText } from "./layout.js";

export function formatReadiness(r: Readiness, when: string, width = reportWidth()): string {
  const pct = (x: number | null) => (x === null ? "  –  " : `${(x * 100).toFixed(0).padStart(3)} %`);
  /** A line: its text, what starts its first row, and what starts the rows it wraps onto. */
  const lines: [string, string, string][] = [];
  const line = (text: string, first = "", rest = first) => lines.push([text, first, rest]);
  const render = () => `${lines.map(([t, first, rest]) => (t === "" ? "" : wrapText(t, width, first, rest))).join("\n")}\n`;
  if (r.cards.total === 0) {
    // Nothing to predict: no mean of nothing, no empty table.
    line(`Readiness ${when}: the content set has no cards, so there is nothing to predict. \`cogquiz topics\` shows what it holds.`);
    return render();
  }
  line(`Readiness ${when}: mean predicted recall ${pct(r.meanRecall).trim()} over ${plural(r.cards.total, "card")} (${r.cards.seen} seen; unseen count as 0).`);
  line(r.statement);
  line("");
  line("By topic:");
  const row = (recall: number | null, text: string) => {
    const lead = `  ${pct(recall)}  `;
    line(text, lead, " ".repeat(lead.length));
  };
  for (const t of r.topics) row(t.recall, `${escapePlain(t.name)} (${t.seen}/${t.cards} seen)`);
  if (r.guide) {
    line("");
    line(`By domain of ${r.guide.title}:`);
    for (const d of r.guide.domains) row(d.recall, `${d.id}. ${d.name} (${(d.weight * 100).toFixed(0)} % of the exam; ${plural(d.cards, "card")})`);
    if (r.guide.missingDomains.length > 0) {
      const none = r.guide.missingDomains.length === r.guide.domains.length;
      line(
        none
          ? `No domain of ${r.guide.title} has a multiple-choice question of this content set, so there is no P(pass) for the exam (\`domains:\` in a file's front matter, or \`<!-- domains: … -->\` on a question, maps it to the guide: docs/question-format.md).`
          : `No questions for: ${r.guide.missingDomains.join(", ")}. With part of the guide covered, there is no P(pass) for the whole exam.`,
        "  ",
      );
    }
  }
  if (r.score) {
    line("");
    line(
      `Predicted score on forms of ${r.score.questions} of these questions (100-1000): median ${r.score.median}, 80 % between ${r.score.low} and ${r.score.high}` +
        (r.score.pPass !== null && r.guide ? `; P(reaching ${r.guide.passScore}) ${(r.score.pPass * 100).toFixed(0)} %.` : "."),
    );
    line(`Guessing: ${r.guessing}.`);
  }
  return render();
}
