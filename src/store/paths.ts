// Where progress lives: $XDG_DATA_HOME/cogquiz/progress.json (~/.local/share/cogquiz/), or --data / COGQUIZ_DATA.
// The review log and the lock sit beside the progress file.

import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

export interface DataPaths {
  progress: string;
  log: string;
  lock: string;
}

export function dataPaths(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): DataPaths {
  const chosen = flag ?? (env.COGQUIZ_DATA && env.COGQUIZ_DATA !== "" ? env.COGQUIZ_DATA : undefined);
  const progress = chosen
    ? resolve(chosen)
    : join(env.XDG_DATA_HOME && env.XDG_DATA_HOME !== "" ? env.XDG_DATA_HOME : join(homedir(), ".local", "share"), "cogquiz", "progress.json");
  const dir = dirname(progress);
  const stem = basename(progress).replace(/\.json$/i, "");
  return {
    progress,
    log: join(dir, stem === "progress" ? "reviews.jsonl" : `${stem}.reviews.jsonl`),
    lock: `${progress}.lock`,
  };
}
