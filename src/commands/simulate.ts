// cogquiz simulate: strategies compared on the same simulated learners and cards, deterministic under a seed.

import { LEARNER_TYPES, type LearnerType } from "../simulate/learners.js";
import { resizeCards, simCards } from "../simulate/cards.js";
import type { StrategyResult } from "../simulate/strategies.js";
import { compareInParallel } from "../simulate/parallel.js";
import { plot } from "../simulate/plot.js";
import * as A from "../simulate/assumptions.js";
import { EXAM_RULE, MAX_WINDOW_DAYS, WINDOW_REVIEW_SECONDS, WINDOW_SLACK } from "../srs/exam-rule.js";
import { EXAM_MINUTES } from "../srs/exam-goal.js";
import { simulatedWindowDays, type SimulationConfig } from "../simulate/runner.js";
import { contentPaths, loadContent, refuseBrokenContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { decimalIn, wholeNumber } from "./numbers.js";
import { wrapWideLines } from "../ui/layout.js";
import { noteToStderr as note, openProgress } from "./progress.js";

export interface SimulateOptions extends GlobalOptions {
  cards?: string;
  days?: string;
  newPerDay?: string;
  minutes?: string;
  learners?: string;
  learner?: string;
  seed?: string;
  target?: string;
  frontier?: boolean;
  json?: boolean;
  parameters?: string;
}

function positive(flag: string, value: string | undefined, fallback: number, max: number, or?: string): number {
  return wholeNumber(flag, value, { min: 1, max }, or) ?? fallback;
}

export function parseSimulateOptions(opts: SimulateOptions, contentCards: number): Omit<SimulationConfig, "cards"> & { cardCount: number } {
  const learner = (opts.learner ?? "default") as LearnerType;
  if (!LEARNER_TYPES.includes(learner)) throw new UsageError(`--learner takes one of ${LEARNER_TYPES.join(", ")} (got "${opts.learner}")`);
  const target = opts.target === undefined ? 0.97 : decimalIn("--target", opts.target, { min: 0.5, max: 0.995 });
  // Study minutes a day: more than 0 (fractions too), at most a whole day.
  const minutes = opts.minutes === undefined ? 30 : decimalIn("--minutes", opts.minutes, { min: 0, max: EXAM_MINUTES.max, above: true });
  return {
    cardCount: positive("--cards", opts.cards, contentCards, 100_000),
    days: positive("--days", opts.days, 30, 3650),
    // "plan": the exam plan's pace, the one the quiz applies with an exam set.
    newPerDay: opts.newPerDay === "plan" ? "plan" : positive("--new-per-day", opts.newPerDay, 20, 10_000, "plan"),
    minutesPerDay: minutes,
    learners: positive("--learners", opts.learners, 20, 10_000),
    learner,
    seed: wholeNumber("--seed", opts.seed) ?? 1,
    target,
  };
}

const MARKS: Record<string, string> = { "fsrs-0.90": "f", "fsrs-0.95": "F", exam: "E", sm2: "s", cram: "c" };

/** Items joined by " · " into lines of at most `width` characters (an item longer than that stands alone). */
function wrapItems(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 3 + item.length <= width) lines[last] += ` · ${item}`;
    else lines.push(item);
  }
  return lines;
}

/** Whether the run's cards hold a multiple-choice question, from which the simulated exam forms are drawn. */
const hasExamForms = (config: SimulationConfig): boolean => config.cards.some((c) => c.guess > 0);

