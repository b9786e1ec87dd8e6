// The mock exam in the terminal: a live countdown, free navigation, flags, a review screen, then the result.

import { createPrompt, isDownKey, isEnterKey, isSpaceKey, isUpKey, useEffect, useRef, useState, type KeypressEvent } from "./inquirer.js";
import { typedAhead, usePromptKeys } from "./type-ahead.js";
import type { MultipleChoiceQuestion } from "../content/model.js";
import { escapeControls, escapePlain } from "../content/text.js";
import type { ExamMove, ExamState, ExamUI, ExamView, ReviewChoice } from "../session/exam-session.js";
import { answerStatus, submitCounts, type AnswerStatus, type ExamScore } from "../session/exam.js";
import { pickCount } from "../session/grading.js";
import type { ExamRecord } from "../srs/records.js";
import type { DomainScore, GuideDraw } from "../analysis/guide-exam.js";
import type { ExamGuide } from "../analysis/guides.js";
import { chalk } from "./colour.js";
import { cut, displayWidth, joinHints, padEnd, plural, screenWidth, wrapText } from "./layout.js";
import { page, type PagerResult } from "./pager.js";
import { ask, CLEAR_SCREEN, digitKeys, hints, isCtrlC, optionLines } from "./prompts.js";
import { frame, SCROLL_KEYS, scrollHint, useScroll, useTerminalSize } from "./screen.js";
import { renderInline, renderMarkdown } from "./terminal-markdown.js";

export function clockText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
}

/** Time left under which the clock turns red; an exam shorter than twice this turns red at half its time. */
const LOW_TIME_MS = 5 * 60_000;

/** The time left when a deadline's clock was first drawn: the exam's time, as its first question opens it. */
const firstLeft = new Map<number, number>();

/**
 * The time left as every exam screen shows it: "⏱ 0:05:00 left", and under five minutes "⚠ 0:04:59 left" in red (in
 * an exam of under ten minutes, in its second half: a warning from the first second says nothing). The sign says it
 * without colour too (NO_COLOR, a terminal without colour, a reader who cannot tell red), in the same width, on every
 * screen alike.
 */
function timeLeft(deadline: number): string {
  const left = deadline - Date.now();
  if (!firstLeft.has(deadline)) firstLeft.set(deadline, left);
  const low = Math.min(LOW_TIME_MS, firstLeft.get(deadline)! / 2);
  return left < low ? chalk.red.bold(`⚠ ${clockText(left)} left`) : chalk.bold(`⏱ ${clockText(left)} left`);
}

/** Re-renders every second so the countdown moves. */
function useTicker(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
}

/** A key's name for messages: "x", "tab", "F5". */
function keyName(key: KeypressEvent): string {
  if (key.ctrl && key.name) return `Ctrl-${key.name.toUpperCase()}`;
  return key.name || "that key";
}

function statusLine(deadline: number, index: number, questions: number, state: ExamState, flaggedHere: boolean, width: number): string {
  const flagged = state.flagged.filter((f, i) => (i === index ? flaggedHere : f)).length;
  const parts = [timeLeft(deadline), `question ${index + 1} of ${questions}`, `⚑ ${flagged} flagged${flaggedHere ? chalk.yellow("  (this one is flagged)") : ""}`];
  return joinHints(parts, width, chalk.dim("  ·  "));
}

const STATUS_WORD: Record<AnswerStatus, string> = { unanswered: "○ unanswered", incomplete: "◐ incomplete", answered: "● answered" };

function statusMark(status: AnswerStatus): string {
  const word = padEnd(STATUS_WORD[status], 12);
  return status === "answered" ? chalk.green(word) : status === "incomplete" ? chalk.yellow(word) : chalk.red(word);
}

interface QuestionConfig {
  view: ExamView;
  /** Options as styled inline text, in display order. */
  options: string[];
  multiple: boolean;
  pick: number;
}

