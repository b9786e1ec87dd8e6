// Item analysis: how a bank's multiple-choice questions behave, read from the answers learners gave.
// Pure: the bank's questions and the learners' review records in, statistics and flags out. Each statistic is one
// small function with its formula beside it; each flag carries the numbers that raised it.
//
// The method, stated once:
// - Every answer is graded again from the options it chose, against the key as the bank has it now (the logged
//   `correct` used the key of its day). An answer whose chosen text is no longer an option cannot be graded and is
//   counted as ungradable.
// - Only each learner's first attempt at a question counts: later attempts measure what the quiz taught, not the item.
// - A learner's rest score for a question is the share right of the OTHER questions they answered (first attempts),
//   used only when they answered at least `minOverlap` others. With complete data it is a linear function of the
//   classical "rest of the test" total, so the correlations below equal the classical corrected ones.

import type { MultipleChoiceQuestion, Question, Reference } from "../content/model.js";
import type { LogRecord, ReviewRecord, UndoRecord } from "../srs/records.js";

/** Every threshold of the analysis, with where it comes from. */
export interface ItemAnalysisSettings {
  /** Normal quantile for "significantly" different from zero: r beyond ±z/√n (1.96: two-sided 5 %). */
  z: number;
  /** Other questions a learner must have answered before their rest score is used. */
  minOverlap: number;
  /** A suspected wrong key needs this many learners with a rest score. */
  wrongKeyMinLearners: number;
  /** Below this many learners with a rest score no discrimination-based flag is raised ("not enough data"). */
  discriminationMinLearners: number;
  /** Non-functioning distractors are judged from this many learners (Tarrant, Ware & Mohammed 2009 used ~60+). */
  distractorMinLearners: number;
  /** A distractor chosen by fewer than this share of learners does not function (Tarrant et al. 2009: 5 %). */
  distractorMinShare: number;
  /** Too easy / too hard are judged from this many learners. */
  difficultyMinLearners: number;
  /** Share right above which a question is too easy (Moodle calls 90-95 % "very easy"). */
  tooEasy: number;
  /** Share right below which a question is too hard (below a four-option guess). */
  tooHard: number;
  /** Moodle's "needs checking: very likely": discrimination index below 30 %. */
  needsChecking: number;
  /** Moodle's "needs checking: likely": discrimination index below 50 %. */
  needsCheckingLikely: number;
  /** Discrimination flags are held back while more than this share of first attempts chose options since changed. */
  maxUngradableShare: number;
  /** Misconceptions: the same wrong choice at least this many times. */
  misconceptionRepeats: number;
}

export const DEFAULT_SETTINGS: Readonly<ItemAnalysisSettings> = Object.freeze({
  z: 1.96,
  minOverlap: 5,
  wrongKeyMinLearners: 100,
  discriminationMinLearners: 50,
  distractorMinLearners: 60,
  distractorMinShare: 0.05,
  difficultyMinLearners: 20,
  tooEasy: 0.9,
  tooHard: 0.2,
  needsChecking: 0.3,
  needsCheckingLikely: 0.5,
  maxUngradableShare: 0.05,
  misconceptionRepeats: 2,
});

export const ITEM_FLAGS = [
  "suspected-wrong-key",
  "needs-checking",
  "non-functioning-distractor",
  "too-easy",
  "too-hard",
  "not-enough-data",
] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

/** How much a flag matters: a wrong key fails a CI run; the others ask for a look; not enough data is a note. */
export const FLAG_SEVERITY: Record<ItemFlag, "error" | "warning" | "note"> = {
  "suspected-wrong-key": "error",
  "needs-checking": "warning",
  "non-functioning-distractor": "warning",
  "too-easy": "warning",
  "too-hard": "warning",
  "not-enough-data": "note",
};

export interface FlagReason {
  flag: ItemFlag;
  /** The numbers that crossed the thresholds, in words. */
  message: string;
}

export interface OptionStatistics {
  text: string;
  correct: boolean;
  /** Learners who chose it. */
  chosenBy: number;
  /** Share of the question's learners who chose it; null without learners. */
  share: number | null;
  /** Point-biserial of "chose this option" against the rest score; null when it cannot be computed. */
  discrimination: number | null;
}

export type NeedsChecking = "very likely" | "likely" | "unlikely";

