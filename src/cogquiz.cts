#!/usr/bin/env node
// The `cogquiz` command: runs the bundled program (dist/program.cjs, made by scripts/bundle.mjs) with code V8 has
// already compiled for it, so a start does not parse and compile a megabyte of JavaScript again (about 25 ms of a
// quiz start on a 2-core machine, 20-40 ms of a validate run). Two places hold such code:
// - the code the build compiled (dist/program.code, written by scripts/bundle.mjs running `validate` and `--help`
//   once), part of the program like dist/program.cjs itself: a first run after `npm ci`, as on a CI runner, does
//   not compile what they use. It names the digest of the program it was compiled for and serves no other;
// - the code kept between runs in $XDG_CACHE_HOME/cogquiz/ (~/.cache/cogquiz/) beside the parse cache, which adds
//   the commands this user runs; deleting it is always safe, and COGQUIZ_NO_CACHE=1 turns both caches of that folder
//   off (the build's code is no cache: it stays in use).
//
// Nothing here may stop the program: code that is missing, damaged, of another build or of another Node, or a
// folder that cannot be written, only means the program is compiled as it would be without it. V8 checks the rest
// (its version, its flags, the source's length) and turns down code that is not its own.
//
// COGQUIZ_BUILD_CODE=1 is the build's: that run writes what V8 compiled to dist/program.code at exit.

import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";

const PROGRAM = join(__dirname, "program.cjs");
const BUILT = join(__dirname, "program.code");
/** The cache file's first bytes; a new layout gets a new one, so an old file is never misread. */
const MAGIC = "cogquiz-code-1\n";
/** The build's code file's first bytes. */
const BUILT_MAGIC = "cogquiz-built-1\n";
/** Commands the kept code was compiled for; past this many, the file is no longer rewritten to add one. */
const MAX_COMMANDS = 32;

interface Kept {
  data: Buffer;
  commands: string[];
}

/** The folder and name of the kept code for this very build of the program under this Node. */
function cacheFile(): { dir: string; file: string } {
  const base = process.env.XDG_CACHE_HOME;
  const dir = join(base !== undefined && isAbsolute(base) ? base : join(homedir(), ".cache"), "cogquiz");
  // A rebuilt program has a new change time (no one can set it back), so its code is never taken for another's.
  const st = statSync(PROGRAM, { bigint: true });
  const key = createHash("sha1")
    .update(`${PROGRAM}\0${st.size}\0${st.ino}\0${st.mtimeNs}\0${st.ctimeNs}\0${process.version}\0${process.arch}`)
    .digest("hex")
    .slice(0, 16);
  return { dir, file: join(dir, `code-${key}.bin`) };
}

/**
 * A code file, if it is whole: `magic`, a header line of fields (the first the digest of the rest of the file), then
 * the bytes that digest is of.
 */
function readCodeFile(file: string, magic: string): { fields: string[]; data: Buffer } | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > 64 * 1024 * 1024) return undefined;
    const bytes = readFileSync(fd);
    if (bytes.length !== st.size || bytes.toString("latin1", 0, magic.length) !== magic) return undefined;
    const end = bytes.indexOf(10, magic.length);
    if (end < 0) return undefined;
    const [digest, ...fields] = bytes.toString("latin1", magic.length, end).split(" ");
    const data = bytes.subarray(end + 1);
    if (digest !== sha1(data)) return undefined;
    return { fields, data };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function sha1(bytes: Buffer): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/** The kept code: a header line of a digest and the commands it was compiled for. */
function readKept(file: string): Kept | undefined {
  const read = readCodeFile(file, MAGIC);
  return read && { data: read.data, commands: read.fields };
}

/**
 * The build's code, if it is whole and was compiled for these very bytes of the program: V8 checks only the source's
 * length, and code of another source of the same length would run as the wrong program.
 */
function readBuilt(program: Buffer): Kept | undefined {
  const read = readCodeFile(BUILT, BUILT_MAGIC);
  if (!read || read.fields[0] !== sha1(program)) return undefined;
  return { data: read.data, commands: read.fields.slice(1) };
}

/**
 * Writes a code file as readCodeFile reads it: `magic`, a header line of the digest of `data` and `fields`, then
 * `data`. Written beside and renamed into place, so a reader sees the whole file or the one before.
 */
function writeCodeFile(file: string, magic: string, fields: string[], data: Buffer, mode: number): void {
  const header = `${magic}${[sha1(data), ...fields].join(" ")}\n`;
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat([Buffer.from(header, "latin1"), data]), { mode });
  renameSync(temp, file);
}

function writeKept(dir: string, file: string, data: Buffer, commands: string[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeCodeFile(file, MAGIC, commands, data, 0o600);
    // Code of earlier builds or other Nodes is of no more use.
    for (const name of readdirSync(dir)) {
      if (/^code-[0-9a-f]{16}\.bin$/.test(name) && join(dir, name) !== file) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // Kept code that cannot be written only costs speed.
  }
}

/** The command word of this run (the first bare word), so code is kept again when a command not yet run is. */
function commandOf(argv: readonly string[]): string {
  return argv.slice(2).find((a) => /^[a-z][a-z-]{0,30}$/.test(a)) ?? "-";
}

/** Writes the build's code (COGQUIZ_BUILD_CODE=1); says so on stderr when it cannot, for the build to report. */
function writeBuilt(program: Buffer, data: Buffer, commands: string[]): void {
  try {
    writeCodeFile(BUILT, BUILT_MAGIC, [sha1(program), ...commands], data, 0o644);
  } catch (e) {
    process.stderr.write(`cogquiz: could not write ${BUILT} (${(e as NodeJS.ErrnoException).code ?? "error"})\n`);
  }
}

const programBytes = readFileSync(PROGRAM);
const source = programBytes.toString("utf8");
const building = process.env.COGQUIZ_BUILD_CODE === "1";
const useCache = !building && process.env.COGQUIZ_NO_CACHE !== "1";
let where: { dir: string; file: string } | undefined;
let kept: Kept | undefined;
if (useCache) {
  try {
    where = cacheFile();
    kept = readKept(where.file);
  } catch {
    where = undefined;
  }
}
// The user's kept code holds the build's and more; the build's serves until there is some.
const built = kept ? undefined : readBuilt(programBytes);

// The same wrapper Node puts around a CommonJS module, on the first line, so positions in stack traces are the file's.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: PROGRAM,
  ...(kept || built ? { cachedData: (kept ?? built)!.data } : {}),
});

const command = commandOf(process.argv);
if (where) {
  const usable = kept !== undefined && !script.cachedDataRejected;
  const commands = usable ? kept!.commands : [];
  // At exit, V8 has compiled what this run used: keep it when there was nothing usable, or when this command had not
  // been run with the kept code (which then holds both). Other runs pay nothing at exit.
  if (!usable || (!commands.includes(command) && commands.length < MAX_COMMANDS)) {
    const { dir, file } = where;
    process.once("exit", () => writeKept(dir, file, script.createCachedData(), [...commands, command]));
  }
}
if (building) {
  const commands = built && !script.cachedDataRejected ? built.commands : [];
  process.once("exit", () => writeBuilt(programBytes, script.createCachedData(), commands.includes(command) ? commands : [...commands, command]));
}

const programModule = { exports: {}, filename: PROGRAM, id: PROGRAM, loaded: false };
(script.runInThisContext() as (...args: unknown[]) => void).call(
  programModule.exports,
  programModule.exports,
  createRequire(PROGRAM),
  programModule,
  PROGRAM,
  dirname(PROGRAM),
);