const examQuestionPrompt = createPrompt<ExamMove, QuestionConfig>((config, done) => {
  const { view } = config;
  const { state, order, index } = view;
  const q = view.question;
  const toDisplay = (choice: number) => order.indexOf(choice);
  const [selected, setSelected] = useState<number[]>((state.answers[index] ?? []).map(toDisplay).sort((a, b) => a - b));
  // Back on a question answered before, the cursor starts on the (first) option chosen, as exam simulators do: on
  // option 1 it invited a space or a digit to act on an option other than the one marked.
  const [cursor, setCursor] = useState(selected[0] ?? 0);
  const [flagged, setFlagged] = useState(state.flagged[index] === true);
  const [finished, setFinished] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const size = useTerminalSize();
  // Back on an answered question, the option chosen is in sight from the first drawing; a new one starts at its stem.
  const scroll = useScroll(selected.length > 0);
  useTicker();
  const n = config.options.length;

  const choose = (next: number[]) => {
    setSelected(next);
    state.answers[index] = next.length > 0 ? next.map((d) => order[d]!).sort((a, b) => a - b) : undefined;
  };
  const finish = (move: ExamMove) => {
    end();
    setFinished(true);
    done(move);
  };

  const keys: [string, string][] = [
    ["↑↓", "move"],
    [`${digitKeys(n)}/space`, config.multiple ? `toggle (choose ${config.pick})` : "choose"],
    ["enter/n/→", index === view.total - 1 ? "next: review" : "next"],
    ["p/←", "previous"],
    ["f", flagged ? "unflag" : "flag"],
    ["r", "review & submit"],
    ["Ctrl-C", "abandon"],
  ];

  const end = usePromptKeys((key, rl) => {
    rl.clearLine(0);
    setError(undefined);
    // A key pressed after the deadline, before the clock's check ends the exam, changes nothing.
    if (Date.now() >= view.deadline) return finish("timeout");
    if (isCtrlC(key)) return finish("interrupt");
    // The option under the cursor comes into sight when the question is taller than the terminal.
    if (isUpKey(key) || isDownKey(key)) scroll.follow();
    if (isUpKey(key)) return setCursor((cursor - 1 + n) % n);
    if (isDownKey(key)) return setCursor((cursor + 1) % n);
    const digit = Number.parseInt(key.name ?? "", 10);
    const pick = Number.isInteger(digit) && digit >= 1 && digit <= n ? digit - 1 : isSpaceKey(key) ? cursor : -1;
    if (pick >= 0) {
      scroll.follow();
      setCursor(pick);
      if (config.multiple) choose(selected.includes(pick) ? selected.filter((s) => s !== pick) : [...selected, pick].sort((a, b) => a - b));
      // A single answer is chosen, never taken back, by its key: pressing it twice to be sure keeps it.
      else choose([pick]);
      return;
    }
    if (Number.isInteger(digit)) return setError(`there is no option ${digit}; options are ${digitKeys(n)}${n > 9 ? ", the rest by ↑↓" : ""}`);
    if (key.name === "f") {
      setFlagged(!flagged);
      state.flagged[index] = !flagged;
      return;
    }
    // An Enter typed before this question was on screen (a second Enter on the one before, a key repeating) does not
    // pass it by unread: a question shown is a question seen, and a blank one seen is a miss the scheduler hears of.
    if (isEnterKey(key) && typedAhead(key)) return;
    if (isEnterKey(key) || key.name === "n" || key.name === "right") return finish("next");
    if (key.name === "p" || key.name === "left") {
      if (index === 0) return setError("this is the first question; p goes back once you have moved on");
      return finish("previous");
    }
    if (key.name === "r") return finish("review");
    if (scroll.key(key)) return;
    setError(`${keyName(key)} does nothing here; the keys are listed above`);
  });

  if (finished) return "";
  const width = screenWidth();
  const kind = q.kind === "multiple" ? `multiple response: choose ${config.pick}` : "single answer";
  const head = cut(`${chalk.bold("cogquiz mock exam")} ${chalk.dim(`· ${kind}`)}`, width);
  const stem = ["", renderMarkdown(q.stem, width), ""].join("\n").split("\n");
  const rows = config.options.map((text, i) => {
    const on = selected.includes(i);
    const box = config.multiple ? (on ? chalk.cyan("[x]") : "[ ]") : on ? chalk.cyan("(●)") : "( )";
    const here = i === cursor;
    return optionLines(`${here ? chalk.cyan("❯") : " "} ${box} ${chalk.dim(`${i + 1}.`)} `, here ? chalk.bold(text) : text, width);
  });
  const note =
    config.multiple && selected.length > 0 && selected.length !== config.pick
      ? chalk.yellow(`${selected.length} chosen; this question needs ${config.pick} (it counts as incomplete until then)`)
      : "";
  // The cursor's option, as lines of the body.
  const from = stem.length + rows.slice(0, cursor).reduce((k, r) => k + r.split("\n").length, 0);
  const focus = { from, to: from + rows[cursor]!.split("\n").length };
  // The clock sits with the keys, under the options: it stays in sight when a long question scrolls.
  const bottom = (scrolling: boolean) =>
    [
      statusLine(view.deadline, index, view.total, state, flagged, width),
      hints(scrolling ? [...keys, SCROLL_KEYS] : keys, width),
      note ? wrapText(note, width, "  ") : "",
      error ? wrapText(chalk.red(error), width, "  ") : "",
    ]
      .filter(Boolean)
      .join("\n");
  return scroll.frame({ head, body: [...stem, ...rows].join("\n"), focus }, bottom, size);
});

