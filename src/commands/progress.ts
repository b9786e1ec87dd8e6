// Opening the progress store for a command, with its start-up report turned into notes for the user.

import { ProgressStore } from "../store/progress-store.js";
import { dataPaths } from "../store/paths.js";
import type { GlobalOptions } from "./content-set.js";

export async function openProgress(globals: GlobalOptions, lock: boolean, note: (text: string) => void): Promise<ProgressStore> {
  const store = await ProgressStore.open(dataPaths(globals.data), { lock });
  const r = store.report;
  if (r.migrated) note(`progress file upgraded from schema version ${r.migrated.version}; the old file is kept at ${r.migrated.backup}`);
  if (r.replayed > 0) note(`recovered ${r.replayed} answer${r.replayed === 1 ? "" : "s"} from the review log`);
  if (r.badLogLines > 0) note(`skipped ${r.badLogLines} unreadable line${r.badLogLines === 1 ? "" : "s"} in ${store.paths.log} (a write cut off by a crash); nothing else was lost`);
  if (r.logShrunk) note(`the review log ${store.paths.log} is shorter than expected; progress.json is kept as is`);
  return store;
}
