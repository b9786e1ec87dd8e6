import { describe, expect, it } from "vitest";
import {
  analysedPart,
  analyseItems,
  gradeChosen,
  learnersOf,
  misconceptions,
  pearson,
  standingReviews,
  type ItemStatistics,
} from "../../src/analysis/item-analysis.js";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import type { ReviewRecord, UndoRecord } from "../../src/srs/records.js";
import { bankOf } from "../helpers/parse.js";
import { bankMarkdown, optionText, review, simulate, syntheticBank, type SyntheticItem } from "./synthetic.js";

function analyse(items: SyntheticItem[], learners: number, seed: number, extra: { coverage?: number; retries?: boolean } = {}) {
  const bank = bankOf(["synthetic.md", bankMarkdown(items)]);
  expect(bank.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const { files } = simulate(items, { learners, seed, ...extra });
  return { bank, analysis: analyseItems(bank.questions, learnersOf(files)) };
}

const flagged = (qs: ItemStatistics[], flag: string): string[] => qs.filter((q) => q.flags.includes(flag as never)).map((q) => q.id);

describe("suspected wrong key, from synthetic learners of known ability", () => {
  const items = syntheticBank(20, 7);
  // Measured over 100 seeds (1000-1099): detected in 83 % of runs at 100 learners, 96 % at 150, 100 % at 200 and
  // 500; never a correctly keyed question, in this bank or in the same bank keyed right (0 of 2,000 at each size).
  for (const learners of [200, 500]) {
    for (const seed of [1, 2, 3, 4, 5]) {
      it(`flags the miskeyed question and no correctly keyed one (${learners} learners, seed ${seed})`, () => {
        const { analysis } = analyse(items, learners, seed);
        expect(analysis.learners).toBe(learners);
        expect(flagged(analysis.questions, "suspected-wrong-key")).toEqual(["syn-7"]);
        const q = analysis.questions.find((x) => x.id === "syn-7")!;
        expect(q.discrimination!).toBeLessThan(0);
        expect(q.reasons.find((r) => r.flag === "suspected-wrong-key")!.message).toMatch(/key "syn-7 option .*" r = −0\.\d\d < −0\.\d\d \(z 1\.96 \/ √\d+\)/);
      });
    }
  }

  it("at 100 learners, flags the miskeyed question in most of 20 seeds and a correctly keyed one in none", () => {
    let found = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { analysis } = analyse(items, 100, seed);
      const ids = flagged(analysis.questions, "suspected-wrong-key");
      expect(ids.filter((id) => id !== "syn-7"), `seed ${seed}`).toEqual([]);
      if (ids.includes("syn-7")) found++;
    }
    expect(found).toBeGreaterThanOrEqual(14);
  });

  it("flags nothing in the same bank keyed right, at 100, 200 and 500 learners", () => {
    const clean = syntheticBank(20);
    for (const learners of [100, 200, 500]) {
      for (const seed of [1, 2, 3]) expect(flagged(analyse(clean, learners, seed).analysis.questions, "suspected-wrong-key")).toEqual([]);
    }
  });

  it("still finds it when learners answer different subsets of the bank, and retries do not count", () => {
    for (const seed of [11, 12, 13]) {
      const { analysis } = analyse(items, 300, seed, { coverage: 0.7, retries: true });
      expect(flagged(analysis.questions, "suspected-wrong-key")).toEqual(["syn-7"]);
      // First attempts only: the retries, all right by the bank's key, would make every question easy.
      const q0 = analysis.questions.find((x) => x.id === "syn-0")!;
      expect(q0.learners).toBeLessThan(300);
      expect(q0.difficulty!).toBeLessThan(0.9);
    }
  });

  it("never flags a correctly keyed choose-TWO question", () => {
    const multi = syntheticBank(20, 7, [
      { options: 5, trueKeys: [0, 3], bankKeys: [0, 3], wrongWeights: [0, 0.5, 0.3, 0, 0.2], b: 0 },
    ]);
    for (const seed of [1, 2, 3]) {
      const { analysis } = analyse(multi, 300, seed);
      expect(flagged(analysis.questions, "suspected-wrong-key")).toEqual(["syn-7"]);
    }
  });

  it("finds a miskeyed choose-TWO question in most runs at 300 learners, and never a correctly keyed one", () => {
    // One key swapped for a distractor is a weaker signal than a whole wrong key: measured 36 of 40 seeds at 300.
    const multi = syntheticBank(20, undefined, [
      { id: "syn-multi-miskeyed", options: 5, trueKeys: [0, 3], bankKeys: [0, 2], wrongWeights: [0, 0.4, 0.3, 0, 0.3], b: -0.3 },
    ]);
    let found = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const ids = flagged(analyse(multi, 300, seed).analysis.questions, "suspected-wrong-key");
      expect(ids.filter((id) => id !== "syn-multi-miskeyed"), `seed ${seed}`).toEqual([]);
      if (ids.length > 0) found++;
    }
    expect(found).toBeGreaterThanOrEqual(9);
  });

  it("flags no wrong key when every learner answers at random, even at 1,000 learners", () => {
    // Pure noise: no question measures anything, so no key is significantly worse than a distractor except by chance.
    const noise = syntheticBank(20, undefined, [
      { options: 5, trueKeys: [0, 3], bankKeys: [0, 3], wrongWeights: [0, 0.4, 0.3, 0, 0.3], b: 0 },
      { options: 6, trueKeys: [1, 2, 4], bankKeys: [1, 2, 4], wrongWeights: [0.4, 0, 0, 0.3, 0, 0.3], b: 0 },
    ]).map((it) => ({ ...it, a: 0 }));
    for (const learners of [100, 500, 1000]) {
      for (const seed of [1, 2, 3]) expect(flagged(analyse(noise, learners, seed).analysis.questions, "suspected-wrong-key"), `${learners}/${seed}`).toEqual([]);
    }
  });

  it("flags no wrong key at 30 learners, and says there is not enough data", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { analysis } = analyse(items, 30, seed);
      expect(flagged(analysis.questions, "suspected-wrong-key")).toEqual([]);
      expect(flagged(analysis.questions, "needs-checking")).toEqual([]);
      expect(flagged(analysis.questions, "not-enough-data")).toHaveLength(20);
    }
  });

  it("grades from the options chosen, not from the logged right/wrong", () => {
    // The simulator logs `correct` inverted; the difficulty must still follow the learners' real choices.
    const { analysis } = analyse(syntheticBank(20), 200, 9);
    const easiest = analysis.questions[0]!;
    const hardest = analysis.questions[19]!;
    expect(easiest.difficulty!).toBeGreaterThan(0.6);
    expect(hardest.difficulty!).toBeLessThan(0.4);
    for (const q of analysis.questions) expect(q.discrimination!, q.id).toBeGreaterThan(0.2);
  });
});

