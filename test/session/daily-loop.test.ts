import { describe, expect, it } from "vitest";
import type { MultipleChoiceQuestion, Question, RecallCard } from "../../src/content/model.js";
import type { ExamUI } from "../../src/session/exam-session.js";
import { runExam } from "../../src/session/exam-session.js";
import { scoreExam } from "../../src/session/exam.js";
import { runQuiz, type CardView, type QuizUI } from "../../src/session/quiz-session.js";
import { dayKey } from "../../src/srs/day.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { formatSummary } from "../../src/ui/quiz-screens.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { clock, questionBase } from "../helpers/session-clock.js";

const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const limits = { newPerDay: 20, reviewsPerDay: 200 };
const MIN = 60_000;

const base = questionBase;
function choice(id: string, topic: string[], over: Partial<MultipleChoiceQuestion> = {}): MultipleChoiceQuestion {
  return {
    ...base,
    id,
    kind: "single",
    topic,
    topicKey: topic.map((t) => t.toLowerCase().replace(/[`\s]+/g, " ").trim()).join(" / "),
    title: `${id}?`,
    stem: `${id}?`,
    choices: [
      { text: `right ${id}`, correct: true },
      { text: `wrong ${id}`, correct: false },
      { text: `other ${id}`, correct: false },
    ],
    ...over,
  };
}
function recall(id: string, topic: string[], over: Partial<RecallCard> = {}): RecallCard {
  return { ...base, id, kind: "recall", topic, topicKey: topic.map((t) => t.toLowerCase()).join(" / "), title: `${id}?`, stem: `${id}?`, answer: `answer ${id}`, ...over };
}

type Step = (view: CardView, ui: string) => unknown;
function scripted(steps: Step[]): QuizUI & { views: { id: string; prompt: string; view: CardView }[] } {
  const views: { id: string; prompt: string; view: CardView }[] = [];
  const make = (prompt: string) => (view: CardView) => {
    views.push({ id: view.question.id, prompt, view });
    const step = steps.shift();
    return Promise.resolve(step ? step(view, prompt) : { type: "quit" }) as never;
  };
  return { views, askChoice: make("choice"), rateCorrectChoice: make("rate"), showWrongChoice: make("wrong"), askRecall: make("recall"), rateRecall: make("rateRecall") };
}
const right = (v: CardView) => ({ type: "answer", chosen: [(v.question as MultipleChoiceQuestion).choices.findIndex((c) => c.correct)] });
const wrong = (v: CardView) => ({ type: "answer", chosen: [(v.question as MultipleChoiceQuestion).choices.findIndex((c) => !c.correct)] });

describe("learning cards carry over", () => {
  it("queues a card an earlier session left in a step as soon as it is due, and lets one join the running session", async () => {
    const store = new MemoryStore();
    const qs = [choice("a", ["A"]), choice("b", ["B"]), choice("c", ["C"])];
    // Session one: a is failed (a 1-minute step) and the student quits at once.
    const t = clock(new Date(2027, 0, 4, 9, 0));
    await runQuiz(qs.slice(0, 1), store, scheduler, scripted([wrong, () => ({ type: "quit" })]), t, { limits, seed: 1 });
    expect(store.card("a")?.phase).toBe("learning");
    // Session two, 30 minutes later: a is due and comes first, before the new cards.
    t.advance(30 * MIN);
    const ui = scripted([right, () => ({ type: "rate", rating: "again" }), (v) => (t.advance(2 * MIN), right(v)), () => ({ type: "rate", rating: "good" })]);
    await runQuiz(qs, store, scheduler, ui, t, { limits, seed: 1 });
    expect(ui.views[0]!.id).toBe("a");
    // Rated Again (a guess): a is back in its 1-minute step and joins again once due, after b (2 minutes passed).
    expect(ui.views.filter((v) => v.prompt === "choice").map((v) => v.id)).toEqual(["a", "b", "a"]);
  });

  it("ends with nothing due, saying when the next card comes, and never 'More cards are due now'", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const qs = [choice("a", ["A"])];
    // Hard on a new card: a step of a few minutes, inside learn-ahead: shown early at once, until it graduates.
    const steps: Step[] = [right, () => ({ type: "rate", rating: "hard" })];
    for (let i = 0; i < 10; i++) steps.push(right, () => ({ type: "rate", rating: "good" }));
    const ui = scripted(steps);
    const summary = await runQuiz(qs, store, scheduler, ui, t, { limits, seed: 1 });
    expect(ui.views[2]!.view.early).toBe(true);
    expect(store.card("a")?.phase).toBe("review");
    expect(summary.end).toEqual({ kind: "empty", limits: [] });
    const text = formatSummary(summary, t(), qs);
    expect(text).toContain("Nothing more is due.");
    expect(text).toMatch(/Next card due in \d+m \(at \d\d:\d\d\)|Next card due in \d+[hd]/);
    expect(text).not.toContain("due now");
  });

  it("says which limit ended the session and how many cards it holds back", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const qs = [choice("a", ["A"]), choice("b", ["B"]), choice("c", ["C"])];
    const ui = scripted([right, () => ({ type: "rate", rating: "easy" })]);
    const summary = await runQuiz(qs, store, scheduler, ui, t, { limits: { ...limits, newPerDay: 1 }, seed: 1 });
    expect(summary.end).toEqual({ kind: "empty", limits: [{ limit: "newPerDay", value: 1, waiting: 2 }] });
    expect(summary.newBeyondLimit).toBe(2);
    expect(formatSummary(summary, t(), qs)).toContain("Today's new-card limit is reached (1 a day): 2 more new cards wait.");
    const quit = await runQuiz(qs, new MemoryStore(), scheduler, scripted([() => ({ type: "quit" })]), t, { limits, seed: 1 });
    expect(quit.end).toEqual({ kind: "quit", queued: 3 });
    expect(formatSummary(quit, t(), qs)).toContain("You stopped: 3 cards still queued; `cogquiz quiz` goes on.");
    // A topic studied from its notes goes on from them, not from a quiz of every topic.
    expect(formatSummary(quit, t(), qs, undefined, { resume: "z on this topic's notes" })).toContain("You stopped: 3 cards still queued; z on this topic's notes goes on.");
    // Quit in a round of extra study, the next quiz offers that round again rather than going on.
    expect(formatSummary(quit, t(), qs, "minutes").replace(/\s+/g, " ")).toContain("You stopped: 3 cards still queued; `cogquiz quiz` offers extra study past today's minutes again (z).");
  });

  it("counts a skipped card among those still queued when the session is quit, as the next quiz shows it", async () => {
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const qs = [choice("a", ["A"]), choice("b", ["B"]), choice("c", ["C"])];
    const store = new MemoryStore();
    const quit = await runQuiz(qs, store, scheduler, scripted([() => ({ type: "skip" }), () => ({ type: "quit" })]), t, { limits, seed: 1 });
    expect(quit.end).toEqual({ kind: "quit", queued: 3 });
    const next = scripted([() => ({ type: "quit" })]);
    await runQuiz(qs, store, scheduler, next, t, { limits, seed: 1 });
    // The card on screen and the ones behind it.
    expect(1 + next.views[0]!.view.remaining).toBe(3);
  });

  it("says a skipped card can be studied now, instead of nothing due and a next card days away", async () => {
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const qs = [choice("a", ["A"]), choice("b", ["B"])];
    const ui = scripted([right, () => ({ type: "rate", rating: "easy" }), () => ({ type: "skip" })]);
    const summary = await runQuiz(qs, new MemoryStore(), scheduler, ui, t, { limits, seed: 1 });
    const text = formatSummary(summary, t(), qs);
    expect(text).toContain("1 skipped card can be studied now: `cogquiz quiz` shows it again.");
    expect(text).not.toMatch(/Nothing more is due|Next card due/);
  });

  it("reports nothing to do without also saying cards are due", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const qs = [choice("a", ["A"])];
    const summary = await runQuiz(qs, store, scheduler, scripted([]), t, { limits: { ...limits, newPerDay: 0 }, seed: 1 });
    expect(summary.nothingToDo).toBe(true);
    const text = formatSummary(summary, t(), qs);
    expect(text).toContain("Nothing to study right now.");
    expect(text).toContain("Today's new-card limit is reached (0 a day): 1 more new card waits.");
    expect(text).not.toMatch(/due now/);
  });
});

describe("the status line's counts", () => {
  it("shows new · learning · due left after the card on screen, and the buried count", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const reviewCard = { ...scheduler.preview(undefined, new Date(2026, 11, 1, 9)).easy.card };
    store.cards.set("r", reviewCard);
    const qs = [choice("r", ["R"]), choice("n1", ["N1"]), recall("n2", ["N2"])];
    const ui = scripted([wrong, () => ({ type: "continue" })]);
    await runQuiz(qs, store, scheduler, ui, t, { limits, seed: 1 });
    expect(ui.views[0]!.view.counts).toEqual({ new: 2, learning: 0, due: 0 });
    expect(ui.views[0]!.id).toBe("r");
    // After the lapse: r is relearning, due in 10 minutes, within learn-ahead: counted as learning.
    expect(ui.views[2]!.view.counts).toEqual({ new: 1, learning: 1, due: 0 });
  });
});

describe("siblings", () => {
  const qs = (): Question[] => [
    recall("fact-recall", ["Facts", "One"], { siblings: ["fact-choice"] }),
    choice("fact-choice", ["Facts", "One"], { siblings: ["fact-recall"] }),
    choice("other", ["Other"]),
    choice("other2", ["Other"]),
  ];

  it("buries a sibling for the day once one is answered, also in a second session, and brings it back the next day", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const ui = scripted([() => ({ type: "reveal" }), () => ({ type: "rate", rating: "easy" }), right, () => ({ type: "rate", rating: "easy" }), right, () => ({ type: "rate", rating: "easy" })]);
    const summary = await runQuiz(qs(), store, scheduler, ui, t, { limits, seed: 1 });
    const shown = ui.views.filter((v) => v.prompt === "choice" || v.prompt === "recall").map((v) => v.id);
    expect(shown).toEqual(["fact-recall", "other", "other2"]);
    expect(ui.views[2]!.view.buried).toBe(1);
    expect(summary.buried).toBe(1);
    // Read as one text: the summary is wrapped to the terminal.
    expect(formatSummary(summary, t(), qs()).replace(/\s+/g, " ")).toContain("1 card buried for today (the same fact was answered on another card) comes back tomorrow.");

    t.advance(60 * MIN);
    const again = scripted([]);
    const second = await runQuiz(qs(), store, scheduler, again, t, { limits, seed: 1 });
    expect(again.views).toHaveLength(0);
    expect(second.nothingToDo).toBe(true);
    expect(second.nextDue).toEqual(new Date(2027, 0, 5, 4, 0));

    t.advance(24 * 60 * MIN);
    const tomorrow = scripted([]);
    await runQuiz(qs(), store, scheduler, tomorrow, t, { limits, seed: 1 });
    expect(tomorrow.views[0]!.id).toBe("fact-choice");
  });

  it("buries a twin (the same stem asked again, as in a second practice exam) once one is answered, as a sibling", async () => {
    const twins = (): Question[] => [
      choice("exam1-q", ["Exam 1"], { twins: ["exam2-q"] }),
      choice("exam2-q", ["Exam 2"], { twins: ["exam1-q"] }),
      choice("other", ["Other"]),
    ];
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    const ui = scripted([right, () => ({ type: "rate", rating: "easy" }), right, () => ({ type: "rate", rating: "easy" })]);
    const summary = await runQuiz(twins(), store, scheduler, ui, t, { limits, seed: 1 });
    const shown = ui.views.filter((v) => v.prompt === "choice").map((v) => v.id);
    expect(shown).toHaveLength(2);
    expect(shown.filter((id) => id.startsWith("exam"))).toHaveLength(1);
    expect(summary.buried).toBe(1);
  });

  it("does not spend the new-card limit on a buried card", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9, 0));
    store.cards.set("fact-recall", { ...scheduler.preview(undefined, new Date(2027, 0, 4, 8)).easy.card });
    const ui = scripted([]);
    await runQuiz(qs(), store, scheduler, ui, t, { limits: { ...limits, newPerDay: 1 }, seed: 1 });
    expect(ui.views[0]!.id).toBe("other");
  });
});

describe("the same topic is not shown twice in a row", () => {
  it("spreads a topic's cards between the others'", async () => {
    // One area, two leaf topics, in bank order a a a b b.
    const qs = [choice("a1", ["X", "A"]), choice("a2", ["X", "A"]), choice("a3", ["X", "A"]), choice("b1", ["X", "B"]), choice("b2", ["X", "B"])];
    const ui = scripted(Array.from({ length: 5 }, () => () => ({ type: "skip" })));
    await runQuiz(qs, new MemoryStore(), scheduler, ui, clock(new Date(2027, 0, 4, 9)), { limits, seed: 1 });
    expect(ui.views.map((v) => v.id)).toEqual(["a1", "b1", "a2", "b2", "a3"]);
  });
});

describe("undo and honesty at the rating prompt", () => {
  it("u at Hard/Good/Easy takes back this card's answer and asks it again in the same option order; nothing is saved", async () => {
    const store = new MemoryStore();
    const qs = [choice("a", ["A"]), choice("b", ["B"])];
    const ui = scripted([right, () => ({ type: "undo" }), right, () => ({ type: "rate", rating: "good" })]);
    await runQuiz(qs, store, scheduler, ui, clock(new Date(2027, 0, 4, 9)), { limits, seed: 3 });
    expect(ui.views.map((v) => [v.id, v.prompt])).toEqual([["a", "choice"], ["a", "rate"], ["a", "choice"], ["a", "rate"], ["b", "choice"]]);
    expect(ui.views[2]!.view.order).toEqual(ui.views[0]!.view.order);
    expect(store.log.map((r) => [r.kind, "questionId" in r ? r.questionId : ""])).toEqual([["review", "a"]]);
  });

  it("u on the next card's question undoes the last answer; that next card then comes back with its options as they were", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const store = new MemoryStore();
      const qs = [choice("a", ["A"]), choice("b", ["B"])];
      const good = () => ({ type: "rate", rating: "good" });
      const ui = scripted([right, good, () => ({ type: "undo" }), right, good, () => ({ type: "quit" })]);
      await runQuiz(qs, store, scheduler, ui, clock(new Date(2027, 0, 4, 9)), { limits, seed });
      const shown = ui.views.filter((v) => v.prompt === "choice");
      expect(shown.map((v) => v.id)).toEqual(["a", "b", "a", "b"]);
      expect(shown[3]!.view.order).toEqual(shown[1]!.view.order);
    }
  });

  it("keeps a right answer rated Again as right in the log and Again for the scheduler", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9));
    await runQuiz([choice("a", ["A"])], store, scheduler, scripted([right, () => ({ type: "rate", rating: "again" })]), t, { limits, seed: 1 });
    expect(store.reviews()[0]).toMatchObject({ correct: true, rating: "again", chosen: ["right a"] });
    expect(store.card("a")).toEqual(scheduler.preview(undefined, new Date(2027, 0, 4, 9)).again.card);
  });

  it("undo of a card that came straight back for its next step puts it back once, with the step it had", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9));
    const qs = [choice("a", ["A"])];
    const ui = scripted([
      wrong, // Again: a 1-minute step
      () => ({ type: "continue" }),
      (v) => (t.advance(2 * MIN), wrong(v)), // a comes back early and is failed again
      () => ({ type: "undo" }), // undo on the wrong-answer screen: takes back the second Again
      (v) => right(v),
      () => ({ type: "rate", rating: "good" }),
    ]);
    await runQuiz(qs, store, scheduler, ui, t, { limits, seed: 1 });
    const asked = ui.views.filter((v) => v.prompt === "choice");
    // Asked, failed, undone, asked again: and with the card on screen nothing else is queued (no second copy).
    expect(asked.slice(0, 3).map((v) => v.id)).toEqual(["a", "a", "a"]);
    expect(asked[2]!.view.remaining).toBe(0);
    const standing = store.reviews().filter((r) => !store.log.some((u) => u.kind === "undo" && u.reviewId === r.reviewId));
    expect(standing.map((r) => r.rating)).toEqual(["again", "good"]);
    // The Good was given to the card as the first Again left it: in its first learning step.
    expect(standing[1]!.before).toEqual(standing[0]!.after);
  });

  it("u on a question undoes the last saved answer; the card on screen is asked right after, and nothing repeats", async () => {
    const store = new MemoryStore();
    const qs = [choice("a", ["A"]), choice("b", ["B"]), choice("c", ["C"])];
    const t = clock(new Date(2027, 0, 4, 9));
    const more: Step[] = [right, () => ({ type: "rate", rating: "easy" }), right, () => ({ type: "rate", rating: "easy" }), right, () => ({ type: "rate", rating: "easy" })];
    const all = scripted([right, () => ({ type: "rate", rating: "easy" }), () => ({ type: "undo" }), ...more]);
    await runQuiz(qs, store, scheduler, all, t, { limits, seed: 1 });
    expect(all.views.filter((v) => v.prompt === "choice").map((v) => v.id)).toEqual(["a", "b", "a", "b", "c"]);
    expect(store.counters(dayKey(t()))).toEqual({ new: 3, reviews: 0 });
  });
});

describe("what the daily limits count", () => {
  it("counts a new card once, not its learning steps, and a review-phase card's answer but not its relearning steps", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9));
    store.cards.set("old", scheduler.preview(undefined, new Date(2026, 11, 1, 9)).easy.card);
    const qs = [choice("old", ["Old"]), choice("new", ["New"])];
    const steps: Step[] = [];
    // old lapses, new is failed; then both come back through their steps until they graduate.
    for (let i = 0; i < 12; i++) steps.push((v, p) => (p === "choice" ? (t.advance(11 * MIN), i < 2 ? wrong(v) : right(v)) : p === "wrong" ? { type: "continue" } : { type: "rate", rating: "good" }));
    await runQuiz(qs, store, scheduler, scripted(steps), t, { limits, seed: 1 });
    expect(store.reviews().length).toBeGreaterThan(2);
    expect(store.counters(dayKey(t()))).toEqual({ new: 1, reviews: 1 });
  });
});

describe("topics are one topic everywhere", () => {
  it("groups the quiz summary and the exam score by the normalised key", async () => {
    const qs = [choice("a", ["Amazon Cognito"]), choice("b", ["`Amazon  Cognito`"])];
    expect(qs[0]!.topicKey).toBe(qs[1]!.topicKey);
    const ui = scripted([right, () => ({ type: "rate", rating: "good" }), right, () => ({ type: "rate", rating: "good" })]);
    const summary = await runQuiz(qs, new MemoryStore(), scheduler, ui, clock(new Date(2027, 0, 4, 9)), { limits, seed: 1 });
    expect([...summary.byTopic.entries()]).toEqual([["Amazon Cognito", { answered: 2, correct: 2 }]]);
    const score = scoreExam(qs, [[0], [1]], 720);
    expect([...score.byTopic.entries()]).toEqual([["Amazon Cognito", { correct: 1, total: 2 }]]);
  });
});

describe("exams feed the scheduler honestly", () => {
  it("a viewed blank is Again, a question never reached is no review, both are wrong, and no limit is used", async () => {
    const store = new MemoryStore();
    const qs = [choice("seen-right", ["A"]), choice("seen-blank", ["A"]), choice("never", ["A"])];
    const t = clock(new Date(2027, 0, 4, 9));
    let shown = 0;
    const ui: ExamUI = {
      async question(view) {
        shown++;
        if (view.index === 0) view.state.answers[0] = [0];
        // On the second question time runs out; the third is never reached.
        if (view.index === 1) {
          t.advance(60 * MIN);
          return "timeout";
        }
        return "next";
      },
      async review() {
        return { type: "submit" };
      },
      async confirmAbandon() {
        return false;
      },
    };
    const { record, score } = await runExam({ questions: qs, minutes: 10, passScore: 720, seed: 1 }, ui, t, store, scheduler);
    expect(shown).toBe(2);
    expect(record.status).toBe("timed-out");
    expect(score.results).toEqual([true, false, false]);
    expect(record.answers.map((a) => a.viewed)).toEqual([true, true, false]);
    expect(store.reviews().map((r) => [r.questionId, r.rating, r.source])).toEqual([
      ["seen-right", "good", "exam"],
      ["seen-blank", "again", "exam"],
    ]);
    expect(store.card("never")).toBeUndefined();
    expect(store.counters(dayKey(t()))).toEqual({ new: 0, reviews: 0 });
  });
});

describe("the abandon question when time runs out", () => {
  it("a yes that comes after the deadline submits the exam as timed out, scored, and it teaches the scheduler", async () => {
    const store = new MemoryStore();
    const qs = [choice("first", ["A"]), choice("second", ["A"])];
    const t = clock(new Date(2027, 0, 4, 9));
    let asked = 0;
    const ui: ExamUI = {
      async question(view) {
        view.state.answers[view.index] = [0];
        return view.index === 0 ? "next" : "interrupt";
      },
      async review() {
        return { type: "submit" };
      },
      async confirmAbandon() {
        asked++;
        // The student reads the question past the exam's end, then presses y.
        t.advance(11 * MIN);
        return true;
      },
    };
    const { record, score } = await runExam({ questions: qs, minutes: 10, passScore: 720, seed: 1 }, ui, t, store, scheduler);
    expect(asked).toBe(1);
    expect(record.status).toBe("timed-out");
    expect(score.results).toEqual([true, true]);
    expect(Date.parse(record.endedAt) - Date.parse(record.startedAt)).toBe(10 * MIN);
    expect(store.reviews().map((r) => r.questionId)).toEqual(["first", "second"]);
  });

  it("a yes before the deadline abandons it", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 9));
    const ui: ExamUI = {
      async question() {
        return "interrupt";
      },
      async review() {
        return { type: "submit" };
      },
      async confirmAbandon() {
        t.advance(9 * MIN);
        return true;
      },
    };
    const { record } = await runExam({ questions: [choice("only", ["A"])], minutes: 10, passScore: 720, seed: 1 }, ui, t, store, scheduler);
    expect(record.status).toBe("abandoned");
    expect(store.reviews()).toEqual([]);
  });
});

describe("an exam stopped from outside (its terminal gone)", () => {
  it("ends at once as abandoned with the answers so far, even with the clock left, and teaches the scheduler nothing", async () => {
    const store = new MemoryStore();
    const qs = [choice("first", ["A"]), choice("second", ["A"])];
    const t = clock(new Date(2027, 0, 4, 9));
    const stop = new AbortController();
    const ui: ExamUI = {
      question(view, signal) {
        if (view.index === 0) {
          view.state.answers[0] = [0];
          return Promise.resolve("next");
        }
        // The second question is on screen when the stop comes: its prompt is aborted, as the clock's would be.
        setTimeout(() => stop.abort(), 0);
        return new Promise((resolve) => signal.addEventListener("abort", () => resolve("timeout"), { once: true }));
      },
      async review() {
        return { type: "submit" };
      },
      async confirmAbandon() {
        return false;
      },
    };
    const { record } = await runExam({ questions: qs, minutes: 90, passScore: 720, seed: 1 }, ui, t, store, scheduler, stop.signal);
    expect(record.status).toBe("abandoned");
    expect(record.passed).toBe(false);
    expect(record.answers.map((a) => a.chosen)).toEqual([["right first"], []]);
    expect(store.exams.map((e) => e.status)).toEqual(["abandoned"]);
    expect(store.reviews()).toEqual([]);
  });
});
