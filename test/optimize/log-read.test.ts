// The optimizer reads the log through the store's own reader: the same record check, bad lines skipped with their
// byte offset. Most lines take a reader that skips JSON.parse; what it reads must be what JSON.parse reads.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syntheticLog, SAMPLE_TRUE_WEIGHTS } from "../../src/analysis/learner.js";
import { HistoryBuilder, historiesOf } from "../../src/srs/history.js";
import { scanLog } from "../../src/store/log.js";
import { readStoredReview } from "../../src/store/review-line.js";

function logFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "cogquiz-read-")), "reviews.jsonl");
  writeFileSync(path, text);
  return path;
}

const { records } = syntheticLog({ cards: 30, days: 20, newPerDay: 3, seed: 4, trueWeights: SAMPLE_TRUE_WEIGHTS });

describe("the review line reader without JSON.parse", () => {
  // Lines a real log also holds: option texts with quotes, brackets and the very text that ends the list, ids with
  // escapes or accents, a counter written after the card states, a suspended card, another key order.
  const first = records[0]!;
  const odd: object[] = [
    { ...first, reviewId: "odd-1", chosen: ['x"],"ms":1,"source":"exam","wasNew":true,"before":', "[brackets]", "back\\slash"], correct: true },
    { ...first, reviewId: "odd-2", chosen: ["", "plain", "two words"], correct: false },
    { ...records[1]!, reviewId: "odd-\u00e9-3", questionId: 'q"uoted\\id' },
    { ...records[1]!, reviewId: "odd-4", counts: "review" },
    { ...records[2]!, reviewId: "odd-5", after: { ...records[2]!.after, suspended: true, leech: true } },
    { ...records[2]!, reviewId: "odd-6", after: { ...records[2]!.after, leech: true, suspended: false } },
    { after: records[2]!.after, before: null, rating: "easy", kind: "review", v: 1, reviewId: "odd-7", questionId: "card-9", at: records[2]!.at, day: records[2]!.day, correct: false, chosen: [], ms: 10, source: "exam", wasNew: false },
    { ...first, reviewId: "odd-8", ms: 1.5e3, after: { ...first.after, stability: 1e-3, difficulty: -0 } },
  ];

  it("gives exactly what JSON.parse gives for every line in the store's form, and leaves the others to it", () => {
    let fast = 0;
    for (const r of [...records, ...odd]) {
      const text = JSON.stringify(r);
      const got = readStoredReview(text);
      if (got === undefined) continue;
      fast++;
      expect(got).toStrictEqual(JSON.parse(text));
      // Key order too: a card state read this way is written back to the progress file as it came.
      expect(JSON.stringify(got)).toBe(text);
    }
    expect(fast).toBeGreaterThanOrEqual(records.length + 5);
    // Not the store's form: JSON.parse reads these (or refuses them).
    for (const text of [` ${JSON.stringify(first)}`, JSON.stringify(first).replace('"v":1', '"v":01'), JSON.stringify(first).replace("}}", "},}}"), `${JSON.stringify(first)}x`]) {
      expect(readStoredReview(text), text).toBeUndefined();
    }
  });
});

describe("the optimizer's reading of a log with malformed records", () => {
  const good = records.slice(0, 40);
  const bad: [string, string][] = [
    [JSON.stringify({ ...good[5]!, reviewId: "bad-rating", rating: "great" }), "bad rating"],
    [JSON.stringify({ ...good[6]!, reviewId: "bad-after", after: { ...good[6]!.after, stability: -1 } }), "bad card state after"],
    [JSON.stringify({ ...good[7]!, reviewId: "bad-chosen", chosen: [1, 2] }), "bad chosen"],
    [JSON.stringify({ ...good[8]!, reviewId: "bad-day", day: "2026-13-01" }), "bad day"],
    [JSON.stringify({ ...good[9]!, reviewId: "bad-version", v: 9 }), "unknown record version 9"],
    // Said as what they are, not as "unknown record version undefined".
    [JSON.stringify({ ...good[11]!, reviewId: "no-version", v: undefined }), "no record version"],
    [JSON.stringify({ ...good[12]!, reviewId: "no-kind", kind: undefined }), "no record kind"],
    ['{"kind":"review","v":1,"reviewId":"torn","questionId":"card-1","at":"2026-01-05T19:41', "not JSON (a write cut off by a crash)"],
    [JSON.stringify({ ...good[10]!, reviewId: "hostile", __proto__x: 1 }).replace("__proto__x", "__proto__"), 'holds the key "__proto__"'],
  ];

  it("applies the store's record check: skips each bad line with its byte offset and why, and fits on the others only", () => {
    const lines = [...good.map((r) => JSON.stringify(r)), ...bad.map(([l]) => l)];
    // Interleaved, with an accented id before them so that byte offsets differ from character offsets.
    const accented = JSON.stringify({ ...good[0]!, reviewId: "acc", questionId: "carte-é" });
    const all = [accented, ...lines.slice(0, 20), ...bad.slice(0, 3).map(([l]) => l), ...lines.slice(20, 40), ...bad.slice(3).map(([l]) => l)];
    const text = `${all.join("\n")}\n`;
    const b = new HistoryBuilder();
    const scan = scanLog(logFile(text), 0, (r) => b.add(r));
    const offsets = all.map((_, i) => Buffer.byteLength(all.slice(0, i).map((l) => `${l}\n`).join("")));
    expect(scan.badLines).toEqual(
      // A record of a later format says which, so that a reader can tell the user to update cogquiz.
      bad.map(([line, why]) => ({ offset: offsets[all.indexOf(line)]!, why, ...(why === "unknown record version 9" ? { newerVersion: 9 } : {}) })),
    );
    expect(scan.records).toBe(good.length + 1);
    // The histories hold exactly the good answers (and the accented card), as read from them alone.
    const h = b.histories();
    const want = historiesOf([accented, ...good.map((r) => JSON.stringify(r))].map((l) => JSON.parse(l)));
    expect(h.list()).toEqual(want.list());
    expect(h.answers).toBe(good.length + 1);
  });
});
