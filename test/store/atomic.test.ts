// A disk close to full takes part of a write and says so only by the count it returns; the next write fails. A
// replacement written that way must be whole, or not happen: the file that was there stays.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileAtomic } from "../../src/store/atomic.js";

/** At most `chunk` bytes go in per write; after `quota` bytes in all, a write fails as a full disk's does. */
const disk = vi.hoisted(() => ({ chunk: Infinity, quota: Infinity, used: 0 }));

vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    // A string is written as its UTF-8 bytes from the start, as writeSync(fd, string) does.
    const buffer = typeof data === "string" ? Buffer.from(data) : (data as Buffer);
    const [offset, length] = typeof data === "string" ? [0, buffer.length] : [rest[0] as number, rest[1] as number];
    const room = disk.quota - disk.used;
    if (room <= 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const n = fs.writeSync(fd, buffer, offset, Math.min(length, disk.chunk, room));
    disk.used += n;
    return n;
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

afterEach(() => {
  disk.chunk = Infinity;
  disk.quota = Infinity;
  disk.used = 0;
});

const text = JSON.stringify({ cards: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`q${i}`, { due: "2026-12-06T00:00:00.000Z", note: "é" }])) });

describe("writeFileAtomic on a disk that takes writes in part", () => {
  it("writes the whole text when each write takes only some of it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cogquiz-atomic-")), "progress.json");
    writeFileSync(file, "the old file");
    disk.chunk = 4096;
    writeFileAtomic(file, text);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("when the disk fills midway, fails with ENOSPC and leaves the old file as it was, with no temp file beside it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-atomic-"));
    const file = join(dir, "progress.json");
    writeFileSync(file, "the old file");
    disk.quota = 10_000;
    expect(() => writeFileAtomic(file, text)).toThrow(expect.objectContaining({ code: "ENOSPC" }));
    expect(readFileSync(file, "utf8")).toBe("the old file");
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });
});
