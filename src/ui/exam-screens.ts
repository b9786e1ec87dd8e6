// The mock exam in the terminal: a live countdown, free navigation, flags, a review screen, then the result.

import { createPrompt, isDownKey, isEnterKey, isSpaceKey, isUpKey, useEffect, useKeypress, useState } from "./inquirer.js";
import type { MultipleChoiceQuestion } from "../content/model.js";
import { escapeControls } from "../content/text.js";
import type { ExamMove, ExamState, ExamUI, ExamView, ReviewChoice } from "../session/exam-session.js";
import type { ExamScore } from "../session/exam.js";
import { pickCount } from "../session/grading.js";
import type { ExamRecord } from "../srs/records.js";
import { chalk } from "./colour.js";
import { ask, CLEAR_SCREEN, isCtrlC } from "./prompts.js";
import { renderInline, renderMarkdown, renderOption, terminalWidth, wrap } from "./terminal-markdown.js";

export function clockText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
}

/** Re-renders every second so the countdown moves. */
function useTicker(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
}

function status(deadline: number, index: number, total: number, state: ExamState): string {
  const left = deadline - Date.now();
  const flagged = state.flagged.filter(Boolean).length;
  const time = left < 5 * 60_000 ? chalk.red.bold(`⏱ ${clockText(left)} left`) : chalk.bold(`⏱ ${clockText(left)} left`);
  return `${time}  ${chalk.dim("·")}  question ${index + 1} of ${total}  ${chalk.dim("·")}  ⚑ ${flagged} flagged${state.flagged[index] ? chalk.yellow("  (this one is flagged)") : ""}`;
}

interface QuestionConfig {
  view: ExamView;
  options: string[];
  multiple: boolean;
  pick: number;
}

const examQuestionPrompt = createPrompt<ExamMove, QuestionConfig>((config, done) => {
  const { view } = config;
  const { state, order, index } = view;
  const toDisplay = (choice: number) => order.indexOf(choice);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<number[]>((state.answers[index] ?? []).map(toDisplay));
  const [flagged, setFlagged] = useState(state.flagged[index] === true);
  const [finished, setFinished] = useState(false);
  useTicker();
  const n = config.options.length;

  const choose = (next: number[]) => {
    setSelected(next);
    state.answers[index] = next.length > 0 ? next.map((d) => order[d]!).sort((a, b) => a - b) : undefined;
  };
  const finish = (move: ExamMove) => {
    setFinished(true);
    done(move);
  };

  useKeypress((key, rl) => {
    rl.clearLine(0);
    if (isCtrlC(key)) return finish("interrupt");
    if (isUpKey(key)) return setCursor((cursor - 1 + n) % n);
    if (isDownKey(key)) return setCursor((cursor + 1) % n);
    const digit = Number.parseInt(key.name ?? "", 10);
    const pick = Number.isInteger(digit) && digit >= 1 && digit <= n ? digit - 1 : isSpaceKey(key) ? cursor : -1;
    if (pick >= 0) {
      setCursor(pick);
      if (config.multiple) choose(selected.includes(pick) ? selected.filter((s) => s !== pick) : [...selected, pick].sort((a, b) => a - b));
      else choose(selected[0] === pick ? [] : [pick]);
      return;
    }
    if (key.name === "f") {
      setFlagged(!flagged);
      state.flagged[index] = !flagged;
      return;
    }
    if (isEnterKey(key) || key.name === "n" || key.name === "right") return finish("next");
    if (key.name === "p" || key.name === "left") return finish("previous");
    if (key.name === "r") return finish("review");
  });

  if (finished) return "";
  const rows = config.options.map((text, i) => {
    const on = selected.includes(i);
    const box = config.multiple ? (on ? chalk.cyan("[x]") : "[ ]") : on ? chalk.cyan("(●)") : "( )";
    const here = i === cursor;
    return `${here ? chalk.cyan("❯") : " "} ${box} ${chalk.dim(`${i + 1}.`)} ${here ? chalk.bold(text) : text}`;
  });
  const hints = [
    ["1-" + n + "/space", config.multiple ? `toggle (choose ${config.pick})` : "choose"],
    ["enter/n", "next"],
    ["p", "previous"],
    ["f", flagged ? "unflag" : "flag"],
    ["r", "review & submit"],
  ]
    .map(([k, what]) => `${chalk.bold(k!)} ${chalk.dim(what!)}`)
    .join(chalk.dim("  ·  "));
  const note = config.multiple && selected.length > 0 && selected.length !== config.pick ? chalk.yellow(`  ${selected.length} chosen; this question needs ${config.pick}`) : "";
  return [`${status(view.deadline, index, view.total, { ...state, flagged: state.flagged.map((f, i) => (i === index ? flagged : f)) })}\n\n${rows.join("\n")}`, [hints, note].filter(Boolean).join("\n")];
});

