import { default_w } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import type { MultipleChoiceQuestion, Question } from "../../src/content/model.js";
import type { ReviewRecord } from "../../src/store/log.js";
import type { CardState } from "../../src/srs/model.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { runQuiz, type CardView, type ProgressPort, type QuizUI } from "../../src/session/quiz-session.js";
import { bankOf } from "../helpers/parse.js";
import { SESSION_BANK } from "../helpers/bank-fixture.js";

const bank = bankOf(["session.md", SESSION_BANK]);
const choiceOnly = bank.questions.filter((q) => q.kind !== "recall");
const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const limits = { newPerDay: 20, reviewsPerDay: 200 };

class MemoryStore implements ProgressPort {
  cards = new Map<string, CardState>();
  log: { kind: string; record: ReviewRecord }[] = [];
  card(id: string) {
    return this.cards.get(id);
  }
  counters() {
    return { new: 0, reviews: 0 };
  }
  async recordReview(record: ReviewRecord) {
    this.log.push({ kind: "review", record });
    this.cards.set(record.questionId, record.after);
  }
  async recordUndo(record: ReviewRecord) {
    this.log.push({ kind: "undo", record });
    if (record.before) this.cards.set(record.questionId, record.before);
    else this.cards.delete(record.questionId);
  }
}

type Step = (view: CardView) => unknown;

/** A UI that answers from a script: one function per prompt, in order; it records what it was shown. */
function scripted(steps: Step[]): QuizUI & { views: CardView[] } {
  const views: CardView[] = [];
  const nextStep = (view: CardView) => {
    views.push(view);
    const step = steps.shift();
    return Promise.resolve(step ? step(view) : { type: "quit" }) as never;
  };
  return {
    views,
    askChoice: nextStep,
    rateCorrectChoice: nextStep,
    showWrongChoice: nextStep,
    askRecall: nextStep,
    rateRecall: nextStep,
  };
}

/** Indexes of options whose text is among `texts`: the key follows its option whatever the shuffle. */
function pick(view: CardView, ...texts: string[]): { type: "answer"; chosen: number[] } {
  const q = view.question as MultipleChoiceQuestion;
  return { type: "answer", chosen: q.choices.flatMap((c, i) => (texts.includes(c.text) ? [i] : [])) };
}

function clock(start = new Date("2026-03-10T12:00:00Z")) {
  let t = start.getTime();
  const fn = () => new Date(t);
  fn.advance = (ms: number) => {
    t += ms;
  };
  return fn;
}

