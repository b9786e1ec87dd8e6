// A write that fails midway (a full disk, an I/O error): the message says exactly what was not saved, the log keeps
// every record before it whole, and no later write (the closing checkpoint) replaces that message with its own.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReviewRecord } from "../../src/store/log.js";
import { dataPaths } from "../../src/store/paths.js";
import { ProgressStore } from "../../src/store/progress-store.js";
import { createScheduler } from "../../src/srs/scheduler.js";

/** When set, every write gets part of its bytes in at most, then fails as a full disk does. */
const disk = vi.hoisted(() => ({ full: false, tornOnce: false }));

vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const writeSync = ((fd: number, buffer: unknown, ...rest: unknown[]) => {
    if (!disk.full) return (fs.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
    if (Buffer.isBuffer(buffer) && typeof rest[0] === "number" && typeof rest[1] === "number" && rest[1] > 8 && !disk.tornOnce) {
      disk.tornOnce = true;
      return fs.writeSync(fd, buffer, rest[0], Math.floor(rest[1] / 2)); // half a record gets in
    }
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const at = new Date("2026-03-10T12:00:00Z");

function review(id: string): ReviewRecord {
  return {
    kind: "review", v: 1, reviewId: `r-${id}`, questionId: id, at: at.toISOString(), day: "2026-03-10", rating: "good",
    correct: true, chosen: ["x"], ms: 1200, source: "quiz", wasNew: true, before: null, after: scheduler.preview(undefined, at).good.card,
  };
}

afterEach(() => {
  disk.full = false;
  disk.tornOnce = false;
});

describe("a disk that fills during a session", () => {
  it("says the answer that did not fit was not saved, never that it was; the next start has every earlier one and no torn line", async () => {
    const p = dataPaths(join(mkdtempSync(join(tmpdir(), "cogquiz-full-")), "progress.json"));
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    await s.recordReview(review("b"));
    const saved = readFileSync(p.log, "utf8");
    disk.full = true;
    await expect(s.recordReview(review("c"))).rejects.toThrow(
      `could not save to the review log ${p.log}: the disk is full (ENOSPC). This answer was not saved; every earlier one is`,
    );
    // The session ends as a quiz's does: close() in a finally. It must not put the checkpoint's own failure (and its
    // claim that every answer is in the log) in place of the log's message.
    await expect(s.close()).resolves.toBeUndefined();
    disk.full = false;
    expect(readFileSync(p.log, "utf8")).toBe(saved);
    const next = await ProgressStore.open(p, { lock: true });
    expect(Object.keys(next.data.cards).sort()).toEqual(["a", "b"]);
    expect(next.report.badLog).toEqual([]);
    await next.close();
  });

  it("a setting that did not reach the log is not changed anywhere, and the message says so", async () => {
    const p = dataPaths(join(mkdtempSync(join(tmpdir(), "cogquiz-full-")), "progress.json"));
    const s = await ProgressStore.open(p, { lock: true });
    disk.full = true;
    await expect(s.update((d) => (d.settings.newPerDay = 5))).rejects.toThrow("The settings were not changed; every earlier answer is saved");
    await s.close();
    disk.full = false;
    const next = await ProgressStore.open(p, { lock: false });
    expect(next.data.settings.newPerDay).toBe(20);
  });
});
