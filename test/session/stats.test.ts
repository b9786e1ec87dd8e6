import { describe, expect, it } from "vitest";
import { computeStats } from "../../src/session/stats.js";
import { formatStats } from "../../src/ui/stats-view.js";
import type { LogRecord, ReviewRecord } from "../../src/store/log.js";
import type { CardState } from "../../src/srs/model.js";
import type { ExamRecord } from "../../src/store/schema.js";
import { bankOf } from "../helpers/parse.js";
import { SESSION_BANK } from "../helpers/bank-fixture.js";

const bank = bankOf(["s.md", SESSION_BANK]);
// Noon local time on 10 March 2026: the study day is 2026-03-10.
const now = new Date(2026, 2, 10, 12, 0, 0);

function card(overrides: Partial<CardState>): CardState {
  return {
    due: new Date(2026, 2, 12, 12).toISOString(), stability: 5, difficulty: 5, elapsedDays: 1, scheduledDays: 2,
    learningSteps: 0, reps: 3, lapses: 0, phase: "review", ...overrides,
  };
}

let n = 0;
function review(day: string, questionId: string, ok: boolean, wasNew = false, phase: CardState["phase"] = "review"): ReviewRecord {
  return {
    kind: "review", v: 1, reviewId: `r${n++}`, questionId, at: `${day}T12:00:00.000Z`, day, rating: ok ? "good" : "again",
    correct: ok, chosen: [], ms: 1000, source: "quiz", wasNew, before: wasNew ? null : card({ phase }), after: card({}),
  };
}

