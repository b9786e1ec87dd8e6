// The quiz in the terminal: one screen per card, built from the session's CardView.

import type { MultipleChoiceQuestion, Question, Reference } from "../content/model.js";
import { escapeControls } from "../content/text.js";
import type { RatingName } from "../srs/model.js";
import type { CardView, ChoiceAction, ContinueAction, QuizUI, RatingAction, RevealAction, SessionSummary } from "../session/quiz-session.js";
import { pickCount } from "../session/grading.js";
import { formatInterval } from "../srs/interval.js";
import { chalk } from "./colour.js";
import { ask, choicePrompt, CLEAR_SCREEN, keyPrompt, type KeyOption } from "./prompts.js";
import { renderMarkdown, renderOption, terminalWidth } from "./terminal-markdown.js";

type Write = (text: string) => void;

const RATING_LABEL: Record<RatingName, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

export class QuizScreens implements QuizUI {
  constructor(
    private readonly write: Write = (t) => process.stdout.write(t),
    private readonly title = "cogquiz",
    /** Lines for the first screen (recovered answers, skipped questions…), shown once. */
    private notes: string[] = [],
  ) {}

  private screen(view: CardView): void {
    // Clear the screen and scrollback so each card starts at the top.
    this.write(CLEAR_SCREEN);
    for (const n of this.notes) this.write(`${chalk.dim(escapeControls(n))}\n`);
    this.notes = [];
    if (view.acknowledgement) this.write(`${chalk.green("✓")} ${chalk.dim(escapeControls(view.acknowledgement))}\n`);
    const q = view.question;
    const kind = q.kind === "recall" ? "recall" : q.kind === "multiple" ? "multiple response" : "single answer";
    this.write(
      `${chalk.bold(this.title)} ${chalk.dim(`· card ${view.number} · ${view.remaining} more queued · ${kind}`)}\n` +
        `${chalk.dim(escapeControls(q.topic.join(" › ")))}\n\n`,
    );
    // A recall card's label from the notes ("- sample: `token_use`") is shown as a hint above its question.
    if (q.kind === "recall" && q.hint !== undefined) this.write(`${chalk.dim("Hint:")} ${renderMarkdown(q.hint).trim()}\n\n`);
    this.write(`${renderMarkdown(q.stem)}\n\n`);
  }

  async askChoice(view: CardView): Promise<ChoiceAction> {
    const q = view.question as MultipleChoiceQuestion;
    this.screen(view);
    const pick = pickCount(q);
    if (q.kind === "multiple") this.write(`${chalk.yellow(`Choose ${pick}.`)}\n`);
    const result = await ask(
      () =>
        choicePrompt({
          options: view.order.map((i) => renderOption(q.choices[i]!.text, 6)),
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

  private result(view: CardView, chosen: number[], correct: boolean): void {
    const q = view.question as MultipleChoiceQuestion;
    this.screen(view);
    this.write(correct ? chalk.green.bold("✔ Correct\n\n") : chalk.red.bold("✘ Not quite\n\n"));
    view.order.forEach((i, d) => {
      const c = q.choices[i]!;
      const picked = chosen.includes(i);
      const mark = c.correct ? chalk.green("✔") : picked ? chalk.red("✘") : chalk.dim("·");
      const text = renderOption(c.text, 5);
      const body = c.correct ? chalk.green(text) : picked ? chalk.red(text) : chalk.dim(text);
      this.write(`${mark} ${chalk.dim(`${d + 1}.`)} ${body}${picked ? chalk.dim("  ← your answer") : ""}\n`);
    });
    for (const i of chosen) {
      const c = q.choices[i]!;
      if (!c.correct && c.feedback) this.write(`\n${chalk.red("Why not that one:")} ${renderMarkdown(c.feedback)}\n`);
    }
    if (q.explanation) this.write(`\n${renderMarkdown(q.explanation)}\n`);
    this.references(q.references, q.explanation);
    this.write("\n");
  }

  private references(refs: Reference[], already?: string): void {
    const missing = refs.filter((r) => !already?.includes(r.url));
    for (const r of missing) this.write(`${chalk.dim("→")} ${escapeControls(r.title)} ${chalk.dim(escapeControls(r.url))}\n`);
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
    this.result(view, chosen, true);
    return this.prompt("How easy was it?", this.ratingOptions(view, ["hard", "good", "easy"]), { type: "quit" });
  }

  async showWrongChoice(view: CardView, chosen: number[], saved: string): Promise<ContinueAction> {
    this.result(view, chosen, false);
    this.write(`${chalk.green("✓")} ${chalk.dim(escapeControls(saved))}\n`);
    const options: KeyOption<ContinueAction>[] = [{ keys: ["return", "space", "c"], label: "continue", value: { type: "continue" } }];
    options.push({ keys: ["u"], label: "undo this answer", value: { type: "undo" } });
    options.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return this.prompt("", options, { type: "quit" });
  }

  async askRecall(view: CardView): Promise<RevealAction> {
    this.screen(view);
    const options: KeyOption<RevealAction>[] = [{ keys: ["space", "return"], label: "show the answer", value: { type: "reveal" } }];
    options.push({ keys: ["s"], label: "skip", value: { type: "skip" } });
    if (view.canUndo) options.push({ keys: ["u"], label: "undo last", value: { type: "undo" } });
    options.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return this.prompt(chalk.dim("Answer it in your head first."), options, { type: "quit" });
  }

  async rateRecall(view: CardView): Promise<RatingAction> {
    this.screen(view);
    const q = view.question;
    if (q.kind === "recall") {
      this.write(`${chalk.bold("Answer")}\n${renderMarkdown(q.answer)}\n`);
      this.references(q.references, q.answer);
      this.write("\n");
    }
    return this.prompt("How well did you know it?", this.ratingOptions(view, ["again", "hard", "good", "easy"]), { type: "quit" });
  }

  private async prompt<T>(message: string, options: KeyOption<T>[], interrupt: T): Promise<T> {
    return ask(() => keyPrompt({ message, options, interrupt }) as Promise<T>, interrupt);
  }
}

export function formatSummary(s: SessionSummary, now: Date, questions: readonly Question[]): string {
  const lines: string[] = [];
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
    const width = Math.min(60, terminalWidth() - 20);
    for (const [topic, t] of [...s.byTopic.entries()].sort((a, b) => b[1].answered - a[1].answered)) {
      const name = topic.length > width ? `${topic.slice(0, width - 1)}…` : topic.padEnd(width);
      lines.push(`  ${escapeControls(name)} ${String(t.correct).padStart(3)}/${t.answered} right`);
    }
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
