// Reading the whole log for the optimizer: what it reads must be what JSON.parse reads, for every line.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syntheticLog, SAMPLE_TRUE_WEIGHTS } from "../../src/analysis/learner.js";
import { scanLog } from "../../src/store/log-scan.js";

const ANSWER_KEYS = ["kind", "v", "reviewId", "questionId", "at", "day", "rating", "correct", "ms", "source", "wasNew"] as const;

function logFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "cogquiz-scan-")), "reviews.jsonl");
  writeFileSync(path, text);
  return path;
}

describe("scanning the review log", () => {
  const { records } = syntheticLog({ cards: 30, days: 20, newPerDay: 3, seed: 4, trueWeights: SAMPLE_TRUE_WEIGHTS });
  // Lines a real log also holds: option texts with quotes, brackets and the very text that ends the list, ids with
  // escapes, an undo, a reset, another key order.
  const odd = [
    { ...records[0]!, reviewId: "odd-1", chosen: ['x"],"ms":1,"source":"exam","wasNew":true,"before":', "[brackets]"], correct: true },
    { ...records[1]!, reviewId: "odd-\u00e9-2", questionId: 'q"uoted\\id' },
    { kind: "undo", v: 1, reviewId: "odd-1", questionId: records[0]!.questionId, at: records[0]!.at, day: records[0]!.day, wasNew: false, restore: null },
    { kind: "reset", v: 1, questionId: "card-3", at: records[5]!.at, day: records[5]!.day },
    { after: records[2]!.after, before: null, rating: "easy", kind: "review", v: 1, reviewId: "odd-3", questionId: "card-9", at: records[2]!.at, day: records[2]!.day, correct: false, chosen: [], ms: 10, source: "exam", wasNew: false },
  ];
  const all: object[] = [...records, ...odd];
  const text = `${all.map((r) => JSON.stringify(r)).join("\n")}\n`;

  it("without card states, reads every answer's fields exactly as JSON.parse does", () => {
    const seen: Record<string, unknown>[] = [];
    const scan = scanLog(logFile(text), (r) => seen.push(r as Record<string, unknown>), { withoutCardStates: true });
    expect(scan).toEqual({ records: all.length, badLines: 0, bytes: Buffer.byteLength(text) });
    for (const [i, r] of all.entries()) {
      const want = r as Record<string, unknown>;
      const got = seen[i]!;
      if (want.kind !== "review") {
        expect(got).toEqual(want);
        continue;
      }
      for (const k of ANSWER_KEYS) expect(got[k], `${i} ${k}`).toEqual(want[k]);
      expect((got.chosen as unknown[]).length > 0, `${i} chosen`).toBe((want.chosen as unknown[]).length > 0);
    }
  });

  it("in full, gives each record whole", () => {
    const seen: unknown[] = [];
    scanLog(logFile(text), (r) => seen.push(r));
    expect(seen).toEqual(JSON.parse(JSON.stringify(all)));
  });

  it("reads lines across its 4 MB chunks, skips a torn last line and counts it, and treats a missing log as empty", () => {
    const long = { ...records[0]!, chosen: ["x".repeat(5_000_000)], correct: true };
    const path = logFile(`${JSON.stringify(records[0])}\n${JSON.stringify(long)}\n${JSON.stringify(records[1])}\n{"kind":"review","v":1,"rev`);
    const ids: unknown[] = [];
    const scan = scanLog(path, (r) => ids.push((r as { reviewId: string }).reviewId), { withoutCardStates: true });
    expect(ids).toEqual([records[0]!.reviewId, long.reviewId, records[1]!.reviewId]);
    expect(scan.badLines).toBe(1);
    expect(scanLog(join(tmpdir(), "no-such-cogquiz-log.jsonl"), () => {})).toEqual({ records: 0, badLines: 0, bytes: 0 });
  });
});
