// npm run bench: speed and memory figures, printed as a table. Targets are checked here, never in tests.
// Usage: node scripts/bench.mjs [validate|quiz|log|scale|analyze|simulate|optimize|all]   (default all)

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Lexer } from "marked";
import { WORDS } from "./bench-words.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CLI = join(ROOT, "dist/cogquiz.cjs");
const WORK = join(ROOT, ".bench");
/** The built program's seeded generator (mulberry32). */
const { seededRandom } = await import("../dist/session/random.js");
const which = process.argv[2] ?? "all";
const results = [];
let failed = false;

function check(name, value, target, ok) {
  results.push({ name, value, target, ok });
  if (!ok) failed = true;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args, runs, env = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    // A large buffer: a bank may have a finding in every question.
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    // validate exits 1 on findings; anything on stderr but a finding's exit is a broken measurement.
    if (r.status !== 0 && !(r.status === 1 && r.stderr === "")) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

/**
 * A bank of `n` task-list questions, 1,000 per file, in the shape real banks have: headed sections of notes, a stem
 * of 8 to 24 words, four or five options (a fourth of the questions choose two) with the keys anywhere, a policy in a
 * code block now and then (other words in each), an explanation with a link. The words are drawn at random (seeded,
 * so every run reads the same bank) from the 1,200 most frequent words of the bundled notes, with Zipf's law's
 * frequencies: questions are as varied as a real bank's, so findings are as few as there. A templated bank, whose
 * questions differ only by a number, is all near duplicates: validate then measures writing 10,000 findings.
 */
function generateBank(dir, n) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(n);
  const logWords = Math.log(WORDS.length + 1);
  // P(rank k) ∝ 1/k, near enough: the inverse of the CDF of a log-uniform rank.
  const word = () => WORDS[Math.min(WORDS.length - 1, Math.floor(Math.exp(random() * logWords)) - 1)];
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const words = (lo, hi) => {
    const out = [];
    for (let k = between(lo, hi); k > 0; k--) {
      const w = word();
      const r = random();
      // Marks as often as in the bundled bank's questions: 2.3 % of words in code spans, bold rare.
      out.push(r < 0.023 ? `\`${w}\`` : r < 0.025 ? `**${w}**` : w);
    }
    const s = out.join(" ");
    return s[0].toUpperCase() + s.slice(1);
  };
  const perFile = 1000;
  for (let f = 0; f * perFile < n; f++) {
    let out = `---\ntags: [bench]\n---\n\n# Generated topic ${f}\n\n`;
    for (let i = f * perFile; i < Math.min(n, (f + 1) * perFile); i++) {
      if (i % 50 === 0) out += `## Section ${i / 50}\n\n${words(10, 30)}, see [the guide](https://docs.aws.amazon.com/x${i}.html).\n\n`;
      const multi = i % 4 === 0;
      const options = multi ? 5 : 4;
      const first = between(0, options - 1);
      const second = multi ? (first + between(1, options - 1)) % options : -1;
      out += `### ${words(8, 24)}?${multi ? " (Choose TWO.)" : ""}\n<!-- id: bench-${i} -->\n\n`;
      if (i % 10 === 0) out += `\`\`\`json\n{ "Effect": "Allow", "Action": "${word()}:${word()}", "Resource": "arn:aws:${word()}:::${word()}/${word()}" }\n\`\`\`\n\n`;
      for (let o = 0; o < options; o++) out += `- [${o === first || o === second ? "x" : " "}] ${words(3, 12)}\n`;
      out += `\n> ${words(8, 20)}. See [the docs](https://docs.aws.amazon.com/q${i}.html).\n\n`;
    }
    writeFileSync(join(dir, `bank-${String(f).padStart(4, "0")}.md`), out);
  }
}

/**
 * The reader against marked.lexer alone, in this process, over the same files, both reading them from disk as
 * validate does. One untimed run of each warms the JIT; then five alternating runs, so both see the same machine
 * state, and the median of each.
 */