describe("quiz session", () => {
  it("applies exactly the outcome it showed: Again for a wrong answer, the chosen rating for a right one", async () => {
    const store = new MemoryStore();
    const now = clock();
    const ui = scripted([
      (v) => pick(v, "Blue like the sea"),
      () => ({ type: "rate", rating: "easy" }),
      (v) => pick(v, "Seven", "Nine"),
      () => ({ type: "continue" }),
    ]);
    const summary = await runQuiz(choiceOnly, store, scheduler, ui, now, { limits, seed: 1 });
    const [sky, primes] = store.log.map((l) => l.record);
    const shownAt = new Date("2026-03-10T12:00:00Z");
    expect(sky).toMatchObject({ questionId: "fx-single-sky", rating: "easy", correct: true, chosen: ["Blue like the sea"], wasNew: true });
    expect(sky!.after).toEqual(scheduler.preview(undefined, shownAt).easy.card);
    expect(ui.views[1]!.intervals.easy).toBe(ui.views[0]!.intervals.easy);
    expect(primes).toMatchObject({ questionId: "fx-multi-primes", rating: "again", correct: false });
    expect(summary).toMatchObject({ answered: 2, correct: 1 });
    expect(summary.byTopic.get("Session fixture › Singles")).toEqual({ answered: 2, correct: 1 });
  });

  it("prepares each question just before it is shown, so a lazily read bank shows its texts", async () => {
    // Questions as a lazy bank hands them over: no texts until prepared.
    const bare = choiceOnly.map((q) => ({ ...q, stem: "", title: "", choices: [], references: [] }) as MultipleChoiceQuestion);
    const prepared: string[] = [];
    const prepare = (q: Question) => {
      prepared.push(q.id);
      Object.assign(q, choiceOnly.find((full) => full.id === q.id));
    };
    const store = new MemoryStore();
    const ui = scripted([(v) => pick(v, "Blue like the sea"), () => ({ type: "rate", rating: "good" })]);
    await runQuiz(bare, store, scheduler, ui, clock(), { limits, seed: 1, prepare });
    expect(prepared).toEqual(["fx-single-sky", "fx-multi-primes"]);
    expect(ui.views[0]!.question.stem).toContain("sky");
    expect(ui.views[0]!.order).toHaveLength(choiceOnly[0]!.choices.length);
    expect(store.log[0]!.record).toMatchObject({ questionId: "fx-single-sky", correct: true, chosen: ["Blue like the sea"] });
  });

  it("grades choose-N questions all or nothing", async () => {
    const store = new MemoryStore();
    const ui = scripted([() => ({ type: "skip" }), (v) => pick(v, "Seven", "Eleven"), () => ({ type: "rate", rating: "good" })]);
    await runQuiz(choiceOnly, store, scheduler, ui, clock(), { limits, seed: 1 });
    expect(store.log.map((l) => [l.record.questionId, l.record.correct])).toEqual([["fx-multi-primes", true]]);
  });

  it("skips without recording, and undo restores the card and asks the question again", async () => {
    const store = new MemoryStore();
    const ui = scripted([
      (v) => pick(v, "Blue like the sea"),
      () => ({ type: "rate", rating: "good" }),
      () => ({ type: "undo" }),
      (v) => {
        expect(v.question.id).toBe("fx-single-sky");
        expect(v.acknowledgement).toContain("undone");
        return { type: "quit" };
      },
    ]);
    const summary = await runQuiz(bank.questions, store, scheduler, ui, clock(), { limits, seed: 1 });
    expect(store.cards.has("fx-single-sky")).toBe(false);
    expect(store.log.map((l) => l.kind)).toEqual(["review", "undo"]);
    expect(summary.answered).toBe(0);
  });

  it("brings a card in a learning step back in the same session once it is due", async () => {
    const store = new MemoryStore();
    const now = clock();
    const seen: string[] = [];
    const steps: Step[] = [];
    const answerRecall = (rating: string): Step[] => [
      (v) => {
        seen.push(v.question.id);
        now.advance(20_000);
        return { type: "reveal" };
      },
      () => ({ type: "rate", rating }),
    ];
    steps.push(...answerRecall("again"), ...answerRecall("easy"), ...answerRecall("easy"), ...answerRecall("easy"));
    const recall = bank.questions.filter((q) => q.kind === "recall");
    await runQuiz(recall, store, scheduler, scripted(steps), now, { limits, seed: 1 });
    expect(seen).toEqual(["fx-recall-paris", "fx-recall-co2", "fx-recall-spider", "fx-recall-paris"]);
  });

  it("reports a card that becomes a leech", async () => {
    const store = new MemoryStore();
    const base = scheduler.preview(undefined, new Date("2026-01-01T00:00:00Z")).easy.card;
    store.cards.set("fx-single-sky", { ...base, lapses: 7, due: "2026-03-01T00:00:00.000Z" });
    const ui = scripted([(v) => pick(v, "Green like grass"), () => ({ type: "continue" })]);
    const summary = await runQuiz(bank.questions, store, scheduler, ui, clock(), { limits: { ...limits, newPerDay: 0 }, seed: 1 });
    expect(summary.leeches.map((q) => q.id)).toEqual(["fx-single-sky"]);
    expect(store.cards.get("fx-single-sky")?.leech).toBe(true);
  });

  it("mixes new cards across kinds instead of taking a file's cards in a row", async () => {
    const seen: string[] = [];
    const skipAll = scripted(Array.from({ length: 5 }, () => (v: CardView) => (seen.push(v.question.id), { type: "skip" })));
    await runQuiz(bank.questions, new MemoryStore(), scheduler, skipAll, clock(), { limits, seed: 1 });
    expect(seen).toEqual(["fx-single-sky", "fx-recall-paris", "fx-multi-primes", "fx-recall-co2", "fx-recall-spider"]);
  });

  it("repeats the option order for the same seed", async () => {
    const orders = async (seed: number) => {
      const ui = scripted([]);
      await runQuiz(bank.questions, new MemoryStore(), scheduler, ui, clock(), { limits, seed });
      return ui.views[0]!.order;
    };
    expect(await orders(42)).toEqual(await orders(42));
    const all = new Set(await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(async (s) => (await orders(s)).join(""))));
    expect(all.size).toBeGreaterThan(1);
  });
});