interface ReviewConfig {
  state: ExamState;
  questions: readonly MultipleChoiceQuestion[];
  deadline: number;
  /** The question the student came from: the list opens on it, so that reviewing goes on where it was. */
  from: number;
  /** Told where the cursor moves: a Ctrl-C closes the prompt before it can say. */
  moved: (at: number) => void;
}

const reviewPrompt = createPrompt<ReviewChoice, ReviewConfig>((config, done) => {
  const [cursor, setCursorState] = useState(Math.min(Math.max(0, config.from), config.questions.length - 1));
  const setCursor = (at: number) => {
    setCursorState(at);
    config.moved(at);
  };
  const [finished, setFinished] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [, setFlagTick] = useState(0);
  /** Rows of the list on screen, as last drawn: what PgUp/PgDn move by. */
  const listRows = useRef(1);
  const size = useTerminalSize();
  useTicker();
  const { state, questions } = config;
  const n = questions.length;
  const counts = submitCounts(questions, state.answers, state.flagged);
  const finish = (c: ReviewChoice) => {
    end();
    setFinished(true);
    done(c);
  };
  const end = usePromptKeys((key, rl) => {
    rl.clearLine(0);
    setError(undefined);
    if (Date.now() >= config.deadline) return finish({ type: "timeout" });
    if (isCtrlC(key)) return finish({ type: "interrupt" });
    if (confirming) {
      if (key.name === "y") return finish({ type: "submit" });
      if (key.name === "n" || key.name === "escape" || isEnterKey(key)) return setConfirming(false);
      return setError("y submits the exam; n (or enter, esc) goes back to the list");
    }
    if (isUpKey(key)) return setCursor((cursor - 1 + n) % n);
    if (isDownKey(key)) return setCursor((cursor + 1) % n);
    if (key.name === "pagedown") return setCursor(Math.min(n - 1, cursor + listRows.current));
    if (key.name === "pageup") return setCursor(Math.max(0, cursor - listRows.current));
    if (key.name === "home") return setCursor(0);
    if (key.name === "end") return setCursor(n - 1);
    if (isEnterKey(key)) return finish({ type: "goto", index: cursor });
    if (key.name === "f") {
      state.flagged[cursor] = !state.flagged[cursor];
      return setFlagTick(Date.now());
    }
    if (key.name === "s") return setConfirming(true);
    setError(`${keyName(key)} does nothing here; the keys are listed above`);
  });
  if (finished) return "";
  const width = screenWidth();
  const head = joinHints(
    [chalk.bold("Review"), timeLeft(config.deadline), `${counts.unanswered} unanswered`, `${counts.incomplete} incomplete`, `${counts.flagged} flagged`],
    width,
    "  ·  ",
  );
  const keysFor = (scrolls: boolean): [string, string][] =>
    confirming
      ? [["y", "submit now"], ["n/enter/esc", "keep reviewing"], ["Ctrl-C", "abandon"]]
      : [["↑↓", "move"], ...(scrolls ? [["PgUp/PgDn", "page"] as [string, string]] : []), ["enter", "open question"], ["f", "flag/unflag"], ["s", "submit the exam"], ["Ctrl-C", "abandon"]];
  const bottomFor = (scrolls: boolean): string => {
    const parts: string[] = [];
    if (confirming) {
      const left = [plural(counts.unanswered, "unanswered question", "unanswered questions"), `${counts.incomplete} incomplete`, `${counts.flagged} flagged`];
      parts.push(wrapText(chalk.yellow.bold(`Submit the exam now? ${left.join(", ")}. Unanswered and incomplete questions count as wrong.`), width));
    }
    parts.push(hints(keysFor(scrolls), width));
    if (error) parts.push(wrapText(chalk.red(error), width, "  "));
    return parts.join("\n");
  };
  const headRows = head.split("\n").length + 1;
  const rowsFor = (bottom: string) => Math.max(3, size.rows - headRows - bottom.split("\n").length - 1);
  // A list longer than the screen says how many questions are above and below it, on a line of its own, and the
  // keys that page it (not while the submit question waits for its answer: they do nothing then).
  const scrolls = n > rowsFor(bottomFor(false));
  const bottom = bottomFor(scrolls && !confirming);
  const height = scrolls ? Math.max(3, rowsFor(bottom) - 1) : rowsFor(bottom);
  listRows.current = height;
  const start = Math.min(Math.max(0, cursor - Math.floor(height / 2)), Math.max(0, n - height));
  const rows = questions.slice(start, start + height).map((q, k) => {
    const i = start + k;
    const flag = state.flagged[i] ? chalk.yellow("⚑") : " ";
    const prefix = `${i === cursor ? chalk.cyan("❯") : " "} ${String(i + 1).padStart(3)}. ${statusMark(answerStatus(q, state.answers[i]))} ${flag} `;
    return `${prefix}${cut(escapePlain(q.title), Math.max(4, width - displayWidth(prefix)))}`;
  });
  if (scrolls) rows.push(chalk.dim(scrollHint(start, n - start - rows.length, Math.max(1, width - 1), "question", !confirming)));
  return frame(`${head}\n\n${rows.join("\n")}`, bottom, size);
});