describe("distractors, difficulty and Moodle's needs checking", () => {
  it("flags a distractor nobody picks, naming it, from 60 learners", () => {
    const items = syntheticBank(12, undefined, [{ id: "syn-idle", trueKeys: [1], bankKeys: [1], wrongWeights: [0.6, 0, 0.4, 0], b: 0 }]);
    const { analysis } = analyse(items, 120, 4);
    const q = analysis.questions.find((x) => x.id === "syn-idle")!;
    expect(q.flags).toContain("non-functioning-distractor");
    expect(q.options[3]!.share).toBe(0);
    expect(q.reasons.find((r) => r.flag === "non-functioning-distractor")!.message).toContain('"syn-idle option D" (0 %)');
    // Below about 60 learners a share of a few percent says nothing yet.
    const few = analyse(items, 40, 4).analysis.questions.find((x) => x.id === "syn-idle")!;
    expect(few.flags).not.toContain("non-functioning-distractor");
  });

  it("reports per option the share and its own point-biserial; the key's equals the question's", () => {
    const { analysis } = analyse(syntheticBank(20), 200, 3);
    for (const q of analysis.questions) {
      const shares = q.options.reduce((a, o) => a + (o.share ?? 0), 0);
      expect(shares).toBeCloseTo(1, 10);
      const key = q.options.find((o) => o.correct)!;
      expect(key.share).toBeCloseTo(q.difficulty!, 10);
      expect(key.discrimination).toBeCloseTo(q.discrimination!, 10);
    }
  });

  it("flags too easy and too hard questions with their share right", () => {
    const items = syntheticBank(12, undefined, [
      { id: "syn-trivial", b: -6 },
      { id: "syn-brutal", b: 6 },
    ]);
    const { analysis } = analyse(items, 100, 2);
    const trivial = analysis.questions.find((x) => x.id === "syn-trivial")!;
    const brutal = analysis.questions.find((x) => x.id === "syn-brutal")!;
    expect(trivial.flags).toContain("too-easy");
    expect(trivial.reasons.find((r) => r.flag === "too-easy")!.message).toMatch(/^\d+ % of 100 learners right on their first attempt \(> 90 %\)$/);
    expect(brutal.flags).toContain("too-hard");
    expect(flagged(analysis.questions, "too-easy")).toEqual(["syn-trivial"]);
  });

  it("says needs checking when the discrimination index is under 30 %, as Moodle does", () => {
    // A question answered at random by everyone (a = 0) does not discriminate.
    const items = syntheticBank(15, undefined, [{ id: "syn-noise", a: 0, b: 0 }]);
    const { analysis } = analyse(items, 400, 6);
    const noise = analysis.questions.find((x) => x.id === "syn-noise")!;
    expect(noise.needsChecking).toBe("very likely");
    expect(noise.flags).toContain("needs-checking");
    expect(noise.reasons.find((r) => r.flag === "needs-checking")!.message).toMatch(/discrimination index −?\d+ % < 30 % over 400 learners/);
    expect(noise.flags).not.toContain("suspected-wrong-key");
  });
});

