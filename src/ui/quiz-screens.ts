// The quiz in the terminal: one screen per card, built from the session's CardView.

import type { MultipleChoiceQuestion, Question, Reference } from "../content/model.js";
import { escapeControls, escapePlain } from "../content/text.js";
import type { RatingName } from "../srs/model.js";
import type { CardView, ChoiceAction, ContinueAction, LimitHit, QuizUI, RatingAction, RevealAction, SessionSummary } from "../session/quiz-session.js";
import { pickCount } from "../session/grading.js";
import { formatInterval } from "../srs/interval.js";
import { daysUntilExam } from "../srs/exam-rule.js";
import { chalk } from "./colour.js";
import { ask, choicePrompt, CLEAR_SCREEN, keyPrompt, optionLines, type KeyOption } from "./prompts.js";
import { renderInline, renderMarkdown, terminalWidth } from "./terminal-markdown.js";
import { cut, displayWidth, joinHints, padEnd, wrapText } from "./layout.js";
import type { ScreenParts } from "./screen.js";

type Write = (text: string) => void;

/** Notes printed outside a card's screen: dim, each wrapped to the terminal on lines of its own. */
const notesText = (notes: readonly string[]): string => notes.map((n) => `${wrapText(chalk.dim(escapeControls(n)), terminalWidth())}\n`).join("");

const RATING_LABEL: Record<RatingName, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

export class QuizScreens implements QuizUI {
  constructor(
    private readonly write: Write = (t) => process.stdout.write(t),
    private readonly title = "cogquiz",
    /** Lines for the first screen (recovered answers, skipped questions…), shown once. */
    private notes: string[] = [],
  ) {}

  /** The first screen's notes, when it was drawn without them to keep its card in sight; for the session's end. */
  private deferred: string[] = [];

  /** The notes the first card's screen had no room for, wrapped, once; "" when it showed them. */
  takeDeferredNotes(): string {
    const notes = this.deferred;
    this.deferred = [];
    return notesText(notes);
  }

  /** The first screen's notes when no card took them (a session that showed none), wrapped; once. */
  takeNotes(first: readonly string[] = []): string {
    const notes = [...first, ...this.notes];
    this.notes = [];
    return notesText(notes);
  }

  /**
   * The card's screen (header, topic, question) as a function of nothing: each call lays it out at the current
   * width, so a resized terminal gets it redrawn to fit. Notes for the first screen are taken once, here. The
   * status line is the screen's head, kept in sight when the card is taller than the terminal; the body's lines
   * end with the question.
   */
  private screen(view: CardView): () => { lead: string; short: Pick<ScreenParts, "leadShort" | "onLeadCut">; head: string; body: string[] } {
    // Clear the screen and scrollback so each card starts at the top.
    this.write(CLEAR_SCREEN);
    const notes = this.notes;
    this.notes = [];
    return () => {
      const width = terminalWidth();
      const lead: string[] = [];
      for (const n of notes) lead.push(wrapText(chalk.dim(escapeControls(n)), width));
      const ack = view.acknowledgement ? [wrapText(`${chalk.green("✓")} ${chalk.dim(escapeControls(view.acknowledgement))}`, width, "", "  ")] : [];
      lead.push(...ack);
      // Notes that would push the card down a screen too small for both wait for the session's end, said in a line.
      const short =
        notes.length === 0
          ? {}
          : {
              leadShort: [wrapText(chalk.dim(`${notes.length === 1 ? "1 note" : `${notes.length} notes`} for this session, shown when it ends`), width), ...ack].join("\n"),
              onLeadCut: () => {
                this.deferred = notes;
              },
            };
      const q = view.question;
      const body: string[] = [];
      if (view.number === 1 && view.extraNew > 0) body.push(wrapText(chalk.yellow(`extra study: ${cards(view.extraNew, "new card")} beyond today's limit`), width));
      body.push(cut(chalk.dim(escapeControls(q.topic.join(" › "))), width), "");
      // A recall card's label from the notes ("- sample: `token_use`") is shown as a hint above its question.
      if (q.kind === "recall" && q.hint !== undefined) body.push(wrapText(`${chalk.dim("Hint:")} ${renderMarkdown(q.hint, width).trim()}`, width), "");
      body.push(renderMarkdown(q.stem, width));
      return { lead: lead.join("\n"), short, head: cardHeader(this.title, view, width), body: body.join("\n").split("\n") };
    };
  }

