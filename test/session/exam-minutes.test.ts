// Exam-date mode's day: the quiz stops at the plan's minutes, counted over every session of the study day.

import { describe, expect, it } from "vitest";
import type { MultipleChoiceQuestion } from "../../src/content/model.js";
import { runQuiz, type CardView, type QuizUI } from "../../src/session/quiz-session.js";
import { dayKey } from "../../src/srs/day.js";
import type { CardState } from "../../src/srs/model.js";
import { ANSWER_TIME_CAP_MS } from "../../src/srs/tally.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { formatSummary, minutesText } from "../../src/ui/quiz-screens.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { clock, questionBase } from "../helpers/session-clock.js";

const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const limits = { newPerDay: 20, reviewsPerDay: 200 };
const SEC = 1000;

const base = questionBase;
function choice(id: string): MultipleChoiceQuestion {
  return {
    ...base,
    id,
    kind: "single",
    topic: [id.toUpperCase()],
    topicKey: id,
    title: `${id}?`,
    stem: `${id}?`,
    choices: [
      { text: `right ${id}`, correct: true },
      { text: `wrong ${id}`, correct: false },
    ],
  };
}
const questions = ["a", "b", "c", "d", "e", "f"].map(choice);

/** A student who takes `seconds` over each card and answers it right, rated Good. */
function student(t: ReturnType<typeof clock>, seconds: number): QuizUI & { shown: string[] } {
  const shown: string[] = [];
  return {
    shown,
    askChoice: async (v: CardView) => {
      shown.push(v.question.id);
      t.advance(seconds * SEC);
      return { type: "answer", chosen: [0] };
    },
    rateCorrectChoice: async () => ({ type: "rate", rating: "good" }),
    showWrongChoice: async () => ({ type: "continue" }),
    askRecall: async () => ({ type: "quit" }),
    rateRecall: async () => ({ type: "quit" }),
  };
}

describe("the exam plan's minutes a day", () => {
  it("ends the session once today's study time reaches the minutes, and says what still waits", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 10, 0));
    const ui = student(t, 50);
    // 2 minutes: 50 s, 100 s, 150 s; no fourth card is shown.
    const s = await runQuiz(questions, store, scheduler, ui, t, { limits, seed: 1, minutesPerDay: 2 });
    expect(ui.shown).toHaveLength(3);
    expect(s.answered).toBe(3);
    expect(s.end).toMatchObject({ kind: "minutes", minutesPerDay: 2, studiedMs: 150 * SEC });
    // Three new cards of today's share are left, and the three answered sit in their learning step.
    expect(s.end.kind === "minutes" && s.end.waiting).toEqual({ reviews: 0, learning: 3, fresh: 3 });
    const text = formatSummary(s, t(), questions).replace(/\s+/g, " ");
    expect(text).toContain("Today's 2 minutes are done (3 min studied today): 3 cards in learning, 3 new cards still wait; `cogquiz plan` shows when they come");
  });

  it("counts every session of the study day: a second session the same day shows no card, the next day starts afresh", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 10, 0));
    await runQuiz(questions, store, scheduler, student(t, 70), t, { limits, seed: 1, minutesPerDay: 2 });
    expect(store.studiedMs(dayKey(t()))).toBe(140 * SEC);
    // Later the same day, in a new session: nothing is shown, the end says why.
    t.advance(3 * 3_600_000);
    const again = student(t, 70);
    const s = await runQuiz(questions, store, scheduler, again, t, { limits, seed: 2, minutesPerDay: 2 });
    expect(again.shown).toEqual([]);
    expect(s.end.kind).toBe("minutes");
    expect(s.nothingToDo).toBe(false);
    // The next study day (after 04:00) has its own minutes.
    t.advance(24 * 3_600_000);
    const tomorrow = student(t, 70);
    await runQuiz(questions, store, scheduler, tomorrow, t, { limits, seed: 3, minutesPerDay: 2 });
    expect(tomorrow.shown.length).toBeGreaterThan(0);
  });

  it("gives more minutes when asked (extra study), and counts an idle answer at most two minutes", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 10, 0));
    // Away from the screen for an hour on the first card: it counts two minutes, so the day's 3 minutes go on.
    let first = true;
    const ui = student(t, 30);
    const askChoice = ui.askChoice;
    ui.askChoice = async (v) => {
      if (first) t.advance(3_600_000);
      first = false;
      return askChoice(v);
    };
    const s = await runQuiz(questions, store, scheduler, ui, t, { limits, seed: 1, minutesPerDay: 3 });
    expect(ANSWER_TIME_CAP_MS).toBe(2 * 60 * SEC);
    expect(ui.shown).toHaveLength(3); // 120 s + 30 s + 30 s = 180 s
    expect(s.end.kind).toBe("minutes");
    const more = student(t, 30);
    await runQuiz(questions, store, scheduler, more, t, { limits, seed: 2, minutesPerDay: 3 + 1 });
    expect(more.shown).toHaveLength(2);
  });

  it("without minutes (no exam), the session is as it always was: every card of the day", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 10, 0));
    const ui = student(t, 100);
    const s = await runQuiz(questions, store, scheduler, ui, t, { limits, seed: 1 });
    expect(new Set(ui.shown)).toEqual(new Set(questions.map((q) => q.id)));
    expect(s.end.kind).toBe("empty");
  });

  it("says it in words a student reads: one card waiting, or several kinds", () => {
    expect(minutesText({ kind: "minutes", minutesPerDay: 30, studiedMs: 30.4 * 60_000, waiting: { reviews: 1, learning: 0, fresh: 0 } })).toBe(
      "Today's 30 minutes are done (30 min studied today): 1 due review still waits; `cogquiz plan` shows when they come, and whether your minutes a day still fit.",
    );
    expect(minutesText({ kind: "minutes", minutesPerDay: 30, studiedMs: 31 * 60_000, waiting: { reviews: 12, learning: 1, fresh: 4 } })).toContain(
      "12 due reviews, 1 card in learning, 4 new cards still wait",
    );
  });

  it("on the last study day before the exam, and on its day, says that what waits is not seen before it", () => {
    const end = { kind: "minutes" as const, minutesPerDay: 30, studiedMs: 31 * 60_000, waiting: { reviews: 12, learning: 0, fresh: 0 } };
    const at = (day: number, hour: number) => minutesText(end, new Date(2027, 0, day, hour), "2027-01-15");
    expect(at(10, 18)).toContain("12 due reviews still wait; `cogquiz plan` shows when they come");
    expect(at(14, 18)).toContain("12 due reviews still wait; the exam is tomorrow, so they are not seen before it unless you study more today.");
    // Before 04:00 the study day is still the 14th.
    expect(at(15, 2)).toContain("the exam is tomorrow");
    expect(at(15, 7)).toContain("12 due reviews still wait; the exam is today, so they are not seen before it unless you study more now.");
    expect(at(14, 18)).not.toContain("shows when they come");
  });

  it("ends a round of extra minutes saying so, with no raw figure of the minutes it stopped at", () => {
    const end = { kind: "minutes" as const, minutesPerDay: 16.45778333333333, studiedMs: 18 * 60_000, waiting: { reviews: 2, learning: 0, fresh: 0 } };
    const text = minutesText(end, new Date(2027, 0, 10, 18), "2027-01-31", true);
    expect(text).toBe("The extra minutes are done (18 min studied today): 2 due reviews still wait; `cogquiz plan` shows when they come, and whether your minutes a day still fit.");
    expect(minutesText({ ...end, minutesPerDay: 12.5 }, new Date(2027, 0, 10, 18))).toMatch(/^Today's 12\.5 minutes are done/);
  });
});

