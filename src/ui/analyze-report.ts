// The shapes of an item-analysis report (pretty, JSON, GitHub annotations) and of one learner's misconceptions.
// Each returns text; the command decides where it goes. Texts from the bank are escaped here, at the last step.

import {
  FLAG_SEVERITY,
  type ItemAnalysis,
  type ItemFlag,
  type ItemStatistics,
  type Misconception,
} from "../analysis/item-analysis.js";
import { escapeControls, excerpt } from "../content/text.js";
import { oneLine, safeJson } from "../content/controls.js";
import { chalk } from "./colour.js";
import { pathToFileURL } from "node:url";
import { sep } from "node:path";
import { hash64 } from "../content/ids.js";
import { artifactUri, codeSpan, escapeData, escapeProperty, repositoryPath, ruleName, SARIF_SCHEMA, type SarifOptions } from "./validate-report.js";

export const ANALYZE_REPORT_VERSION = 1;

/** Flags that fail a run: a suspected wrong key always, the warnings too with --strict. */
export function failingFlags(strict: boolean): Set<ItemFlag> {
  return new Set((Object.keys(FLAG_SEVERITY) as ItemFlag[]).filter((f) => FLAG_SEVERITY[f] === "error" || (strict && FLAG_SEVERITY[f] === "warning")));
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);
const pct = (x: number | null): string => (x === null ? "  –  " : `${Math.round(x * 100)} %`.padStart(5));
const signed = (x: number | null): string => (x === null ? "   – " : `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`);

export function formatAnalysisJson(a: ItemAnalysis): string {
  // safeJson: a file name or a learner's name may hold C1 controls, which the terminal's gate would otherwise show as
  // `\x9b`, an escape JSON does not have.
  return safeJson(
    {
      version: ANALYZE_REPORT_VERSION,
      learners: a.learners,
      firstAttempts: a.firstAttempts,
      settings: a.settings,
      questions: a.questions.map((q) => ({
        id: q.id,
        file: q.file,
        line: q.line,
        learners: q.learners,
        difficulty: round(q.difficulty),
        discrimination: round(q.discrimination),
        options: q.options.map((o) => ({ text: o.text, correct: o.correct, share: round(o.share), discrimination: round(o.discrimination) })),
        flags: q.flags,
        restLearners: q.restLearners,
        ungradable: q.ungradable,
        needsChecking: q.needsChecking,
        reasons: q.reasons,
      })),
    },
    2,
  );
}

function severityLabel(flag: ItemFlag, failing: Set<ItemFlag>): string {
  const sev = FLAG_SEVERITY[flag];
  if (sev === "note") return chalk.dim("note   ");
  return failing.has(flag) ? chalk.red(sev === "error" ? "error  " : "warning") : chalk.yellow("warning");
}

function questionBlock(q: ItemStatistics, failing: Set<ItemFlag>): string[] {
  const out = [
    `${chalk.underline(`${oneLine(q.file)}:${q.line}`)}  ${chalk.bold(escapeControls(q.id))}  ${excerpt(q.title, 70)}`,
    `  ${q.learners} learner${q.learners === 1 ? "" : "s"} (${q.restLearners} with a rest score) · difficulty ${pct(q.difficulty).trim()} · discrimination ${signed(q.discrimination).trim()}` +
      (q.ungradable > 0 ? chalk.dim(` · ${q.ungradable} answer${q.ungradable === 1 ? "" : "s"} to options since changed`) : ""),
  ];
  for (const r of q.reasons) out.push(`  ${severityLabel(r.flag, failing)}  ${chalk.dim(r.flag)}  ${escapeControls(r.message)}`);
  if (q.learners > 0) {
    out.push(chalk.dim("       share      r"));
    for (const o of q.options) {
      out.push(`   ${o.correct ? chalk.green("✓") : " "}  ${pct(o.share)}  ${signed(o.discrimination)}  ${excerpt(o.text, 70)}`);
    }
  }
  return out;
}

export interface AnalysisView {
  strict: boolean;
  /** Show every question, not only flagged ones. */
  all: boolean;
  logs: number;
}

