import { describe, expect, it } from "vitest";
import { parseIso } from "../../src/srs/iso.js";
import { historiesOf, itemReviews, splitByTime, studyDayNumber, trainingItems } from "../../src/srs/history.js";

let serial = 0;
/** A log review as the quiz writes it (only the fields the history reads matter here). */
function review(questionId: string, at: string, rating: string, extra: Record<string, unknown> = {}) {
  return {
    kind: "review",
    v: 1,
    reviewId: `r${serial++}`,
    questionId,
    at,
    day: extra.day ?? at.slice(0, 10),
    rating,
    correct: null,
    chosen: [],
    ms: 5000,
    source: "quiz",
    wasNew: false,
    before: null,
    after: {},
    ...extra,
  };
}

describe("the log read as card histories", () => {
  it("takes an undone answer out of the history", () => {
    const a = review("q1", "2026-01-01T18:00:00.000Z", "good");
    const b = review("q1", "2026-01-03T18:00:00.000Z", "again");
    const undo = { kind: "undo", v: 1, reviewId: b.reviewId, questionId: "q1", at: "2026-01-03T18:00:05.000Z", day: "2026-01-03", wasNew: false, restore: null };
    const c = review("q1", "2026-01-03T18:00:09.000Z", "good");
    const [h] = historiesOf([a, b, undo, c]).list();
    expect(h!.reviews.map((r) => r.grade)).toEqual([3, 3]);
    expect(h!.reviews.map((r) => new Date(r.at).toISOString())).toEqual([a.at, c.at]);
  });

  it("undoes answers taken back one after another, newest first", () => {
    const rs = [1, 2, 3, 4].map((d) => review("q1", `2026-01-0${d}T18:00:00.000Z`, d % 2 ? "good" : "again"));
    const undos = [rs[3]!, rs[2]!].map((r) => ({ kind: "undo", v: 1, reviewId: r.reviewId, questionId: "q1", at: r.at, day: r.day, wasNew: false, restore: null }));
    const other = review("q2", "2026-01-04T18:00:01.000Z", "good");
    expect(historiesOf([...rs, other, ...undos]).card(0).reviews.map((r) => r.grade)).toEqual([3, 1]);
  });

  it("starts a card's history afresh after a reset record, and tolerates logs without any", () => {
    const before = [review("q1", "2026-01-01T18:00:00.000Z", "again"), review("q1", "2026-01-02T18:00:00.000Z", "again")];
    const reset = { kind: "reset", v: 1, questionId: "q1", at: "2026-01-05T10:00:00.000Z", day: "2026-01-05" };
    const after = [review("q1", "2026-01-06T18:00:00.000Z", "easy"), review("q1", "2026-01-09T18:00:00.000Z", "good")];
    expect(historiesOf([...before, reset, ...after]).card(0).reviews.map((r) => r.grade)).toEqual([4, 3]);
    expect(historiesOf([...before, ...after]).card(0).reviews).toHaveLength(4);
    // A reset of a card with no history yet, and records of kinds this version does not know, change nothing.
    expect(historiesOf([reset, { kind: "suspend", questionId: "q1" }, ...after]).card(0).reviews).toHaveLength(2);
  });

  it("leaves out exam questions never reached, as older logs hold them (Again, nothing chosen)", () => {
    const reached = review("q1", "2026-01-04T18:00:00.000Z", "good", { source: "exam", correct: true, chosen: ["Option A"] });
    const unreached = review("q2", "2026-01-04T18:00:00.000Z", "again", { source: "exam", correct: false, chosen: [] });
    const hs = historiesOf([reached, unreached]);
    expect(hs.ids).toEqual(["q1"]);
  });

  it("tells recall cards from multiple-choice questions by the answer's `correct`", () => {
    const hs = historiesOf([review("r", "2026-01-01T18:00:00.000Z", "good"), review("m", "2026-01-01T18:00:00.000Z", "good", { correct: true, chosen: ["x"] })]);
    expect(Object.fromEntries(hs.list().map((h) => [h.questionId, h.kind]))).toEqual({ r: "recall", m: "choice" });
  });

  it("counts time in whole study days, same-day answers 0 apart, and predicts only answers on a later day", () => {
    // A study day starts at 04:00: an answer at 01:30 belongs to the day before, as the quiz wrote in `day`.
    const log = [
      review("q1", "2026-01-01T19:00:00.000Z", "again", { day: "2026-01-01" }),
      review("q1", "2026-01-01T19:10:00.000Z", "good", { day: "2026-01-01" }),
      review("q1", "2026-01-02T01:30:00.000Z", "good", { day: "2026-01-01" }),
      review("q1", "2026-01-04T20:00:00.000Z", "hard", { day: "2026-01-04" }),
      review("q1", "2026-01-14T20:00:00.000Z", "good", { day: "2026-01-14" }),
    ];
    const h = historiesOf(log);
    expect(itemReviews(h, 0)).toEqual([
      { rating: 1, deltaT: 0 },
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 0 },
      { rating: 2, deltaT: 3 },
      { rating: 3, deltaT: 10 },
    ]);
    const items = trainingItems(h);
    expect([...items.end]).toEqual([3, 4]);
  });

  it("without a `day`, takes the study day from the time in the local time zone, starting at 04:00", () => {
    const late = new Date(2026, 0, 2, 3, 30).getTime();
    const early = new Date(2026, 0, 2, 4, 30).getTime();
    expect(studyDayNumber(undefined, early) - studyDayNumber(undefined, late)).toBe(1);
    expect(studyDayNumber("2026-01-02", 0) - studyDayNumber("2026-01-01", 0)).toBe(1);
  });

  it("puts answers logged out of order back in time order", () => {
    const hs = historiesOf([review("q1", "2026-01-05T18:00:00.000Z", "good"), review("q1", "2026-01-01T18:00:00.000Z", "again")]);
    expect(hs.card(0).reviews.map((r) => r.grade)).toEqual([1, 3]);
  });

  it("splits by time: every test review comes after every training review", () => {
    const log = [];
    for (let c = 0; c < 20; c++) for (let d = 0; d < 6; d++) log.push(review(`q${c}`, new Date(Date.UTC(2026, 0, 1 + d * 3 + (c % 3), 18)).toISOString(), "good"));
    const items = trainingItems(historiesOf(log));
    const { train } = splitByTime(items, 0.8);
    const at = [...items.at];
    expect(train).toBeGreaterThan(0);
    expect(train).toBeLessThan(items.length);
    expect(Math.max(...at.slice(0, train))).toBeLessThan(Math.min(...at.slice(train)));
    // In time order of the review predicted, whatever order the cards came in.
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });
});

