// The quiz in the terminal: one screen per card, built from the session's CardView.

import type { MultipleChoiceQuestion, Question, Reference } from "../content/model.js";
import { escapeControls } from "../content/text.js";
import type { RatingName } from "../srs/model.js";
import type { CardView, ChoiceAction, ContinueAction, QuizUI, RatingAction, RevealAction, SessionSummary } from "../session/quiz-session.js";
import { pickCount } from "../session/grading.js";
import { formatInterval } from "../srs/interval.js";
import { chalk } from "./colour.js";
import { ask, choicePrompt, CLEAR_SCREEN, keyPrompt, optionLines, type KeyOption } from "./prompts.js";
import { renderInline, renderMarkdown, terminalWidth } from "./terminal-markdown.js";
import { cut, padEnd, wrapText } from "./layout.js";

type Write = (text: string) => void;

const RATING_LABEL: Record<RatingName, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

export class QuizScreens implements QuizUI {
  constructor(
    private readonly write: Write = (t) => process.stdout.write(t),
    private readonly title = "cogquiz",
    /** Lines for the first screen (recovered answers, skipped questions…), shown once. */
    private notes: string[] = [],
  ) {}

  /**
   * The card's screen (header, topic, question) as a function of nothing: each call lays it out at the current
   * width, so a resized terminal gets it redrawn to fit. Notes for the first screen are taken once, here.
   */
  private screen(view: CardView): () => string {
    // Clear the screen and scrollback so each card starts at the top.
    this.write(CLEAR_SCREEN);
    const notes = this.notes;
    this.notes = [];
    return () => {
      const width = terminalWidth();
      const out: string[] = [];
      for (const n of notes) out.push(wrapText(chalk.dim(escapeControls(n)), width));
      if (view.acknowledgement) out.push(wrapText(`${chalk.green("✓")} ${chalk.dim(escapeControls(view.acknowledgement))}`, width, "", "  "));
      const q = view.question;
      const kind = q.kind === "recall" ? "recall" : q.kind === "multiple" ? "multiple response" : "single answer";
      out.push(
        cut(`${chalk.bold(this.title)} ${chalk.dim(`· card ${view.number} · ${view.remaining} more queued · ${kind}`)}`, width),
        cut(chalk.dim(escapeControls(q.topic.join(" › "))), width),
        "",
        renderMarkdown(q.stem, width),
        "",
      );
      return out.join("\n");
    };
  }

  async askChoice(view: CardView): Promise<ChoiceAction> {
    const q = view.question as MultipleChoiceQuestion;
    const screen = this.screen(view);
    const pick = pickCount(q);
    const page = () => `${screen()}${q.kind === "multiple" ? `\n${chalk.yellow(`Choose ${pick}.`)}` : ""}`;
    const result = await ask(
      () =>
        choicePrompt({
          page,
          options: view.order.map((i) => renderInline(q.choices[i]!.text)),
          multiple: q.kind === "multiple",
          pick,
          canUndo: view.canUndo,
          canSkip: true,
        }),
      { type: "quit" } as const,
    );
    if (result.type !== "answer") return result;
    return { type: "answer", chosen: result.chosen.map((d) => view.order[d]!) };
  }

  private result(view: CardView, chosen: number[], correct: boolean): () => string {
    const q = view.question as MultipleChoiceQuestion;
    const screen = this.screen(view);
    return () => {
      const width = terminalWidth();
      const out: string[] = [screen(), correct ? chalk.green.bold("✔ Correct") : chalk.red.bold("✘ Not quite"), ""];
      view.order.forEach((i, d) => {
        const c = q.choices[i]!;
        const picked = chosen.includes(i);
        const mark = c.correct ? chalk.green("✔") : picked ? chalk.red("✘") : chalk.dim("·");
        const text = renderInline(c.text);
        const body = c.correct ? chalk.green(text) : picked ? chalk.red(text) : chalk.dim(text);
        out.push(optionLines(`${mark} ${chalk.dim(`${d + 1}.`)} `, `${body}${picked ? chalk.dim("  ← your answer") : ""}`, width));
      });
      for (const i of chosen) {
        const c = q.choices[i]!;
        if (!c.correct && c.feedback) out.push("", `${chalk.red("Why not that one:")}`, renderMarkdown(c.feedback, width));
      }
      if (q.explanation) out.push("", renderMarkdown(q.explanation, width));
      out.push(...this.references(q.references, q.explanation, width));
      return `${out.join("\n")}\n`;
    };
  }

  private references(refs: Reference[], already: string | undefined, width: number): string[] {
    const missing = refs.filter((r) => !already?.includes(r.url));
    return missing.map((r) => wrapText(`${chalk.dim("→")} ${escapeControls(r.title)} ${chalk.dim(escapeControls(r.url))}`, width, "", "  "));
  }

  private ratingOptions(view: CardView, ratings: RatingName[]): KeyOption<RatingAction>[] {
    const keys: Record<RatingName, string[]> = { again: ["1", "a"], hard: ["2", "h"], good: ["3", "g", "return", "space"], easy: ["4", "e"] };
    const opts: KeyOption<RatingAction>[] = ratings.map((r) => ({
      keys: keys[r],
      label: `${RATING_LABEL[r]} · ${view.intervals[r]}`,
      value: { type: "rate", rating: r },
    }));
    if (view.canUndo) opts.push({ keys: ["u"], label: "undo last", value: { type: "undo" } });
    opts.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return opts;
  }

