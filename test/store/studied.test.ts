// The day's study time in the store: what exam-date mode's minutes a day are counted from, across sessions.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ReviewRecord } from "../../src/store/log.js";
import { dataPaths } from "../../src/store/paths.js";
import { ProgressStore } from "../../src/store/progress-store.js";
import { checkProgress, emptyProgress } from "../../src/store/schema.js";
import { createScheduler } from "../../src/srs/scheduler.js";

const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const at = new Date("2026-03-10T12:00:00Z");

function paths() {
  return dataPaths(join(mkdtempSync(join(tmpdir(), "cogquiz-studied-")), "progress.json"));
}

function review(id: string, ms: number, over: Partial<ReviewRecord> = {}): ReviewRecord {
  const o = scheduler.preview(undefined, at);
  return {
    kind: "review", v: 1, reviewId: `r-${id}-${ms}`, questionId: id, at: at.toISOString(), day: "2026-03-10", rating: "good",
    correct: true, chosen: ["x"], ms, source: "quiz", wasNew: true, before: null, after: o.good.card, ...over,
  };
}

describe("study time per day", () => {
  it("adds each answer's time (capped at two minutes, exam answers none) and keeps it across sessions and crashes", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a", 30_000));
    await s.recordReview(review("b", 45 * 60_000)); // away from the screen: two minutes
    await s.recordReview(review("c", 0, { source: "exam" }));
    await s.recordReview(review("d", 10_000, { day: "2026-03-11" }));
    expect(s.studiedMs("2026-03-10")).toBe(150_000);
    expect(s.studiedMs("2026-03-11")).toBe(10_000);
    expect(s.studiedMs("2026-03-09")).toBe(0);
    // An undone answer's time was spent: it stays.
    await s.recordUndo(review("a", 30_000), at);
    expect(s.studiedMs("2026-03-10")).toBe(150_000);
    await s.close();
    const again = await ProgressStore.open(p, { lock: true });
    expect(again.studiedMs("2026-03-10")).toBe(150_000);
    // A crash after a checkpoint: the log's tail is replayed, and its time counted once.
    await again.recordReview(review("e", 20_000));
    const recovered = await ProgressStore.open(p, { lock: false });
    expect(recovered.studiedMs("2026-03-10")).toBe(170_000);
    await again.close();
  });

  it("rebuilds the time from the log with the tally, for a file written before either was kept", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a", 30_000));
    await s.recordReview(review("b", 40_000));
    await s.close();
    const file = JSON.parse(readFileSync(p.progress, "utf8"));
    delete file.studied;
    delete file.answers;
    writeFileSync(p.progress, JSON.stringify(file));
    const old = await ProgressStore.open(p, { lock: true });
    expect(old.studiedMs("2026-03-10")).toBe(70_000);
    await old.close();
    expect(JSON.parse(readFileSync(p.progress, "utf8")).studied).toEqual({ "2026-03-10": 70_000 });
  });

  it("refuses a progress file whose study time is malformed", () => {
    expect(checkProgress({ ...emptyProgress(), studied: { "2026-03-10": 5 } })).toBeUndefined();
    expect(checkProgress({ ...emptyProgress(), studied: { "2026-03-10": -5 } })?.kind).toBe("shape");
    expect(checkProgress({ ...emptyProgress(), studied: { soon: 5 } })?.kind).toBe("shape");
    expect(checkProgress({ ...emptyProgress(), studied: [] })?.kind).toBe("shape");
  });
});