  async askChoice(view: CardView): Promise<ChoiceAction> {
    const q = view.question as MultipleChoiceQuestion;
    const screen = this.screen(view);
    const pick = pickCount(q);
    const page = (): ScreenParts => {
      const { lead, short, head, body } = screen();
      return { lead, ...short, head, body: [...body, "", ...(q.kind === "multiple" ? [chalk.yellow(`Choose ${pick}.`)] : [])].join("\n") };
    };
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

  /**
   * The answered card: the question, the verdict, every option marked (the key, the answer given), then why not
   * and the explanation. The verdict and the marked options are the focus, in sight first on a small terminal.
   */
  private result(view: CardView, chosen: number[], correct: boolean, foot: () => string, gap: boolean): () => ScreenParts {
    const q = view.question as MultipleChoiceQuestion;
    const screen = this.screen(view);
    return () => {
      const width = terminalWidth();
      const { lead, short, head, body } = screen();
      const out: string[] = [...body, ""];
      const from = out.length;
      out.push(correct ? chalk.green.bold("✔ Correct") : chalk.red.bold("✘ Not quite"), "");
      view.order.forEach((i, d) => {
        const c = q.choices[i]!;
        const picked = chosen.includes(i);
        const mark = c.correct ? chalk.green("✔") : picked ? chalk.red("✘") : chalk.dim("·");
        const text = renderInline(c.text);
        const body = c.correct ? chalk.green(text) : picked ? chalk.red(text) : chalk.dim(text);
        out.push(...optionLines(`${mark} ${chalk.dim(`${d + 1}.`)} `, `${body}${picked ? chalk.dim("  ← your answer") : ""}`, width).split("\n"));
      });
      const to = out.length;
      for (const i of chosen) {
        const c = q.choices[i]!;
        if (!c.correct && c.feedback) out.push("", `${chalk.red("Why not that one:")}`, renderMarkdown(c.feedback, width));
      }
      if (q.explanation) out.push("", renderMarkdown(q.explanation, width));
      out.push(...this.references(q.references, q.explanation, width));
      return { lead, ...short, head, body: out.join("\n"), focus: { from, to }, gap, foot: foot() };
    };
  }

  private references(refs: Reference[], already: string | undefined, width: number): string[] {
    const missing = refs.filter((r) => !already?.includes(r.url));
    return missing.map((r) => wrapText(`${chalk.dim("→")} ${escapeControls(r.title)} ${chalk.dim(escapeControls(r.url))}`, width, "", "  "));
  }

  /** `undo`: what `u` does here, if anything: take back this card's answer, or the last saved one. */
  private ratingOptions(view: CardView, ratings: RatingName[], undo: "this" | "last", againLabel = RATING_LABEL.again): KeyOption<RatingAction>[] {
    const keys: Record<RatingName, string[]> = { again: ["1", "a"], hard: ["2", "h"], good: ["3", "g", "return", "space"], easy: ["4", "e"] };
    const opts: KeyOption<RatingAction>[] = ratings.map((r) => ({
      keys: keys[r],
      label: `${r === "again" ? againLabel : RATING_LABEL[r]} · ${view.intervals[r]}`,
      value: { type: "rate", rating: r },
    }));
    if (undo === "this") opts.push({ keys: ["u"], label: "undo: back to the question", value: { type: "undo" } });
    else if (view.canUndo) opts.push({ keys: ["u"], label: "undo last", value: { type: "undo" } });
    opts.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return opts;
  }

  async rateCorrectChoice(view: CardView, chosen: number[]): Promise<RatingAction> {
    const page = this.result(view, chosen, true, () => "How easy was it?", true);
    return this.prompt(page, this.ratingOptions(view, ["again", "hard", "good", "easy"], "this", "Again (I guessed)"), { type: "quit" });
  }

  async showWrongChoice(view: CardView, chosen: number[], saved: string): Promise<ContinueAction> {
    const page = this.result(view, chosen, false, () => wrapText(`${chalk.green("✓")} ${chalk.dim(escapeControls(saved))}`, terminalWidth(), "", "  "), false);
    const options: KeyOption<ContinueAction>[] = [{ keys: ["return", "space", "c"], label: "continue", value: { type: "continue" } }];
    options.push({ keys: ["u"], label: "undo this answer", value: { type: "undo" } });
    options.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    return this.prompt(page, options, { type: "quit" });
  }

  async askRecall(view: CardView): Promise<RevealAction> {
    const screen = this.screen(view);
    const options: KeyOption<RevealAction>[] = [{ keys: ["space", "return"], label: "show the answer", value: { type: "reveal" } }];
    options.push({ keys: ["s"], label: "skip", value: { type: "skip" } });
    if (view.canUndo) options.push({ keys: ["u"], label: "undo last", value: { type: "undo" } });
    options.push({ keys: ["q"], label: "quit", value: { type: "quit" } });
    const page = (): ScreenParts => {
      const { lead, short, head, body } = screen();
      return { lead, ...short, head, body: body.join("\n"), gap: true, foot: chalk.dim("Answer it in your head first.") };
    };
    return this.prompt(page, options, { type: "quit" });
  }

  async rateRecall(view: CardView): Promise<RatingAction> {
    const screen = this.screen(view);
    const q = view.question;
    const page = (): ScreenParts => {
      const width = terminalWidth();
      const { lead, short, head, body } = screen();
      const out = [...body, ""];
      const from = out.length;
      if (q.kind === "recall") {
        out.push(chalk.bold("Answer"), renderMarkdown(q.answer, width), ...this.references(q.references, q.answer, width));
      }
      const text = out.join("\n");
      // The answer is what this screen is for: in sight first.
      return { lead, ...short, head, body: text, focus: { from, to: text.split("\n").length }, gap: true, foot: "How well did you know it?" };
    };
    return this.prompt(page, this.ratingOptions(view, ["again", "hard", "good", "easy"], "last"), { type: "quit" });
  }

  /** The end of a session with new cards held back by today's limit: offer them as extra study. */
  offerExtraStudy(count: number): Promise<boolean> {
    return this.offerExtra(`${cards(count, "new card")} beyond today's limit`);
  }

  /** Exam-date mode, the end of today's minutes with cards left: offer more minutes, as extra study. */
  offerExtraMinutes(extra: number, minutesPerDay: number): Promise<boolean> {
    return this.offerExtra(`${extra} more minutes past today's ${minutesPerDay} minute${minutesPerDay === 1 ? "" : "s"}`);
  }

  /** `z` for extra study of `what`, or quit. */
  private async offerExtra(what: string): Promise<boolean> {
    // The summary ends on its own line; the prompt's empty message line sets the offer apart from it.
    const options: KeyOption<boolean>[] = [
      { keys: ["z"], label: `extra study: ${what}`, value: true },
      { keys: ["q", "return", "escape"], label: "quit", value: false },
    ];
    return this.prompt("", options, false);
  }

  private async prompt<T>(message: string | (() => string | ScreenParts), options: KeyOption<T>[], interrupt: T): Promise<T> {
    return ask(() => keyPrompt({ message, options, interrupt }) as Promise<T>, interrupt);
  }
}

/** "1 card", "3 cards". */
function cards(n: number, noun = "card"): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The card's status line: the title, the counts, the card's kind and `early`. On a terminal too narrow for one
 * line, nothing is cut: what this card is (its number, kind, `early`) goes first, and what is left after it next.
 */
export function cardHeader(title: string, view: CardView, width: number): string {
  const q = view.question;
  const kind = q.kind === "recall" ? "recall" : q.kind === "multiple" ? "multiple response" : "single answer";
  const early = view.early ? ` ${chalk.yellow("· early")}` : "";
  const exam = view.exam !== undefined ? chalk.dim(` · ${view.exam}`) : "";
  const line = `${chalk.bold(title)} ${chalk.dim(`· ${statusLine(view)} · ${kind}`)}${early}${exam}`;
  if (displayWidth(line) <= width) return line;
  const card = [chalk.bold(title), chalk.dim(`card ${view.number}`), chalk.dim(kind), ...(view.early ? [chalk.yellow("early")] : [])];
  const separator = chalk.dim(" · ");
  const head = `${joinHints(card, width, separator)}\n${joinHints(leftAfter(view).map((p) => chalk.dim(p)), width, separator)}`;
  // The exam's days and readiness on a line of their own: at 60 columns they do not fit beside the counts.
  return view.exam !== undefined ? `${head}\n${joinHints(view.exam.split(" · ").map((p) => chalk.dim(p)), width, separator)}` : head;
}

/** The status line's counts: what is left after this card, as Anki shows them, and the buried cards. */
export function statusLine(view: CardView): string {
  return [`card ${view.number}`, ...leftAfter(view)].join(" · ");
}

/** What is left after the card on screen: new, learning, due, and the cards buried for today. */
function leftAfter(view: CardView): string[] {
  const { counts } = view;
  return [`${counts.new} new`, `${counts.learning} learning`, `${counts.due} due`, ...(view.buried > 0 ? [`${view.buried} buried`] : [])];
}

/** When, in words and on the local clock: "in 8m (at 14:05)", "in 14h (tomorrow at 04:00)". */
export function whenText(at: Date, now: Date): string {
  const hhmm = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
  const sameDate = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const date = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;
  const place = sameDate(at, now) ? `at ${hhmm}` : sameDate(at, tomorrow) ? `tomorrow at ${hhmm}` : `on ${date} at ${hhmm}`;
  return `in ${formatInterval(Math.max(0, at.getTime() - now.getTime()))} (${place})`;
}

const LIMIT_TEXT: Record<LimitHit["limit"], (h: LimitHit) => string> = {
  reviewsPerDay: (h) =>
    `Today's review limit is reached (${h.value} a day): ${cards(h.waiting, "more due review")} wait${h.waiting === 1 ? "s" : ""} (\`cogquiz config set reviewsPerDay ${h.value * 2}\` raises it).`,
  newPerDay: (h) => `Today's new-card limit is reached (${h.value} a day): ${cards(h.waiting, "more new card")} wait${h.waiting === 1 ? "s" : ""}.`,
  "--new": (h) => `This session's --new ${h.value} is used: ${cards(h.waiting, "more new card")} wait${h.waiting === 1 ? "s" : ""}.`,
  "--limit": (h) => `This session's --limit ${h.value} is reached: ${cards(h.waiting, "more card")} wait${h.waiting === 1 ? "s" : ""}.`,
};

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
    .sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true }))
    .map(([name, t]) => {
      const pct = `${String(Math.round((100 * t.correct) / t.answered)).padStart(3)}%`;
      const lead = `  ${`${t.correct}/${t.answered}`.padStart(countWidth)} right ${pct}  `;
      return wrapText(escapeControls(name), width, lead, " ".repeat(lead.length));
    });
}