export interface ItemStatistics {
  id: string;
  file: string;
  line: number;
  title: string;
  topic: string[];
  kind: "single" | "multiple";
  /** Learners whose first attempt could be graded. */
  learners: number;
  /** Of them, those with a rest score (at least minOverlap other questions answered). */
  restLearners: number;
  /** First attempts that chose an option the question no longer has. */
  ungradable: number;
  /** Share right on the first attempt (the facility index); null without learners. */
  difficulty: number | null;
  /** Corrected point-biserial: the question's score against the rest score. */
  discrimination: number | null;
  /** Moodle's "needs checking?" from the discrimination index; null below the data minimum. */
  needsChecking: NeedsChecking | null;
  options: OptionStatistics[];
  flags: ItemFlag[];
  reasons: FlagReason[];
}

export interface ItemAnalysis {
  learners: number;
  /** Graded first attempts, over every question. */
  firstAttempts: number;
  /** Review records that name no question of the bank (answers to recall cards are left out silently). */
  unknownQuestions: number;
  settings: ItemAnalysisSettings;
  questions: ItemStatistics[];
}

/** What the analysis reads of an answer: a class's logs are held in memory whole, so only this is kept of each. */
export type AnsweredReview = Pick<ReviewRecord, "kind" | "reviewId" | "questionId" | "at" | "chosen" | "source"> & { learner?: unknown };
/** The records the analysis reads: answers and their undos (any other record may be passed, and is passed over). */
export type AnalysedRecord = AnsweredReview | Pick<UndoRecord, "kind" | "reviewId"> | { kind: Exclude<LogRecord["kind"], "review" | "undo"> };

/** The part of a log record the analysis reads, or undefined for a record it does not read. */
export function analysedPart(r: LogRecord): AnalysedRecord | undefined {
  if (r.kind === "undo") return { kind: "undo", reviewId: r.reviewId };
  if (r.kind !== "review") return undefined;
  const part: AnsweredReview = { kind: "review", reviewId: r.reviewId, questionId: r.questionId, at: r.at, chosen: r.chosen, source: r.source };
  const learner = (r as { learner?: unknown }).learner;
  if (learner !== undefined) part.learner = learner;
  return part;
}

/** One learner and everything they answered, in the order answered. */
export interface LearnerLog {
  learner: string;
  records: readonly AnalysedRecord[];
  /** Other names whose records turned out to be this learner's (a log copied under another name), in the order read. */
  alsoNamed?: string[];
}

/** A log file as read, named as the user named it. */
export interface LogFile {
  name: string;
  records: readonly AnalysedRecord[];
}

/**
 * The learner of a record is the file it came from, unless the record names one (`"learner": "…"`), as a log merged
 * from several people does. Records of one learner from several files are merged. An answer's `reviewId` is unique to
 * it, so two learners holding the same answer are one learner whose log was copied (under two names, or once whole
 * and once in a merged log): they are merged, and each answer is counted once.
 */