describe("the pieces", () => {
  const bank = bankOf(["b.md", bankMarkdown(syntheticBank(4))]);
  const q = bank.questions[0] as MultipleChoiceQuestion;

  it("pearson is the textbook correlation, and undefined for a constant", () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([0, 1, 0, 1], [1, 3, 2, 2])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it("grades chosen texts against today's key; a text no longer offered cannot be graded", () => {
    expect(gradeChosen(q, [optionText("syn-0", 0)])).toEqual({ chosen: [0], correct: true });
    expect(gradeChosen(q, [optionText("syn-0", 2)])).toEqual({ chosen: [2], correct: false });
    expect(gradeChosen(q, [])).toEqual({ chosen: [], correct: false });
    expect(gradeChosen(q, ["an option since rewritten"])).toBeNull();
  });

  it("leaves undone answers out and orders the rest by time", () => {
    const a = review("syn-0", [optionText("syn-0", 1)], new Date("2026-01-02T00:00:00Z"));
    const b = review("syn-0", [optionText("syn-0", 0)], new Date("2026-01-01T00:00:00Z"));
    const c = review("syn-0", [optionText("syn-0", 2)], new Date("2026-01-03T00:00:00Z"));
    const undo: UndoRecord = { kind: "undo", v: 1, reviewId: b.reviewId, questionId: "syn-0", at: c.at, day: c.day, wasNew: true, restore: null };
    expect(standingReviews([a, b, c, undo]).map((r) => r.reviewId)).toEqual([a.reviewId, c.reviewId]);
  });

  it("takes the learner from the record when it names one, else from the file", () => {
    // A log merged from several people names the learner on each record.
    const named = (r: ReviewRecord, learner: string): ReviewRecord => ({ ...r, learner }) as ReviewRecord;
    const r2 = review("syn-0", [], new Date());
    const r1 = named(review("syn-0", [], new Date()), "ana");
    const r3 = review("syn-1", [], new Date());
    const logs = learnersOf([
      { name: "class.jsonl", records: [r1, r2] },
      { name: "ana-laptop.jsonl", records: [named(r3, "ana")] },
    ]);
    expect(logs.map((l) => [l.learner, l.records.length])).toEqual([["ana", 2], ["class.jsonl", 1]]);
  });

  it("gives the same analysis from the parts of the records it keeps as from whole records", () => {
    const items = syntheticBank(10, 3);
    const bank = bankOf(["synthetic.md", bankMarkdown(items)]);
    const { files } = simulate(items, { learners: 60, seed: 2, retries: true });
    const parts = files.map((f) => ({ name: f.name, records: f.records.map((r) => analysedPart(r as ReviewRecord)!) }));
    expect(Object.keys(parts[0]!.records[0]!).sort()).toEqual(["at", "chosen", "kind", "questionId", "reviewId", "source"]);
    expect(analyseItems(bank.questions, learnersOf(parts))).toEqual(analyseItems(bank.questions, learnersOf(files)));
  });

  it("counts a learner once when their log was copied under another name, each answer once", () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const ana = [review("syn-0", [], t(1)), review("syn-1", [], t(2)), review("syn-2", [], t(3))];
    const ben = [review("syn-0", [], t(1))];
    const logs = learnersOf([
      { name: "ana.jsonl", records: ana },
      { name: "ben.jsonl", records: ben },
      // An older copy (a prefix), a full copy, and the same answers in a log merged from the class.
      { name: "ana-old.jsonl", records: ana.slice(0, 2) },
      { name: "backup/ana.jsonl", records: ana },
      { name: "class.jsonl", records: [{ ...ana[2]!, learner: "Ana" } as ReviewRecord, { ...review("syn-3", [], t(4)), learner: "Ana" } as ReviewRecord] },
    ]);
    expect(logs.map((l) => [l.learner, l.records.length, l.alsoNamed])).toEqual([
      ["ana.jsonl", 4, ["ana-old.jsonl", "backup/ana.jsonl", "Ana"]],
      ["ben.jsonl", 1, undefined],
    ]);
  });

  it("counts answers to questions the bank no longer has, and ungradable first attempts", () => {
    const records = [
      review("gone-question", ["x"], new Date("2026-01-01T00:00:00Z")),
      review("syn-1", ["rewritten option"], new Date("2026-01-01T00:01:00Z")),
      review("syn-1", [optionText("syn-1", 1)], new Date("2026-01-01T00:02:00Z")),
    ];
    const analysis = analyseItems(bank.questions, [{ learner: "one", records }]);
    expect(analysis.unknownQuestions).toBe(1);
    // Answers to a recall card are not "unknown": the card is there, it just has no options to analyse.
    const withCard = bankOf(["b.md", bankMarkdown(syntheticBank(2)) + "\n- sample:\n  - What is a card? <!-- id: a-card -->\n    - A card\n"]);
    expect(analyseItems(withCard.questions, [{ learner: "one", records: [review("a-card", [], new Date())] }]).unknownQuestions).toBe(0);
    const s1 = analysis.questions.find((x) => x.id === "syn-1")!;
    // The first attempt cannot be graded, and the second is not a first attempt.
    expect(s1.ungradable).toBe(1);
    expect(s1.learners).toBe(0);
    expect(s1.difficulty).toBeNull();
  });
});

