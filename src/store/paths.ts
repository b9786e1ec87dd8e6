// Where progress lives: $XDG_DATA_HOME/cogquiz/progress.json (~/.local/share/cogquiz/), or --data / COGQUIZ_DATA.
// The review log and the lock sit beside the progress file. All three come from one normalised path, so
// `--data dir/progress`, `--data dir/progress.json` and `--data dir/../dir/progress.json` are one profile: the same
// progress file, the same log, the same lock.

import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

export interface DataPaths {
  progress: string;
  log: string;
  lock: string;
  /** The path as given, when normalising changed its name (`dir/progress` for `dir/progress.json`). */
  given?: string;
}

/** The folder with symbolic links resolved where it exists, so two spellings of one folder give one lock. */
function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir; // not there yet: created on first write
  }
}

export function dataPaths(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): DataPaths {
  const chosen = flag ?? (env.COGQUIZ_DATA && env.COGQUIZ_DATA !== "" ? env.COGQUIZ_DATA : undefined);
  const given = chosen
    ? resolve(chosen)
    : join(env.XDG_DATA_HOME && env.XDG_DATA_HOME !== "" ? env.XDG_DATA_HOME : join(homedir(), ".local", "share"), "cogquiz", "progress.json");
  const dir = realFolder(dirname(given));
  const stem = basename(given).replace(/\.json$/i, "");
  const progress = join(dir, `${stem}.json`);
  const out: DataPaths = {
    progress,
    log: join(dir, stem === "progress" ? "reviews.jsonl" : `${stem}.reviews.jsonl`),
    lock: `${progress}.lock`,
  };
  if (basename(given) !== basename(progress)) out.given = join(dir, basename(given));
  return out;
}