export function learnersOf(files: readonly LogFile[]): LearnerLog[] {
  const byName = new Map<string, AnalysedRecord[]>();
  for (const f of files) {
    for (const r of f.records) {
      const named = (r as { learner?: unknown }).learner;
      const learner = typeof named === "string" && named.trim() !== "" ? named.trim() : f.name;
      let list = byName.get(learner);
      if (!list) byName.set(learner, (list = []));
      list.push(r);
    }
  }
  // Union-find over names, joined by the answers they share.
  const names = [...byName.keys()];
  const parent = names.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  names.forEach((name, i) => {
    for (const r of byName.get(name)!) {
      if (r.kind !== "review") continue;
      const first = owner.get(r.reviewId);
      if (first === undefined) owner.set(r.reviewId, i);
      else {
        const [a, b] = [root(first), root(i)];
        // The name read first stands for the learner.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const out: LearnerLog[] = [];
  const at = new Map<number, LearnerLog & { records: AnalysedRecord[]; seen: Set<string> }>();
  names.forEach((name, i) => {
    const r = root(i);
    let l = at.get(r);
    if (!l) {
      l = { learner: names[r]!, records: [], seen: new Set() };
      at.set(r, l);
      out.push(l);
    } else (l.alsoNamed ??= []).push(name);
    for (const rec of byName.get(name)!) {
      if (rec.kind === "review" || rec.kind === "undo") {
        const key = `${rec.kind}\u0000${rec.reviewId}`;
        if (l.seen.has(key)) continue;
        l.seen.add(key);
      }
      l.records.push(rec);
    }
  });
  return out.map(({ learner, records, alsoNamed }) => (alsoNamed ? { learner, records, alsoNamed } : { learner, records }));
}

/** The reviews that stand: undone ones removed, in the order they were answered. */
export function standingReviews(records: readonly AnalysedRecord[]): AnsweredReview[] {
  const undone = new Set(records.filter((r) => r.kind === "undo").map((r) => r.reviewId));
  const reviews = records.filter((r): r is AnsweredReview => r.kind === "review" && !undone.has(r.reviewId));
  // Stable: records with the same time keep their log order.
  return reviews.map((r, i) => ({ r, i, t: Date.parse(r.at) })).sort((a, b) => (a.t - b.t) || a.i - b.i).map((x) => x.r);
}

/** A graded answer: option indexes chosen, and whether they are exactly the current key. */
export interface GradedAnswer {
  chosen: number[];
  correct: boolean;
}

/**
 * Grades logged option texts against the question as it is now: right when the chosen set is exactly the keys.
 * Null when a chosen text is not an option any more, or, given where it was answered, when the number chosen is one
 * the question as it is now could not have been given (the quiz takes exactly as many as there are keys, the exam at
 * most one for a single answer): the question changed since, and the answer cannot be graded. No option chosen (an
 * exam question left unanswered) is wrong.
 */
export function gradeChosen(q: MultipleChoiceQuestion, chosenTexts: readonly string[], source?: ReviewRecord["source"]): GradedAnswer | null {
  const chosen: number[] = [];
  for (const text of chosenTexts) {
    let i = q.choices.findIndex((c) => c.text === text);
    if (i < 0) i = q.choices.findIndex((c) => c.text.trim() === text.trim());
    if (i < 0) return null;
    if (!chosen.includes(i)) chosen.push(i);
  }
  chosen.sort((a, b) => a - b);
  const keys = q.choices.filter((c) => c.correct).length;
  if (chosen.length > 0 && ((source === "quiz" && chosen.length !== keys) || (q.kind === "single" && chosen.length > 1))) return null;
  const correct = chosen.length > 0 && q.choices.every((c, i) => c.correct === chosen.includes(i));
  return { chosen, correct };
}

/** Arithmetic mean; NaN for no values. */
function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Pearson's r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²). With a 0/1 variable it is the point-biserial correlation.
 * Null for fewer than two pairs or when either variable is constant (the correlation is undefined).
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 2) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Significance bound for a correlation from n pairs: |r| > z/√n (the large-sample standard error of r under r = 0 is 1/√n). */
export function significanceBound(n: number, z: number): number {
  return z / Math.sqrt(n);
}

/** Facility index p = right / answered: the share of learners right on their first attempt. */
export function facility(right: number, answered: number): number | null {
  return answered === 0 ? null : right / answered;
}

/** Moodle's "needs checking?" from the discrimination index (100 × r): below 30 % very likely, below 50 % likely. */
export function needsCheckingOf(discrimination: number, s: ItemAnalysisSettings): NeedsChecking {
  return discrimination < s.needsChecking ? "very likely" : discrimination < s.needsCheckingLikely ? "likely" : "unlikely";
}

/** One learner's first attempt at one question. */
interface Attempt {
  learner: number;
  answer: GradedAnswer;
}

/** Each learner's first graded attempt per question, plus what could not be graded. */
function firstAttempts(
  learners: readonly LearnerLog[],
  questions: readonly MultipleChoiceQuestion[],
  otherIds: ReadonlySet<string>,
): { attempts: Attempt[][]; ungradable: number[]; gone: Set<string>[]; unknown: number } {
  const index = new Map(questions.map((q, i) => [q.id, i]));
  const attempts: Attempt[][] = questions.map(() => []);
  const ungradable = questions.map(() => 0);
  const gone = questions.map(() => new Set<string>());
  let unknown = 0;
  learners.forEach((l, learner) => {
    const seen = new Set<number>();
    for (const r of standingReviews(l.records)) {
      const qi = index.get(r.questionId);
      if (qi === undefined) {
        if (!otherIds.has(r.questionId)) unknown++;
        continue;
      }
      if (seen.has(qi)) continue;
      seen.add(qi);
      const chosen = Array.isArray(r.chosen) ? r.chosen.filter((c) => typeof c === "string") : [];
      const answer = gradeChosen(questions[qi]!, chosen, r.source);
      if (answer) attempts[qi]!.push({ learner, answer });
      else {
        ungradable[qi]!++;
        for (const text of chosen) if (gradeChosen(questions[qi]!, [text]) === null) gone[qi]!.add(text);
      }
    }
  });
  return { attempts, ungradable, gone, unknown };
}

/** Per learner, first attempts answered and right over the whole bank: what the rest scores are made of. */
function totals(attempts: readonly Attempt[][], learnerCount: number): { answered: number[]; right: number[] } {
  const answered = new Array<number>(learnerCount).fill(0);
  const right = new Array<number>(learnerCount).fill(0);
  for (const list of attempts) {
    for (const a of list) {
      answered[a.learner]!++;
      if (a.answer.correct) right[a.learner]!++;
    }
  }
  return { answered, right };
}

/** Rest score of a learner for one question: (right − this question's score) / (answered − 1). */
export function restScore(right: number, answered: number, thisRight: boolean): number {
  return (right - (thisRight ? 1 : 0)) / (answered - 1);
}

/**
 * The top third: the ⌈n/3⌉ learners with the highest rest scores (ties broken by the order learners were read, so
 * the result is repeatable).
 */
function topThird(rest: readonly number[]): number[] {
  const order = rest.map((r, i) => i).sort((a, b) => rest[b]! - rest[a]! || a - b);
  return order.slice(0, Math.ceil(rest.length / 3));
}

/** A share in percent: one decimal under 10 %, so 4.6 % does not read as the 5 % threshold it missed. */
const pct = (x: number): string => (x < 0.1 && x > 0 ? `${(Math.round(x * 1000) / 10).toFixed(1)} %` : `${Math.round(x * 100)} %`);
const r2 = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;
const quote = (s: string, max = 60): string => `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;

/**
 * Suspected wrong key: the key option's discrimination is significantly negative (r < −z/√n) AND one distractor's
 * is significantly positive (r > +z/√n), is chosen more often than that key option, and is among the top third's
 * most common choices (the most common one for a single-answer question; for choose-N, among the N most common, and
 * chosen by more of the top third than that key option). Only from `wrongKeyMinLearners` learners up. All the
 * conditions together: option indicators sum to one, so a negative key alone implies some positive distractor, and
 * would flag about one good item in ten at 30 learners. A choose-N question offers many key/distractor pairs, so it
 * also needs its own score's discrimination to be significantly negative (`itemDiscrimination`).
 */
export function wrongKeyEvidence(
  options: readonly OptionStatistics[],
  topChoices: readonly number[],
  keyCount: number,
  n: number,
  s: ItemAnalysisSettings,
  itemDiscrimination: number | null = null,
): string | undefined {
  if (n < s.wrongKeyMinLearners) return undefined;
  const bound = significanceBound(n, s.z);
  if (keyCount > 1 && (itemDiscrimination === null || itemDiscrimination >= -bound)) return undefined;
  const topRank = topChoices.map((count, i) => ({ count, i })).sort((a, b) => b.count - a.count || a.i - b.i);
  const topSet = new Set(topRank.slice(0, keyCount).filter((x) => x.count > 0).map((x) => x.i));
  const topTotal = topChoices.reduce((a, b) => a + b, 0);
  for (const key of options) {
    if (!key.correct || key.discrimination === null || key.discrimination >= -bound) continue;
    for (const [i, d] of options.entries()) {
      if (d.correct || d.discrimination === null || d.discrimination <= bound) continue;
      if ((d.share ?? 0) <= (key.share ?? 0) || !topSet.has(i)) continue;
      if (topChoices[i]! <= topChoices[options.indexOf(key)]!) continue;
      const topShare = topTotal === 0 ? 0 : topChoices[i]! / Math.max(1, Math.ceil(n / 3));
      return (
        `key ${quote(key.text)} r = ${r2(key.discrimination)} < −${bound.toFixed(2)} (z ${s.z} / √${n}); ` +
        `${quote(d.text)} r = ${r2(d.discrimination)} > +${bound.toFixed(2)}, chosen by ${pct(d.share ?? 0)} against the key's ` +
        `${pct(key.share ?? 0)}, and the top third's ${keyCount === 1 ? "most common choice" : `choice among its ${keyCount} most common`} (${pct(topShare)} of them)`
      );
    }
  }
  return undefined;
}

