#!/usr/bin/env node
// Commander wiring only. Commands are imported when they run, so `--help` stays as fast as node itself.

import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createRequire } from "node:module";
import { neutraliseControls, oneLine } from "./content/controls.js";
import { gateTerminalOutput } from "./ui/safe-text.js";
import { helpWithin } from "./ui/layout.js";
import { describeFileError } from "./store/files.js";

const pkg = createRequire(import.meta.url)("../package.json") as { version: string };

// Imported lazily, so that neither they nor what they pull in load for --help.
const lazy = {
  validate: () => import("./commands/validate.js"),
  analyze: () => import("./commands/analyze.js"),
  topics: () => import("./commands/topics.js"),
  quiz: () => import("./commands/quiz.js"),
  cards: () => import("./commands/cards.js"),
  progress: () => import("./commands/progress.js"),
  statsExport: () => import("./commands/stats-export.js"),
  exam: () => import("./commands/exam.js"),
  study: () => import("./commands/study.js"),
  simulate: () => import("./commands/simulate.js"),
  plan: () => import("./commands/plan.js"),
  readiness: () => import("./commands/readiness.js"),
  optimize: () => import("./commands/optimize.js"),
  colour: () => import("./ui/colour.js"),
  exit: () => import("./commands/exit.js"),
};

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * A path option's value as given, refusing an empty one (an unset variable in a script): it would name the current
 * folder, or leave the option out, without a word.
 */
function nonEmptyPath(value: string): string {
  if (value === "") throw new InvalidArgumentError("an empty path names no file or folder");
  return value;
}

/** The order --help lists commands in: a student's day first, then authoring, then housekeeping. */
const HELP_ORDER = ["quiz", "study", "exam", "plan", "readiness", "stats", "optimize", "simulate", "topics", "validate", "analyze", "export", "config", "reset", "suspend", "where"];

/** Options of the program that take a value: the word after them is not a command name. */
const VALUE_OPTIONS = new Set(["--content", "--data"]);

/**
 * `--content a.md notes/` → `--content a.md --content notes/`. Paths follow --content until an option or, after the
 * first path, a word that names a command: commander's own variadic option would swallow the command in
 * `cogquiz --content notes validate`.
 */
export function spreadContentPaths(args: readonly string[], commandNames: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    out.push(a);
    if (a === "--") {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a !== "--content") continue;
    if (i + 1 < args.length) out.push(args[++i]!);
    while (i + 1 < args.length && !args[i + 1]!.startsWith("-") && !commandNames.includes(args[i + 1]!)) {
      out.push("--content", args[++i]!);
    }
  }
  return out;
}

/**
 * With a default command, commander reads a mistyped command as an argument of the default one;
 * name the real mistake instead: an unknown command. `help <name>` is checked the same way: commander prints the
 * general help for a name it does not know, and exits 0.
 */
