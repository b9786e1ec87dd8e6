// The command keeps V8's compiled code for its program between runs (src/cogquiz.cts). What a user could notice:
// a kept file that is damaged, of another build or unwritable never changes what a command does, and
// COGQUIZ_NO_CACHE=1 keeps nothing.

import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cogquiz } from "../helpers/cli.js";

const CONTENT = ["--no-bundled", "--content", "content/"];

function freshCache(): string {
  return mkdtempSync(join(tmpdir(), "cogquiz-code-"));
}

function codeFiles(cache: string): string[] {
  try {
    return readdirSync(join(cache, "cogquiz")).filter((f) => f.startsWith("code-"));
  } catch {
    return [];
  }
}

/** The commands the kept code says it was compiled for. */
function keptCommands(cache: string): string[] {
  const [file] = codeFiles(cache);
  const text = readFileSync(join(cache, "cogquiz", file!), "latin1");
  return text.split("\n")[1]!.split(" ").slice(1);
}

describe("kept compiled code", () => {
  it("is written by a first run, reused as it is by the same command, and extended by a new one", () => {
    const cache = freshCache();
    const first = cogquiz(["validate", "content/", "--format", "json"], { env: { XDG_CACHE_HOME: cache } });
    expect(first.code).toBe(0);
    const files = codeFiles(cache);
    expect(files).toHaveLength(1);
    expect(keptCommands(cache)).toEqual(["validate"]);
    const path = join(cache, "cogquiz", files[0]!);
    const before = statSync(path);

    const again = cogquiz(["validate", "content/", "--format", "json"], { env: { XDG_CACHE_HOME: cache } });
    expect(again.stdout).toBe(first.stdout);
    // Same command, same kept code: no second write.
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(path).ino).toBe(before.ino);

    expect(cogquiz([...CONTENT, "topics"], { env: { XDG_CACHE_HOME: cache } }).code).toBe(0);
    expect(codeFiles(cache)).toEqual(files);
    expect(keptCommands(cache)).toEqual(["validate", "topics"]);
  });

  it("never changes a command's output, exit code or messages, whatever the kept file holds", () => {
    const reference = cogquiz(["validate", "content/", "--format", "json"], { env: { COGQUIZ_NO_CACHE: "1" } });
    expect(reference.code).toBe(0);
    const cache = freshCache();
    expect(cogquiz(["validate", "content/", "--format", "json"], { env: { XDG_CACHE_HOME: cache } }).code).toBe(0);
    const [name] = codeFiles(cache);
    const path = join(cache, "cogquiz", name!);
    const whole = readFileSync(path);
    const header = whole.subarray(0, whole.indexOf(10, whole.indexOf(10) + 1) + 1);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 100]! ^= 0xff;
    const damaged: [string, Buffer][] = [
      ["cut short", whole.subarray(0, whole.length >> 1)],
      ["one byte changed", flipped],
      ["empty", Buffer.alloc(0)],
      ["not ours", Buffer.from("garbage\n".repeat(1000))],
      // A header whose digest matches, over bytes that are no code V8 made: V8 itself turns it down.
      ["V8's own check", Buffer.concat([Buffer.from(`cogquiz-code-1\n${sha1(Buffer.alloc(4096, 7))} validate\n`, "latin1"), Buffer.alloc(4096, 7)])],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(path, bytes);
      const r = cogquiz(["validate", "content/", "--format", "json"], { env: { XDG_CACHE_HOME: cache } });
      expect({ what, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ what, code: 0, stdout: reference.stdout, stderr: reference.stderr });
      // Replaced by whole code again.
      const now = readFileSync(path);
      expect(now.subarray(0, 15).toString("latin1"), what).toBe("cogquiz-code-1\n");
      expect(now.length, what).toBeGreaterThan(header.length + 10_000);
    }
  });

  it("of another build is removed when new code is kept; a folder that cannot be written costs nothing but speed", () => {
    const cache = freshCache();
    const stale = join(cache, "cogquiz", "code-0123456789abcdef.bin");
    expect(cogquiz([...CONTENT, "topics"], { env: { XDG_CACHE_HOME: cache } }).code).toBe(0);
    writeFileSync(stale, "old build");
    expect(cogquiz(["validate", "content/"], { env: { XDG_CACHE_HOME: cache } }).code).toBe(0);
    expect(codeFiles(cache)).toHaveLength(1);
    expect(codeFiles(cache)[0]).not.toBe("code-0123456789abcdef.bin");

    // A file where the cache folder would be: every command works as without a cache.
    const blocked = freshCache();
    writeFileSync(join(blocked, "cogquiz"), "not a folder");
    const r = cogquiz([...CONTENT, "topics"], { env: { XDG_CACHE_HOME: blocked } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Cognito/);
  });

  it("is neither read nor written with COGQUIZ_NO_CACHE=1", () => {
    const cache = freshCache();
    const r = cogquiz([...CONTENT, "topics"], { env: { XDG_CACHE_HOME: cache, COGQUIZ_NO_CACHE: "1" } });
    expect(r.code).toBe(0);
    expect(codeFiles(cache)).toEqual([]);
  });
});

function sha1(bytes: Buffer): string {
  return createHash("sha1").update(bytes).digest("hex");
}