describe("the compact histories", () => {
  it("read times from their ISO text exactly as Date.parse does, and study days from `day`", () => {
    for (const t of ["2026-01-05T19:41:10.000Z", "2026-12-31T23:59:59.999Z", "2024-02-29T04:00:00.123Z", "2026-03-01T00:00:00Z"]) {
      expect(parseIso(t), t).toBe(Date.parse(t));
    }
    expect(studyDayNumber("2026-03-01", 0) - studyDayNumber("2026-02-28", 0)).toBe(1);
    expect(studyDayNumber("2024-03-01", 0) - studyDayNumber("2024-02-28", 0)).toBe(2);
  });

  it("keep interleaved cards apart, each in its own time order, and count every answer once", () => {
    const log = [];
    for (let d = 0; d < 30; d++) for (const q of ["a", "b", "c"]) log.push(review(q, new Date(Date.UTC(2026, 0, 1 + d, 18)).toISOString(), d % 4 ? "good" : "again"));
    const h = historiesOf(log);
    expect(h.size).toBe(3);
    expect(h.answers).toBe(90);
    for (let c = 0; c < 3; c++) {
      const rs = h.card(c).reviews;
      expect(rs).toHaveLength(30);
      expect(rs.map((r) => r.grade)).toEqual(Array.from({ length: 30 }, (_, d) => (d % 4 ? 3 : 1)));
    }
  });
});