function unknownCommand(names: readonly string[], args: readonly string[]): string | undefined {
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return undefined;
    if (a.startsWith("-")) {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    if (a === "help" && !help) {
      help = true;
      continue;
    }
    if (names.includes(a) || a === "help") return undefined;
    const close = names.find((n) => editDistance(n, a) <= 2);
    return `unknown command '${a}'${close ? ` (did you mean ${close}?)` : ""}; see cogquiz --help`;
  }
  return undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/** Content paths saved with `config set contentPaths`; a progress file that cannot be read adds none. */
async function configured(globals: Record<string, unknown>): Promise<string[]> {
  try {
    const { openProgress } = await lazy.progress();
    const store = await openProgress(globals as never, false, () => {});
    await store.close();
    return store.data.settings.contentPaths;
  } catch (e) {
    // These commands need content, not progress: a progress file they cannot read stops none of them, but what it
    // would have added is said to be left out, not left out unsaid.
    const { UsageError, UserFacingError } = await lazy.exit();
    if (e instanceof UserFacingError || e instanceof UsageError) {
      (await lazy.progress()).noteToStderr(`the content paths set in the progress file are left out: ${e.message}`);
    }
    return [];
  }
}

type Action = (globals: Record<string, unknown>) => Promise<number>;

function run(cmd: Command, action: Action): Promise<void> {
  return (async () => {
    const globals = cmd.optsWithGlobals();
    const { applyColourChoice } = await lazy.colour();
    applyColourChoice(globals.color as boolean | undefined);
    process.exitCode = await action(globals);
  })();
}

function contentOption(): Option {
  const option = new Option("--content <path>", "add note files or folders to the bundled content").argParser((value, previous: string[] | undefined) =>
    collect(nonEmptyPath(value), previous),
  );
  // Parsed one path at a time (see spreadContentPaths), shown as what it takes.
  option.flags = "--content <path...>";
  return option;
}

export function buildProgram(): Command {
  const program = new Command("cogquiz");
  /** `exam`'s --guide and --no-guide as given on the command line. */
  const guideFlags = new Set<string>();
  program
    .description("Study AWS certification topics from markdown notes: spaced-repetition quizzes, mock exams, stats.")
    .version(pkg.version, "-V, --version", "print the version")
    .addOption(contentOption())
    .option("--no-bundled", "leave the bundled Cognito content out")
    .option("--data <file>", "progress file to use, or a folder to keep progress.json in (default: $XDG_DATA_HOME/cogquiz/progress.json; or COGQUIZ_DATA)", nonEmptyPath)
    .option("--no-color", "turn colour off (so does NO_COLOR)")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    // On a narrow terminal commander wraps descriptions only into a column of 40 or more; the examples are ours.
    .configureHelp({ minWidthToWrap: 20 })
    .configureOutput({ writeOut: (str) => process.stdout.write(helpWithin(str)), outputError: (str, write) => write(`cogquiz: ${str.replace(/^error: /, "")}`) })
    .addHelpText(
      "after",
      `
Examples:
  $ cogquiz                                 start a quiz on the bundled content
  $ cogquiz validate content/ --strict      check a question bank, failing on warnings
  $ cogquiz topics --content ~/notes        the topic tree, with your own notes added

Exit codes: 0 success, 1 problems found, 2 bad usage, 70 a bug in cogquiz,
74 output not written; a session stopped: 129 terminal closed, 130 Ctrl-C
while loading, 143 SIGTERM.`,
    );

  program
    .command("quiz", { isDefault: true })
    .description("run a spaced-repetition quiz session in the terminal (the default command)")
    .option("--topic <name>", "only cards under this topic: a prefix of its path, words in it, a front-matter tag, or the start of question ids")
    .option("--new <n>", "new cards this session (default: what is left of the daily limit)")
    .option("--limit <n>", "at most this many cards this session")
    .option("--seed <n>", "fix the shuffling of options, to repeat a session")
    .addHelpText(
      "after",
      `
Keys: 1-9 or arrows pick, space toggles (choose N), enter answers; s skip, q or Ctrl-C quit.
u at Hard/Good/Easy takes back this card's answer and asks it again; anywhere else u undoes the last saved answer.

With an exam set (\`cogquiz plan\`): new cards follow the plan's pace, and the day ends at the plan's minutes a day,
every session of the day counted; z then gives 10 more minutes of extra study.

Examples:
  $ cogquiz quiz
  $ cogquiz quiz --topic "integrations" --new 5
  $ cogquiz quiz --topic alb --limit 10`,
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.quiz()).quizCommand(g as never)));

  program
    .command("validate")
    .description("check question banks and notes; exit 1 on errors (or warnings with --strict)")
    .argument("[paths...]", "files or folders to check (default: the current content set)")
    .addOption(new Option("--format <format>", "report format").choices(["pretty", "json", "github", "sarif", "junit"]).default("pretty"))
    .option("--strict", "fail on warnings too")
    .option("--config <file>", "rule settings to use instead of the nearest .cogquiz.json", nonEmptyPath)
    .addHelpText(
      "after",
      `
Examples:
  $ cogquiz validate content/ --strict
  $ cogquiz validate questions/ --format github     annotations for GitHub Actions
  $ cogquiz validate bank.md --format json | jq .summary
  $ cogquiz validate questions/ --format sarif > cogquiz.sarif   for GitHub code scanning
  $ cogquiz validate questions/ --format junit > cogquiz.xml     for CI test reports

Rules are listed in docs/question-format.md. A .cogquiz.json in the bank's folder or above sets them:
  {"rules": {"missing-reference": "off", "key-position-bias": "error"}}`,
    )
    .action(async (paths: string[], _opts, cmd: Command) =>
      run(cmd, async (g) => (await lazy.validate()).validateCommand(paths, g as never, paths.length > 0 ? [] : await configured(g))),
    );

  program
    .command("analyze")
    .description("item analysis from learners' review logs: difficulty, discrimination, suspected wrong keys, weak distractors")
    .argument("[logs...]", "review logs (reviews.jsonl) or folders of them; none: your own log, for your misconceptions")
    .addOption(new Option("--format <format>", "report format").choices(["pretty", "json", "github", "sarif"]).default("pretty"))
    // Both given, one would be dropped without a word: a CI step asking for SARIF would get JSON.
    .addOption(new Option("--json", "the same as --format json").conflicts("format"))
    .option("--learner <name>", "one learner's misconceptions (a log's file name, or the learner named in its records)")
    .option("--min-overlap <n>", "other questions a learner must have answered for a rest score (default 5)")
    .option("--all", "show every question, not only those with a flag")
    .option("--strict", "fail on warnings too (exit 1), not only on a suspected wrong key")
    .addHelpText(
      "after",
      `
Answers are graded from the options chosen against the keys as the bank has them now, first attempts only.
A learner is a log file, unless its records name one ("learner": "..."). Flags: suspected-wrong-key (from 100
learners), needs-checking (discrimination index under 30 %), non-functioning-distractor (under 5 %, from 60
learners), too-easy, too-hard, not-enough-data (under 50 learners).

Examples:
  $ cogquiz analyze class/*.jsonl --no-bundled --content bank/
  $ cogquiz analyze class/ --format github --content bank/ --no-bundled     annotations on the bank
  $ cogquiz analyze class/ --format sarif > analyze.sarif     for GitHub code scanning
  $ cogquiz analyze class/ --json | jq '.questions[] | select(.flags | length > 0)'
  $ cogquiz analyze                          the questions you keep missing the same way`,
    )
    .action(async (logs: string[], _opts, cmd: Command) =>
      run(cmd, async (g) => (await lazy.analyze()).analyzeCommand(logs, g as never, () => configured(g))),
    );

  program
    .command("topics")
    .description("show the topic tree with the number of questions of each kind")
    .option("--json", "print the tree as JSON")
    .option("--ids", "list every question's id (what reset and suspend take) under its topic")
    .addHelpText(
      "after",
      "\nExamples:\n  $ cogquiz topics\n  $ cogquiz topics --ids\n  $ cogquiz topics --json --no-bundled --content my-bank/",
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.topics()).topicsCommand(g as never, await configured(g))));

  program
    .command("config")
    .description("read or change settings: newPerDay, reviewsPerDay, desiredRetention, contentPaths; the exam plan's exam, minutesPerDay, target, guide")
    .argument("[action]", "get or set (with none: the actions and settings)")
    .argument("[key]", "setting name")
    .argument("[value]", "new value (contentPaths: comma-separated paths, '' for none)")
    .addHelpText(
      "after",
      `
Examples:
  $ cogquiz config get
  $ cogquiz config set newPerDay 30
  $ cogquiz config set desiredRetention 0.85
  $ cogquiz config set exam +6w                   the exam in six weeks, as plan --exam +6w
  $ cogquiz config set contentPaths ~/notes/aws,~/notes/extra`,
    )
    .action(async (action: string | undefined, key: string | undefined, value: string | undefined, _opts, cmd: Command) =>
      run(cmd, async (g) => (await lazy.cards()).configCommand(action, key, value, g as never)),
    );

  program
    .command("reset")
    .description("make one card new again (its review history stays in the log)")
    .argument("<id>", "question id")
    .addHelpText("after", "\nExample:\n  $ cogquiz reset int-alb-callback-idpresponse     the id is shown after each answer and by `cogquiz topics --ids`")
    .action(async (id: string, _opts, cmd: Command) => run(cmd, async (g) => (await lazy.cards()).resetCommand(id, g as never)));

  program
    .command("suspend")
    .description("keep one card out of quizzes (or bring it back with --lift)")
    .argument("<id>", "question id")
    .option("--lift", "end the suspension")
    .addHelpText("after", "\nExamples:\n  $ cogquiz suspend int-alb-callback-idpresponse\n  $ cogquiz suspend int-alb-callback-idpresponse --lift")
    .action(async (id: string, opts: { lift?: boolean }, cmd: Command) =>
      run(cmd, async (g) => (await lazy.cards()).suspendCommand(id, opts.lift === true, g as never)),
    );

  program
    .command("study")
    .description("read a topic's notes, a page at a time, then quiz it or move on")
    .argument("[topic]", "open this topic directly: its title (an exact title first), a prefix of its path, words in it, a tag or an id prefix")
    .addHelpText(
      "after",
      `
Keys: type to filter topics, enter opens; space next page, b back, q close; z quiz the topic, n next topic.

Examples:
  $ cogquiz study
  $ cogquiz study "row-level security"`,
    )
    .action(async (topic: string | undefined, _opts, cmd: Command) => run(cmd, async (g) => (await lazy.study()).studyCommand(topic, g as never)));

  program
    .command("exam")
    .description("sit a timed mock exam: 65 questions in 130 minutes, pass at 720, like the associate exams")
    .option("--count <n>", "number of questions (default 65, or the whole bank if smaller)")
    .option("--minutes <m>", "time allowed, decimals allowed (default 2 per question)")
    .option("--topic <name>", "draw only from this topic (as quiz --topic: path, words, tag or id prefix)")
    .option("--pass <score>", "passing score on the 100-1000 scale (default 720)")
    .option("--seed <n>", "repeat a draw")
    .addOption(new Option("--retake <which>", "sit the last exam's questions again: missed, flagged or all").choices(["missed", "flagged", "all"]))
    .option("--guide <id>", "draw by an exam guide's domain weights (dva-c02, saa-c03, scs-c03) and score per domain (default: the plan's guide)")
    .option("--no-guide", "draw from the whole content set, even when the plan names a guide")
    // Both given: the last would win without a word, as one option; they contradict each other, so neither is taken.
    .on("option:guide", () => guideFlags.add("--guide"))
    .on("option:no-guide", () => guideFlags.add("--no-guide"))
    .addHelpText(
      "after",
      `
Keys: 1-9/space choose, enter or n next, p previous, f flag, r review and submit, Ctrl-C to abandon;
PgDn/PgUp (j/k a line) scroll a question taller than the terminal.
The review list: enter opens a question, f flags it, PgUp/PgDn page a long list, s submits.
After submitting: the score per topic, then every question with its keys and explanation (m missed, f flagged, a all;
n/p next/previous question).

Examples:
  $ cogquiz exam
  $ cogquiz exam --count 20 --minutes 40 --topic "fine-grained access"
  $ cogquiz exam --count 10 --minutes 0.5 --seed 7
  $ cogquiz exam --retake missed`,
    )
    .action(async (_opts, cmd: Command) =>
      run(cmd, async (g) => {
        if (guideFlags.size === 2) throw new (await lazy.exit()).UsageError("--guide and --no-guide contradict each other: give one of them");
        return (await lazy.exam()).examCommand(g as never);
      }),
    );

  program
    .command("stats")
    .description("mastery per topic, due forecast, daily answers, retention, streak, leeches and mock exams")
    .option("--json", "print every figure as a versioned JSON object")
    .addHelpText("after", "\nExamples:\n  $ cogquiz stats\n  $ cogquiz stats --json | jq .retention")
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.statsExport()).statsCommand(g as never)));

  program
    .command("optimize")
    .description("fit the scheduler's FSRS parameters to your review log; adopted only when they predict later reviews better")
    .option("--json", "print the parameters and both evaluations as JSON")
    .option("--reset", "go back to FSRS-6's default parameters")
    .option("--retention", "simulate daily minutes and knowledge kept for desired retention 0.70-0.97 (changes nothing)")
    .addHelpText(
      "after",
      `
The later 20 % of your reviews are held out: the fitted parameters are stored only when they predict them
better than the defaults (log loss at least 1 % lower, RMSE(bins) no higher). Every card's memory state is then
recomputed from its history.

Examples:
  $ cogquiz optimize
  $ cogquiz optimize --json | jq .evaluation
  $ cogquiz optimize --retention
  $ cogquiz optimize --reset`,
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.optimize()).optimizeCommand(g as never)));

  program
    .command("export")
    .description("export every question (and your progress) for Anki, a spreadsheet or a script")
    .addOption(new Option("--format <format>", "anki (TSV for Anki's import), csv or json").choices(["anki", "csv", "json"]).makeOptionMandatory())
    .option("--out <file>", "write to a file instead of standard output (--out - writes to it too)", nonEmptyPath)
    .option("--deck <name>", "anki: the deck the notes go into, :: for a subdeck (default: cogquiz)")
    .option("--notetype <name>", "anki: the note type, as your Anki names it (default: Basic); its first two fields take the front and back")
    .addHelpText(
      "after",
      "\nExamples:\n  $ cogquiz export --format anki --out cognito.txt     then File > Import in Anki\n  $ cogquiz export --format anki --deck AWS::Cognito --notetype Einfach --out cognito.txt\n  $ cogquiz export --format csv > cards.csv\n  $ cogquiz export --format json | jq '.questions | length'",
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.statsExport()).exportCommand(g as never)));

  program
    .command("plan")
    .description("set an exam date and print the plan: days left, new cards a day, reviews and minutes a day")
    .option("--exam <date>", "the exam's date, from today to 3 years ahead: YYYY-MM-DD, or days or weeks from today (+45d, +6w, \"in 45 days\")")
    .option("--minutes <m>", "study minutes a day (default 30)")
    .option("--target <r>", "recall to reach on exam day (default 0.97)")
    .option("--guide <id>", "exam guide: dva-c02, saa-c03 or scs-c03")
    .option("--clear", "remove the exam: plain FSRS at the desired retention")
    .option("--json", "print the plan as JSON")
    .addHelpText(
      "after",
      `
With an exam set, the quiz applies the plan: new cards a day at the plan's pace (recomputed each day from the cards
not seen yet and the days left; \`cogquiz config set newPerDay N\` afterwards sets your own, \`… newPerDay plan\`
follows the plan again), and each day's quiz ends at the plan's minutes (every session of the day counted), with
extra study offered past them.

Examples:
  $ cogquiz plan --exam +6w --minutes 30 --guide dva-c02
  $ cogquiz plan --exam "in 45 days"
  $ cogquiz plan
  $ cogquiz plan --clear`,
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.plan()).planCommand(g as never)));

  program
    .command("readiness")
    .description("predicted recall on exam day per topic and exam-guide domain, and the predicted score")
    .option("--guide <id>", "exam guide to group by (default: the plan's)")
    .option("--json", "print the figures as a versioned JSON object")
    .addHelpText("after", "\nExamples:\n  $ cogquiz readiness\n  $ cogquiz readiness --guide dva-c02 --json | jq .guide.domains")
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.readiness()).readinessCommand(g as never)));

  program
    .command("simulate")
    .description("compare scheduling strategies on simulated learners: exam-day recall for the minutes studied")
    .option("--cards <n>", "cards (default: the content set's questions)")
    .option("--days <d>", "days until the exam (default 30)")
    .option("--new-per-day <k>", "new cards a day (default 20), or plan: the exam plan's pace, recomputed each day as the quiz applies it")
    .option("--minutes <m>", "study minutes a day (default 30)")
    .option("--learners <l>", "simulated learners (default 20)")
    .option("--learner <type>", "default, harder, easier or actr (ACT-R memory with the spacing effect)")
    .option("--target <r>", "exam-date mode's target recall (default 0.97)")
    .option("--seed <n>", "seed of the learners and their answers (default 1)")
    .option("--no-frontier", "skip the recall-vs-minutes frontier of each strategy's knob")
    .option("--parameters <which>", "default (FSRS-6's) or yours: the scheduler uses the parameters `cogquiz optimize` fitted to your log, and the FSRS-family learners are drawn around them")
    .option("--json", "print the figures as a versioned JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  $ cogquiz simulate --days 30 --learners 5\n  $ cogquiz simulate --parameters yours --learners 5   # after cogquiz optimize\n  $ cogquiz simulate --days 60 --learner actr --learners 5 --json | jq '.strategies[] | {name, meanRecall, minutes}'",
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.simulate()).simulateCommand(g as never, () => configured(g))));

  program
    .command("where")
    .description("print where progress, the review log and the bundled content live")
    .addHelpText("after", "\nExamples:\n  $ cogquiz where\n  $ cogquiz --data ./study.json where")
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.cards()).whereCommand(g as never)));

  (program.commands as Command[]).sort((a, b) => HELP_ORDER.indexOf(a.name()) - HELP_ORDER.indexOf(b.name()));
  return program;
}