/** Asks whether to abandon; the clock goes on above the question, since the exam's time runs while it waits. */
const confirmPrompt = createPrompt<boolean, { message: string; deadline: number }>((config, done) => {
  const [finished, setFinished] = useState(false);
  const size = useTerminalSize();
  useTicker();
  const finish = (yes: boolean) => {
    end();
    setFinished(true);
    done(yes);
  };
  const end = usePromptKeys((key, rl) => {
    rl.clearLine(0);
    // A second Ctrl-C means yes, as in most terminal programs.
    if (key.name === "y" || isCtrlC(key)) finish(true);
    else if (key.name === "n" || isEnterKey(key) || key.name === "escape") finish(false);
  });
  if (finished) return "";
  const width = screenWidth();
  return frame(`${cut(timeLeft(config.deadline), width)}\n${wrapText(`${config.message} ${chalk.dim("(y/N; Ctrl-C again: yes)")}`, width)}`, "", size);
});

export class ExamScreens implements ExamUI {
  constructor(private readonly write: (t: string) => void = (t) => process.stdout.write(t)) {}

  async question(view: ExamView, signal: AbortSignal): Promise<ExamMove> {
    const q = view.question;
    this.write(CLEAR_SCREEN);
    const options = view.order.map((i) => renderInline(q.choices[i]!.text));
    return ask(
      () => examQuestionPrompt({ view, options, multiple: q.kind === "multiple", pick: pickCount(q) }, { signal }),
      "interrupt" as ExamMove,
      "timeout" as ExamMove,
    );
  }

  async review(state: ExamState, questions: readonly MultipleChoiceQuestion[], deadline: number, from: number, signal: AbortSignal): Promise<ReviewChoice> {
    this.write(CLEAR_SCREEN);
    let at = from;
    const choice = await ask(
      () => reviewPrompt({ state, questions, deadline, from, moved: (i) => (at = i) }, { signal }),
      { type: "interrupt" } as ReviewChoice,
      { type: "timeout" } as ReviewChoice,
    );
    return choice.type === "interrupt" ? { type: "interrupt", at } : choice;
  }

  async confirmAbandon(deadline: number, signal: AbortSignal): Promise<boolean> {
    this.write("\n");
    return ask(() => confirmPrompt({ message: chalk.yellow("Abandon this exam? It is saved as abandoned and not scored."), deadline }, { signal }), true, false);
  }
}

/** Minutes and seconds between two ISO times: "12 min 5 s". */
export function durationText(fromIso: string, toIso: string): string {
  return secondsText(Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000)));
}

/** The time allowed, in the units of the time used beside it: "2 h 10 min", and "3 s" for --minutes 0.05. */
export function allowedText(minutes: number): string {
  return secondsText(Math.round(minutes * 60));
}

function secondsText(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? (sec > 0 ? `${m} min ${sec} s` : `${m} min`) : `${sec} s`;
}