describe("the exam's note on the buttons", () => {
  const exam = { date: "2027-01-09", minutesPerDay: 30, target: 0.97 };
  const reviewed = (now: Date): CardState => ({
    due: now.toISOString(), stability: 4, difficulty: 5, elapsedDays: 4, scheduledDays: 4, learningSteps: 0, reps: 3, lapses: 0,
    phase: "review", lastReview: new Date(now.getTime() - 4 * 86_400_000).toISOString(),
  });

  it("says when the exam changed an interval, and the interval saved is the one shown", async () => {
    const store = new MemoryStore();
    const t = clock(new Date(2027, 0, 4, 10, 0));
    store.cards.set("a", reviewed(t()));
    let shown: CardView | undefined;
    const ui = student(t, 10);
    const ask = ui.askChoice;
    ui.askChoice = async (v) => ((shown = v), ask(v));
    const examScheduler = createScheduler({ desiredRetention: 0.9, fuzz: false, exam });
    const s = await runQuiz([questions[0]!], store, examScheduler, ui, t, { limits, seed: 1, minutesPerDay: 30 });
    // Five days to the exam: Good comes back in the final window, not at plain FSRS's interval, and says so.
    expect(shown!.intervals.good).toMatch(/^\d+d, exam in 5d$/);
    // Again would start a relearning step minutes away; the exam rule skips it (FSRS-6's defaults say such a look
    // adds little), and the button says so.
    expect(shown!.intervals.again).toMatch(/^\d+d, exam in 5d$/);
    const days = Number.parseInt(shown!.intervals.good, 10);
    expect(Math.round((Date.parse(store.card("a")!.due) - t().getTime()) / 86_400_000)).toBe(days);
    expect(s.lastSaved).toBe(`saved a: Good · ${shown!.intervals.good}`);
    // Without the exam the same card shows plain intervals.
    const plain = new MemoryStore();
    plain.cards.set("a", reviewed(t()));
    let plainView: CardView | undefined;
    const ui2 = student(t, 10);
    const ask2 = ui2.askChoice;
    ui2.askChoice = async (v) => ((plainView = v), ask2(v));
    await runQuiz([questions[0]!], plain, scheduler, ui2, t, { limits, seed: 1 });
    expect(plainView!.intervals.good).toMatch(/^\d+d$/);
    expect(Number.parseInt(plainView!.intervals.good, 10)).toBeGreaterThan(days);
  });
});
