// The command runs its program with code V8 compiled for it before (src/cogquiz.cts): the build's, shipped in
// dist/program.code, and the code kept between runs. What a user could notice: code that is damaged, of another
// build or unwritable never changes what a command does; the build's code serves only the program it was made for;
// COGQUIZ_NO_CACHE=1 keeps nothing.

import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { ROOT, cogquiz } from "../helpers/cli.js";

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

/** A copy of the installed program (dist/, package.json, content/; node_modules linked) that a test may change. */
function installCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-install-"));
  cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
  cpSync(join(ROOT, "content"), join(dir, "content"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** Runs the copy's command with no cache folder in play: only the build's code can serve. */
function runCopy(dir: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, "dist", "cogquiz.cjs"), ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", COGQUIZ_NO_CACHE: "1", COGQUIZ_DATA: join(dir, "progress.json") },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The build's code file: its header fields and the code. */
function builtCode(dir: string): { dataDigest: string; program: string; commands: string[]; data: Buffer } {
  const bytes = readFileSync(join(dir, "dist", "program.code"));
  expect(bytes.subarray(0, 16).toString("latin1")).toBe("cogquiz-built-1\n");
  const end = bytes.indexOf(10, 16);
  const [dataDigest, program, ...commands] = bytes.toString("latin1", 16, end).split(" ");
  return { dataDigest: dataDigest!, program: program!, commands, data: bytes.subarray(end + 1) };
}

describe("the build's compiled code", () => {
  it("is made for this very program, for validate and --help, and this Node's V8 takes it", () => {
    const code = builtCode(ROOT);
    const program = readFileSync(join(ROOT, "dist", "program.cjs"));
    expect(code.program).toBe(sha1(program));
    expect(code.dataDigest).toBe(sha1(code.data));
    expect(code.commands).toEqual(["validate", "-"]);
    // Compiled as the command compiles its program: V8 turns down code that is not for this source under this Node.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${program.toString("utf8")}\n})`, {
      filename: join(ROOT, "dist", "program.cjs"),
      cachedData: code.data,
    });
    expect(script.cachedDataRejected).toBe(false);
  });

  it("serves only the program it names: a program edited to the same length runs as edited", () => {
    const dir = installCopy();
    const before = runCopy(dir, ["validate", "content/", "--format", "json"]);
    expect(before.stdout).toMatch(/"topics": \d+/);
    // V8 itself checks only the source's length: the build's code of the old program, which ran this very function
    // when the build validated, would print the old name.
    const path = join(dir, "dist", "program.cjs");
    const source = readFileSync(path, "utf8");
    const edited = source.replace("    topics: allTopics(bank.root).length,", "    topicz: allTopics(bank.root).length,");
    expect(edited).not.toBe(source);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(source));
    writeFileSync(path, edited);
    const after = runCopy(dir, ["validate", "content/", "--format", "json"]);
    expect(after.code).toBe(before.code);
    expect(after.stdout).toBe(before.stdout.replace('"topics"', '"topicz"'));
  });

  it("that is damaged, cut short or of other code never changes a command's output or exit code", () => {
    const dir = installCopy();
    const reference = runCopy(dir, ["validate", "content/", "--format", "json"]);
    expect(reference.code).toBe(0);
    const path = join(dir, "dist", "program.code");
    const whole = readFileSync(path);
    const code = builtCode(dir);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 100]! ^= 0xff;
    const junk = Buffer.alloc(4096, 7);
    const variants: [string, Buffer][] = [
      ["cut short", whole.subarray(0, whole.length >> 1)],
      ["one byte changed", flipped],
      ["empty", Buffer.alloc(0)],
      ["a kept file's layout", Buffer.concat([Buffer.from(`cogquiz-code-1\n${sha1(code.data)} validate\n`, "latin1"), code.data])],
      // Digests that match, over bytes that are no code V8 made: V8 turns it down.
      ["V8's own check", Buffer.concat([Buffer.from(`cogquiz-built-1\n${sha1(junk)} ${code.program} validate\n`, "latin1"), junk])],
    ];
    for (const [what, bytes] of variants) {
      writeFileSync(path, bytes);
      const r = runCopy(dir, ["validate", "content/", "--format", "json"]);
      expect({ what, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ what, ...reference });
    }
  });
});