export interface ExamResultInput {
  record: ExamRecord;
  score: ExamScore;
  questions: readonly MultipleChoiceQuestion[];
  answers: ExamState["answers"];
  flagged: readonly boolean[];
  /**
   * Per question, the order its options were shown in during the exam (indexes into question.choices): the review
   * shows them so, numbered as they were, so that "your pick" is where the student saw it. Bank order without it.
   */
  orders?: readonly (readonly number[])[];
  /** With an exam guide: the score per domain at a width, shown under the score as the real score report does. */
  domains?: (width: number) => string;
}

/** The score part of the result: verdict, time used, per topic. */
export function formatExamSummary(r: ExamResultInput, width = screenWidth()): string {
  const { record, score } = r;
  const out: string[] = [];
  if (record.status === "abandoned") {
    out.push(chalk.yellow.bold("Exam abandoned."), wrapText(`It is saved in your exam history as abandoned (${score.correct} of ${score.total} answered right so far).`, width));
    return out.join("\n");
  }
  const verdict = score.passed ? chalk.green.bold(`PASS`) : chalk.red.bold(`FAIL`);
  const counts = submitCounts(r.questions, r.answers, r.flagged);
  out.push(
    wrapText(`${chalk.bold("Mock exam result")}${record.status === "timed-out" ? chalk.yellow("  (time ran out; submitted automatically)") : ""}`, width),
    "",
    `  ${score.correct} of ${score.total} right`,
    `  scaled score ${chalk.bold(String(score.scaled))} of 1000, an estimate`,
    wrapText(chalk.dim("(100 + 900 × right / total: AWS does not publish how it scales scores)"), width, "  "),
    `  ${verdict} ${chalk.dim(`against ${record.passScore}`)}`,
    `  time used ${durationText(record.startedAt, record.endedAt)} of ${allowedText(record.minutes)}`,
    wrapText(`${counts.unanswered} unanswered, ${counts.incomplete} incomplete, ${counts.flagged} flagged`, width, "  "),
    "",
    chalk.bold("By topic"),
  );
  const topics = [...score.byTopic.entries()].sort((a, b) => a[1].correct / a[1].total - b[1].correct / b[1].total || a[0].localeCompare(b[0], undefined, { numeric: true }));
  for (const [topic, t] of topics) {
    const pct = `${String(Math.round((100 * t.correct) / t.total)).padStart(3)}%`;
    const figures = `  ${pct} ${String(t.correct).padStart(3)}/${String(t.total).padEnd(3)} `;
    out.push(wrapText(escapeControls(topic), width, figures, " ".repeat(displayWidth(figures))));
  }
  return out.join("\n");
}

/** The per-domain lines under the result of an exam drawn by a guide, wrapped to `width`. */
export function formatDomainScores(guide: ExamGuide, scores: readonly DomainScore[], draw: GuideDraw, width = screenWidth()): string {
  const lines = ["", wrapText(`By domain of ${guide.title}:`, width)];
  const indented = (text: string, rest = "  ") => lines.push(wrapText(text, width, "  ", rest));
  if (!draw.byWeight) indented("No question of this content set maps to the guide's domains (`domains:` in front matter); drawn by topic.");
  for (const s of scores) {
    const row = `  ${s.id}. ${s.name.padEnd(40)} ${s.correct}/${s.total} right`;
    // The names line up in a column while they fit; on a narrow terminal a row wraps under its name.
    if (displayWidth(row) <= width) lines.push(row);
    else indented(`${s.id}. ${s.name} ${s.correct}/${s.total} right`, " ".repeat(4 + s.id.length));
  }
  if (draw.missing.length > 0) indented(`No questions for: ${draw.missing.join(", ")}.`);
  indented(`Guide: ${guide.url}`);
  return `${lines.join("\n")}\n`;
}

export type ReviewFilter = "all" | "missed" | "flagged";

/** Each question of the exam in full: every option, your picks, the keys, the explanation; flagged ones marked. */
export function formatExamReview(r: ExamResultInput, filter: ReviewFilter, width = screenWidth()): string {
  return examReview(r, filter, width).text;
}