interface ReviewConfig {
  state: ExamState;
  titles: string[];
  deadline: number;
}

const reviewPrompt = createPrompt<ReviewChoice, ReviewConfig>((config, done) => {
  const [cursor, setCursor] = useState(0);
  const [finished, setFinished] = useState(false);
  useTicker();
  const n = config.titles.length;
  const finish = (c: ReviewChoice) => {
    setFinished(true);
    done(c);
  };
  useKeypress((key, rl) => {
    rl.clearLine(0);
    if (isCtrlC(key)) return finish({ type: "interrupt" });
    if (isUpKey(key)) return setCursor((cursor - 1 + n) % n);
    if (isDownKey(key)) return setCursor((cursor + 1) % n);
    if (isEnterKey(key)) return finish({ type: "goto", index: cursor });
    if (key.name === "s") return finish({ type: "submit" });
  });
  if (finished) return "";
  const { state } = config;
  const unanswered = state.answers.filter((a) => a === undefined).length;
  const flagged = state.flagged.filter(Boolean).length;
  const height = Math.max(5, (process.stdout.rows || 30) - 10);
  const start = Math.min(Math.max(0, cursor - Math.floor(height / 2)), Math.max(0, n - height));
  const width = terminalWidth() - 16;
  const rows = config.titles.slice(start, start + height).map((title, k) => {
    const i = start + k;
    const mark = state.answers[i] === undefined ? chalk.red("○ unanswered") : chalk.green("● answered  ");
    const flag = state.flagged[i] ? chalk.yellow("⚑") : " ";
    const text = title.length > width - 20 ? `${title.slice(0, width - 21)}…` : title;
    return `${i === cursor ? chalk.cyan("❯") : " "} ${String(i + 1).padStart(3)}. ${mark} ${flag} ${escapeControls(text)}`;
  });
  const head = `${chalk.bold("Review")}  ${chalk.dim(`⏱ ${clockText(config.deadline - Date.now())} left`)}  ·  ${unanswered} unanswered  ·  ${flagged} flagged`;
  const hints = `${chalk.bold("↑↓")} ${chalk.dim("move")}  ·  ${chalk.bold("enter")} ${chalk.dim("open question")}  ·  ${chalk.bold("s")} ${chalk.dim("submit the exam")}`;
  return [`${head}\n\n${rows.join("\n")}`, hints];
});

const confirmPrompt = createPrompt<boolean, { message: string }>((config, done) => {
  const [finished, setFinished] = useState(false);
  useKeypress((key, rl) => {
    rl.clearLine(0);
    // A second Ctrl-C means yes, as in most terminal programs.
    if (key.name === "y" || isCtrlC(key)) {
      setFinished(true);
      done(true);
    } else if (key.name === "n" || isEnterKey(key) || key.name === "escape") {
      setFinished(true);
      done(false);
    }
  });
  return finished ? "" : `${config.message} ${chalk.dim("(y/N; Ctrl-C again: yes)")}`;
});

export class ExamScreens implements ExamUI {
  constructor(private readonly write: (t: string) => void = (t) => process.stdout.write(t)) {}

