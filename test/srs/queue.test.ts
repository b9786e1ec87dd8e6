import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CardState } from "../../src/srs/model.js";
import {
  afterAnswer,
  afterSkip,
  availableFrom,
  buildQueue,
  buriedSiblings,
  buriesSiblings,
  heldBack,
  LEARN_AHEAD_MS,
  mixNew,
  nextAvailable,
  pickNext,
  putBack,
  queueCounts,
  showable,
  skippedOpen,
  stillQueued,
  type Queue,
  type QueueItem,
} from "../../src/srs/queue.js";
import { countsToward, counterOf, type ReviewRecord } from "../../src/srs/records.js";
import { createScheduler } from "../../src/srs/scheduler.js";
import { reviewedCard } from "../helpers/cards.js";

// Noon local time; the suite runs in the zone of the machine, and every date here is local.
const now = new Date(2026, 2, 10, 12, 0);
const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const reviewed = (daysAgo: number, stability: number, phase: CardState["phase"] = "review"): CardState => reviewedCard(now, daysAgo, stability, phase);

function learning(dueInMs: number, phase: CardState["phase"] = "learning"): CardState {
  return { ...reviewed(0, 0.5, phase), due: new Date(now.getTime() + dueInMs).toISOString(), lastReview: new Date(now.getTime() - 60_000).toISOString() };
}

const item = (id: string, over: Partial<QueueItem> = {}): QueueItem => ({ id, topicKey: `t-${id}`, area: "a", kind: "choice", ...over });
const limits = { newPerDay: 20, reviewsPerDay: 200, newToday: 0, reviewsToday: 0 };
const none = { buried: new Set<string>(), topicOf: (id: string) => `t-${id}` };
const nothing = new Set<string>();
/** What the session may show of a queue, nothing buried. */
const open = (q: Queue) => showable(q, nothing);
const held = (q: Queue) => heldBack(q, nothing);
const unlimited = { reviews: Number.POSITIVE_INFINITY, fresh: Number.POSITIVE_INFINITY, session: Number.POSITIVE_INFINITY };