/** The review's text, and the line where each question's part of it begins (its rule). */
function examReview(r: ExamResultInput, filter: ReviewFilter, width: number): { text: string; starts: number[] } {
  const out: string[] = [];
  /** Indexes into `out` of each question's rule. */
  const rules: number[] = [];
  const items = r.questions.map((q, i) => ({ q, i })).filter(({ i }) => (filter === "all" ? true : filter === "missed" ? !r.score.results[i] : r.flagged[i]));
  const label = filter === "all" ? "All questions" : filter === "missed" ? "Missed questions" : "Flagged questions";
  out.push(chalk.bold(`${label} (${items.length} of ${r.questions.length})`));
  if (items.length === 0) out.push("", chalk.dim(filter === "missed" ? "None missed." : filter === "flagged" ? "None flagged." : "No questions."));
  for (const { q, i } of items) {
    const chosen = r.answers[i] ?? [];
    const status = answerStatus(q, chosen);
    const right = r.score.results[i];
    const verdict = right ? chalk.green("✔ right") : status === "unanswered" ? chalk.red("✘ not answered") : status === "incomplete" ? chalk.red(`✘ incomplete (${chosen.length} of ${pickCount(q)} picked)`) : chalk.red("✘ wrong");
    out.push("");
    rules.push(out.length);
    out.push(
      chalk.dim("─".repeat(Math.min(width, 60))),
      wrapText(`${chalk.bold(`Question ${i + 1}`)}  ${verdict}${r.flagged[i] ? chalk.yellow("  ⚑ flagged") : ""}`, width),
      cut(chalk.dim(escapeControls(q.topic.join(" › "))), width),
      "",
      renderMarkdown(q.stem, width),
      "",
    );
    (r.orders?.[i] ?? q.choices.map((_, k) => k)).forEach((k, shown) => {
      const c = q.choices[k]!;
      const picked = chosen.includes(k);
      const mark = c.correct ? chalk.green("✔") : picked ? chalk.red("✘") : chalk.dim("·");
      const note = [c.correct ? chalk.green("key") : "", picked ? chalk.cyan("your pick") : ""].filter(Boolean).join(", ");
      out.push(optionLines(`  ${mark} ${chalk.dim(`${shown + 1}.`)} `, `${renderInline(c.text)}${note ? chalk.dim("  ← ") + note : ""}`, width));
      if (picked && !c.correct && c.feedback) out.push(wrapText(`${chalk.red("Why not:")} ${renderInline(c.feedback)}`, width, "       "));
    });
    if (q.explanation) out.push("", renderMarkdown(q.explanation, width));
    for (const ref of q.references.filter((ref) => !q.explanation?.includes(ref.url))) {
      out.push(wrapText(`${chalk.dim("→")} ${escapeControls(ref.title)} ${chalk.dim(escapeControls(ref.url))}`, width, "", "  "));
    }
  }
  // Each entry of `out` may hold several lines: a question starts after all the lines before its rule.
  const starts: number[] = [];
  let line = 0;
  out.forEach((entry, k) => {
    if (rules.includes(k)) starts.push(line);
    line += entry.split("\n").length;
  });
  return { text: out.join("\n"), starts };
}

/** The result, then a paged review of the questions: m missed, f flagged, a all. */
export async function showExamResult(r: ExamResultInput): Promise<void> {
  let filter: ReviewFilter = r.score.results.some((ok) => !ok) ? "missed" : "all";
  const keys = [
    { keys: ["m"], label: "missed", value: "missed" as ReviewFilter },
    { keys: ["f"], label: "flagged", value: "flagged" as ReviewFilter },
    { keys: ["a"], label: "all", value: "all" as ReviewFilter },
  ];
  for (;;) {
    let laid: { width: number; lines: string[]; starts: number[] } | undefined;
    const layout = (width: number) => {
      if (laid?.width === width) return laid;
      const head = `${formatExamSummary(r, width)}${r.domains ? `\n${r.domains(width).trimEnd()}` : ""}\n\n`.split("\n");
      const review = examReview(r, filter, width);
      // The head's last line is the review's first: the text is one string split into lines.
      const lines = [...head.slice(0, -1), ...review.text.split("\n")];
      laid = { width, lines, starts: review.starts.map((k) => k + head.length - 1) };
      return laid;
    };
    // The line under the bar says which questions the review shows, then the keys to the others.
    const listed = keys.map((k) => ({ ...k, listed: k.value !== filter }));
    const result: PagerResult<ReviewFilter> = await page({
      title: "exam review",
      render: (width) => layout(width).lines,
      parts: { label: "question", starts: (width) => layout(width).starts },
      status: `showing ${filter} questions`,
      keys: listed,
    });
    if (result.type !== "key") return;
    filter = result.value;
  }
}