  async question(view: ExamView, signal: AbortSignal): Promise<ExamMove> {
    const q = view.question;
    this.write(CLEAR_SCREEN);
    this.write(`${chalk.bold("cogquiz mock exam")} ${chalk.dim(`· ${q.kind === "multiple" ? "multiple response" : "single answer"}`)}\n\n`);
    this.write(`${renderMarkdown(q.stem)}\n\n`);
    const options = view.order.map((i) => renderOption(q.choices[i]!.text, 9));
    return ask(
      () => examQuestionPrompt({ view, options, multiple: q.kind === "multiple", pick: pickCount(q) }, { signal }),
      "interrupt" as ExamMove,
      "timeout" as ExamMove,
    );
  }

  async review(state: ExamState, questions: readonly MultipleChoiceQuestion[], deadline: number, signal: AbortSignal): Promise<ReviewChoice> {
    this.write(CLEAR_SCREEN);
    return ask(
      () => reviewPrompt({ state, titles: questions.map((q) => q.title), deadline }, { signal }),
      { type: "interrupt" } as ReviewChoice,
      { type: "timeout" } as ReviewChoice,
    );
  }

  async confirmAbandon(signal: AbortSignal): Promise<boolean> {
    this.write("\n");
    return ask(() => confirmPrompt({ message: chalk.yellow("Abandon this exam? It is saved as abandoned and not scored.") }, { signal }), true, false);
  }
}

export function formatExamResult(record: ExamRecord, score: ExamScore, questions: readonly MultipleChoiceQuestion[], answers: ExamState["answers"]): string {
  const out: string[] = [CLEAR_SCREEN];
  if (record.status === "abandoned") {
    out.push(chalk.yellow.bold("Exam abandoned."), `It is saved in your exam history as abandoned (${score.correct} of ${score.total} answered right so far).`);
    return `${out.join("\n")}\n`;
  }
  const verdict = score.passed ? chalk.green.bold(`PASS`) : chalk.red.bold(`FAIL`);
  out.push(
    `${chalk.bold("Mock exam result")}${record.status === "timed-out" ? chalk.yellow("  (time ran out; submitted automatically)") : ""}`,
    "",
    `  ${score.correct} of ${score.total} right`,
    `  scaled score ${chalk.bold(String(score.scaled))} of 1000, an estimate`,
    chalk.dim("  (100 + 900 × right / total: AWS does not publish how it scales scores)"),
    `  ${verdict} ${chalk.dim(`against ${record.passScore}`)}`,
    "",
    chalk.bold("By topic"),
  );
  for (const [topic, t] of [...score.byTopic.entries()].sort((a, b) => a[1].correct / a[1].total - b[1].correct / b[1].total)) {
    out.push(`  ${String(t.correct).padStart(3)}/${String(t.total).padEnd(3)} ${escapeControls(topic)}`);
  }
  const missed = questions.map((q, i) => ({ q, i })).filter(({ i }) => !score.results[i]);
  if (missed.length > 0) out.push("", chalk.bold(`Missed (${missed.length})`));
  for (const { q, i } of missed) {
    out.push("", chalk.dim("─".repeat(Math.min(terminalWidth(), 60))), `${chalk.bold(`Question ${i + 1}`)}`, renderMarkdown(q.stem));
    const chosen = answers[i] ?? [];
    if (chosen.length === 0) out.push(chalk.red("  (not answered)"));
    q.choices.forEach((c, k) => {
      const picked = chosen.includes(k);
      if (!c.correct && !picked) return;
      const mark = c.correct ? chalk.green("✔") : chalk.red("✘");
      out.push(`  ${mark} ${wrap(`${renderInline(c.text)}${picked ? chalk.dim("  ← your answer") : ""}`, terminalWidth() - 4).replace(/\n/g, "\n    ")}`);
    });
    if (q.explanation) out.push("", renderMarkdown(q.explanation));
    for (const r of q.references.filter((r) => !q.explanation?.includes(r.url))) out.push(`${chalk.dim("→")} ${escapeControls(r.title)} ${chalk.dim(escapeControls(r.url))}`);
  }
  return `${out.join("\n")}\n`;
}
