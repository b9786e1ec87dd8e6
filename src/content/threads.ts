// How many threads read a content set: a figure the loader needs before it loads the thread pool itself.

import { availableParallelism } from "node:os";

/**
 * A thread costs its start (a second copy of the reader to load and warm up) and copying its outcomes back. On a
 * 2-core machine it paid only from about this much text each: a 52 MB bank was read 12-33 % faster in two threads,
 * a 10 MB one no faster and a 5 MB one slower.
 */
export const MIN_BYTES_PER_THREAD = 16 * 1024 * 1024;
const MAX_THREADS = 8;

/**
 * How many threads read `bytes` of markdown in `files` files: one, and one more for each MIN_BYTES_PER_THREAD, at
 * most one per core and one per file. COGQUIZ_THREADS (a whole number from 1 to 8) sets it instead, files allowing: 1 reads
 * in the loader's thread alone. An empty COGQUIZ_THREADS is unset, as an empty COGQUIZ_DATA or NO_COLOR is: a CI
 * variable that is not defined expands to "".
 */
export function threadsFor(bytes: number, files: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.COGQUIZ_THREADS;
  if (asked !== undefined && /^[1-8]$/.test(asked.trim())) return Math.max(1, Math.min(Number(asked), files));
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, files, 1 + Math.floor(bytes / MIN_BYTES_PER_THREAD)));
}

/** What is wrong with a COGQUIZ_THREADS value, in a sentence; undefined when it is unset (or empty) or usable. */
export function threadsSettingProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const threads = env.COGQUIZ_THREADS;
  if (threads === undefined || threads === "" || /^[1-8]$/.test(threads.trim())) return undefined;
  return `COGQUIZ_THREADS must be a whole number from 1 to 8, the threads that read a large bank (got "${threads}")`;
}