/** What a summary says beyond the session: the exam's date (the minutes' end speaks of it), the command that goes on. */
export interface SummaryContext {
  /** The exam's date, YYYY-MM-DD, with an exam set. */
  examDate?: string;
  /** What goes on with the cards still queued, as the summary says it: "`cogquiz quiz`" unless said. */
  resume?: string;
}

/**
 * "Today's 30 minutes are done (31 min studied today): 12 due reviews still wait; `cogquiz plan` shows when …"; on the
 * last study day before the exam, and on its day, that they are not seen before it.
 */
export function minutesText(end: Extract<SessionSummary["end"], { kind: "minutes" }>, now: Date = new Date(), examDate?: string, extraRound = false): string {
  const w = end.waiting;
  const parts = [
    ...(w.reviews > 0 ? [cards(w.reviews, "due review")] : []),
    ...(w.learning > 0 ? [`${cards(w.learning)} in learning`] : []),
    ...(w.fresh > 0 ? [cards(w.fresh, "new card")] : []),
  ];
  const daysLeft = examDate === undefined ? undefined : daysUntilExam({ date: examDate }, now);
  const when =
    daysLeft === 0
      ? "the exam is today, so they are not seen before it unless you study more now"
      : daysLeft === 1
        ? "the exam is tomorrow, so they are not seen before it unless you study more today"
        : "`cogquiz plan` shows when they come, and whether your minutes a day still fit";
  const left = parts.length === 0 ? "nothing is left for today" : `${parts.join(", ")} still wait${parts.length === 1 && (w.reviews + w.learning + w.fresh === 1) ? "s" : ""}; ${when}`;
  const studied = `${Math.round(end.studiedMs / 60_000)} min studied today`;
  // A round of extra study ends at the minutes studied when it began and 10 more: no figure of the plan's to name.
  if (extraRound) return `The extra minutes are done (${studied}): ${left}.`;
  const planned = Number.isInteger(end.minutesPerDay) ? String(end.minutesPerDay) : end.minutesPerDay.toFixed(1);
  return `Today's ${end.minutesPerDay === 1 ? "1 minute is" : `${planned} minutes are`} done (${studied}): ${left}.`;
}

