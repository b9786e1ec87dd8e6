// Rules over the whole content set rather than one question: near-duplicate pairs, and two patterns of keys that only
// show across many questions (the key is the longest option, the key sits in one position). Run by `cogquiz
// validate`, never by a quiz start: they need every question's texts.

import type { Bank, Diagnostic, Question } from "./model.js";
import type { ParsedFile } from "./parse-file.js";
import type { Draft } from "./context.js";
import { nearDuplicates, signature } from "./near-duplicates.js";
import { RULES, type RuleId } from "./rules.js";
import { excerpt } from "./text.js";

/** What the set rules need of one question, taken while its texts are at hand (validate drops them as it reads). */
export interface ItemFacts {
  /** The question's title (cut short only when a message names it: most never are). */
  label: string;
  signature?: Uint32Array;
  /** For single-answer questions: the key's position (0-based), the number of options, and whether the key is the strictly longest. */
  single?: { key: number; options: number; keyLongest: boolean };
}

/** Option text as a reader sees its length: link targets and markdown marks left out, runs of spaces as one. */
export function visibleLength(markdown: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i);
    if (c === 93 && markdown.charCodeAt(i + 1) === 40) {
      // "](target)": the target is not read.
      const close = markdown.indexOf(")", i + 2);
      if (close > 0) {
        i = close;
        continue;
      }
    }
    if (c === 42 || c === 95 || c === 96 || c === 91 || c === 93) continue; // * _ ` [ ]
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return space && n > 0 ? n - 1 : n;
}

export function itemFacts(q: Question): ItemFacts {
  const facts: ItemFacts = { label: q.title || q.stem };
  // The stem and the keys, one space apart: the words the near-duplicate rule compares.
  let text = q.stem;
  let key = -1;
  let keys = 0;
  if (q.kind === "recall") text += ` ${q.answer}`;
  else {
    text += " ";
    for (let i = 0; i < q.choices.length; i++) {
      const c = q.choices[i]!;
      if (!c.correct) continue;
      text += keys === 0 ? c.text : ` ${c.text}`;
      key = i;
      keys++;
    }
  }
  const sig = signature(text);
  if (sig) facts.signature = sig;
  if (q.kind === "single" && q.choices.length >= 2 && keys === 1) {
    const keyLength = visibleLength(q.choices[key]!.text);
    let keyLongest = true;
    for (let i = 0; i < q.choices.length && keyLongest; i++) if (i !== key && visibleLength(q.choices[i]!.text) >= keyLength) keyLongest = false;
    facts.single = { key, options: q.choices.length, keyLongest };
  }
  return facts;
}

/** Set rules report only from this many single-answer questions up, and only at this level of significance. */
export const SET_MINIMUM = 30;
export const SET_ALPHA = 0.001;

function place(q: Question): string {
  return `${q.source.file}:${q.source.line}`;
}

function diagnosticAt(q: Question, rule: RuleId, message: string, related?: Question): Diagnostic {
  const d: Diagnostic = { file: q.source.file, line: q.source.line, column: 1, severity: RULES[rule].severity, rule, message };
  if (related) d.related = [{ file: related.source.file, line: related.source.line }];
  return d;
}

/**
 * Adds the set rules' diagnostics to `bank`. `files` are the parsed files the bank was built from (their drafts
 * carry each question's silenced rules, and its facts when the loader took them before dropping texts).
 */
export function lintSet(files: readonly ParsedFile[], bank: Bank): void {
  const drafts: Draft[] = files.flatMap((f) => f.drafts);
  const facts = drafts.map((d) => d.facts ?? itemFacts(d.question));
  const silenced = (d: Draft, rule: RuleId): boolean => d.disabled?.includes(rule) === true;
  for (const d of duplicatePairs(drafts, facts)) bank.diagnostics.push(d);
  for (const d of keyBiases(drafts, facts, silenced)) bank.diagnostics.push(d);
}

function duplicatePairs(drafts: readonly Draft[], facts: readonly ItemFacts[]): Diagnostic[] {
  const sigs = facts.map((f) => f.signature);
  const siblings = (a: Question, b: Question): boolean => a.siblings?.includes(b.id) === true || b.siblings?.includes(a.id) === true;
  const pairs = nearDuplicates(sigs, (i, j) => {
    const a = drafts[i]!;
    const b = drafts[j]!;
    // Identical stems are duplicate-stem's to report.
    return (a.stemKey !== "" && a.stemKey === b.stemKey) || siblings(a.question, b.question);
  });
  return pairs.map(({ first, second, similarity }) => {
    const a = drafts[first]!.question;
    const b = drafts[second]!.question;
    return diagnosticAt(
      b,
      "near-duplicate",
      `nearly repeats "${excerpt(facts[first]!.label, 50)}" (${place(a)}): stems and keys ${Math.round(similarity * 100)} % alike. ` +
        `Keep one and ask another fact, or declare both meant with <!-- siblings: ${a.id} -->`,
      a,
    );
  });
}

