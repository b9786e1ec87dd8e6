import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createScheduler } from "../../src/srs/scheduler.js";
import { EXAM_RULE, MAX_WINDOW_DAYS, WINDOW_REVIEW_SECONDS, WINDOW_SLACK, bringForward, finalWindowDays, lastStudyDay, backToPlainFsrs, examIsOver, examMoment, examOutcomes, memoryMath, daysUntilExam } from "../../src/srs/exam-rule.js";
import type { CardState, SchedulerSettings } from "../../src/srs/model.js";
import { default_w } from "ts-fsrs";
import { afterAnswer, buildQueue, pickNext, showable } from "../../src/srs/queue.js";
import { dayKey } from "../../src/srs/day.js";

const DAY = 86_400_000;
const plain: SchedulerSettings = { desiredRetention: 0.9, fuzz: false };
const withExam = (date: string, target = 0.97): SchedulerSettings => ({ ...plain, exam: { date, minutesPerDay: 30, target } });
const math = memoryMath(plain);
const memoryMathWeights = (): readonly number[] => default_w;

/** A card in review, last reviewed at `last`, with stability `s` and difficulty `d`. */
function reviewCard(last: Date, s: number, d = 5, dueDays = s): CardState {
  return {
    due: new Date(last.getTime() + dueDays * DAY).toISOString(),
    stability: s,
    difficulty: d,
    elapsedDays: 0,
    scheduledDays: Math.round(dueDays),
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    phase: "review",
    lastReview: last.toISOString(),
  };
}

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