/**
 * The summary of a session. `extra` says the session was a round of extra study, past today's new-card limit or the
 * exam plan's minutes: cards left when it is quit come back in the next quiz only as that offer again.
 */
export function formatSummary(s: SessionSummary, now: Date, questions: readonly Question[], extra?: "new" | "minutes", context: SummaryContext = {}): string {
  const resume = context.resume ?? "`cogquiz quiz`";
  const lines: string[] = [];
  if (s.lastSaved) lines.push(wrapText(`${chalk.green("✓")} ${chalk.dim(escapeControls(s.lastSaved))}`, terminalWidth(), "", "  "));
  // Study time as today's minutes count it, so a session never reads longer than the day it is part of (a session
  // left open for hours is not hours of study).
  const minutes = s.studiedMs / 60_000;
  if (s.nothingToDo) {
    lines.push(chalk.bold("Nothing to study right now."));
  } else if (s.answered === 0) {
    lines.push(`${chalk.bold("Session over")}: nothing answered${s.skipped ? `, ${s.skipped} skipped` : ""}.`);
  } else {
    const pct = s.answered > 0 ? Math.round((100 * s.correct) / s.answered) : 0;
    lines.push(
      `${chalk.bold("Session over")}: ${s.answered} answered, ${pct}% right${s.skipped ? `, ${s.skipped} skipped` : ""}, ${minutes < 1 ? "under a minute" : `${Math.round(minutes)} min`} of study.`,
    );
    lines.push(...topicRows(s.byTopic));
  }
  for (const q of s.leeches) lines.push(chalk.yellow(`Leech: ${q.id} (${cut(escapePlain(q.title), 60)}) keeps slipping; rewrite it or \`cogquiz suspend ${q.id}\`.`));
  if (s.extraNew > 0) lines.push(`Extra study: ${cards(s.extraNew, "new card")} beyond today's limit.`);
  // Why the session ended: quit, a limit, or nothing left (and when the next card comes).
  if (s.end.kind === "quit") {
    // q and Ctrl-C both end here: the line names neither.
    const past = extra === "new" ? "today's new-card limit" : "today's minutes";
    const next = extra === undefined ? `${resume} goes on.` : `${resume} offers extra study past ${past} again (z).`;
    if (s.end.unrated !== undefined) lines.push(wrapText(`Your answer to ${escapePlain(s.end.unrated)} was not rated, so it was not saved; the card stays queued.`, terminalWidth(), "", ""));
    lines.push(s.end.queued > 0 ? `You stopped: ${cards(s.end.queued)} still queued; ${next}` : "You stopped.");
  } else if (s.end.kind === "minutes") {
    lines.push(wrapText(minutesText(s.end, now, context.examDate, extra === "minutes"), terminalWidth(), "", ""));
    if (s.buried > 0) lines.push(`${cards(s.buried)} buried for today (the same fact was answered on another card) come${s.buried === 1 ? "s" : ""} back tomorrow.`);
  } else {
    for (const hit of s.end.limits) lines.push(LIMIT_TEXT[hit.limit](hit));
    if (s.end.limits.length === 0 && !s.nothingToDo && s.skippedOpen === 0) lines.push("Nothing more is due.");
    if (s.buried > 0) lines.push(`${cards(s.buried)} buried for today (the same fact was answered on another card) come${s.buried === 1 ? "s" : ""} back tomorrow.`);
    if (s.skippedOpen > 0) lines.push(`${cards(s.skippedOpen, "skipped card")} can be studied now: \`cogquiz quiz\` shows ${s.skippedOpen === 1 ? "it" : "them"} again.`);
    if (s.nextDue) lines.push(`Next card due ${whenText(s.nextDue, now)}.`);
    else if (questions.length > 0 && s.end.limits.length === 0 && s.skippedOpen === 0) lines.push("No reviews scheduled yet.");
  }
  // A line wider than the terminal is wrapped at word boundaries here, whichever line it is: the terminal would
  // break it mid-word. Lines already laid out (the saved answer, the topic rows) fit and stay as they are.
  const width = terminalWidth();
  return `${lines.map((l) => (l.split("\n").every((row) => displayWidth(row) <= width) ? l : wrapText(l, width))).join("\n")}\n`;
}