/** The statistics and flags of one question, from its first attempts and the learners' totals. */
function analyseQuestion(
  q: MultipleChoiceQuestion,
  list: readonly Attempt[],
  ungradable: number,
  gone: ReadonlySet<string>,
  answered: readonly number[],
  right: readonly number[],
  s: ItemAnalysisSettings,
): ItemStatistics {
  const learners = list.length;
  const rightHere = list.filter((a) => a.answer.correct).length;
  const difficulty = facility(rightHere, learners);
  // Rest scores only for learners who answered enough other questions.
  const withRest = list.filter((a) => answered[a.learner]! - 1 >= s.minOverlap);
  const rest = withRest.map((a) => restScore(right[a.learner]!, answered[a.learner]!, a.answer.correct));
  const n = withRest.length;
  const discrimination = pearson(withRest.map((a) => (a.answer.correct ? 1 : 0)), rest);
  const top = topThird(rest).map((k) => withRest[k]!);
  const topChoices = q.choices.map((_, i) => top.filter((a) => a.answer.chosen.includes(i)).length);
  const options: OptionStatistics[] = q.choices.map((c, i) => {
    const chosenBy = list.filter((a) => a.answer.chosen.includes(i)).length;
    return {
      text: c.text,
      correct: c.correct,
      chosenBy,
      share: learners === 0 ? null : chosenBy / learners,
      discrimination: pearson(withRest.map((a) => (a.answer.chosen.includes(i) ? 1 : 0)), rest),
    };
  });

  const reasons: FlagReason[] = [];
  // Answers to options since changed could have been any option: a flag stands only if it holds however they went.
  // Those learners are missing from the correlations in a way that depends on what they chose, so discrimination
  // flags wait until such answers are few.
  const k = ungradable;
  const changedTooMany = k > 0 && k / (learners + k) > s.maxUngradableShare;
  const enough = n >= s.discriminationMinLearners && !changedTooMany;
  const keyCount = q.choices.filter((c) => c.correct).length;
  const wrongKey = enough ? wrongKeyEvidence(options, topChoices, keyCount, n, s, discrimination) : undefined;
  if (wrongKey) reasons.push({ flag: "suspected-wrong-key", message: wrongKey });
  let needsChecking: NeedsChecking | null = null;
  if (enough && discrimination !== null) {
    needsChecking = needsCheckingOf(discrimination, s);
    if (needsChecking === "very likely") {
      reasons.push({
        flag: "needs-checking",
        message: `discrimination index ${discrimination < 0 ? "−" : ""}${Math.abs(Math.round(discrimination * 100))} % < ${Math.round(s.needsChecking * 100)} % over ${n} learners: the question does not separate stronger from weaker learners`,
      });
    }
  }
  const however = k === 0 ? "" : `, however the ${k} answer${k === 1 ? "" : "s"} to options since changed went`;
  if (learners >= s.distractorMinLearners) {
    const idle = options.filter((o) => !o.correct && (o.chosenBy + k) / (learners + k) < s.distractorMinShare);
    if (idle.length > 0) {
      const list = idle.map((o) => `${quote(o.text, 40)} (${pct(o.share ?? 0)})`).join(", ");
      reasons.push({
        flag: "non-functioning-distractor",
        message: `${idle.length === 1 ? "distractor" : "distractors"} chosen by under ${pct(s.distractorMinShare)} of ${learners} learners${however}: ${list}; make ${idle.length === 1 ? "it" : "them"} plausible or drop ${idle.length === 1 ? "it" : "them"}`,
      });
    }
  }
  if (difficulty !== null && learners >= s.difficultyMinLearners) {
    // The share right if every answer to a changed option was wrong, and if every one was right.
    const low = rightHere / (learners + k);
    const high = (rightHere + k) / (learners + k);
    if (low > s.tooEasy) {
      reasons.push({ flag: "too-easy", message: `${k === 0 ? "" : "at least "}${pct(low)} of ${learners + k} learners right on their first attempt${however} (> ${pct(s.tooEasy)})` });
    } else if (high < s.tooHard) {
      reasons.push({ flag: "too-hard", message: `${k === 0 ? "" : "at most "}${pct(high)} of ${learners + k} learners right on their first attempt${however} (< ${pct(s.tooHard)})` });
    }
  }
  if (changedTooMany && n >= s.discriminationMinLearners) {
    const texts = [...gone].slice(0, 3).map((t) => quote(t, 40)).join(", ") + (gone.size > 3 ? ", …" : "");
    const what =
      gone.size > 0
        ? `chose ${gone.size === 1 ? "an option" : "options"} the question no longer has (${texts})`
        : `chose another number of options than the question now asks for`;
    reasons.push({
      flag: "not-enough-data",
      message: `${k} of ${learners + k} first attempts ${what}; discrimination flags need them under ${pct(s.maxUngradableShare)}`,
    });
  } else if (!enough) {
    reasons.push({
      flag: "not-enough-data",
      message: `${n} learner${n === 1 ? "" : "s"} with a rest score (at least ${s.minOverlap} other questions answered); discrimination flags need ${s.discriminationMinLearners}, a wrong key ${s.wrongKeyMinLearners}`,
    });
  }
  reasons.sort((a, b) => ITEM_FLAGS.indexOf(a.flag) - ITEM_FLAGS.indexOf(b.flag));
  return {
    id: q.id,
    file: q.source.file,
    line: q.source.line,
    title: q.title,
    topic: q.topic,
    kind: q.kind,
    learners,
    restLearners: n,
    ungradable,
    difficulty,
    discrimination,
    needsChecking,
    options,
    flags: reasons.map((r) => r.flag),
    reasons,
  };
}

