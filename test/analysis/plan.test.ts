// The exam plan's forecast: the pace it applies, today's share of it, and missed days spread instead of piled up.

import { describe, expect, it } from "vitest";
import { computePlan, formatPlan, type AnswerTimes } from "../../src/analysis/plan.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { newCardPace } from "../../src/srs/exam-pace.js";
import { finalWindowDays } from "../../src/srs/exam-rule.js";
import type { CardState, ExamGoal } from "../../src/srs/model.js";
import { reviewedCard } from "../helpers/cards.js";

const now = new Date(2027, 0, 10, 10);
const exam: ExamGoal = { date: "2027-02-09", minutesPerDay: 10, target: 0.97 };
const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false, exam });
const times: AnswerTimes = { newMs: 60_000, reviewMs: 20_000, newAnswers: 0, reviewAnswers: 0 };

function plan(cards: Record<string, CardState>, ids: string[], more: Partial<Parameters<typeof computePlan>[0]> = {}) {
  return computePlan({ exam, now, questionIds: ids, card: (id) => cards[id], scheduler, times, ...more });
}

describe("computePlan", () => {
  it("sizes the final window for the content set and the daily minutes, so a plan the 2-day window could not hold fits", () => {
    // 150 cards, 20 minutes a day, the exam 87 days off: a review of each card takes 50 minutes, which 2 days of 20
    // minutes do not hold and 3 do.
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const goal: ExamGoal = { date: "2027-04-07", minutesPerDay: 20, target: 0.97 };
    const forGoal = (g: ExamGoal, w: number) => createScheduler({ desiredRetention: 0.9, fuzz: false, exam: g, finalWindowDays: w });
    const sized = computePlan({ exam: goal, now, questionIds: ids, card: () => undefined, scheduler: forGoal(goal, 3), schedulerFor: forGoal, times });
    expect(sized.windowDays).toBe(3);
    expect(sized.fits).toBe(true);
    expect(sized.reviewsLeftOver).toBe(0);
    expect(formatPlan(sized)).toContain("leaving the last 3 days for final reviews");
    // The same content held to the rule's least window leaves final reviews waiting on exam day.
    const narrow = computePlan({ exam: goal, now, questionIds: ids, card: () => undefined, scheduler: forGoal(goal, 2), windowDays: 2, times, advice: false });
    expect(narrow.fits).toBe(false);
    expect(narrow.reviewsLeftOver).toBeGreaterThan(0);
    // At 10 minutes a day it does not fit: each offer, planned with its own window, does.
    const short: ExamGoal = { ...goal, minutesPerDay: 10 };
    const tight = computePlan({ exam: short, now, questionIds: ids, card: () => undefined, scheduler: forGoal(short, 6), schedulerFor: forGoal, times });
    expect(tight.windowDays).toBe(6);
    expect(tight.fits).toBe(false);
    const offer = tight.wouldFit!;
    expect(offer.minutesPerDay).toBeGreaterThan(10);
    const more: ExamGoal = { ...goal, minutesPerDay: offer.minutesPerDay! };
    const moreWindow = finalWindowDays(150, more.minutesPerDay);
    expect(computePlan({ exam: more, now, questionIds: ids, card: () => undefined, scheduler: forGoal(more, moreWindow), times, advice: false }).fits).toBe(true);
    const fewer = ids.slice(0, offer.cards!);
    const fewerWindow = finalWindowDays(fewer.length, 10);
    expect(computePlan({ exam: short, now, questionIds: fewer, card: () => undefined, scheduler: forGoal(short, fewerWindow), times, advice: false }).fits).toBe(true);
  });

  it("offers the fewest daily minutes above the plan's that fit, and more minutes do not stop a plan for the bundled size fitting", () => {
    // A final window sized exactly full (150 cards at 25 minutes: 2 days of 75 reviews, 87 days out) left the
    // window's repeats waiting: 24 minutes fitted, 25 did not, and the offer, found by bisection, was 26.
    const forGoal = (g: ExamGoal, w: number) => createScheduler({ desiredRetention: 0.9, fuzz: false, exam: g, finalWindowDays: w });
    const scenario = (count: number, date: string) => {
      const ids = Array.from({ length: count }, (_, i) => `c${i}`);
      return (minutes: number, advice: boolean) => {
        const goal: ExamGoal = { date, minutesPerDay: minutes, target: 0.97 };
        return computePlan({ exam: goal, now, questionIds: ids, card: () => undefined, scheduler: forGoal(goal, finalWindowDays(count, minutes)), schedulerFor: forGoal, times, advice });
      };
    };
    const pattern = (planAt: ReturnType<typeof scenario>) => Array.from({ length: 33 }, (_, i) => (planAt(8 + i, false).fits ? "Y" : "n")).join("");
    for (const [count, date] of [[150, "2027-04-07"], [150, "2027-03-11"], [150, "2027-03-26"], [60, "2027-02-09"]] as const) {
      const fits = pattern(scenario(count, date));
      expect(fits, `${count} cards, exam ${date}`).toMatch(/^n*Y+$/);
    }
    // Where a window a day shorter makes more minutes fit worse (150 cards 55 days out: 19 minutes fit with 4 days,
    // 20 do not with 3), the offer is still the fewest minutes above that fit, never a number a bisection lands on.
    for (const [count, date] of [[150, "2027-03-06"], [150, "2027-03-11"], [60, "2027-03-06"]] as const) {
      const planAt = scenario(count, date);
      const fits = pattern(planAt);
      for (let i = 0; i < fits.length; i++) {
        if (fits[i] === "Y") continue;
        const next = fits.indexOf("Y", i + 1);
        if (next >= 0) expect(planAt(8 + i, true).wouldFit?.minutesPerDay, `${count} cards, exam ${date}, ${8 + i} minutes: ${fits}`).toBe(8 + next);
      }
    }
  });

  it("gives each day's minutes to a tenth, as a forecast is not a measurement", () => {
    const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const p = plan({}, ids, { times: { newMs: 47_300, reviewMs: 23_500, newAnswers: 9, reviewAnswers: 30 } });
    const busy = p.forecast.filter((d) => d.minutes > 0);
    expect(busy.length).toBeGreaterThan(0);
    for (const d of p.forecast) expect(String(d.minutes)).toMatch(/^\d+(\.\d)?$/);
    expect(busy.some((d) => !Number.isInteger(d.minutes))).toBe(true);
  });

  it("after days missed, spreads the overdue reviews so that no day exceeds the minutes", () => {
    const ids = Array.from({ length: 120 }, (_, i) => `c${i}`);
    // Every card came due during the five days missed.
    const cards = Object.fromEntries(ids.map((id, i) => [id, reviewedCard(now, 6 + (i % 5), 1 + (i % 5))]));
    const p = plan(cards, ids);
    expect(p.unseen).toBe(0);
    for (const d of p.forecast) expect(d.minutes).toBeLessThanOrEqual(exam.minutesPerDay + 1e-9);
    // Ten minutes hold 30 reviews of 20 s: today takes 30 of the 120, not all of them.
    expect(p.forecast[0]!.reviews).toBe(30);
    expect(p.forecast.slice(0, 4).reduce((s, d) => s + d.reviews, 0)).toBeGreaterThanOrEqual(120);
  });

  it("says when the daily minutes, not the pace, set the new cards, and claims no fall of the pace the minutes made", () => {
    // 150 cards, 21 days out, 5 minutes a day: the pace is 12 a day, the minutes hold 5.
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const short: ExamGoal = { date: "2027-01-31", minutesPerDay: 5, target: 0.97 };
    const p = computePlan({ exam: short, now, questionIds: ids, card: () => undefined, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: short, finalWindowDays: 7 }), times, advice: false });
    expect(p.newPerDay).toBe(12);
    expect(p.forecast[0]!.newCards).toBe(5);
    expect(p.newHeldByMinutesFrom).toBe("2027-01-10");
    const text = formatPlan(p);
    expect(text).toContain("12 new a day introduces them all in 13 days, leaving the last 7 days for final reviews. From today the daily minutes hold fewer than that after the reviews due");
    expect(text).not.toContain("as fewer are left");
    // Reviews waiting on exam day are reviews of cards seen: never more than the cards the forecast introduces.
    const seen = p.forecast.reduce((n, d) => n + d.newCards, 0);
    expect(p.reviewsLeftOver).toBeGreaterThan(0);
    expect(p.reviewsLeftOver).toBeLessThanOrEqual(seen);
    // At 30 minutes the minutes hold the pace: no such sentence, and the pace's own fall is named.
    const roomy: ExamGoal = { ...short, minutesPerDay: 30 };
    const q = computePlan({ exam: roomy, now, questionIds: ids, card: () => undefined, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: roomy, finalWindowDays: 2 }), times, advice: false });
    expect(q.newHeldByMinutesFrom).toBeUndefined();
    expect(formatPlan(q)).toMatch(/\(\d+ a day from 2027-01-\d\d, as fewer are left\)/);
  });

  it("counts a card due earlier today in today's row, as the quiz shows it, and spreads only cards due before today", () => {
    // now is 10:00; the study day began at 04:00. Nine cards due at 05:00 today, three due yesterday.
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const at = (d: Date): CardState => ({ ...reviewedCard(now, 3, 3), due: d.toISOString() });
    const cards = Object.fromEntries(ids.map((id, i) => [id, at(i < 9 ? new Date(2027, 0, 10, 5) : new Date(2027, 0, 9, 12))]));
    const p = plan(cards, ids);
    // Today: the nine due today and the first of the three overdue; the two other overdue cards tomorrow and after.
    expect(p.forecast[0]!.reviews).toBe(10);
    expect(p.forecast[1]!.reviews).toBeGreaterThanOrEqual(1);
  });

  it("applies the pace of newCardPace, counting today's new cards in it, and today's share less what is done", () => {
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const cards: Record<string, CardState> = {};
    // Two cards introduced today already.
    for (let i = 0; i < 2; i++) cards[ids[i]!] = reviewedCard(now, 0, 1, "learning");
    // Suspended cards are never introduced: they are not counted as cards to see.
    cards[ids[59]!] = { ...reviewedCard(now, 3, 2), phase: "new", suspended: true };
    const p = plan(cards, ids, { newToday: 2 });
    expect(p.unseen).toBe(57);
    expect(p.newPerDay).toBe(newCardPace(57 + 2, 30).newPerDay);
    expect(p.newPerDay).toBe(3);
    expect(p.applied).toEqual({ newPerDay: 3, from: "plan" });
    expect(p.forecast[0]!.newCards).toBe(1);
    expect(p.forecast[1]!.newCards).toBe(p.newPerDay);
    expect(p.neverIntroduced).toBe(0);
  });

  it("gives today only the minutes not yet studied: reviews first, then new cards, the rest tomorrow's, as the quiz takes them", () => {
    const ids = Array.from({ length: 120 }, (_, i) => `c${i}`);
    const cards = Object.fromEntries(ids.map((id, i) => [id, reviewedCard(now, 6 + (i % 5), 1 + (i % 5))]));
    // Ten minutes hold 30 reviews; 4 minutes studied leave room for 18 today, and the rest carry over.
    const part = plan(cards, ids, { studiedTodayMs: 4 * 60_000 });
    expect(part.forecast[0]!.reviews).toBe(18);
    expect(part.forecast[0]!.minutes).toBeCloseTo(6, 6);
    expect(part.forecast[1]!.reviews).toBe(30);
    // Today's minutes done: nothing more today, new cards included; they come on the days after.
    const fresh = Array.from({ length: 60 }, (_, i) => `n${i}`);
    const whole = plan({}, fresh);
    const done = plan({}, fresh, { studiedTodayMs: 10 * 60_000 });
    expect(whole.forecast[0]!.newCards).toBeGreaterThan(0);
    expect(done.forecast[0]).toMatchObject({ newCards: 0, reviews: 0, minutes: 0 });
    expect(done.forecast.reduce((n, d) => n + d.newCards, 0)).toBe(60);
    // Nothing studied yet: the day is whole, as before.
    expect(plan(cards, ids, { studiedTodayMs: 0 }).forecast[0]!.reviews).toBe(30);
  });

  it("forecasts with the student's own newPerDay when it replaces the pace, and says what it leaves unseen", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const p = plan({}, ids, { ownNewPerDay: 2 });
    expect(p.applied).toEqual({ newPerDay: 2, from: "config" });
    expect(p.forecast.every((d) => d.newCards <= 2)).toBe(true);
    // 2 a day for 30 days, but for the days whose reviews leave under a new card's minute of the ten: the quiz takes
    // the reviews due first.
    const introduced = p.forecast.reduce((n, d) => n + d.newCards, 0);
    expect(introduced).toBeLessThanOrEqual(2 * 30);
    expect(p.neverIntroduced).toBe(200 - introduced);
    expect(p.unseenLeftOver).toBe(2 * 30 - introduced);
    for (const d of p.forecast) if (d.newCards < 2) expect(d.minutes).toBeGreaterThan(exam.minutesPerDay - 1);
  });

  it("takes each day's reviews before its new cards, as the quiz does, and says when the minutes leave cards unseen", () => {
    const seen = Array.from({ length: 120 }, (_, i) => `c${i}`);
    const fresh = Array.from({ length: 60 }, (_, i) => `n${i}`);
    // Every seen card came due during five days missed: the first days are reviews, and new cards wait for room.
    const cards = Object.fromEntries(seen.map((id, i) => [id, reviewedCard(now, 6 + (i % 5), 1 + (i % 5))]));
    const p = plan(cards, [...seen, ...fresh]);
    expect(p.forecast[0]).toMatchObject({ reviews: 30, newCards: 0 });
    // The 120 overdue reviews are all done before the first new card is taken.
    const firstNew = p.forecast.findIndex((d) => d.newCards > 0);
    expect(firstNew).toBeGreaterThan(0);
    expect(p.forecast.slice(0, firstNew).reduce((n, d) => n + d.reviews, 0)).toBeGreaterThanOrEqual(120);
    expect(p.neverIntroduced).toBe(0);
    // Tight minutes: the reviews crowd the new cards out, and the plan says so.
    const tight = plan(cards, [...seen, ...fresh], { exam: { ...exam, minutesPerDay: 3 }, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: { ...exam, minutesPerDay: 3 } }) });
    expect(tight.fits).toBe(false);
    expect(tight.unseenLeftOver).toBeGreaterThan(0);
    expect(formatPlan(tight)).toContain(`${tight.unseenLeftOver} cards not seen yet would find no time before the exam, as the quiz takes the reviews due first.`);
  });

  it("counts the forecast in study days and dates it on the local clock, as stats does: in Los Angeles at 19:30, a card due at 09:00 tomorrow is tomorrow's", () => {
    const tz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      // 19:30 in Los Angeles is 03:30 the next day in UTC; the cards are due less than a whole day (and 12 days) away.
      const evening = new Date(2027, 0, 6, 19, 30);
      const goal: ExamGoal = { ...exam, date: "2027-01-26" };
      const due = (day: number): CardState => ({ ...reviewedCard(new Date(2027, 0, day, 9), 30, 30), due: new Date(2027, 0, day, 9).toISOString() });
      const cards = { tomorrow: due(7), later: due(18) };
      const p = plan(cards, Object.keys(cards), { exam: goal, now: evening, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: goal }) });
      expect(p.forecast[0]).toMatchObject({ date: "2027-01-06", reviews: 0 });
      expect(p.forecast[1]).toMatchObject({ date: "2027-01-07", reviews: 1 });
      expect(p.forecast.find((d) => d.date === "2027-01-17")!.reviews).toBe(0);
      expect(p.forecast.find((d) => d.date === "2027-01-18")!.reviews).toBe(1);
      expect(p.forecast.at(-1)!.date).toBe("2027-01-25");
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("speaks of one minute and of a content set with no cards in plain words", () => {
    const one: ExamGoal = { ...exam, minutesPerDay: 1 };
    const oneScheduler = createScheduler({ desiredRetention: 0.9, fuzz: false, exam: one });
    const text = formatPlan(plan({}, ["a", "b"], { exam: one, scheduler: oneScheduler }));
    expect(text).toContain("30 days left · 1 minute a day · target recall 0.97");
    expect(text).not.toMatch(/\b1 minutes\b/);
    const empty = formatPlan(plan({}, []));
    expect(empty).toContain("The content set has no cards: there is nothing to introduce or review.");
    expect(empty).not.toContain("0 cards");
    // Nothing to forecast: no table of zeros, no pace of 0 a day, no verdict on minutes.
    expect(empty).not.toMatch(/date +new|0 new cards a day|The plan fits/);
    expect(empty.trim().split("\n")).toHaveLength(2);
  });

  it("computes a plan centuries long without running out of stack (the busiest day is not found by spreading every day)", () => {
    // About 245,000 days: far more than a call's arguments can hold, which is what `plan --exam 9999-12-31` hit.
    const far: ExamGoal = { ...exam, date: "2700-01-01" };
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const p = plan({}, ids, { exam: far, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: far }) });
    expect(p.forecast.length).toBe(p.daysLeft);
    expect(p.daysLeft).toBeGreaterThan(200_000);
    expect(p.forecast.at(-1)!.date).toBe("2699-12-31");
  });

  it("on exam day, before the exam's 09:00 start and after it, says so plainly: no new cards, nothing to forecast, text and JSON alike", () => {
    const today: ExamGoal = { ...exam, date: "2027-01-10" };
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const at = (hour: number) =>
      plan({}, ids, { exam: today, now: new Date(2027, 0, 10, hour), scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: today }) });
    const morning = at(7);
    // No study day is left to forecast: whether it fits is no question any more (null in the JSON), and nothing is offered.
    expect(morning).toMatchObject({ daysLeft: 0, unseen: 150, newPerDay: 0, introductionDays: 0, applied: { newPerDay: 0, from: "plan" }, forecast: [], examStarted: false, fits: null });
    expect(morning.wouldFit).toBeUndefined();
    expect(morning.neverIntroduced).toBe(150);
    const text = formatPlan(morning);
    expect(text).toContain("Exam today, 2027-01-10, at 09:00 · 10 minutes a day");
    expect(text).toContain("150 of 150 cards not seen yet: the plan introduces no new cards on exam day.");
    expect(text).toContain("The quiz introduces no new cards today");
    expect(text).toContain("It is exam day: the exam starts at 09:00, and there is nothing left to plan");
    // Nothing of a study day: no days left, no pace, no table, no final window.
    expect(text).not.toMatch(/days? left|new a day|final reviews|date +new|The plan fits/);
    const afternoon = at(15);
    expect(afternoon).toMatchObject({ daysLeft: 0, newPerDay: 0, applied: { newPerDay: 0 }, forecast: [], examStarted: true, fits: null });
    expect(formatPlan(afternoon)).toContain("The exam started at 09:00 today: there is nothing left to plan.");
    expect(formatPlan(afternoon)).not.toContain("It is exam day");
  });

  it("gives the days on which new cards come as the forecast and the quiz have them: 150 at 6 a day, recomputed each day, take 27", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const cases = [
      // 6 a day for 15 days and 5 for 12: 150 in 27 days, the last before the margin and the final window.
      { date: "2027-02-09", perDay: 6, days: 27, lower: "(5 a day from 2027-01-25, as fewer are left)" },
      { date: "2027-02-21", perDay: 4, days: 39, lower: "(3 a day from 2027-02-12, as fewer are left)" },
      // 150 over 30 days before the window: 5 a day throughout.
      { date: "2027-02-12", perDay: 5, days: 30, lower: undefined },
    ];
    for (const { date, perDay, days, lower } of cases) {
      const goal: ExamGoal = { ...exam, date, minutesPerDay: 60 };
      const p = plan({}, ids, { exam: goal, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: goal }) });
      expect(p.newPerDay).toBe(perDay);
      expect(p.introductionDays).toBe(days);
      const introducing = p.forecast.filter((d) => d.newCards > 0);
      expect(introducing).toHaveLength(days);
      expect(introducing.reduce((n, d) => n + d.newCards, 0)).toBe(150);
      // Each day of the forecast takes what the quiz would apply that day: the pace from the cards and days left.
      let left = 150;
      p.forecast.forEach((d, i) => {
        expect(d.newCards, d.date).toBe(Math.min(left, newCardPace(left, p.daysLeft - i).newPerDay));
        left -= d.newCards;
      });
      const text = formatPlan(p);
      expect(text).toContain(`${perDay} new a day introduces them all in ${days} days${lower ? ` ${lower}` : ""}, leaving the last 2 days for final reviews.`);
    }
    // Fewer cards than days: one a day, for as many days as cards.
    const few = plan({}, ids.slice(0, 10));
    expect(few).toMatchObject({ newPerDay: 1, introductionDays: 10 });
    expect(few.forecast.filter((d) => d.newCards > 0)).toHaveLength(10);
  });

  it("inside the final window, and with every card seen, does not speak of a pace or of days left for final reviews", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const tomorrow: ExamGoal = { ...exam, date: "2027-01-11" };
    const near = plan({}, ids, { exam: tomorrow, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: tomorrow }) });
    // 150 cards at 10 minutes a day: a final window of 6 days holds a review of each and room to spare.
    expect(formatPlan(near)).toContain(
      "150 of 150 cards not seen yet: the exam is tomorrow, so the plan's pace is all 150 today (today's minutes hold 10 of them, after the reviews due; the rest find no time before the exam).",
    );
    // Three days out, the rest come on the days left; with the minutes for all, nothing is said of them.
    const threeDays: ExamGoal = { ...exam, date: "2027-01-13" };
    const three = plan({}, ids, { exam: threeDays, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: threeDays }) });
    // 10 minutes a day over three days: 10 new cards today, and the reviews they bring crowd the next days.
    const threeText = formatPlan(three);
    expect(threeText).toContain("the exam is 3 study days off, inside the final 6");
    const later = three.forecast.slice(1).reduce((n, d) => n + d.newCards, 0);
    expect(threeText).toContain(later >= 140 ? "the rest come on the days left)." : later === 0 ? "the rest find no time before the exam)." : `${later} more come on the days left and ${140 - later} find no time before the exam).`);
    // With the minutes for them, the rest do come on the days left: 30 cards two days out at 20 minutes a day hold 20
    // new today and, after their reviews, the other 10 tomorrow.
    const ample: ExamGoal = { ...exam, date: "2027-01-12", minutesPerDay: 20 };
    const plenty = plan({}, ids.slice(0, 30), { exam: ample, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: ample }) });
    expect(plenty.forecast.map((d) => d.newCards)).toEqual([20, 10]);
    expect(formatPlan(plenty)).toContain("the exam is 2 study days off, inside the final 2, so the plan's pace is all 30 today (today's minutes hold 20 of them, after the reviews due; the rest come on the days left).");
    const roomy: ExamGoal = { ...exam, date: "2027-01-12", minutesPerDay: 200 };
    const all = plan({}, ids, { exam: roomy, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: roomy }) });
    expect(formatPlan(all)).toContain("so the plan's pace is all 150 today.");
    expect(formatPlan(near)).not.toContain("leaving the last");
    const seen = Object.fromEntries(ids.map((id) => [id, reviewedCard(now, 1, 20)]));
    const done = plan(seen, ids);
    expect(done).toMatchObject({ unseen: 0, newPerDay: 0, introductionDays: 0 });
    expect(formatPlan(done)).toContain("Every one of the 150 cards has been seen: no new cards are left to introduce.");
  });

  it("does not call a suspended card never answered seen, and counts one card as one card", () => {
    const ids = ["c0", "c1", "c2"];
    const newCard: CardState = { due: now.toISOString(), stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, phase: "new" };
    const cards = { c0: reviewedCard(now, 1, 20), c1: { ...newCard, suspended: true }, c2: { ...newCard, suspended: true } };
    const text = formatPlan(plan(cards, ids));
    expect(text).toContain("Every card has been seen but 2 suspended cards, which no quiz shows: no new cards are left to introduce.");
    expect(text).not.toContain("Every one of the 3 cards has been seen");
    expect(formatPlan(plan({ ...cards, c2: reviewedCard(now, 1, 20) }, ids))).toContain("Every card has been seen but 1 suspended card, which no quiz shows");
    expect(formatPlan(plan({}, ["c0"]))).toContain("1 of 1 card not seen yet: 1 new a day");
  });

  it("counts a new card's same-day review only when the scheduler keeps the learning step: the exam rule skips it", () => {
    const ids = ["c0"];
    // The exam a month off: a Good first answer goes straight to the review phase, days later.
    const p = plan({}, ids);
    expect(p.forecast[0]).toMatchObject({ newCards: 1, reviews: 0, minutes: 1 });
    // Plain FSRS keeps its 10-minute step: one review the same day, not two.
    const plain = plan({}, ids, { scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false }) });
    expect(plain.forecast[0]).toMatchObject({ newCards: 1, reviews: 1 });
  });

  it("offers a later exam date only when the plan for that date fits, and the earliest such date", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const soon: ExamGoal = { ...exam, date: "2027-01-15", minutesPerDay: 30 };
    const schedulerFor = (goal: ExamGoal) => createScheduler({ desiredRetention: 0.9, fuzz: false, exam: goal });
    const p = plan({}, ids, { exam: soon, scheduler: schedulerFor(soon), schedulerFor });
    expect(p.fits).toBe(false);
    const date = p.wouldFit!.date!;
    const on = (d: string) => plan({}, ids, { exam: { ...soon, date: d }, scheduler: schedulerFor({ ...soon, date: d }) });
    expect(on(date).fits).toBe(true);
    const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(on(dayBefore).fits).toBe(false);
    // Not even the latest date --exam takes fits one minute a day: no date is offered.
    const oneMinute = { ...soon, minutesPerDay: 1 };
    expect(plan({}, ids, { exam: oneMinute, scheduler: schedulerFor(oneMinute), schedulerFor }).wouldFit!.date).toBeUndefined();
  });

  it("offers fewer cards only as many as a plan fits: 150 new cards five days out at 30 minutes a day", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const soon: ExamGoal = { ...exam, date: "2027-01-15", minutesPerDay: 30 };
    const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false, exam: soon });
    const cards = plan({}, ids, { exam: soon, scheduler }).wouldFit!.cards!;
    expect(cards).toBeGreaterThan(0);
    expect(plan({}, ids.slice(0, cards), { exam: soon, scheduler }).fits).toBe(true);
    expect(plan({}, ids.slice(0, cards + 1), { exam: soon, scheduler }).fits).toBe(false);
  });

  it("offers only alternatives that could be taken: never about 0 cards, nor minutes beyond a day or a date --exam refuses", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const tomorrow: ExamGoal = { ...exam, date: "2027-01-11", minutesPerDay: 30 };
    const p = plan({}, ids, { exam: tomorrow, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: tomorrow }) });
    expect(p.fits).toBe(false);
    expect(p.wouldFit!.minutesPerDay).toBe(200);
    // Nearly every card is left unseen, and still a number of cards is offered: the most that fit the 30 minutes.
    const most = p.wouldFit!.cards!;
    expect(most).toBeGreaterThan(0);
    expect(plan({}, ids.slice(0, most), { exam: tomorrow, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: tomorrow }) }).fits).toBe(true);
    const text = formatPlan(p);
    expect(text).toMatch(new RegExp(`What would fit: 200 minutes a day, or an exam on \\d{4}-\\d\\d-\\d\\d, or about ${most} cards \\(with --topic in quizzes\\)\\.\\n`));
    // Not even one card fits a minute a day when a new card takes two: no "about 0 cards".
    const slow = { ...tomorrow, minutesPerDay: 1 };
    const none = plan({}, ids, { exam: slow, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: slow }), times: { ...times, newMs: 120_000 } });
    expect(none.fits).toBe(false);
    expect(none.wouldFit!.cards).toBeUndefined();
    expect(formatPlan(none)).not.toMatch(/about 0 cards/);
    // 3,000 new cards tomorrow take 3,000 minutes: more than a day has.
    const many = Array.from({ length: 3000 }, (_, i) => `m${i}`);
    const q = plan({}, many, { exam: tomorrow, scheduler: createScheduler({ desiredRetention: 0.9, fuzz: false, exam: tomorrow }) });
    expect(q.wouldFit!.minutesPerDay).toBeUndefined();
    expect(formatPlan(q)).toContain("(not even 1440 minutes a day would take them)");
    expect(formatPlan(q)).not.toMatch(/What would fit: \d+ minutes a day/);
  });
});