describe("answers to options since changed", () => {
  // 100 learners; 90 of them answered before an option was reworded, so their answers to it cannot be graded.
  const items = syntheticBank(12, undefined, [{ id: "syn-edited", b: 0.5 }]);
  const { files } = simulate(items, { learners: 100, seed: 8 });
  const edited = items.find((x) => x.id === "syn-edited")!;
  const earlier = new Set(files.slice(0, 90).map((f) => f.name));
  const reworded = (option: number) => {
    const old = optionText("syn-edited", option);
    const bank = bankOf(["synthetic.md", bankMarkdown(items).replace(`] ${old}\n`, `] ${old}, reworded\n`)]);
    // Later learners saw the new text.
    const later = files.map((f) =>
      earlier.has(f.name) ? f : { ...f, records: f.records.map((r) => (r.kind === "review" ? { ...r, chosen: r.chosen.map((c) => (c === old ? `${old}, reworded` : c)) } : r)) },
    );
    return analyseItems(bank.questions, learnersOf(later)).questions.find((x) => x.id === "syn-edited")!;
  };

  it("raise no too-hard flag when the key was reworded: the learners who chose the old key are not all wrong", () => {
    const q = reworded(edited.bankKeys[0]!);
    expect(q.ungradable).toBeGreaterThan(5);
    expect(q.flags).not.toContain("too-hard");
    expect(q.flags).not.toContain("needs-checking");
    expect(q.reasons.find((r) => r.flag === "not-enough-data")!.message).toMatch(
      /^\d+ of 100 first attempts chose an option the question no longer has \("syn-edited option \w"\); discrimination flags need them under 5\.0 %$/,
    );
  });

  it("raise no non-functioning-distractor flag for a distractor reworded after most picked it", () => {
    const distractor = edited.wrongWeights.indexOf(Math.max(...edited.wrongWeights));
    const q = reworded(distractor);
    expect(q.ungradable).toBeGreaterThan(0);
    expect(q.flags).not.toContain("non-functioning-distractor");
  });

  it("still flag what holds however those answers went", () => {
    const trivial = syntheticBank(12, undefined, [{ id: "syn-edited", b: -8 }]);
    const logs = simulate(trivial, { learners: 100, seed: 8 }).files;
    const old = optionText("syn-edited", 3);
    // One learner chose a distractor since reworded: 99 of 100 right at least, too easy whatever they chose.
    const bank = bankOf(["synthetic.md", bankMarkdown(trivial).replace(`] ${old}\n`, `] ${old}, reworded\n`)]);
    logs[0] = { ...logs[0]!, records: logs[0]!.records.map((r) => (r.kind === "review" && r.questionId === "syn-edited" ? { ...r, chosen: [old] } : r)) };
    const q = analyseItems(bank.questions, learnersOf(logs)).questions.find((x) => x.id === "syn-edited")!;
    expect(q.ungradable).toBe(1);
    expect(q.reasons.find((r) => r.flag === "too-easy")!.message).toMatch(
      /^at least 9\d % of 100 learners right on their first attempt, however the 1 answer to options since changed went \(> 90 %\)$/,
    );
  });
});