export function formatSimulation(config: SimulationConfig, results: readonly StrategyResult[]): string {
  const out: string[] = [];
  const window = simulatedWindowDays(config);
  out.push(
    `${config.parameters ? "your fitted FSRS parameters (scheduler and learners' centre), " : ""}${config.cards.length} card${config.cards.length === 1 ? "" : "s"}, ${config.days} day${config.days === 1 ? "" : "s"}, ${config.newPerDay === "plan" ? "new cards at the plan's pace" : `${config.newPerDay} new a day`}, ${config.minutesPerDay} minute${config.minutesPerDay === 1 ? "" : "s"} a day, ${config.learners} ${config.learner} learner${config.learners === 1 ? "" : "s"}, seed ${config.seed}; exam-day target ${config.target}`,
  );
  // A day's minutes that hold no answer at all: every strategy studies nothing, and the table of zeros says why here.
  if (config.minutesPerDay * 60 < A.REVIEW_SECONDS) {
    out.push(
      `${config.minutesPerDay} minute${config.minutesPerDay === 1 ? "" : "s"} a day is less than one answer (a review is counted as ${A.REVIEW_SECONDS} s, a new card as ${A.NEW_CARD_SECONDS} s): no strategy studies anything.`,
    );
  } else if (config.minutesPerDay * 60 < A.NEW_CARD_SECONDS) {
    out.push(
      `${config.minutesPerDay} minutes a day is less than one new card's answer (counted as ${A.NEW_CARD_SECONDS} s): no card is ever introduced, so no strategy studies anything.`,
    );
  }
  const reach = config.newPerDay === "plan" ? Number.POSITIVE_INFINITY : config.newPerDay * config.days;
  if (reach < config.cards.length) {
    out.push(
      `At ${config.newPerDay} new a day, ${config.days} day${config.days === 1 ? "" : "s"} introduce at most ${reach} of the ${config.cards.length} cards: the rest stay unseen (recall 0) for every strategy but cram, whose cram days take new cards without a limit. \`--new-per-day plan\` paces new cards to the exam day.`,
    );
  }
  out.push(
    "",
    "strategy     minutes  reviews  recall  ≥0.90  score  P(pass)",
  );
  const scored = hasExamForms(config);
  for (const r of results) {
    const exam = scored ? `${r.scaledScore.toFixed(0).padStart(5)}  ${(r.pPass * 100).toFixed(0).padStart(5)} %` : `${"n/a".padStart(5)}  ${"n/a".padStart(7)}`;
    out.push(`${r.name.padEnd(11)} ${r.minutes.toFixed(0).padStart(8)} ${r.reviews.toFixed(0).padStart(8)}  ${r.meanRecall.toFixed(3)}  ${(r.shareAtLeast90 * 100).toFixed(0).padStart(4)} %  ${exam}`);
  }
  if (!scored) out.push("No multiple-choice question among these cards: no exam form can be drawn, so there is no score or P(pass).");
  // What each strategy leaves for after the exam: not part of the comparison, but what a cram costs shows here.
  out.push("", `Recall ${A.AFTER_EXAM_DAYS} days after the exam, with no study after it:`, ...wrapItems(results.map((r) => `${r.name} ${r.recallAfterExam.toFixed(3)}`), 58).map((l) => `  ${l}`));
  const base = results.find((r) => r.name === "fsrs-0.90");
  const exam = results.find((r) => r.name === "exam");
  if (base && exam) {
    // Minutes too few for one answer leave fsrs-0.90 at 0 minutes, and a ratio to 0 is no number.
    const cost = base.minutes > 0 ? `${(exam.minutes / base.minutes).toFixed(2)}× the minutes of fsrs-0.90` : `${exam.minutes.toFixed(0)} minutes, fsrs-0.90 none`;
    out.push("", `exam-date mode: recall ${exam.meanRecall.toFixed(3)} with ${cost} (recall ${base.meanRecall.toFixed(3)})`);
  }
  out.push(
    "",
    "Mean true recall over all cards, day by day (exam day last):",
    plot(
      results.map((r) => ({ label: r.name, mark: MARKS[r.name] ?? "*", points: r.recallByDay.map((y, x) => ({ x, y })) })),
      { width: 50, height: 12, xLabel: "right: day", yLabel: "mean recall", yFloor: 0.8, floorNote: "below 0.8 on the bottom row" },
    ),
  );
  if (results.some((r) => r.frontier.length > 1)) {
    out.push("", "Frontiers: exam-day recall against minutes, each strategy's knob varied:");
    const label = (p: StrategyResult["frontier"][number]) => (p.windowDays === undefined ? `${p.knob}` : `${p.knob}/${p.windowDays}d`);
    for (const r of results) out.push(`  ${r.name} (${r.knobName}${r.name === "exam" ? " / final window days" : ""}): ${r.frontier.map((p) => `${label(p)} → ${p.minutes.toFixed(0)} min, ${p.meanRecall.toFixed(3)}`).join("; ")}`);
    out.push(
      plot(
        results.filter((r) => r.name !== "fsrs-0.95").map((r) => ({ label: r.name === "fsrs-0.90" ? "fsrs" : r.name, mark: MARKS[r.name] ?? "*", points: r.frontier.map((p) => ({ x: p.minutes, y: p.meanRecall })) })),
        { width: 50, height: 12, xLabel: "right: minutes per learner", yLabel: "exam-day recall" },
      ),
    );
  }
  out.push(
    "",
    "Assumptions:",
    ...[
        `first-sight ratings Again/Hard/Good/Easy ${A.FIRST_RATING_PROB.join("/")}`,
        `successes Hard/Good/Easy ${A.SUCCESS_RATING_PROB.join("/")}`,
        `a new card costs ${A.NEW_CARD_SECONDS} s, any later answer ${A.REVIEW_SECONDS} s`,
        `study at ${A.STUDY_HOUR}:00, the exam at 9:00 the day after the last study day`,
        `guessing: ${A.GUESSING}`,
        `a card never seen: ${A.UNSEEN}`,
        `recall after the exam: each card's true recall ${A.AFTER_EXAM_DAYS} days after it, nothing studied after the exam`,
        `score: 100 + 900 × share right of ${A.EXAM_FORM_QUESTIONS}-question forms drawn from the multiple-choice questions, pass at ${A.PASS_SCORE}`,
        `exam rule: working retention ${EXAM_RULE.workingRetention}, final window ${window} days (at least ${EXAM_RULE.windowDays}, and as many as a review of each card at ${WINDOW_REVIEW_SECONDS} s and ${Math.round(WINDOW_SLACK * 100)} % more take within the daily minutes, at most ${MAX_WINDOW_DAYS}), same-day steps skipped, no siblings buried on the exam's eve (docs/exam-mode.md)`,
        "fuzz off for every strategy; the learner models are in src/simulate/learners.ts",
      ].map((a) => `  - ${a}`),
  );
  return `${out.join("\n")}\n`;
}