  async rateCorrectChoice(view: CardView, chosen: number[]): Promise<RatingAction> {
    const page = this.result(view, chosen, true);
    return this.prompt(() => `${page()}\nHow easy was it?`, this.ratingOptions(view, ["hard", "good", "easy"]), { type: "quit" });
  }

  async showWrongChoice(view: CardView, chosen: number[], saved: string): Promise<ContinueAction> {
    const page = this.result(view, chosen, false);
    const options: KeyOption<ContinueAction>[] = [{ keys: ["return", "space", "c"], label: "continue", value: { type: "continue" } }];
    options.push({ keys: ["u"], label: "undo this answer", value: { type: "undo" } });
    options.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return this.prompt(() => `${page()}${chalk.green("✓")} ${chalk.dim(escapeControls(saved))}\n`, options, { type: "quit" });
  }

  async askRecall(view: CardView): Promise<RevealAction> {
    const screen = this.screen(view);
    const options: KeyOption<RevealAction>[] = [{ keys: ["space", "return"], label: "show the answer", value: { type: "reveal" } }];
    options.push({ keys: ["s"], label: "skip", value: { type: "skip" } });
    if (view.canUndo) options.push({ keys: ["u"], label: "undo last", value: { type: "undo" } });
    options.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return this.prompt(() => `${screen()}\n${chalk.dim("Answer it in your head first.")}`, options, { type: "quit" });
  }

  async rateRecall(view: CardView): Promise<RatingAction> {
    const screen = this.screen(view);
    const q = view.question;
    const page = () => {
      const width = terminalWidth();
      const out = [screen()];
      if (q.kind === "recall") {
        out.push(chalk.bold("Answer"), renderMarkdown(q.answer, width), ...this.references(q.references, q.answer, width), "");
      }
      return `${out.join("\n")}\nHow well did you know it?`;
    };
    return this.prompt(page, this.ratingOptions(view, ["again", "hard", "good", "easy"]), { type: "quit" });
  }

  private async prompt<T>(message: string | (() => string), options: KeyOption<T>[], interrupt: T): Promise<T> {
    return ask(() => keyPrompt({ message, options, interrupt }) as Promise<T>, interrupt);
  }
}

/**
 * The per-topic rows of a summary, at one depth: the top-level areas, or the topics one level down when every
 * answer falls in one area. Sorted by name; names are never cut (a long one wraps under itself).
 */
export function topicRows(byTopic: ReadonlyMap<string, { answered: number; correct: number }>, width = terminalWidth()): string[] {
  const paths = [...byTopic.keys()].map((k) => k.split(" › "));
  const oneArea = new Set(paths.map((p) => p[0])).size === 1;
  const depth = oneArea && paths.some((p) => p.length > 1) ? 2 : 1;
  const rows = new Map<string, { answered: number; correct: number }>();
  for (const [key, t] of byTopic) {
    const name = key.split(" › ").slice(0, depth).join(" › ");
    const r = rows.get(name) ?? { answered: 0, correct: 0 };
    r.answered += t.answered;
    r.correct += t.correct;
    rows.set(name, r);
  }
  const counts = [...rows.values()].map((t) => `${t.correct}/${t.answered}`);
  const countWidth = Math.max(...counts.map((c) => c.length), 3);
  return [...rows.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, t]) => {
      const pct = `${String(Math.round((100 * t.correct) / t.answered)).padStart(3)}%`;
      const lead = `  ${`${t.correct}/${t.answered}`.padStart(countWidth)} right ${pct}  `;
      return wrapText(escapeControls(name), width, lead, " ".repeat(lead.length));
    });
}

export function formatSummary(s: SessionSummary, now: Date, questions: readonly Question[]): string {
  const lines: string[] = [];
  if (s.lastSaved) lines.push(wrapText(`${chalk.green("✓")} ${chalk.dim(escapeControls(s.lastSaved))}`, terminalWidth(), "", "  "));
  const minutes = Math.max(0, (s.endedAt.getTime() - s.startedAt.getTime()) / 60_000);
  if (s.nothingToDo) {
    lines.push(chalk.bold("Nothing is due right now and today's new cards are done."));
  } else if (s.answered === 0) {
    lines.push(`${chalk.bold("Session over")}: nothing answered${s.skipped ? `, ${s.skipped} skipped` : ""}.`);
  } else {
    const pct = s.answered > 0 ? Math.round((100 * s.correct) / s.answered) : 0;
    lines.push(
      `${chalk.bold("Session over")}: ${s.answered} answered, ${pct}% right${s.skipped ? `, ${s.skipped} skipped` : ""}, ${minutes < 1 ? "under a minute" : `${Math.round(minutes)} min`}.`,
    );
    lines.push(...topicRows(s.byTopic));
  }
  for (const q of s.leeches) lines.push(chalk.yellow(`Leech: ${q.id} (${escapeControls(q.title.slice(0, 60))}) keeps slipping; rewrite it or \`cogquiz suspend ${q.id}\`.`));
  if (s.nextDue) {
    const wait = s.nextDue.getTime() - now.getTime();
    lines.push(wait <= 0 ? "More cards are due now." : `Next card due in ${formatInterval(wait)}.`);
  } else if (questions.length > 0) {
    lines.push("No reviews scheduled yet.");
  }
  return `${lines.join("\n")}\n`;
}