describe("building the queue", () => {
  const cards: Record<string, CardState> = {
    weak: reviewed(40, 5),
    strong: reviewed(3, 2),
    middling: reviewed(12, 6),
    later: reviewed(1, 30),
    paused: { ...reviewed(40, 5), suspended: true },
  };
  const ids = ["new1", "weak", "new2", "strong", "middling", "later", "paused", "new3"].map((id) => item(id));

  it("takes due reviews weakest first and new cards in bank order, leaving out suspended and not-yet-due cards", () => {
    const q = buildQueue(ids, (id) => cards[id], now, limits, scheduler);
    expect(open(q)).toEqual({ reviews: ["weak", "middling", "strong"], fresh: ["new1", "new2", "new3"] });
    expect(held(q)).toEqual({ reviews: 0, fresh: 0, session: 0 });
  });

  it("keeps to what is left of the daily limits, and to --new and --limit, and says what each held back", () => {
    const left = buildQueue(ids, (id) => cards[id], now, { ...limits, newToday: 19, reviewsToday: 198 }, scheduler);
    expect([open(left).reviews, open(left).fresh, held(left)]).toEqual([["weak", "middling"], ["new1"], { reviews: 1, fresh: 2, session: 0 }]);
    expect(open(buildQueue(ids, (id) => cards[id], now, { ...limits, newToday: 20, newOverride: 2 }, scheduler)).fresh).toEqual(["new1", "new2"]);
    const capped = buildQueue(ids, (id) => cards[id], now, { ...limits, sessionLimit: 4 }, scheduler);
    expect([open(capped).reviews, open(capped).fresh, held(capped).session]).toEqual([["weak", "middling", "strong"], ["new1"], 2]);
  });

  it("adds extra study beyond today's new-card limit, and counts how many are extra", () => {
    const q = buildQueue(ids, (id) => cards[id], now, { ...limits, newPerDay: 1, newToday: 1, extraNew: 2 }, scheduler);
    expect(open(q).fresh).toEqual(["new1", "new2"]);
    expect(q.extraNew).toBe(2);
    expect(buildQueue(ids, (id) => cards[id], now, { ...limits, newPerDay: 2, newToday: 1, extraNew: 5 }, scheduler).extraNew).toBe(2);
  });

  it("orders reviews by real elapsed time: a card of stability 0.5 reviewed 20 hours ago is weaker than one of 10 days reviewed 3 days ago", () => {
    const cs: Record<string, CardState> = { fragile: { ...reviewed(20 / 24, 0.5), due: new Date(now.getTime() - HOUR).toISOString() }, sturdy: reviewed(12, 10) };
    const q = buildQueue([item("sturdy"), item("fragile")], (id) => cs[id], now, { ...limits, reviewsPerDay: 1 }, scheduler);
    expect(open(q).reviews).toEqual(["fragile"]);
  });

  it("makes a review-phase card due from the start of its due study day, not at its minute", () => {
    // Reviewed yesterday at 21:00 with one day: due today at 21:00, offered from 04:00 today.
    const yesterday21 = new Date(2026, 2, 9, 21, 0);
    const card: CardState = { ...reviewed(1, 1), lastReview: yesterday21.toISOString(), due: new Date(2026, 2, 10, 21, 0).toISOString() };
    for (const at of [new Date(2026, 2, 10, 4, 0), new Date(2026, 2, 10, 9, 0)]) {
      expect(buildQueue([item("c")], () => card, at, limits, scheduler).reviews).toEqual(["c"]);
    }
    expect(buildQueue([item("c")], () => card, new Date(2026, 2, 10, 3, 59), limits, scheduler).reviews).toEqual([]);
    expect(availableFrom(card)).toBe(new Date(2026, 2, 10, 4, 0).getTime());
  });

  it("keeps learning and relearning cards by the minute, whichever session left them, outside the review limit", () => {
    const cs: Record<string, CardState> = { step: learning(-5 * 60_000), lapse: learning(30 * 60_000, "relearning"), old: reviewed(40, 5) };
    const q = buildQueue([item("old"), item("step"), item("lapse")], (id) => cs[id], now, { ...limits, reviewsPerDay: 1, reviewsToday: 1 }, scheduler);
    expect(q.learning.map((l) => l.id)).toEqual(["step", "lapse"]);
    expect(open(q).reviews).toEqual([]);
    expect(held(q).reviews).toBe(1);
  });

  it("says a review card is due exactly when its due study day has begun, however its date is written", () => {
    const forms = (ms: number): string[] => {
      const iso = new Date(ms).toISOString();
      return [iso, iso.replace(/\.\d{3}Z$/, "Z"), iso.replace(/Z$/, "999Z"), iso.replace(/\.(\d)\d\dZ$/, ".$1Z")];
    };
    fc.assert(
      fc.property(fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.nat(3), (offset, form) => {
        const due = forms(now.getTime() + offset)[form]!;
        const card = { ...reviewed(3, 2), due };
        const q = buildQueue([item("c")], () => card, now, limits, scheduler);
        expect(q.reviews.length === 1).toBe(availableFrom(card) <= now.getTime());
      }),
      { numRuns: 500 },
    );
  });
});

