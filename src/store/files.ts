// What the store says about files it cannot use, and the checks it makes before trusting a path: the kind of file
// (a FIFO or a device in place of a data file would hang or flood a reader), and a size cap on what it reads.

import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type BigIntStats, type Dirent, type Stats } from "node:fs";
import { basename, dirname } from "node:path";
import { UserFacingError } from "../errors.js";

/** A data file we will not touch: it is reported with what to do, and never overwritten. Exit 1. */
export class ProgressFileError extends UserFacingError {}

/** "a folder", "a FIFO (named pipe)", …: what a path is, for a message. */
/** What a file is, in words, from its stat or its directory entry. */
export function kindOf(st: Pick<Stats | BigIntStats | Dirent, "isFile" | "isDirectory" | "isSymbolicLink" | "isFIFO" | "isCharacterDevice" | "isBlockDevice" | "isSocket">): string {
  if (st.isFile()) return "a regular file";
  if (st.isDirectory()) return "a folder";
  if (st.isSymbolicLink()) return "a symbolic link";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ENXIO: "it is a FIFO or device nobody reads",
  ELOOP: "too many symbolic links",
  EIO: "an input/output error",
  ENOENT: "it does not exist",
};

/** A system error as a reason a user can act on, with its code: "the disk is full (ENOSPC)". */
export function describeFileError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * A file's identity and last change, to tell whether anything wrote it since: folder entry (device, inode), size,
 * modification and status-change times to the nanosecond (the status-change time moves on any write, and no program
 * can set it back).
 */
export function stampOf(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** A digest of a file's bytes, for when its stamp moved but its content may not have (a touch, a chmod). */
export function digestOf(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A file as read, with its stamp taken before the first byte was (so a write during the read shows as a change). */
export interface StampedText {
  text: string;
  stamp: string;
  digest: string;
}

/**
 * Reads a regular file whole, up to `cap` bytes; undefined when it does not exist. Anything else (a FIFO, a device,
 * a folder, a file over the cap) throws a ProgressFileError naming `what`, before a byte is read.
 */
export function readRegularFile(path: string, cap: number, what: string): string | undefined {
  return readStamped(path, cap, what, false)?.text;
}

/** readRegularFile, with the file's stamp and digest: what a writer compares against before it replaces the file. */
export function readRegularFileStamped(path: string, cap: number, what: string): StampedText | undefined {
  return readStamped(path, cap, what, true) as StampedText | undefined;
}

function readStamped(path: string, cap: number, what: string, stamped: boolean): { text: string; stamp?: string; digest?: string } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ProgressFileError(`cannot read ${what} ${path}: ${describeFileError(e)}`);
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile()) throw new ProgressFileError(`${what} ${path} is ${kindOf(st)}, not a regular file; cogquiz will not read or replace it. Move it aside and start again`);
    if (st.size > cap) throw new ProgressFileError(`${what} ${path} is ${st.size} bytes, more than the ${cap} cogquiz reads; it is not a progress file. It was left untouched`);
    const buf = Buffer.alloc(Number(st.size));
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buf.subarray(0, read);
    return stamped ? { text: bytes.toString("utf8"), stamp: stampOf(st), digest: digestOf(bytes) } : { text: bytes.toString("utf8") };
  } finally {
    closeSync(fd);
  }
}

/**
 * The names in `file`'s folder that start with `file`'s own name and a dot, with what follows the dot: companions a
 * killed process may have left (temp files, claims). An unreadable folder has none.
 */
export function companionNames(file: string): { name: string; rest: string }[] {
  const base = basename(file);
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(`${base}.`)).map((name) => ({ name, rest: name.slice(base.length + 1) }));
}