export function simulationJson(config: SimulationConfig, results: readonly StrategyResult[]): unknown {
  return {
    version: 1,
    cards: config.cards.length,
    days: config.days,
    minutesPerDay: config.minutesPerDay,
    newPerDay: config.newPerDay,
    learners: config.learners,
    learner: config.learner,
    seed: config.seed,
    parameters: config.parameters ? "yours" : "default",
    strategies: results.map((r) => ({
      name: r.name,
      reviews: r.reviews,
      minutes: r.minutes,
      meanRecall: r.meanRecall,
      shareAtLeast90: r.shareAtLeast90,
      // null where the cards hold no multiple-choice question: no exam form to score.
      scaledScore: hasExamForms(config) ? r.scaledScore : null,
      pPass: hasExamForms(config) ? r.pPass : null,
      frontier: r.frontier,
      recallAfter30: r.recallAfterExam,
    })),
  };
}

/**
 * `configured`: the content paths saved in the progress file, read when needed. With `--parameters yours` the progress
 * file is read here, once: a file that cannot be read is then the one error, not a note that its paths are left out
 * followed by that error.
 */
export async function simulateCommand(opts: SimulateOptions, configured: () => Promise<readonly string[]>): Promise<number> {
  const which = opts.parameters ?? "default";
  if (which !== "default" && which !== "yours") throw new UsageError(`--parameters takes default or yours (got "${opts.parameters}")`);
  let fitted: readonly number[] | undefined;
  let saved: readonly string[];
  if (which === "yours") {
    // Read-only: the stored settings, checked like any progress file; no lock, nothing written.
    const store = await openProgress(opts, false, note);
    await store.close();
    if (!store.data.settings.fsrs) {
      process.stderr.write("cogquiz: no fitted parameters in this progress file yet; `cogquiz optimize` fits them from your review log\n");
      return EXIT.failure;
    }
    fitted = store.data.settings.fsrs.w;
    saved = store.data.settings.contentPaths;
  } else {
    saved = await configured();
  }
  const bank = await loadContent(contentPaths(opts, saved));
  const { questions } = sessionQuestions(bank, undefined);
  if (questions.length === 0) refuseBrokenContent(bank.diagnostics, "no question to simulate");
  if (questions.length === 0) throw new UsageError("the content set has no questions to simulate");
  const parsed = parseSimulateOptions(opts, questions.length);
  const { cardCount, ...rest } = parsed;
  const config: SimulationConfig = { ...rest, cards: resizeCards(simCards(questions), cardCount) };
  if (fitted) config.parameters = fitted;
  const results = await compareInParallel(config, { frontier: opts.frontier !== false });
  process.stdout.write(opts.json ? `${JSON.stringify(simulationJson(config, results), null, 2)}\n` : wrapWideLines(formatSimulation(config, results)));
  return EXIT.ok;
}