describe("exam rule", () => {
  it("changes nothing without an exam: the scheduler's outcomes are plain FSRS", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 200, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 0, max: 400 }), (s, d, ago) => {
        const now = new Date(Date.UTC(2027, 0, 10, 18));
        const card = reviewCard(new Date(now.getTime() - ago * DAY), s, d);
        const a = createScheduler(plain).preview(card, now);
        const b = examOutcomes(a, plain, now, math);
        expect(b).toEqual(a);
        for (const r of ["again", "hard", "good", "easy"] as const) expect(a[r].exam).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it("leaves no card under the target without a review inside the final window, whatever the window's length", () => {
    // Each outcome's predicted exam-day recall either reaches the target with no more review, or the card comes back
    // no later than the window's first day (so the window's minutes can reach it): the rule's own window, or the
    // longer one a content set's size and the daily minutes give.
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 400, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 4, max: 120 }), fc.option(fc.integer({ min: EXAM_RULE.windowDays, max: MAX_WINDOW_DAYS })), (s0, d, daysAhead, window) => {
        const now = new Date(2027, 0, 10, 18);
        const examDate = localDate(new Date(2027, 0, 10 + daysAhead));
        const settings: SchedulerSettings = { ...withExam(examDate), ...(window !== null ? { finalWindowDays: window } : {}) };
        const windowDays = window ?? EXAM_RULE.windowDays;
        const card = reviewCard(new Date(now.getTime() - 3 * DAY), s0, d);
        const outcomes = createScheduler(settings).preview(card, now);
        const examMs = examMoment(examDate).getTime();
        for (const r of ["again", "hard", "good", "easy"] as const) {
          const o = outcomes[r];
          const dueMs = Date.parse(o.card.due);
          // Every outcome leaves the card in the review phase: no same-day step with the default parameters.
          expect(o.card.phase).toBe("review");
          const recallAtExam = math.recall((examMs - now.getTime()) / DAY, o.card.stability);
          // The window's first study day, in whole days from now (the last study day is the eve of the exam).
          const windowStart = Math.max(1, Math.floor((examMs - now.getTime()) / DAY) - windowDays + 1);
          if (recallAtExam < settings.exam!.target) expect(dueMs).toBeLessThanOrEqual(now.getTime() + windowStart * DAY);
          // The outcome shown is the one applied: its interval is its due date.
          expect(dueMs - now.getTime()).toBe(o.intervalMs);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("pushes a card already safe for the exam past it, and says so on the button", () => {
    const now = new Date(2027, 0, 10, 18);
    const settings = withExam(localDate(new Date(2027, 0, 15)));
    const card = reviewCard(new Date(now.getTime() - 2 * DAY), 200, 3, 2);
    const outcomes = createScheduler(settings).preview(card, now);
    const good = outcomes.good;
    // Safe: the prediction leaves at most a quarter of the target's shortfall.
    expect(math.recall(4.6, good.card.stability)).toBeGreaterThan(1 - 0.03 * EXAM_RULE.margin);
    expect(Date.parse(good.card.due)).toBeGreaterThan(examMoment(settings.exam!.date).getTime());
    expect(good.exam?.daysToExam ?? 5).toBe(5);
  });

  it("brings a weak card back within the window and marks the change with the days to the exam", () => {
    const now = new Date(2027, 0, 10, 18);
    const settings = withExam(localDate(new Date(2027, 1, 9)));
    const card = reviewCard(new Date(now.getTime() - 3 * DAY), 3, 6, 3);
    const plainGood = createScheduler(plain).preview(card, now).good;
    const good = createScheduler(settings).preview(card, now).good;
    expect(good.exam).toBeDefined();
    expect(good.exam!.plainIntervalMs).toBe(plainGood.intervalMs);
    expect(good.exam!.daysToExam).toBe(30);
    // Working retention 0.75: a longer interval than plain FSRS at 0.90 while the exam is far.
    expect(good.intervalMs).toBeGreaterThan(plainGood.intervalMs);
  });

  it("skips same-day steps the scheduler's own parameters say add little, and shows it on the button", () => {
    const now = new Date(2027, 0, 10, 18);
    const settings = withExam(localDate(new Date(2027, 0, 30)));
    const card = reviewCard(new Date(now.getTime() - 3 * DAY), 3);
    const a = createScheduler(plain).preview(card, now);
    const b = createScheduler(settings).preview(card, now);
    // Plain FSRS: a lapse goes to a relearning step minutes later. With the exam: back in whole days, in the
    // review phase, with the stability FSRS gave the lapse, and the button says the exam changed it.
    expect(a.again.card.phase).toBe("relearning");
    expect(b.again.card.phase).toBe("review");
    expect(b.again.card.stability).toBe(a.again.card.stability);
    expect(b.again.intervalMs % DAY).toBe(0);
    expect(b.again.intervalMs).toBeGreaterThanOrEqual(DAY);
    expect(Date.parse(b.again.card.due) - now.getTime()).toBe(b.again.intervalMs);
    expect(b.again.exam).toEqual({ plainIntervalMs: a.again.intervalMs, daysToExam: 20 });
    // A new card: Again, Hard and Good skip their steps; Easy already graduates.
    const fresh = createScheduler(settings).preview(undefined, now);
    const plainFresh = createScheduler(plain).preview(undefined, now);
    for (const r of ["again", "hard", "good"] as const) {
      expect(plainFresh[r].card.phase).toBe("learning");
      expect(fresh[r].card.phase).toBe("review");
      expect(fresh[r].card.stability).toBe(plainFresh[r].card.stability);
      expect(fresh[r].exam?.daysToExam).toBe(20);
    }
  });

  it("keeps same-day steps when the scheduler's parameters say a look minutes later is worth it", () => {
    // Fitted weights whose short-term rule (w17, w18) makes a same-day Good multiply stability by e^(2·1) ≈ 7.
    const w = [...memoryMathWeights()];
    w[17] = 2;
    w[18] = 1;
    const now = new Date(2027, 0, 10, 18);
    const fitted: SchedulerSettings = { ...plain, parameters: w };
    const settings: SchedulerSettings = { ...fitted, exam: { date: localDate(new Date(2027, 0, 30)), minutesPerDay: 30, target: 0.97 } };
    const card = reviewCard(new Date(now.getTime() - 3 * DAY), 3);
    expect(createScheduler(settings).preview(card, now).again).toEqual(createScheduler(fitted).preview(card, now).again);
    const fresh = createScheduler(settings).preview(undefined, now);
    expect(fresh.good.card.phase).toBe("learning");
    expect(fresh.good).toEqual(createScheduler(fitted).preview(undefined, now).good);
  });

  it("keeps same-day steps on the last study day before the exam", () => {
    const now = new Date(2027, 0, 14, 18);
    const settings = withExam(localDate(new Date(2027, 0, 15)));
    const card = reviewCard(new Date(now.getTime() - 3 * DAY), 3);
    expect(createScheduler(settings).preview(card, now).again).toEqual(createScheduler(plain).preview(card, now).again);
  });

  it("counts the final window in study days at any hour: the eve of the exam is the last study day, also for a student up at 07:30", () => {
    const settings = withExam("2027-01-15");
    for (const [h, m] of [[4, 30], [7, 30], [8, 30], [12, 0], [18, 0], [23, 30]] as const) {
      // On the eve the steps stay: a lapse is relearned the same day, not left for the exam's morning.
      const eve = new Date(2027, 0, 14, h, m);
      const lapsed = reviewCard(new Date(eve.getTime() - 3 * DAY), 3);
      expect(createScheduler(settings).preview(lapsed, eve).again, `${h}:${m}`).toEqual(createScheduler(plain).preview(lapsed, eve).again);
      // A weak card answered ten days before comes back no later than the window's first day, the 13th (the eve
      // and the day before it are the window).
      const early = new Date(2027, 0, 5, h, m);
      const weak = reviewCard(new Date(early.getTime() - 3 * DAY), 3, 6, 3);
      const good = createScheduler(settings).preview(weak, early).good;
      expect(good.card.phase).toBe("review");
      expect(dayKey(new Date(good.card.due)) <= "2027-01-13", `${h}:${m}: due ${good.card.due}`).toBe(true);
      expect(bringForward({ ...weak, due: new Date(2027, 0, 20, h, m).toISOString() }, settings, early).due).toBe(new Date(2027, 0, 13, h, m).toISOString());
    }
    // After midnight the study day is still the eve's.
    const lateEve = new Date(2027, 0, 15, 2, 0);
    expect(lastStudyDay(settings.exam!, lateEve)).toBe(0);
  });

  it("after the exam day the rule is off and every card is re-dated from its stability", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 300, noNaN: true }), fc.integer({ min: 1, max: 30 }), (s, shortDays) => {
        const examDay = new Date(2027, 0, 15);
        const settings = withExam(localDate(examDay));
        const after = new Date(2027, 0, 16, 12);
        expect(examIsOver(settings.exam!, after)).toBe(true);
        const card = reviewCard(new Date(2027, 0, 12, 18), s, 5, shortDays);
        const out = createScheduler(settings).preview(card, after);
        expect(out).toEqual(createScheduler(plain).preview(card, after));
        // Same-day steps are back too: a new card's Good waits for its step.
        expect(createScheduler(settings).preview(undefined, after)).toEqual(createScheduler(plain).preview(undefined, after));
        const back = backToPlainFsrs(card, plain);
        const expected = Math.max(1, Math.round(math.daysUntil(0.9, s)));
        expect(Date.parse(back.due) - Date.parse(card.lastReview!)).toBe(expected * DAY);
      }),
      { numRuns: 60 },
    );
  });

  it("the queue takes the weakest of the window's due cards first when the minutes allow only some", () => {
    const now = new Date(2027, 0, 12, 18);
    const cards = new Map([
      ["strong", reviewCard(new Date(now.getTime() - 2 * DAY), 30, 3, 1)],
      ["weak", reviewCard(new Date(now.getTime() - 10 * DAY), 3, 7, 1)],
    ]);
    const items = ["strong", "weak"].map((id) => ({ id, topicKey: id, area: id, kind: "recall" as const }));
    const q = buildQueue(items, (id) => cards.get(id), now, { newPerDay: 0, reviewsPerDay: 1, newToday: 0, reviewsToday: 0 }, createScheduler(withExam("2027-01-15")));
    expect(showable(q, new Set()).reviews).toEqual(["weak"]);
  });

  it("sizes the final window so that one review of every card, with room to spare, fits the daily minutes, within its least and longest", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 1, max: 1440, noNaN: true }), (cards, minutes) => {
        const w = finalWindowDays(cards, minutes);
        expect(Number.isInteger(w)).toBe(true);
        expect(w).toBeGreaterThanOrEqual(EXAM_RULE.windowDays);
        expect(w).toBeLessThanOrEqual(MAX_WINDOW_DAYS);
        const holds = (days: number) => days * minutes * 60 >= cards * (1 + WINDOW_SLACK) * WINDOW_REVIEW_SECONDS - 1e-6;
        // Long enough unless capped, and no longer than it needs to be.
        if (w < MAX_WINDOW_DAYS) expect(holds(w)).toBe(true);
        if (w > EXAM_RULE.windowDays) expect(holds(w - 1)).toBe(false);
        // More cards never shorten it; more minutes never lengthen it.
        expect(finalWindowDays(cards + 50, minutes)).toBeGreaterThanOrEqual(w);
        expect(finalWindowDays(cards, minutes + 5)).toBeLessThanOrEqual(w);
      }),
      { numRuns: 300 },
    );
    // The bundled content's 150 cards: 2 days at 30 minutes, 3 at 25 and 20 (25 minutes would hold the 150 reviews in 2
    // days exactly, with no room for a repeat), 4 at 15, 6 at 10, a week at 5.
    expect([30, 25, 20, 15, 10, 5].map((m) => finalWindowDays(150, m))).toEqual([2, 3, 3, 4, 6, 7]);
    expect(WINDOW_SLACK).toBeGreaterThan(0);
  });

  it("counts the days to the exam by calendar date", () => {
    expect(daysUntilExam({ date: "2027-01-15" }, new Date(2027, 0, 10, 18))).toBe(5);
    expect(daysUntilExam({ date: "2027-01-15" }, new Date(2027, 0, 15, 8))).toBe(0);
  });

  it("setting an exam brings forward a card plain FSRS dated past the window that is not safe for the target", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 400, noNaN: true }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: EXAM_RULE.windowDays, max: MAX_WINDOW_DAYS }), (s, ago, dueIn, daysAhead, windowDays) => {
        const now = new Date(2027, 0, 10, 18);
        const examDate = localDate(new Date(2027, 0, 10 + daysAhead));
        const settings: SchedulerSettings = { ...withExam(examDate), finalWindowDays: windowDays };
        const card = reviewCard(new Date(now.getTime() - ago * DAY), s, 5, ago + dueIn);
        const out = bringForward(card, settings, now);
        const examMs = examMoment(examDate).getTime();
        const predicted = math.recall((examMs - Date.parse(card.lastReview!)) / DAY, s);
        const windowStart = now.getTime() + Math.max(0, lastStudyDay(settings.exam!, now) - windowDays + 1) * DAY;
        if (predicted < settings.exam!.target) expect(Date.parse(out.due)).toBeLessThanOrEqual(Math.max(windowStart, Date.parse(card.due) > windowStart ? windowStart : Date.parse(card.due)));
        // Only the due date moves, and only earlier; without an exam nothing moves.
        expect({ ...out, due: card.due }).toEqual(card);
        expect(Date.parse(out.due)).toBeLessThanOrEqual(Date.parse(card.due));
        expect(bringForward(card, plain, now)).toBe(card);
        expect(bringForward(out, settings, now)).toBe(out);
      }),
      { numRuns: 100 },
    );
  });

  it("with the minutes to spare, every card under the target on exam day gets a review inside the final window", () => {
    // Cards in random states when the exam is set, then studied every day through the shipped queue with any
    // answer; at the end each card is either safe by the scheduler's prediction or was answered in the window.
    fc.assert(
      fc.property(
        fc.array(fc.record({ s: fc.double({ min: 0.2, max: 300, noNaN: true }), d: fc.double({ min: 1, max: 10, noNaN: true }), ago: fc.integer({ min: 0, max: 20 }), dueIn: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 3, max: 40 }),
        fc.array(fc.constantFrom("again", "hard", "good", "easy" as const), { minLength: 1, maxLength: 50 }),
        (specs, daysAhead, ratings) => {
          const start = new Date(2027, 0, 10, 18);
          const examDate = localDate(new Date(2027, 0, 10 + daysAhead));
          const settings = withExam(examDate);
          const scheduler = createScheduler(settings);
          const state = new Map<string, CardState>();
          specs.forEach((c, i) => state.set(`c${i}`, bringForward(reviewCard(new Date(start.getTime() - c.ago * DAY), c.s, c.d, c.ago + c.dueIn), settings, start)));
          const items = [...state.keys()].map((id) => ({ id, topicKey: id, area: id, kind: "recall" as const }));
          const windowFrom = new Date(2027, 0, 10 + daysAhead - EXAM_RULE.windowDays, 4).getTime();
          const answeredInWindow = new Set<string>();
          let n = 0;
          for (let day = 0; day < daysAhead; day++) {
            let t = new Date(2027, 0, 10 + day, 18).getTime();
            let queue = buildQueue(items, (id) => state.get(id), new Date(t), { newPerDay: 0, reviewsPerDay: 1e9, newToday: 0, reviewsToday: 0 }, scheduler);
            // A day's answers are capped: on the eve of the exam steps are kept, and Again for ever would never end.
            for (let answers = 0; answers < 200; answers++) {
              const pick = pickNext(queue, new Date(t), { buried: new Set(), topicOf: (id) => id });
              if (!pick) break;
              const rating = ratings[n++ % ratings.length]!;
              const after = scheduler.preview(state.get(pick.id), new Date(t))[rating].card;
              state.set(pick.id, after);
              if (t >= windowFrom) answeredInWindow.add(pick.id);
              queue = afterAnswer(pick.queue, pick.id, after);
              t += 20_000;
            }
          }
          const examMs = examMoment(examDate).getTime();
          for (const [id, c] of state) {
            const predicted = math.recall((examMs - Date.parse(c.lastReview!)) / DAY, c.stability);
            if (predicted < settings.exam!.target) expect(answeredInWindow.has(id)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