/** P(Z ≥ z) for a standard normal Z (Abramowitz & Stegun 26.2.17, error below 7.5e-8). */
export function normalTail(z: number): number {
  if (z < 0) return 1 - normalTail(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ x) for X chi-square with `df` degrees of freedom: the regularised upper incomplete gamma Q(df/2, x/2). */
export function chiSquareTail(x: number, df: number): number {
  if (x <= 0) return 1;
  const a = df / 2;
  const y = x / 2;
  const lnPre = a * Math.log(y) - y - logGamma(a);
  if (y < a + 1) {
    // Series for the lower part P, then Q = 1 − P.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= y / (a + n);
      sum += term;
      if (term < sum * 1e-14) break;
    }
    return Math.max(0, 1 - Math.exp(lnPre) * sum);
  }
  // Continued fraction for Q (Lentz's method).
  let b = y + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return Math.exp(lnPre) * h;
}

const ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

function keyBiases(drafts: readonly Draft[], facts: readonly ItemFacts[], silenced: (d: Draft, rule: RuleId) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];

  // The key is the longest option: under chance, with k options, it is so in at most 1/k of questions.
  let n = 0;
  let longest = 0;
  let expected = 0;
  let variance = 0;
  let firstLongest: Question | undefined;
  drafts.forEach((d, i) => {
    const s = facts[i]!.single;
    if (!s || silenced(d, "key-longest-often")) return;
    n++;
    const p = 1 / s.options;
    expected += p;
    variance += p * (1 - p);
    if (s.keyLongest) {
      longest++;
      firstLongest ??= d.question;
    }
  });
  if (n >= SET_MINIMUM && firstLongest && variance > 0) {
    const z = (longest - expected - 0.5) / Math.sqrt(variance);
    const p = normalTail(z);
    if (p < SET_ALPHA) {
      out.push(
        diagnosticAt(
          firstLongest,
          "key-longest-often",
          `the key is the longest option in ${longest} of ${n} single-answer questions, where chance gives about ${Math.round(expected)} ` +
            `(p ${formatP(p)}); a reader who picks the longest option scores well without knowing the facts. Make distractors as ` +
            `long and as qualified as keys (this question is the first such)`,
        ),
      );
    }
  }

  // The key's position: a chi-square goodness-of-fit test per number of options, summed (independent groups).
  const groups = new Map<number, { counts: number[]; first: (Question | undefined)[] }>();
  let total = 0;
  drafts.forEach((d, i) => {
    const s = facts[i]!.single;
    if (!s || silenced(d, "key-position-bias")) return;
    let g = groups.get(s.options);
    if (!g) groups.set(s.options, (g = { counts: new Array<number>(s.options).fill(0), first: new Array(s.options).fill(undefined) }));
    g.counts[s.key]!++;
    g.first[s.key] ??= d.question;
    total++;
  });
  if (total < SET_MINIMUM) return out;
  let chi = 0;
  let df = 0;
  let worst: { ratio: number; k: number; position: number; count: number; of: number; q: Question } | undefined;
  for (const [k, g] of groups) {
    const size = g.counts.reduce((a, b) => a + b, 0);
    const e = size / k;
    // The chi-square approximation wants at least five expected per cell.
    if (e < 5) continue;
    df += k - 1;
    g.counts.forEach((o, position) => {
      chi += ((o - e) * (o - e)) / e;
      const ratio = o / e;
      if (!worst || ratio > worst.ratio) worst = { ratio, k, position, count: o, of: size, q: g.first[position]! };
    });
  }
  if (df === 0 || !worst) return out;
  const p = chiSquareTail(chi, df);
  if (p < SET_ALPHA) {
    const w = worst as { k: number; position: number; count: number; of: number; q: Question };
    out.push(
      diagnosticAt(
        w.q,
        "key-position-bias",
        `the key is the ${ORDINAL[w.position] ?? `#${w.position + 1}`} option in ${w.count} of ${w.of} ${w.k}-option single-answer ` +
          `questions, where chance gives about ${Math.round(w.of / w.k)} (chi-square ${chi.toFixed(1)}, ${df} df, p ${formatP(p)}). cogquiz ` +
          `shuffles options, but readers of the markdown see this order: spread the keys over all positions`,
      ),
    );
  }
  return out;
}

function formatP(p: number): string {
  return p < 1e-6 ? "< 0.000001" : `= ${p.toPrecision(2)}`;
}