describe("a question whose number of keys changed", () => {
  // Answered in the quiz as single-answer questions; the bank now asks syn-4 to choose two.
  const items = syntheticBank(12);
  const { files } = simulate(items, { learners: 100, seed: 5 });
  const twoKeys = bankMarkdown(items).replace("### Which option is right for syn-4?", "### Which option is right for syn-4? (Choose TWO.)").replace("- [ ] syn-4 option C", "- [x] syn-4 option C");
  const bank = bankOf(["synthetic.md", twoKeys]);

  it("leaves ungraded the answers that picked one option where the quiz now takes two: no too-hard flag", () => {
    expect(bank.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const q = analyseItems(bank.questions, learnersOf(files)).questions.find((x) => x.id === "syn-4")!;
    expect(q.kind).toBe("multiple");
    expect(q.ungradable).toBe(100);
    expect(q.learners).toBe(0);
    expect(q.flags).not.toContain("too-hard");
  });

  it("grades by how many options the question takes now, where it was answered", () => {
    const two = bank.questions.find((x) => x.id === "syn-4") as MultipleChoiceQuestion;
    const one = bank.questions.find((x) => x.id === "syn-0") as MultipleChoiceQuestion;
    expect(gradeChosen(two, [optionText("syn-4", 0)], "quiz")).toBeNull();
    // An exam takes fewer (an unfinished choose-N answer is wrong), never more for a single answer.
    expect(gradeChosen(two, [optionText("syn-4", 0)], "exam")).toEqual({ chosen: [0], correct: false });
    expect(gradeChosen(two, [optionText("syn-4", 0), optionText("syn-4", 2)], "quiz")).toEqual({ chosen: [0, 2], correct: true });
    expect(gradeChosen(one, [optionText("syn-0", 0), optionText("syn-0", 1)], "exam")).toBeNull();
    expect(gradeChosen(one, [], "exam")).toEqual({ chosen: [], correct: false });
  });

  it("finds no misconception in a single pick repeated where two are now asked for", () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const records = [1, 2, 3].map((m) => review("syn-4", [optionText("syn-4", 0)], t(m)));
    expect(misconceptions(bank.questions, records)).toEqual([]);
  });
});

describe("misconceptions of one learner", () => {
  const bank = bankOf(["notes/b.md", bankMarkdown(syntheticBank(3)).replace("# Synthetic", "# Pools\n\n## Tokens")]);
  const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

  it("lists questions missed repeatedly with the same distractor, with the topic to study", () => {
    const records = [
      review("syn-0", [optionText("syn-0", 2)], t(1)),
      review("syn-0", [optionText("syn-0", 2)], t(2)),
      review("syn-0", [optionText("syn-0", 0)], t(3)),
      review("syn-0", [optionText("syn-0", 2)], t(4)),
      // Missed twice, but with different distractors: no single misconception.
      review("syn-1", [optionText("syn-1", 0)], t(5)),
      review("syn-1", [optionText("syn-1", 2)], t(6)),
    ];
    const found = misconceptions(bank.questions, records);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: "syn-0",
      chosen: ["syn-0 option C"],
      times: 3,
      attempts: 4,
      key: ["syn-0 option A"],
      topic: ["Pools", "Tokens"],
      file: "notes/b.md",
    });
  });

  it("grades against the current key: a choice that is now the key is no misconception", () => {
    const records = [review("syn-2", [optionText("syn-2", 2)], t(1), { correct: false }), review("syn-2", [optionText("syn-2", 2)], t(2), { correct: false })];
    expect(misconceptions(bank.questions, records)).toEqual([]);
  });
});