export function formatAnalysisPretty(a: ItemAnalysis, view: AnalysisView): string {
  const failing = failingFlags(view.strict);
  const answered = a.questions.filter((q) => q.learners > 0).length;
  const s = a.settings;
  const out = [
    chalk.bold(`Item analysis: ${a.learners} learner${a.learners === 1 ? "" : "s"} from ${view.logs} log${view.logs === 1 ? "" : "s"}, ` +
      `${a.firstAttempts} first attempts, ${answered} of ${a.questions.length} multiple-choice questions answered`),
    chalk.dim(`Graded against today's keys. Rest score: share right of the other questions a learner answered (at least ${s.minOverlap}); ` +
      `"significant" means |r| > ${s.z}/√n.`),
    "",
  ];
  const shown = a.questions.filter((q) => view.all || q.reasons.some((r) => FLAG_SEVERITY[r.flag] !== "note"));
  const rank = (q: ItemStatistics): number => Math.min(3, ...q.flags.map((f) => (failing.has(f) ? 0 : FLAG_SEVERITY[f] === "warning" ? 1 : 2)));
  const ordered = [...shown].sort((x, y) => rank(x) - rank(y));
  // A loop, not push(...spread): a question can have more options than a call has room for arguments.
  for (const q of ordered) {
    for (const line of questionBlock(q, failing)) out.push(line);
    out.push("");
  }
  const count = (f: ItemFlag): number => a.questions.filter((q) => q.flags.includes(f)).length;
  const parts = [
    `${count("suspected-wrong-key")} suspected wrong key${count("suspected-wrong-key") === 1 ? "" : "s"}`,
    `${count("needs-checking")} needing checking`,
    `${count("non-functioning-distractor")} with a non-functioning distractor`,
    `${count("too-easy")} too easy`,
    `${count("too-hard")} too hard`,
    `${count("not-enough-data")} with not enough data`,
  ];
  const failed = a.questions.some((q) => q.flags.some((f) => failing.has(f)));
  const line = parts.join(", ");
  out.push(failed ? chalk.red(`✖ ${line}`) : count("needs-checking") + count("non-functioning-distractor") + count("too-easy") + count("too-hard") > 0 ? chalk.yellow(`⚠ ${line}`) : chalk.green(`✔ ${line}`));
  const hidden = a.questions.length - shown.length;
  if (hidden > 0) out.push(chalk.dim(`  ${hidden} question${hidden === 1 ? "" : "s"} with nothing to report are not shown; --all shows every question`));
  return out.join("\n");
}

/** What each flag means, for SARIF rule metadata and viewers' help panes. */
export const FLAG_SUMMARY: Record<ItemFlag, string> = {
  "suspected-wrong-key":
    "The key's discrimination is significantly negative while a distractor's is significantly positive, is chosen more often than the key and is the top third's most common choice: the key is probably wrong.",
  "needs-checking": "Moodle's 'needs checking': the discrimination index is under 30 %, so the question does not separate stronger from weaker learners.",
  "non-functioning-distractor": "A distractor chosen by fewer than 5 % of learners (Tarrant et al. 2009) does no work: make it plausible or drop it.",
  "too-easy": "More than 90 % of learners answer right on their first attempt.",
  "too-hard": "Fewer than 20 % of learners answer right on their first attempt, below a four-option guess.",
  "not-enough-data": "Fewer than 50 learners with a rest score: no discrimination-based flag is raised.",
};

/**
 * SARIF 2.1.0, as validate writes it, so code scanning shows flagged questions at their file and line. Notes (not
 * enough data) are left out, as from the GitHub annotations. The fingerprint is the flag, the file and the question
 * id: it stays put when lines move.
 */
export function formatAnalysisSarif(a: ItemAnalysis, options: SarifOptions): string {
  const flags = Object.keys(FLAG_SEVERITY) as ItemFlag[];
  const rules = flags.map((id) => ({
    id,
    name: ruleName(id),
    shortDescription: { text: FLAG_SUMMARY[id] },
    fullDescription: { text: FLAG_SUMMARY[id] },
    help: { text: `${FLAG_SUMMARY[id]} See cogquiz analyze --help.`, markdown: `${FLAG_SUMMARY[id]}\n\nSee \`cogquiz analyze --help\`.` },
    defaultConfiguration: { level: FLAG_SEVERITY[id] },
    properties: { tags: ["question-bank", "item-analysis"], precision: id === "suspected-wrong-key" ? "medium" : "high" },
  }));
  const results = a.questions.flatMap((q) =>
    q.reasons
      .filter((r) => FLAG_SEVERITY[r.flag] !== "note")
      .map((r) => {
        const artifactLocation = artifactUri(q.file, options);
        return {
          ruleId: r.flag,
          ruleIndex: flags.indexOf(r.flag),
          level: FLAG_SEVERITY[r.flag],
          message: { text: escapeControls(`${q.id}: ${r.message}`) },
          locations: [{ physicalLocation: { artifactLocation, region: { startLine: Math.max(1, q.line) } } }],
          partialFingerprints: { "cogquiz-analyze/v1": hash64(`${r.flag}\0${artifactLocation.uri}\0${q.id}`) },
          properties: { learners: q.learners, difficulty: q.difficulty, discrimination: q.discrimination },
        };
      }),
  );
  const root = options.root.endsWith(sep) ? options.root : options.root + sep;
  return JSON.stringify(
    {
      $schema: SARIF_SCHEMA,
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: { name: "cogquiz analyze", semanticVersion: options.version, version: options.version, informationUri: "https://www.npmjs.com/package/cogquiz", rules },
          },
          originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(root).href } },
          columnKind: "utf16CodeUnits",
          results,
        },
      ],
    },
    null,
    2,
  );
}

