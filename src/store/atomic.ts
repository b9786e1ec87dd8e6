// Durable file writes: a crash at any instant leaves either the old file or the new one, never a mix.

import { closeSync, fchmodSync, fstatSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, type BigIntStats, type Stats } from "node:fs";
import { dirname } from "node:path";

/**
 * Whether the mode bits let this process write the file: the owner's, the group's or everyone's write bit, as the
 * kernel picks them. Root passes every such check, so for root a file is writable when anyone may write it: a file
 * nobody may write (chmod 444) was made read-only on purpose, and replacing it by rename would undo that.
 */
export function writePermitted(st: Stats): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return (st.mode & 0o200) !== 0; // no users here: the owner's bit is the read-only flag
  if (uid === 0) return (st.mode & 0o222) !== 0;
  if (st.uid === uid) return (st.mode & 0o200) !== 0;
  if (st.gid === process.getgid?.() || process.getgroups?.().includes(st.gid)) return (st.mode & 0o020) !== 0;
  return (st.mode & 0o002) !== 0;
}

/** "0444": permission bits as chmod takes them. */
export const modeOf = (st: Stats): string => (st.mode & 0o777).toString(8).padStart(4, "0");

/**
 * Writes to a temp file beside `path`, fsyncs it, renames it over `path`, then fsyncs the folder. An existing file
 * keeps its permission bits, and a read-only one is refused (EACCES), not replaced. A new one gets `newFileMode`
 * narrowed by the umask: private (0600) by default, as progress is; an export passes 0666, so it is as readable as any
 * file the user writes. `path` is the file itself: a caller writing through a symbolic link passes the link's target.
 * Returns the new file's status as written, before the rename.
 */
export function writeFileAtomic(path: string, text: string, newFileMode = 0o600): BigIntStats {
  let existing: Stats | undefined;
  try {
    existing = statSync(path);
  } catch {
    // not there yet
  }
  if (existing && !writePermitted(existing)) {
    throw Object.assign(new Error(`${path} is read-only (mode ${modeOf(existing)})`), { code: "EACCES" });
  }
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w", existing ? 0o600 : newFileMode);
  let written: BigIntStats;
  try {
    // Set on the open file, so the umask does not narrow it; the temp file is private until then.
    if (existing) fchmodSync(fd, existing.mode & 0o777);
    // A write may take fewer bytes than given (a disk close to full): write the rest until all are down, and
    // refuse a write that takes none, so that a partial file is never renamed over a whole one.
    const bytes = Buffer.from(text);
    for (let off = 0; off < bytes.length; ) {
      const n = writeSync(fd, bytes, off, bytes.length - off);
      if (n <= 0) throw Object.assign(new Error(`${temp}: no space left on device`), { code: "ENOSPC" });
      off += n;
    }
    fsyncSync(fd);
    written = fstatSync(fd, { bigint: true });
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  closeSync(fd);
  renameSync(temp, path);
  fsyncDir(dirname(path));
  return written;
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on folders; the rename itself is still atomic there.
  }
}
