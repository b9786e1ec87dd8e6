// Synthetic learners of known ability answering a synthetic bank, for testing item analysis against the truth.
// Each learner has an ability θ ~ N(0, 1); a question of difficulty b is answered right with the Rasch probability
// 1 / (1 + e^-(a(θ − b))); a wrong answer picks a distractor by fixed weights. A miskeyed question is one whose bank
// marks a distractor [x] while learners who know the answer pick the real one.

import { seededRandom } from "../../src/session/random.js";
import type { ReviewRecord } from "../../src/srs/records.js";
import type { LogFile } from "../../src/analysis/item-analysis.js";

export interface SyntheticItem {
  id: string;
  /** Index of the option learners who know the answer pick. */
  trueKeys: number[];
  /** Indexes the bank marks [x]: the true keys, unless the item is miskeyed. */
  bankKeys: number[];
  options: number;
  b: number;
  a: number;
  /** Weights of the options chosen by a learner who does not know the answer (0 for keys). */
  wrongWeights: number[];
}

export function optionText(item: string, i: number): string {
  return `${item} option ${"ABCDEFGH"[i]}`;
}

/** The bank's markdown: one file, every question with an explicit id and an explanation. */
export function bankMarkdown(items: readonly SyntheticItem[]): string {
  let out = "# Synthetic\n\n";
  for (const it of items) {
    const choose = it.bankKeys.length > 1 ? ` (Choose ${it.bankKeys.length === 2 ? "TWO" : "THREE"}.)` : "";
    out += `### Which option is right for ${it.id}?${choose}\n<!-- id: ${it.id} -->\n\n`;
    for (let i = 0; i < it.options; i++) out += `- [${it.bankKeys.includes(i) ? "x" : " "}] ${optionText(it.id, i)}\n`;
    out += `\n> Because of how ${it.id} works.\n\n`;
  }
  return out;
}

/** A bank of `count` single-answer items with spread difficulties; item `miskeyed` (if any) has the wrong key. */
export function syntheticBank(count: number, miskeyed?: number, extra: Partial<SyntheticItem>[] = []): SyntheticItem[] {
  const items: SyntheticItem[] = [];
  for (let j = 0; j < count; j++) {
    const trueKey = j % 4;
    const distractors = [0, 1, 2, 3].filter((i) => i !== trueKey);
    const wrongWeights = [0, 0, 0, 0];
    [0.5, 0.3, 0.2].forEach((w, k) => (wrongWeights[distractors[k]!] = w));
    // The miskeyed item marks its most popular distractor [x], the worst case a reviewer meets.
    const bankKeys = j === miskeyed ? [distractors[0]!] : [trueKey];
    items.push({ id: `syn-${j}`, trueKeys: [trueKey], bankKeys, options: 4, b: -1.2 + (2.4 * j) / Math.max(1, count - 1), a: 1.3, wrongWeights });
  }
  extra.forEach((e, k) => items.push({ ...items[k % items.length]!, id: `syn-extra-${k}`, ...e }));
  return items;
}

function normal(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function pick(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = random() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0 && weights[i]! > 0) return i;
  }
  return weights.findLastIndex((w) => w > 0);
}

let serial = 0;
export function review(questionId: string, chosen: string[], at: Date, extra: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    kind: "review",
    v: 1,
    reviewId: `r${++serial}`,
    questionId,
    at: at.toISOString(),
    day: at.toISOString().slice(0, 10),
    rating: "good",
    correct: true,
    chosen,
    ms: 1000,
    source: "quiz",
    wasNew: true,
    before: null,
    after: {
      due: at.toISOString(), stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0,
      learningSteps: 0, reps: 1, lapses: 0, phase: "learning",
    },
    ...extra,
  };
}

export interface SimulationOptions {
  learners: number;
  seed: number;
  /** Share of the bank each learner answers (a random subset); 1 for everyone answering everything. */
  coverage?: number;
  /** Each learner answers each question again afterwards (right), to check only first attempts count. */
  retries?: boolean;
}

/** One log file per learner, as an instructor collects them. */
export function simulate(items: readonly SyntheticItem[], o: SimulationOptions): { files: LogFile[]; abilities: number[] } {
  const random = seededRandom(o.seed);
  const files: LogFile[] = [];
  const abilities: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let l = 0; l < o.learners; l++) {
    const theta = normal(random);
    abilities.push(theta);
    const records: ReviewRecord[] = [];
    let t = start + l * 1000;
    for (const it of items) {
      if (random() >= (o.coverage ?? 1)) continue;
      const p = 1 / (1 + Math.exp(-it.a * (theta - it.b)));
      let chosen: number[];
      if (random() < p) chosen = [...it.trueKeys];
      else if (it.trueKeys.length === 1) chosen = [pick(it.wrongWeights, random)];
      else chosen = [it.trueKeys[0]!, pick(it.wrongWeights, random)];
      const texts = chosen.map((i) => optionText(it.id, i));
      // The logged `correct` is deliberately the opposite of the truth: analysis must grade from `chosen`.
      records.push(review(it.id, texts, new Date((t += 60_000)), { correct: !chosen.every((i) => it.bankKeys.includes(i)) }));
      if (o.retries) records.push(review(it.id, it.bankKeys.map((i) => optionText(it.id, i)), new Date(t + 86_400_000)));
    }
    files.push({ name: `learner-${l}.jsonl`, records });
  }
  return { files, abilities };
}