describe("quiz session: the daily limits, as the summary tells them", () => {
  const recall = bank.questions.filter((q) => q.kind === "recall");
  const reveal = (seen: string[]): Step => (v) => (seen.push(v.question.id), { type: "reveal" });
  const easy: Step = () => ({ type: "rate", rating: "easy" });

  it("a skipped new card does not use up today's new-card limit: the next one takes its place", async () => {
    const seen: string[] = [];
    const ui = scripted([reveal(seen), easy, (v) => (seen.push(v.question.id), { type: "skip" }), reveal(seen), easy]);
    const summary = await runQuiz(recall, new MemoryStore(), scheduler, ui, clock(), { limits: { ...limits, newPerDay: 2 }, seed: 1 });
    expect(seen).toEqual(["fx-recall-paris", "fx-recall-co2", "fx-recall-spider"]);
    expect(summary.answered).toBe(2);
    // The skipped card waits behind the used-up limit, as any other new card would: the limit is named, and extra
    // study can bring it.
    expect(summary.end).toEqual({ kind: "empty", limits: [{ limit: "newPerDay", value: 2, waiting: 1 }] });
    expect(summary.newBeyondLimit).toBe(1);
  });

  it("a skipped card the limits would let in can be studied now: no next card due hours away", async () => {
    const seen: string[] = [];
    const ui = scripted([reveal(seen), easy, (v) => (seen.push(v.question.id), { type: "skip" }), reveal(seen), easy]);
    const summary = await runQuiz(recall, new MemoryStore(), scheduler, ui, clock(), { limits, seed: 1 });
    expect(summary.end).toEqual({ kind: "empty", limits: [] });
    expect(summary.skippedOpen).toBe(1);
    expect(summary.nextDue).toBeUndefined();
  });

  it("an answer that buries a sibling leaves its place to the next new card", async () => {
    const siblings = bankOf([
      "siblings.md",
      "# Siblings\n\n- sample:\n  - Which city is the capital of Peru? <!-- id: sib-recall -->\n    - Lima\n\n" +
        "## Cities\n\n### Which city is the capital of Peru?\n<!-- id: sib-choice -->\n<!-- siblings: sib-recall -->\n\n- [x] Lima\n- [ ] Quito\n\n> Lima.\n\n" +
        "### Which city is the capital of Chile?\n<!-- id: other-choice -->\n\n- [x] Santiago\n- [ ] Bogota\n\n> Santiago.\n",
    ]).questions;
    const seen: string[] = [];
    const ui = scripted([reveal(seen), easy, (v) => (seen.push(v.question.id), pick(v, "Santiago")), easy]);
    const summary = await runQuiz(siblings, new MemoryStore(), scheduler, ui, clock(), { limits: { ...limits, newPerDay: 2 }, seed: 1 });
    expect(seen).toEqual(["sib-recall", "other-choice"]);
    expect(summary.answered).toBe(2);
    expect(summary.buried).toBe(1);
    // The limit is used up, and nothing but the buried sibling is left: no new card waits behind the limit.
    expect(summary.end).toEqual({ kind: "empty", limits: [] });
  });

  it("--limit reached before today's new-card limit: only --limit is named, with the cards that wait now, and no extra study", async () => {
    const seen: string[] = [];
    const summary = await runQuiz(recall, new MemoryStore(), scheduler, scripted([reveal(seen), easy]), clock(), {
      limits: { ...limits, newPerDay: 20, sessionLimit: 1 },
      seed: 1,
    });
    expect(summary.end).toEqual({ kind: "empty", limits: [{ limit: "--limit", value: 1, waiting: 2 }] });
    expect(summary.newBeyondLimit).toBe(0);
    // The two others can be studied now: no "next card due" at tomorrow's start.
    expect(summary.nextDue).toBeUndefined();
  });

  it("today's new-card limit used up: it is named with the new cards behind it, and extra study can add them", async () => {
    const seen: string[] = [];
    const summary = await runQuiz(recall, new MemoryStore(), scheduler, scripted([reveal(seen), easy]), clock(), { limits: { ...limits, newPerDay: 1 }, seed: 1 });
    expect(summary.end).toEqual({ kind: "empty", limits: [{ limit: "newPerDay", value: 1, waiting: 2 }] });
    expect(summary.newBeyondLimit).toBe(2);
  });
});

describe("quiz session with a parameter set fitted to one kind of card", () => {
  it("schedules each card by its kind's set: a multiple-choice question by its own, a recall card by the common one", async () => {
    // A set whose first stabilities are far longer than the defaults': Easy on a new card lands much further out.
    const slow = [2, 6, 15, 60, ...default_w.slice(4)];
    const byKind = createScheduler({ desiredRetention: 0.9, fuzz: false, parametersByKind: { choice: slow } });
    const store = new MemoryStore();
    const now = clock();
    const ui = scripted([
      (v) => pick(v, "Blue like the sea"),
      () => ({ type: "rate", rating: "easy" }),
      () => ({ type: "reveal" }),
      () => ({ type: "rate", rating: "easy" }),
    ]);
    const mixed = [bank.questions.find((q) => q.id === "fx-single-sky")!, bank.questions.find((q) => q.id === "fx-recall-paris")!];
    await runQuiz(mixed, store, byKind, ui, now, { limits, seed: 1 });
    const at = (id: string) => new Date(store.log.find((l) => l.record.questionId === id)!.record.at);
    const plain = createScheduler({ desiredRetention: 0.9, fuzz: false });
    const own = createScheduler({ desiredRetention: 0.9, fuzz: false, parameters: slow });
    expect(store.cards.get("fx-single-sky")!.stability).toBe(own.preview(undefined, at("fx-single-sky")).easy.card.stability);
    expect(store.cards.get("fx-recall-paris")!.stability).toBe(plain.preview(undefined, at("fx-recall-paris")).easy.card.stability);
    expect(store.cards.get("fx-single-sky")!.stability).toBeGreaterThan(store.cards.get("fx-recall-paris")!.stability);
  });
});