/** GitHub workflow annotations at the question's file and line, then the pretty report for the log. */
export function formatAnalysisGithub(a: ItemAnalysis, view: AnalysisView, where: { cwd: string; root: string }): string {
  const failing = failingFlags(view.strict);
  const out: string[] = [];
  for (const q of a.questions) {
    for (const r of q.reasons) {
      if (FLAG_SEVERITY[r.flag] === "note") continue;
      const kind = failing.has(r.flag) ? "error" : "warning";
      const props = `file=${escapeProperty(repositoryPath(q.file, where))},line=${q.line},title=${escapeProperty(`cogquiz analyze ${r.flag}`)}`;
      out.push(`::${kind} ${props}::${escapeData(oneLine(`${q.id}: ${r.message}`))}`);
    }
  }
  out.push(formatAnalysisPretty(a, view));
  return out.join("\n");
}

/** A markdown summary for $GITHUB_STEP_SUMMARY: the flagged questions in a table. */
export function formatAnalysisStepSummary(a: ItemAnalysis, view: AnalysisView): string {
  const failing = failingFlags(view.strict);
  const flagged = a.questions.filter((q) => q.reasons.some((r) => FLAG_SEVERITY[r.flag] !== "note"));
  const failed = flagged.some((q) => q.flags.some((f) => failing.has(f)));
  const cell = (x: string): string => oneLine(x).replace(/\|/g, "\\|");
  const lines = [
    `### cogquiz analyze: ${failed ? "failed" : "passed"}`,
    "",
    `${a.learners} learners, ${a.firstAttempts} first attempts, ${flagged.length} of ${a.questions.length} questions flagged.`,
  ];
  if (flagged.length > 0) {
    lines.push("", "| question | learners | difficulty | discrimination | flags |", "|---|---:|---:|---:|---|");
    for (const q of flagged.slice(0, 200)) {
      const flags = q.flags.filter((f) => FLAG_SEVERITY[f] !== "note").map((f) => `\`${f}\``).join(" ");
      lines.push(`| ${codeSpan(cell(`${q.file}:${q.line}`))} ${cell(q.id)} | ${q.learners} | ${pct(q.difficulty).trim()} | ${signed(q.discrimination).trim()} | ${flags} |`);
    }
    if (flagged.length > 200) lines.push("", `…and ${flagged.length - 200} more; see the job log.`);
  }
  return `${lines.join("\n")}\n`;
}

export function formatMisconceptionsJson(learner: string, found: readonly Misconception[]): string {
  return safeJson({ version: ANALYZE_REPORT_VERSION, learner, misconceptions: found }, 2);
}

export function formatMisconceptionsPretty(learner: string, found: readonly Misconception[], repeats: number): string {
  if (found.length === 0) {
    return `${chalk.green("✔")} No question missed ${repeats} times or more with the same wrong choice (${oneLine(learner)}).`;
  }
  const out = [
    chalk.bold(`${found.length} misconception${found.length === 1 ? "" : "s"} to read up on (${oneLine(learner)}): the same wrong choice, again and again`),
    "",
  ];
  for (const m of found) {
    const topic = m.topic.join(" › ");
    out.push(`${chalk.bold(excerpt(m.title, 80))}  ${chalk.dim(`${oneLine(m.file)}:${m.line}`)}`);
    out.push(`  ${chalk.red("✗")} ${m.times} of ${m.attempts} answers chose ${m.chosen.map((c) => `"${excerpt(c, 60)}"`).join(" + ")}`);
    out.push(`  ${chalk.green("✓")} the answer: ${m.key.map((c) => `"${excerpt(c, 60)}"`).join(" + ")}`);
    if (topic !== "") out.push(`  study: ${escapeControls(topic)}  ${chalk.dim(`(cogquiz study "${escapeControls(m.topic[m.topic.length - 1] ?? "")}")`)}`);
    const ref = m.references[0];
    if (ref) out.push(`  read:  ${escapeControls(ref.url)}`);
    out.push("");
  }
  return out.join("\n").trimEnd();
}