describe("picking the next card", () => {
  const base: Queue = { learning: [], reviews: [], fresh: [], room: unlimited, extraNew: 0 };

  it("shows a due learning card first, then reviews, then new cards, then a learning card early", () => {
    let q: Queue = { ...base, learning: [{ id: "soon", due: now.getTime() + 5 * 60_000 }, { id: "due", due: now.getTime() - 1 }], reviews: ["r"], fresh: ["n"] };
    q = { ...q, learning: [...q.learning].sort((a, b) => a.due - b.due) };
    const order: [string, boolean][] = [];
    for (let p = pickNext(q, now, none); p; p = pickNext(p.queue, now, none)) order.push([p.id, p.early]);
    expect(order).toEqual([
      ["due", false],
      ["r", false],
      ["n", false],
      ["soon", true],
    ]);
  });

  it("does not show a learning card due beyond the learn-ahead window", () => {
    const q: Queue = { ...base, learning: [{ id: "later", due: now.getTime() + LEARN_AHEAD_MS + 1 }] };
    expect(pickNext(q, now, none)).toBeUndefined();
    expect(pickNext(q, new Date(now.getTime() + 1), none)?.early).toBe(true);
  });

  it("never shows one leaf topic twice in a row while a card of another topic can come", () => {
    const topics = fc.array(fc.constantFrom("x", "y", "z"), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(topics, topics, (reviewTopics, newTopics) => {
        const topic = new Map<string, string>();
        const reviews = reviewTopics.map((t, i) => (topic.set(`r${i}`, t), `r${i}`));
        const fresh = newTopics.map((t, i) => (topic.set(`n${i}`, t), `n${i}`));
        let q: Queue = { ...base, reviews, fresh };
        let last: string | undefined;
        for (;;) {
          const left = [...q.reviews, ...q.fresh].map((id) => topic.get(id)!);
          const p = pickNext(q, now, { buried: new Set(), topicOf: (id) => topic.get(id), lastTopic: last });
          if (!p) break;
          const t = topic.get(p.id)!;
          if (t === last) expect(left.every((l) => l === last)).toBe(true);
          last = t;
          q = p.queue;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("skips buried cards and counts them out of new and due", () => {
    const q: Queue = { ...base, reviews: ["r1", "r2"], fresh: ["n1", "n2"] };
    const buried = new Set(["r1", "n1"]);
    const seen: string[] = [];
    for (let p = pickNext(q, now, { ...none, buried }); p; p = pickNext(p.queue, now, { ...none, buried })) seen.push(p.id);
    expect(seen).toEqual(["r2", "n2"]);
    expect(queueCounts(q, now, buried)).toEqual({ new: 1, learning: 0, due: 1 });
  });

  it("counts learning cards due within the learn-ahead window, as Anki does", () => {
    const q: Queue = { ...base, learning: [{ id: "a", due: now.getTime() }, { id: "b", due: now.getTime() + 10 * 60_000 }, { id: "c", due: now.getTime() + 2 * HOUR }] };
    expect(queueCounts(q, now, new Set())).toEqual({ new: 0, learning: 2, due: 0 });
  });
});

describe("answers and undo", () => {
  const base: Queue = { learning: [], reviews: ["r"], fresh: ["n1", "n2"], room: unlimited, extraNew: 0 };

  it("brings a card left in a step back when the step is due, and lets a graduated card go", () => {
    const stepped = afterAnswer(base, "n1", learning(60_000));
    expect(stepped.learning).toEqual([{ id: "n1", due: now.getTime() + 60_000 }]);
    expect(stepped.fresh).toEqual(["n2"]);
    expect(afterAnswer(base, "r", reviewed(0, 3)).reviews).toEqual([]);
  });

  it("puts an undone card back once, at the front, even when it was on screen for its next step", () => {
    const states = fc.constantFrom<CardState | null>(null, learning(60_000), reviewed(3, 2), learning(-60_000, "relearning"));
    fc.assert(
      fc.property(fc.constantFrom("n1", "n2", "r"), states, states, (id, after, restored) => {
        let q = after ? afterAnswer(base, id, after) : base;
        q = putBack(q, id, restored, now);
        q = putBack(q, id, restored, now);
        const all = [...q.learning.map((l) => l.id), ...q.reviews, ...q.fresh];
        expect(all.filter((x) => x === id)).toHaveLength(1);
        expect(pickNext(q, now, none)?.id).toBe(id);
      }),
      { numRuns: 200 },
    );
  });
});

describe("stillQueued", () => {
  it("counts what a session stopped midway could still show today: a skipped card and the one that took its place share one place", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (limit, skips) => {
        const items = Array.from({ length: 20 }, (_, i) => item(`n${i}`));
        let q = buildQueue(items, () => undefined, now, { ...limits, newPerDay: limit }, scheduler);
        let answered = 0;
        for (const skip of skips) {
          const p = pickNext(q, now, none);
          if (!p) break;
          if (skip) q = afterSkip(p.queue, p.id, p.from);
          else {
            answered++;
            q = afterAnswer(p.queue, p.id, reviewed(0, 3));
          }
          // Stopped here: the next session today takes what the limit has left, skipped cards among them.
          expect(stillQueued(q, nothing)).toBe(limit - answered);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the daily limits over a session", () => {
  const bank = fc.array(fc.array(fc.nat(19), { maxLength: 3 }), { minLength: 20, maxLength: 20 });

  it("answers that bury siblings leave their places to the next new cards: the day's limit is met, never passed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), bank, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (limit, siblings, skips) => {
        const items = siblings.map((s, i) => item(`n${i}`, { siblings: s.map((j) => `n${j}`) }));
        let q = buildQueue(items, () => undefined, now, { ...limits, newPerDay: limit }, scheduler);
        const buried = new Set<string>();
        const answered: string[] = [];
        const passed: string[] = [];
        for (let step = 0; ; step++) {
          const p = pickNext(q, now, { ...none, buried });
          if (!p) break;
          expect(buried.has(p.id)).toBe(false);
          if (skips[step % skips.length]) {
            // Skipped: out of this session, and it does not use up a place.
            passed.push(p.id);
            q = afterSkip(p.queue, p.id, p.from);
            continue;
          }
          answered.push(p.id);
          q = afterAnswer(p.queue, p.id, reviewed(0, 3));
          for (const s of items.find((i) => i.id === p.id)!.siblings ?? []) if (s !== p.id) buried.add(s);
        }
        expect(new Set([...answered, ...passed]).size).toBe(answered.length + passed.length);
        expect(answered.length).toBeLessThanOrEqual(limit);
        // Fewer than the limit only when every card was answered, skipped or buried.
        if (answered.length < limit) expect(items.every((i) => answered.includes(i.id) || passed.includes(i.id) || buried.has(i.id))).toBe(true);
        // What waits at the end is exactly the new cards neither answered nor buried, the skipped ones included:
        // held back by the limit, or open to the next session at once.
        const left = items.filter((i) => !answered.includes(i.id) && !buried.has(i.id)).length;
        expect(heldBack(q, buried).fresh + skippedOpen(q, buried)).toBe(left);
        expect(queueCounts(q, now, buried).new).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it("an answer taken back gives its place back, so the day's limit still holds after undo", () => {
    const items = ["a", "b", "c"].map((id) => item(id));
    let q = buildQueue(items, () => undefined, now, { ...limits, newPerDay: 2 }, scheduler);
    const first = pickNext(q, now, none)!;
    q = afterAnswer(first.queue, first.id, reviewed(0, 3));
    expect(open(q).fresh).toEqual(["b"]);
    q = putBack(q, first.id, null, now);
    expect(open(q).fresh).toEqual(["a", "b"]);
    expect(held(q).fresh).toBe(1);
  });

  it("--limit counts cards of either kind, and what it holds back is what the daily limits would still let in", () => {
    const items = ["a", "b", "c", "d", "e"].map((id) => item(id));
    let q = buildQueue(items, () => undefined, now, { ...limits, newPerDay: 4, sessionLimit: 1 }, scheduler);
    const p = pickNext(q, now, none)!;
    q = afterAnswer(p.queue, p.id, reviewed(0, 3));
    expect(pickNext(q, now, none)).toBeUndefined();
    // 3 more of today's 4 new cards wait behind --limit; the fifth waits behind newPerDay, which is not used up.
    expect(held(q)).toEqual({ reviews: 0, fresh: 1, session: 3 });
    expect(q.room.fresh).toBe(3);
  });
});

describe("new cards mixed", () => {
  it("alternates recall and multiple choice and rotates the areas, even when a bank lists every recall card first", () => {
    // The bundled shape: notes files (recall cards of five areas) are read before the question files.
    const areas = ["overview", "pools", "identity", "integrations", "access"];
    const items: QueueItem[] = [
      ...areas.flatMap((a) => [1, 2, 3].map((i) => item(`${a}-r${i}`, { area: a, kind: "recall" }))),
      ...areas.flatMap((a) => [1, 2, 3].map((i) => item(`${a}-c${i}`, { area: a, kind: "choice" }))),
    ];
    const order = mixNew(items);
    const kinds = order.map((id) => (id.includes("-r") ? "recall" : "choice"));
    expect(kinds.slice(0, 10)).toEqual(["recall", "choice", "recall", "choice", "recall", "choice", "recall", "choice", "recall", "choice"]);
    expect(new Set(order.slice(0, 5).map((id) => id.split("-")[0])).size).toBe(5);
    for (let i = 1; i < order.length; i++) expect(order[i]!.split("-")[0]).not.toBe(order[i - 1]!.split("-")[0]);
  });

  it("keeps every card once, bank order inside an area and kind, and alternates kinds while both are left", () => {
    const items = fc.array(fc.record({ area: fc.constantFrom("a", "b", "c"), kind: fc.constantFrom<"recall" | "choice">("recall", "choice") }), { maxLength: 40 });
    fc.assert(
      fc.property(items, (specs) => {
        const list = specs.map((s, i) => item(`q${i}`, s));
        const byId = new Map(list.map((l) => [l.id, l]));
        const order = mixNew(list);
        expect([...order].sort()).toEqual(list.map((l) => l.id).sort());
        for (const a of ["a", "b", "c"]) {
          for (const k of ["recall", "choice"]) {
            const inBank = list.filter((l) => l.area === a && l.kind === k).map((l) => l.id);
            expect(order.filter((id) => inBank.includes(id))).toEqual(inBank);
          }
        }
        for (let i = 1; i < order.length; i++) {
          const kind = byId.get(order[i]!)!.kind;
          if (kind === byId.get(order[i - 1]!)!.kind) {
            expect(order.slice(i).every((id) => byId.get(id)!.kind === kind)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("siblings", () => {
  const items = [item("recall", { kind: "recall", siblings: ["choice"] }), item("choice", { siblings: ["recall"] }), item("other")];

  it("buries a card's declared siblings for the study day once it is answered, and only that day", () => {
    const answered: Record<string, CardState> = { recall: { ...reviewed(0, 3), lastReview: new Date(now.getTime() - HOUR).toISOString() } };
    expect([...buriedSiblings(items, (id) => answered[id], "2026-03-10")]).toEqual(["choice"]);
    expect([...buriedSiblings(items, (id) => answered[id], "2026-03-11")]).toEqual([]);
    const q = buildQueue(items, (id) => answered[id], now, limits, scheduler);
    expect(open(q).fresh).toEqual(["other"]);
    // Answered yesterday: nothing buried today.
    const yesterday = { recall: reviewed(1, 3) };
    expect(open(buildQueue(items, (id) => yesterday[id as "recall"], now, limits, scheduler)).fresh).toEqual(["choice", "other"]);
  });

  it("counts an answer toward the study day it was given in, to the minute around 04:00, however its time is written", () => {
    // Study day 2026-03-10 runs from 04:00 local that day to 04:00 the next.
    const start = new Date(2026, 2, 10, 4).getTime();
    const end = new Date(2026, 2, 11, 4).getTime();
    const forms = (ms: number): string[] => {
      const iso = new Date(ms).toISOString();
      return [iso, iso.replace(/\.\d{3}Z$/, "Z"), iso.replace(/Z$/, "999Z")];
    };
    const moment = fc.oneof(fc.integer({ min: start - 2 * HOUR, max: start + 2 * HOUR }), fc.integer({ min: end - 2 * HOUR, max: end + 2 * HOUR }), fc.constantFrom(start - 1, start, end - 1, end));
    fc.assert(
      fc.property(moment, fc.nat(2), (ms, form) => {
        const written = forms(ms)[form]!;
        const answered: Record<string, CardState> = { recall: { ...reviewed(0, 3), lastReview: written } };
        const t = Date.parse(written);
        expect(buriedSiblings(items, (id) => answered[id], "2026-03-10").has("choice")).toBe(t >= start && t < end);
      }),
      { numRuns: 500 },
    );
  });

  it("lets a sibling in a learning step go on with its steps", () => {
    const cs: Record<string, CardState> = { recall: { ...reviewed(0, 3), lastReview: new Date(now.getTime() - HOUR).toISOString() }, choice: learning(60_000) };
    expect(buriedSiblings(items, (id) => cs[id], "2026-03-10").has("choice")).toBe(false);
  });

  it("buries no sibling on an exam's eve or its day, so no card meets the exam unreviewed for its sibling's sake", () => {
    // Study day 2026-03-10; its sibling is due today.
    const cs: Record<string, CardState> = { recall: { ...reviewed(0, 3), lastReview: new Date(now.getTime() - HOUR).toISOString() }, choice: reviewed(5, 4) };
    const card = (id: string) => cs[id];
    const buriedWith = (examDate?: string) => buriedSiblings(items, card, "2026-03-10", examDate).has("choice");
    expect(buriedWith()).toBe(true);
    expect(buriedWith("2026-03-12")).toBe(true); // two days before: the sibling comes tomorrow, still before the exam
    expect(buriedWith("2026-03-11")).toBe(false); // the eve
    expect(buriedWith("2026-03-10")).toBe(false); // exam day
    expect(buriedWith("2026-03-09")).toBe(true); // the exam is past: plain days again
    expect(open(buildQueue(items, card, now, limits, scheduler)).reviews).toEqual([]);
    expect(open(buildQueue(items, card, now, limits, scheduler, "2026-03-11")).reviews).toEqual(["choice"]);
  });

  it("buries on every day but an exam's eve and day, whatever the dates", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (today, offset) => {
        const exam = new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
        expect(buriesSiblings(today, exam)).toBe(offset !== 0 && offset !== 1);
        expect(buriesSiblings(today)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("waits for tomorrow: the next card of a set whose only card left is buried is due at tomorrow's start", () => {
    const cs: Record<string, CardState> = { recall: { ...reviewed(0, 3), lastReview: new Date(now.getTime() - HOUR).toISOString() }, choice: reviewed(5, 4) };
    const buried = buriedSiblings(items, (id) => cs[id], "2026-03-10");
    expect(nextAvailable(items, (id) => cs[id], now, buried)).toEqual(new Date(2026, 2, 11, 4, 0));
  });
});

describe("what the daily limits count", () => {
  const record = (over: Partial<ReviewRecord>): ReviewRecord =>
    ({ source: "quiz", wasNew: false, before: null, ...over }) as ReviewRecord;

  it("counts a new card's first answer toward newPerDay and a review-phase answer toward reviewsPerDay, nothing else", () => {
    expect(countsToward(record({ wasNew: true }))).toBe("new");
    expect(countsToward(record({ before: reviewed(3, 2) }))).toBe("review");
    expect(countsToward(record({ before: learning(0) }))).toBe("none");
    expect(countsToward(record({ before: learning(0, "relearning") }))).toBe("none");
    expect(countsToward(record({ source: "exam", wasNew: true }))).toBe("none");
    expect(countsToward(record({ source: "exam", before: reviewed(3, 2) }))).toBe("none");
  });

  it("reads logs written before the rule as they were counted then", () => {
    expect(counterOf({ ...record({ wasNew: true }), kind: "review" })).toBe("new");
    expect(counterOf({ ...record({ wasNew: false }), kind: "review" })).toBe("review");
    expect(counterOf({ ...record({ wasNew: false }), kind: "review", counts: "none" })).toBe("none");
  });
});
