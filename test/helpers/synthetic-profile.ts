// A progress file and review log written as a simulated learner would have left them.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticLog, type LearnerOptions, type SyntheticLog } from "../../src/analysis/learner.js";
import { emptyProgress } from "../../src/store/schema.js";

export interface Profile {
  dir: string;
  progress: string;
  log: SyntheticLog;
}

export function writeProfile(options: LearnerOptions, edit?: (progress: ReturnType<typeof emptyProgress>) => void): Profile {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-opt-"));
  mkdirSync(dir, { recursive: true });
  const log = syntheticLog(options);
  const text = log.records.map((r) => `${JSON.stringify(r)}\n`).join("");
  writeFileSync(join(dir, "reviews.jsonl"), text);
  const p = emptyProgress();
  p.cards = log.cards;
  p.logApplied = Buffer.byteLength(text);
  edit?.(p);
  writeFileSync(join(dir, "progress.json"), JSON.stringify(p));
  return { dir, progress: join(dir, "progress.json"), log };
}