// Output piped into `head` and closed early is not an error worth a stack trace. Output that cannot be written at
// all (a full disk, a closed descriptor) is said in one line on standard error, with its own exit code, 74, so that
// CI does not read it as findings (1).
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  try {
    process.stderr.write(`cogquiz: cannot write standard output: ${describeFileError(e)}\n`);
  } catch {
    // standard error is gone too: the exit code still says it
  }
  process.exit(74);
});

async function main(argv: string[]): Promise<void> {
  // Before anything is printed: every byte to the terminal passes the gate (no screen can forget it).
  gateTerminalOutput();
  const program = buildProgram();
  for (const c of program.commands) c.exitOverride();
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  argv = [...argv.slice(0, 2), ...spreadContentPaths(argv.slice(2), [...names, "help"])];
  const unknown = unknownCommand(names, argv.slice(2));
  if (unknown) {
    process.stderr.write(`cogquiz: ${oneLine(unknown)}\n`);
    process.exitCode = 2;
    return;
  }
  // Before a command opens anything (a quiz creates its progress file first): a bad setting is bad usage.
  const helpOnly = argv.slice(2).some((a) => ["-h", "--help", "-V", "--version"].includes(a)) || argv[2] === "help";
  if (process.env.COGQUIZ_THREADS !== undefined && !helpOnly) {
    const problem = (await import("./content/threads.js")).threadsSettingProblem();
    if (problem !== undefined) {
      process.stderr.write(`cogquiz: ${oneLine(problem)}\n`);
      process.exitCode = 2;
      return;
    }
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      process.exitCode = e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
      return;
    }
    const { UsageError, UserFacingError, EXIT, internalErrorMessage } = await lazy.exit();
    // A path or a value typed or found (a file name in a folder, a learner named in a log) is printed on its line.
    if (e instanceof UsageError) {
      process.stderr.write(`cogquiz: ${oneLine(e.message)}\n`);
      process.exitCode = EXIT.usage;
    } else if (e instanceof UserFacingError) {
      process.stderr.write(`cogquiz: ${e.lines.map(oneLine).join("\n")}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(internalErrorMessage(e));
      process.exitCode = EXIT.internal;
    }
  }
}

void main(process.argv);