async function readerVsLexer(dir) {
  const { loadBank } = await import(join(ROOT, "dist/content/load.js"));
  const files = readdirSync(dir).map((f) => join(dir, f));
  const lexAll = () => {
    for (const f of files) new Lexer({ gfm: true }).lex(readFileSync(f, "utf8"));
  };
  const readAll = () => loadBank([dir], { keep: "outline", lint: true }); // what `cogquiz validate` does, set rules included
  lexAll();
  await readAll();
  const lex = [];
  const reader = [];
  for (let run = 0; run < 5; run++) {
    let t = process.hrtime.bigint();
    lexAll();
    lex.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await readAll();
    reader.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { lex: median(lex), reader: median(reader) };
}

/** marked.lexer over the same files as a command of its own: Node's start and a cold JIT included, as for validate. */
const LEX_COMMAND = `import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Lexer } from "marked";
const dir = process.argv[1];
for (const f of readdirSync(dir)) new Lexer({ gfm: true }).lex(readFileSync(join(dir, f), "utf8"));`;

const BUILT_CODE = join(ROOT, "dist/program.code");

/** Runs `f` with the build's compiled code (dist/program.code) set aside, as a build that could not make it would be. */
function withoutBuiltCode(f) {
  const aside = `${BUILT_CODE}.aside`;
  renameSync(BUILT_CODE, aside);
  try {
    return f();
  } finally {
    renameSync(aside, BUILT_CODE);
  }
}

function dirBytes(dir) {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function benchValidate() {
  if (!existsSync(BUILT_CODE)) throw new Error(`${BUILT_CODE} is missing: the build makes it (npm run build)`);
  const sizes = [1_000, 10_000, 100_000];
  const wall = {};
  const spreads = [];
  console.log("validate: generated banks in the task-list shape (1,000 questions a file)");
  console.log("  questions      MB | as commands: validate ms   lexer ms   ratio | in one process: reader ms   reader MB/s   lexer ms   lexer MB/s   ratio");
  for (const n of sizes) {
    const dir = join(WORK, `bank-${n}`);
    generateBank(dir, n);
    const mb = dirBytes(dir) / 1e6;
    const runs = n >= 100_000 ? 3 : 9;
    // No parse cache and no kept code of the user's: this measures reading the markdown with a cold program, as on a
    // CI runner after `npm ci`, whose build made dist/program.code (the code V8 compiled for the program at build
    // time; see src/cogquiz.cts). Each pair's validate is also run with that file set aside, for the figure
    // without it. Alternating, so the commands of a pair see the same machine state; the ratio is the median of the
    // pairs' ratios, which a drift of the machine's speed over seconds (±20 % on a small VM) moves less than a ratio
    // of medians. Nine pairs below 100,000 questions: five gave ratios from 0.77 to 0.92 on one unchanged build.
    const validateOnce = () => timeCommand([CLI, "validate", dir, "--format", "json"], 1, { COGQUIZ_NO_CACHE: "1" });
    const validateRuns = [];
    const lexRuns = [];
    const bareRuns = [];
    for (let run = 0; run < runs; run++) {
      validateRuns.push(validateOnce());
      lexRuns.push(timeCommand(["--input-type=module", "-e", LEX_COMMAND, dir], 1));
      bareRuns.push(withoutBuiltCode(validateOnce));
    }
    const ms = median(validateRuns);
    const lexMs = median(lexRuns);
    const pairRatios = validateRuns.map((v, i) => lexRuns[i] / v).sort((a, b) => a - b);
    const bareRatio = median(bareRuns.map((v, i) => lexRuns[i] / v));
    const { lex, reader } = await readerVsLexer(dir);
    wall[n] = ms;
    const ratio = lex / reader;
    const commandRatio = median(pairRatios);
    spreads.push(
      `${n}: pairs ${pairRatios[0].toFixed(2)}-${pairRatios.at(-1).toFixed(2)}, ratio of medians ${(lexMs / ms).toFixed(2)}, ` +
        `without the build's code ${bareRatio.toFixed(2)} (${median(bareRuns).toFixed(0)} ms)`,
    );
    console.log(
      `  ${String(n).padStart(9)} ${mb.toFixed(1).padStart(7)} | ${ms.toFixed(0).padStart(22)} ${lexMs.toFixed(0).padStart(10)} ${commandRatio.toFixed(2).padStart(7)} | ${reader.toFixed(0).padStart(25)} ${(mb / (reader / 1000)).toFixed(1).padStart(13)} ${lex.toFixed(0).padStart(10)} ${(mb / (lex / 1000)).toFixed(1).padStart(12)} ${ratio.toFixed(2).padStart(7)}`,
    );
    // At 1,000 questions (0.4 MB) both commands are mostly Node's start: a throughput figure only from 10,000 up.
    if (n >= 10_000) {
      check(`validate command throughput vs a marked.lexer command (${n})`, commandRatio.toFixed(2), ">= 0.80", commandRatio >= 0.8);
      check(`reader throughput vs marked.lexer, one process (${n})`, ratio.toFixed(2), ">= 0.80", ratio >= 0.8);
    }
  }
  console.log(`  command ratios (median of pairs above): ${spreads.join("; ")}`);
  const growth = wall[100_000] / wall[10_000];
  check("validate 100k time / 10k time", growth.toFixed(2), "<= 11", growth <= 11);

  // Alternating runs, so both see the same machine state; start-up times on a small VM drift by ±10 % over seconds.
  const nodeRuns = [];
  const helpRuns = [];
  for (let i = 0; i < 25; i++) {
    nodeRuns.push(timeCommand(["-e", "0"], 1));
    helpRuns.push(timeCommand([CLI, "--help"], 1));
  }
  const nodeOnly = median(nodeRuns);
  const help = median(helpRuns);
  console.log(`\n--help: ${help.toFixed(0)} ms; node -e 0: ${nodeOnly.toFixed(0)} ms`);
  check("--help time / node -e 0", (help / nodeOnly).toFixed(2), "<= 1.5", help / nodeOnly <= 1.5);
}

const benches = { validate: benchValidate };
const extra = await import("./bench-quiz.mjs").catch(() => undefined);
if (extra) benches.quiz = () => extra.benchQuiz({ check, CLI, WORK });
const logBench = await import("./bench-log.mjs");
benches.log = () => logBench.benchLog({ check, CLI, WORK });
const scale = await import("./bench-scale.mjs").catch(() => undefined);
if (scale) benches.scale = () => scale.benchScale({ check, CLI, WORK });
const analyze = await import("./bench-analyze.mjs").catch(() => undefined);
if (analyze) benches.analyze = () => analyze.benchAnalyze({ check, CLI, WORK });
const simulate = await import("./bench-simulate.mjs");
benches.simulate = () => simulate.benchSimulate({ check, ROOT });
const optimizer = await import("./bench-optimize.mjs");
benches.optimize = () => optimizer.benchOptimize({ check, CLI, WORK, ROOT });

mkdirSync(WORK, { recursive: true });
for (const [name, fn] of Object.entries(benches)) if (which === "all" || which === name) await fn();

console.log("\nTargets (2-core machine):");
for (const r of results) console.log(`  ${r.ok ? "ok  " : "MISS"} ${r.name}: ${r.value} (target ${r.target})`);
if (process.env.BENCH_KEEP !== "1") rmSync(WORK, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
