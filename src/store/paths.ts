// Where progress lives: $XDG_DATA_HOME/cogquiz/progress.json (~/.local/share/cogquiz/), or --data / COGQUIZ_DATA
// (a file, or a folder to keep progress.json in).
// The review log and the lock sit beside the progress file. All three come from one normalised path, so
// `--data dir/progress`, `--data dir/progress.json` and `--data dir/../dir/progress.json` are one profile: the same
// progress file, the same log, the same lock.
//
// A progress file that is a symbolic link is the file it links to: its log and lock are the target's, beside the
// target, so every path that reaches one progress file reaches one log and one lock, and two sessions can never run
// on one file through two names.

import { existsSync, realpathSync, statSync } from "node:fs";
import { UsageError } from "../errors.js";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";

export interface DataPaths {
  /** The progress file: the target, when the path names a symbolic link to an existing file. */
  progress: string;
  log: string;
  lock: string;
  /** The path as given, when normalising changed its name (`dir/progress` for `dir/progress.json`). */
  given?: string;
  /**
   * When the progress file is reached through a symbolic link: the link, and the log a cogquiz before this rule kept
   * beside it (checked before use, so a log there is never silently left behind).
   */
  link?: { progress: string; log: string };
}

/**
 * The path with symbolic links resolved where it exists, so two spellings of one file or folder give one lock (or
 * one review log to analyse); the path itself where it cannot be resolved.
 */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // not there yet (created on first write), or a dangling link (refused when opened)
  }
}

/**
 * The regular file a symbolic link reaches, or the path itself: a link to anything else (a device, a folder, nothing)
 * stays as named, and opening it is refused with what it links to.
 */
function linkedFile(path: string): string {
  const real = realPath(path);
  if (real === path) return path;
  try {
    return statSync(real).isFile() ? real : path;
  } catch {
    return path;
  }
}

/** The review log of a progress file: `reviews.jsonl` beside `progress.json`, `<stem>.reviews.jsonl` beside others. */
function logOf(progress: string): string {
  const stem = basename(progress).replace(/\.json$/i, "");
  return join(dirname(progress), stem === "progress" ? "reviews.jsonl" : `${stem}.reviews.jsonl`);
}

/** Whether a path names a folder (links followed) that exists. */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The progress file `--data` (or COGQUIZ_DATA) names. A path ending in a slash, or naming a folder that exists, is the
 * folder to keep progress in: `progress.json` inside it. A folder `dir/study` beside a progress file
 * `dir/study.json` is two readings of `--data dir/study`; that one is refused, naming both.
 */
function chosenFile(chosen: string): string {
  // Many tools take "-" for standard input or output; progress is a file that is read, locked and rewritten in place.
  if (chosen === "-") throw new UsageError('progress cannot be kept in "-": it would be a file named -.json in this folder, not standard output; give --data (or COGQUIZ_DATA) a file or a folder');
  const path = resolve(chosen);
  if (/[/\\]$/.test(chosen)) return join(path, "progress.json");
  if (!isFolder(path)) return path;
  const file = join(dirname(path), `${basename(path).replace(/\.json$/i, "")}.json`);
  if (file !== path && existsSync(file)) {
    throw new UsageError(
      `--data ${chosen} names a folder, and ${file} is a progress file: say which one, --data ${file} for that file or --data ${join(path, "/")} for progress.json in the folder`,
    );
  }
  return join(path, "progress.json");
}

/**
 * An XDG base folder (XDG_DATA_HOME, XDG_CACHE_HOME) or its default under the home folder. As the XDG Base
 * Directory specification says, a relative path is no base and is ignored: it would name another folder from each
 * folder cogquiz is started in, and the progress kept in one would seem lost from the others.
 */
export function xdgBase(value: string | undefined, ...fallback: string[]): string {
  return value !== undefined && isAbsolute(value) ? value : join(homedir(), ...fallback);
}

export function dataPaths(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): DataPaths {
  const chosen = flag ?? (env.COGQUIZ_DATA && env.COGQUIZ_DATA !== "" ? env.COGQUIZ_DATA : undefined);
  const given = chosen
    ? chosenFile(chosen)
    : join(xdgBase(env.XDG_DATA_HOME, ".local", "share"), "cogquiz", "progress.json");
  const dir = realPath(dirname(given));
  const named = join(dir, `${basename(given).replace(/\.json$/i, "")}.json`);
  const progress = linkedFile(named);
  const out: DataPaths = { progress, log: logOf(progress), lock: `${progress}.lock` };
  if (basename(given) !== basename(named)) out.given = join(dir, basename(given));
  if (progress !== named) out.link = { progress: named, log: logOf(named) };
  return out;
}
