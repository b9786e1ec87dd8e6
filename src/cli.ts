#!/usr/bin/env node
// Commander wiring only. Commands are imported when they run, so `--help` stays as fast as node itself.

import { Command, CommanderError, Option } from "commander";
import { createRequire } from "node:module";

const pkg = createRequire(import.meta.url)("../package.json") as { version: string };

// Imported lazily, so that neither they nor what they pull in load for --help.
const lazy = {
  validate: () => import("./commands/validate.js"),
  topics: () => import("./commands/topics.js"),
  quiz: () => import("./commands/quiz.js"),
  cards: () => import("./commands/cards.js"),
  progress: () => import("./commands/progress.js"),
  statsExport: () => import("./commands/stats-export.js"),
  exam: () => import("./commands/exam.js"),
  study: () => import("./commands/study.js"),
  optimize: () => import("./commands/optimize.js"),
  colour: () => import("./ui/colour.js"),
  exit: () => import("./commands/exit.js"),
};

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The order --help lists commands in: a student's day first, then authoring, then housekeeping. */
const HELP_ORDER = ["quiz", "study", "exam", "stats", "optimize", "topics", "validate", "export", "config", "reset", "suspend", "where"];

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
 * name the real mistake instead: an unknown command.
 */
function unknownCommand(names: readonly string[], args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return undefined;
    if (a.startsWith("-")) {
      if (VALUE_OPTIONS.has(a)) i++;
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
  } catch {
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
  const option = new Option("--content <path>", "add note files or folders to the bundled content").argParser(collect);
  // Parsed one path at a time (see spreadContentPaths), shown as what it takes.
  option.flags = "--content <path...>";
  return option;
}

export function buildProgram(): Command {
  const program = new Command("cogquiz");
  program
    .description("Study AWS certification topics from markdown notes: spaced-repetition quizzes, mock exams, stats.")
    .version(pkg.version, "-V, --version", "print the version")
    .addOption(contentOption())
    .option("--no-bundled", "leave the bundled Cognito content out")
    .option("--data <file>", "progress file to use (default: $XDG_DATA_HOME/cogquiz/progress.json; or COGQUIZ_DATA)")
    .option("--no-color", "turn colour off (so does NO_COLOR)")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`cogquiz: ${str.replace(/^error: /, "")}`) })
    .addHelpText(
      "after",
      `
Examples:
  $ cogquiz                                 start a quiz on the bundled content
  $ cogquiz validate content/ --strict      check a question bank, failing on warnings
  $ cogquiz topics --content ~/notes        the topic tree, with your own notes added

Exit codes: 0 success, 1 problems found, 2 bad usage, 70 a bug in cogquiz.`,
    );

  program
    .command("quiz", { isDefault: true })
    .description("run a spaced-repetition quiz session in the terminal (the default command)")
    .option("--topic <name>", "only cards under this topic (a prefix of its path, or words in it)")
    .option("--new <n>", "new cards this session (default: what is left of the daily limit)")
    .option("--limit <n>", "at most this many cards this session")
    .option("--seed <n>", "fix the shuffling of options, to repeat a session")
    .addHelpText(
      "after",
      `
Keys: 1-9 or arrows pick, space toggles (choose N), enter answers; u undo the last answer, s skip, q or Ctrl-C quit.

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
    .addOption(new Option("--format <format>", "report format").choices(["pretty", "json", "github"]).default("pretty"))
    .option("--strict", "fail on warnings too")
    .addHelpText(
      "after",
      `
Examples:
  $ cogquiz validate content/ --strict
  $ cogquiz validate questions/ --format github     annotations for GitHub Actions
  $ cogquiz validate bank.md --format json | jq .summary`,
    )
    .action(async (paths: string[], _opts, cmd: Command) =>
      run(cmd, async (g) => (await lazy.validate()).validateCommand(paths, g as never, paths.length > 0 ? [] : await configured(g))),
    );

  program
    .command("topics")
    .description("show the topic tree with the number of questions of each kind")
    .option("--json", "print the tree as JSON")
    .addHelpText("after", "\nExamples:\n  $ cogquiz topics\n  $ cogquiz topics --json --no-bundled --content my-bank/")
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.topics()).topicsCommand(g as never, await configured(g))));

  program
    .command("config")
    .description("read or change settings: newPerDay, reviewsPerDay, desiredRetention, contentPaths")
    .argument("<action>", "get or set")
    .argument("[key]", "setting name")
    .argument("[value]", "new value (contentPaths: comma-separated paths)")
    .addHelpText(
      "after",
      `
Examples:
  $ cogquiz config get
  $ cogquiz config set newPerDay 30
  $ cogquiz config set desiredRetention 0.85
  $ cogquiz config set contentPaths ~/notes/aws,~/notes/extra`,
    )
    .action(async (action: string, key: string | undefined, value: string | undefined, _opts, cmd: Command) =>
      run(cmd, async (g) => (await lazy.cards()).configCommand(action, key, value, g as never)),
    );

  program
    .command("reset")
    .description("make one card new again (its review history stays in the log)")
    .argument("<id>", "question id")
    .addHelpText("after", "\nExample:\n  $ cogquiz reset alb-auth-listener")
    .action(async (id: string, _opts, cmd: Command) => run(cmd, async (g) => (await lazy.cards()).resetCommand(id, g as never)));

  program
    .command("suspend")
    .description("keep one card out of quizzes (or bring it back with --lift)")
    .argument("<id>", "question id")
    .option("--lift", "end the suspension")
    .addHelpText("after", "\nExamples:\n  $ cogquiz suspend alb-auth-listener\n  $ cogquiz suspend alb-auth-listener --lift")
    .action(async (id: string, opts: { lift?: boolean }, cmd: Command) =>
      run(cmd, async (g) => (await lazy.cards()).suspendCommand(id, opts.lift === true, g as never)),
    );

  program
    .command("study")
    .description("read a topic's notes, a page at a time, then quiz it or move on")
    .argument("[topic]", "open this topic directly (a prefix of its path, or words in it)")
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
    .option("--topic <name>", "draw only from this topic")
    .option("--pass <score>", "passing score on the 100-1000 scale (default 720)")
    .option("--seed <n>", "repeat a draw")
    .addHelpText(
      "after",
      `
Keys: 1-9/space choose, enter or n next, p previous, f flag, r review and submit, Ctrl-C to abandon.

Examples:
  $ cogquiz exam
  $ cogquiz exam --count 20 --minutes 40 --topic "fine-grained access"
  $ cogquiz exam --count 10 --minutes 0.5 --seed 7`,
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.exam()).examCommand(g as never)));

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
    .option("--out <file>", "write to a file instead of standard output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ cogquiz export --format anki --out cognito.txt     then File > Import in Anki\n  $ cogquiz export --format csv > cards.csv\n  $ cogquiz export --format json | jq '.questions | length'",
    )
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.statsExport()).exportCommand(g as never)));

  program
    .command("where")
    .description("print where progress, the review log and the bundled content live")
    .addHelpText("after", "\nExamples:\n  $ cogquiz where\n  $ cogquiz --data ./study.json where")
    .action(async (_opts, cmd: Command) => run(cmd, async (g) => (await lazy.cards()).whereCommand(g as never)));

  (program.commands as Command[]).sort((a, b) => HELP_ORDER.indexOf(a.name()) - HELP_ORDER.indexOf(b.name()));
  return program;
}

// Output piped into `head` and closed early is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  for (const c of program.commands) c.exitOverride();
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  argv = [...argv.slice(0, 2), ...spreadContentPaths(argv.slice(2), [...names, "help"])];
  const unknown = unknownCommand(names, argv.slice(2));
  if (unknown) {
    process.stderr.write(`cogquiz: ${unknown}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      process.exitCode = e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
      return;
    }
    const { UsageError, UserFacingError, EXIT } = await lazy.exit();
    if (e instanceof UsageError) {
      process.stderr.write(`cogquiz: ${e.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (e instanceof UserFacingError) {
      process.stderr.write(`cogquiz: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      const detail = e instanceof Error ? (process.env.COGQUIZ_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
      process.stderr.write(`cogquiz: internal error: ${detail}\nThis is a bug in cogquiz; COGQUIZ_DEBUG=1 shows the stack.\n`);
      process.exitCode = EXIT.internal;
    }
  }
}

await main(process.argv);