/** Item analysis of every multiple-choice question of the bank (questions with content errors left out). */
export function analyseItems(
  questions: readonly Question[],
  learners: readonly LearnerLog[],
  settings: Partial<ItemAnalysisSettings> = {},
): ItemAnalysis {
  const s: ItemAnalysisSettings = { ...DEFAULT_SETTINGS, ...settings };
  const mc = questions.filter((q): q is MultipleChoiceQuestion => q.kind !== "recall" && !q.hasErrors);
  const others = new Set(questions.filter((q) => !mc.includes(q as MultipleChoiceQuestion)).map((q) => q.id));
  const { attempts, ungradable, gone, unknown } = firstAttempts(learners, mc, others);
  const { answered, right } = totals(attempts, learners.length);
  return {
    learners: learners.filter((_, i) => answered[i]! > 0).length,
    firstAttempts: attempts.reduce((a, l) => a + l.length, 0),
    unknownQuestions: unknown,
    settings: s,
    questions: mc.map((q, i) => analyseQuestion(q, attempts[i]!, ungradable[i]!, gone[i]!, answered, right, s)),
  };
}

/** A wrong choice one learner keeps making: a misconception worth reading up on. */
export interface Misconception {
  id: string;
  file: string;
  line: number;
  title: string;
  /** The topic to study, as titles from the outermost heading down. */
  topic: string[];
  /** The wrong option texts chosen, each time the same. */
  chosen: string[];
  /** How many times exactly this wrong choice was made. */
  times: number;
  /** Graded attempts at the question in all. */
  attempts: number;
  key: string[];
  references: Reference[];
  /** ISO time of the last such answer. */
  lastAt: string;
}

