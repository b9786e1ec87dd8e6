#!/usr/bin/env node
// The `cogquiz` command: runs the bundled program (dist/program.cjs, made by scripts/bundle.mjs) with the code V8
// compiled for it on earlier runs, so a start does not parse and compile a megabyte of JavaScript again (about
// 25 ms of a quiz start on a 2-core machine). The compiled code is kept in $XDG_CACHE_HOME/cogquiz/ (~/.cache/cogquiz/)
// beside the parse cache; deleting it is always safe, and COGQUIZ_NO_CACHE=1 turns both off.
//
// Nothing here may stop the program: a cache that is missing, damaged, of another build or of another Node, or a
// folder that cannot be written, only means the program is compiled as it would be without one.

import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";

const PROGRAM = join(__dirname, "program.cjs");
/** The cache file's first bytes; a new layout gets a new one, so an old file is never misread. */
const MAGIC = "cogquiz-code-1\n";
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

/** The kept code, if it is whole: a header line of commands and a digest, then the bytes the digest is of. */
function readKept(file: string): Kept | undefined {
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
    if (bytes.length !== st.size || bytes.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
    const end = bytes.indexOf(10, MAGIC.length);
    if (end < 0) return undefined;
    const [digest, ...commands] = bytes.toString("latin1", MAGIC.length, end).split(" ");
    const data = bytes.subarray(end + 1);
    if (digest !== createHash("sha1").update(data).digest("hex")) return undefined;
    return { data, commands };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function writeKept(dir: string, file: string, data: Buffer, commands: string[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    const header = `${MAGIC}${createHash("sha1").update(data).digest("hex")} ${commands.join(" ")}\n`;
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([Buffer.from(header, "latin1"), data]), { mode: 0o600 });
    renameSync(temp, file);
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

const source = readFileSync(PROGRAM, "utf8");
const useCache = process.env.COGQUIZ_NO_CACHE !== "1";
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

// The same wrapper Node puts around a CommonJS module, on the first line, so positions in stack traces are the file's.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: PROGRAM,
  ...(kept ? { cachedData: kept.data } : {}),
});

if (where) {
  const command = commandOf(process.argv);
  const usable = kept !== undefined && !script.cachedDataRejected;
  const commands = usable ? kept!.commands : [];
  // At exit, V8 has compiled what this run used: keep it when there was nothing usable, or when this command had not
  // been run with the kept code (which then holds both). Other runs pay nothing at exit.
  if (!usable || (!commands.includes(command) && commands.length < MAX_COMMANDS)) {
    const { dir, file } = where;
    process.once("exit", () => writeKept(dir, file, script.createCachedData(), [...commands, command]));
  }
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