describe("stats", () => {
  it("prints zeros, not errors, for a fresh profile", () => {
    const s = computeStats({ root: bank.root, questions: bank.questions, cards: {}, log: [], exams: [], now });
    expect(s.cards).toEqual({ total: 5, seen: 0, mature: 0, suspended: 0, orphaned: 0 });
    expect(s.forecast).toHaveLength(14);
    expect(s.forecast.every((f) => f.due === 0)).toBe(true);
    expect(s.reviewsPerDay).toHaveLength(84);
    expect(s.retention.last7).toEqual({ right: 0, total: 0, rate: null });
    expect(s.streak).toEqual({ current: 0, longest: 0 });
    expect(s.examTrend).toBeNull();
  });

  it("computes mastery, forecast, heatmap, retention, streak, leeches and exam trend from a fixed log", () => {
    const cards: Record<string, CardState> = {
      "fx-single-sky": card({ stability: 30, due: new Date(2026, 2, 9, 8).toISOString() }), // mature, overdue
      "fx-multi-primes": card({ stability: 3, due: new Date(2026, 2, 13, 9).toISOString(), leech: true, lapses: 8 }),
      "fx-recall-paris": card({ stability: 40, due: new Date(2026, 2, 30, 9).toISOString() }), // mature, outside 14 days
      "fx-recall-co2": card({ suspended: true }),
      "gone-question": card({}),
    };
    const log: LogRecord[] = [
      review("2026-03-01", "fx-single-sky", true, true), // a new card's first answer: not in retention
      review("2026-03-02", "fx-single-sky", false),
      review("2026-03-08", "fx-multi-primes", true),
      review("2026-03-09", "fx-multi-primes", false),
      review("2026-03-10", "fx-recall-paris", true),
      review("2026-03-10", "fx-single-sky", true),
    ];
    const undone = review("2026-03-10", "fx-recall-co2", false);
    log.push(undone, { kind: "undo", v: 1, reviewId: undone.reviewId, questionId: undone.questionId, at: undone.at, day: undone.day, wasNew: false, restore: null });
    const exam = (scaled: number, status: ExamRecord["status"] = "submitted") =>
      ({ startedAt: "2026-03-05T10:00:00.000Z", status, correct: 3, total: 5, scaled, passed: scaled >= 720 }) as ExamRecord;
    const s = computeStats({ root: bank.root, questions: bank.questions, cards, log, exams: [exam(640), exam(820), exam(100, "abandoned")], now });

    expect(s.cards).toEqual({ total: 5, seen: 4, mature: 2, suspended: 1, orphaned: 1 });
    const fixture = s.topics.find((t) => t.path.join("/") === "Session fixture")!;
    expect(fixture).toMatchObject({ total: 5, seen: 4, mature: 2, mastery: 0.4 });
    expect(s.topics.find((t) => t.path.join("/") === "Session fixture/Singles")).toMatchObject({ total: 2, mature: 1, mastery: 0.5 });
    expect(s.forecast[0]).toEqual({ date: "2026-03-10", due: 1 });
    expect(s.forecast[3]).toEqual({ date: "2026-03-13", due: 1 });
    expect(s.forecast.reduce((a, f) => a + f.due, 0)).toBe(2);
    expect(s.reviewsPerDay.at(-1)).toEqual({ date: "2026-03-10", reviews: 2 });
    expect(s.reviewsPerDay.find((d) => d.date === "2026-03-01")?.reviews).toBe(1);
    expect(s.retention.last7).toEqual({ right: 3, total: 4, rate: 0.75 });
    expect(s.retention.last30).toEqual({ right: 3, total: 5, rate: 0.6 });
    expect(s.streak).toEqual({ current: 3, longest: 3 });
    expect(s.leeches).toEqual([{ id: "fx-multi-primes", title: "Which TWO numbers are prime? (Choose TWO)", lapses: 8 }]);
    // An abandoned exam is not scored: no score for it, whatever the record holds.
    expect(s.exams.map((e) => e.scaled)).toEqual([640, 820, null]);
    const shown = formatStats(s, 60).split("\n").filter((l) => l.includes("2026-03-05"));
    expect(shown.map((l) => l.replace(/\u001b\[[0-9;]*m/g, "").trim().split(/\s+/).slice(2))).toEqual([
      ["640", "3/5", "fail"],
      ["820", "3/5", "pass"],
      ["—", "3/5", "abandoned"],
    ]);
    expect(s.examTrend).toBe(180);
  });

  it("counts true retention: only answers to cards that were in the review phase, by the rating given", () => {
    // A new card failed six times in its learning steps, then passed: no review-phase answer at all.
    const steps = [review("2026-03-10", "fx-single-sky", false, true), ...Array.from({ length: 5 }, () => review("2026-03-10", "fx-single-sky", false, false, "learning"))];
    steps.push(review("2026-03-10", "fx-single-sky", true, false, "learning"));
    const s = computeStats({ root: bank.root, questions: bank.questions, cards: {}, log: steps, exams: [], now });
    expect(s.retention.last7).toEqual({ right: 0, total: 0, rate: null });
    // A lapse of a review card counts as a miss; its relearning step after it does not count at all.
    // A right choice rated Again ("I guessed") is a miss for retention, which measures memory as the scheduler saw it.
    const guessed = { ...review("2026-03-10", "fx-multi-primes", true), rating: "again" as const };
    const log = [review("2026-03-09", "fx-recall-paris", false), review("2026-03-09", "fx-recall-paris", true, false, "relearning"), guessed, review("2026-03-10", "fx-recall-co2", true)];
    expect(computeStats({ root: bank.root, questions: bank.questions, cards: {}, log, exams: [], now }).retention.last7).toEqual({ right: 1, total: 3, rate: 1 / 3 });
  });

  it("counts a card suspended before it was ever answered as suspended", () => {
    const cards = { "fx-recall-paris": card({ phase: "new", reps: 0, suspended: true }), "fx-single-sky": card({ suspended: true }) };
    expect(computeStats({ root: bank.root, questions: bank.questions, cards, log: [], exams: [], now }).cards).toMatchObject({ suspended: 2, seen: 1 });
  });

  it("gives exam times on the local clock", () => {
    const tz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      const exam = { startedAt: "2026-03-05T17:07:00.000Z", status: "submitted", correct: 1, total: 2, scaled: 550, passed: false } as ExamRecord;
      expect(computeStats({ root: bank.root, questions: bank.questions, cards: {}, log: [], exams: [exam], now }).exams[0]!.startedAtLocal).toBe("2026-03-05 09:07");
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("keeps a streak alive until today's study is done", () => {
    const log = [review("2026-03-08", "fx-single-sky", true), review("2026-03-09", "fx-single-sky", true)];
    expect(computeStats({ root: bank.root, questions: bank.questions, cards: {}, log, exams: [], now }).streak.current).toBe(2);
    const gap = [review("2026-03-07", "fx-single-sky", true)];
    expect(computeStats({ root: bank.root, questions: bank.questions, cards: {}, log: gap, exams: [], now }).streak.current).toBe(0);
  });
});