/**
 * One learner's repeated misconceptions: questions missed at least `misconceptionRepeats` times with the same wrong
 * choice, graded against the current key, every attempt counted. Most repeated first.
 */
export function misconceptions(
  questions: readonly Question[],
  records: readonly AnalysedRecord[],
  settings: Partial<ItemAnalysisSettings> = {},
): Misconception[] {
  const s: ItemAnalysisSettings = { ...DEFAULT_SETTINGS, ...settings };
  const byId = new Map(questions.filter((q): q is MultipleChoiceQuestion => q.kind !== "recall").map((q) => [q.id, q]));
  const groups = new Map<string, { q: MultipleChoiceQuestion; chosen: number[]; times: number; lastAt: string }>();
  const attempts = new Map<string, number>();
  for (const r of standingReviews(records)) {
    const q = byId.get(r.questionId);
    if (!q) continue;
    const answer = gradeChosen(q, Array.isArray(r.chosen) ? r.chosen : [], r.source);
    if (!answer) continue;
    attempts.set(q.id, (attempts.get(q.id) ?? 0) + 1);
    if (answer.correct || answer.chosen.length === 0) continue;
    const key = `${q.id}\u0000${answer.chosen.join(",")}`;
    const g = groups.get(key);
    if (g) {
      g.times++;
      g.lastAt = r.at;
    } else {
      groups.set(key, { q, chosen: answer.chosen, times: 1, lastAt: r.at });
    }
  }
  const out: Misconception[] = [];
  for (const g of groups.values()) {
    if (g.times < s.misconceptionRepeats) continue;
    out.push({
      id: g.q.id,
      file: g.q.source.file,
      line: g.q.source.line,
      title: g.q.title,
      topic: g.q.topic,
      chosen: g.chosen.map((i) => g.q.choices[i]!.text),
      times: g.times,
      attempts: attempts.get(g.q.id) ?? g.times,
      key: g.q.choices.filter((c) => c.correct).map((c) => c.text),
      references: g.q.references,
      lastAt: g.lastAt,
    });
  }
  return out.sort((a, b) => b.times - a.times || b.lastAt.localeCompare(a.lastAt) || a.id.localeCompare(b.id));
}
