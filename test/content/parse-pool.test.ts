import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { parseJob, type ParseJob, type ParseOutcome } from "../../src/content/parse-job.js";
import { parseInThreads } from "../../src/content/parse-pool.js";
import { MIN_BYTES_PER_THREAD, threadsFor } from "../../src/content/threads.js";
import { BUNDLED_CONTENT } from "../../src/content/load.js";

/** The built parse thread: `npm test` builds before it runs the tests. */
const WORKER = new URL("../../dist/content/parse-worker.js", import.meta.url);
const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

function jobsOf(options: Partial<ParseJob>): ParseJob[] {
  const files = [
    ...readdirSync(BUNDLED_CONTENT).filter((f) => f.endsWith(".md")).map((f) => join(BUNDLED_CONTENT, f)),
    ...["good/queues.md", "warn/warn.md", "bad/broken.md"].map((f) => join(FIXTURES, f)),
    join(FIXTURES, "no-such-file.md"),
  ];
  return files.map((abs) => ({ abs, file: abs, digest: false, facts: true, outline: true, ...options }));
}

/** An outcome as plain data: typed arrays as number arrays, so outcomes from two threads compare by value. */
function plain(outcome: ParseOutcome | undefined): unknown {
  return JSON.parse(JSON.stringify(outcome, (_k, v: unknown) => (v instanceof Uint32Array ? [...v] : v)));
}

/** Blocks this thread for `ms`: a slow reader here, so that the other thread surely takes some files. */
function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The built parse thread behind a gate that says when it is ready: its parsing code loaded, it starts taking files.
 * A thread slow to start (a loaded machine) could otherwise find every file taken by this one.
 */
function gatedWorker(): { url: URL; ready: () => boolean } {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-pool-"));
  const marker = join(dir, "ready");
  const gate = join(dir, "gate.mjs");
  const parseJobUrl = new URL("../../dist/content/parse-job.js", import.meta.url).href;
  writeFileSync(
    gate,
    `import { writeFileSync } from "node:fs";\nawait import(${JSON.stringify(parseJobUrl)});\nwriteFileSync(${JSON.stringify(marker)}, "");\nawait import(${JSON.stringify(WORKER.href)});\n`,
  );
  return { url: new URL(`file://${gate}`), ready: () => existsSync(marker) };
}

async function inThreads(jobs: ParseJob[], worker: URL, slow = 0, ready: () => boolean = () => true) {
  const delivered: (ParseOutcome | undefined)[] = new Array(jobs.length);
  const times = new Array<number>(jobs.length).fill(0);
  let here = 0;
  // Waits for the other thread to be ready, 20 seconds at most over all the files.
  let patience = 20_000;
  const run = (job: ParseJob): ParseOutcome => {
    here++;
    for (; !ready() && patience > 0; patience -= 20) stall(20);
    stall(slow);
    return parseJob(job);
  };
  await parseInThreads(jobs, 2, run, (i, o) => {
    times[i]!++;
    delivered[i] = o;
  }, worker);
  return { delivered, times, here };
}

describe("reading a content set in parallel", () => {
  for (const [name, options] of [
    ["validate's outline", { outline: true, facts: true }],
    ["a cached parse (facts apart, texts kept)", { outline: false, facts: true, digest: true }],
    ["a quiz's whole parse", { outline: false, facts: false }],
  ] as const) {
    it(`gives the same outcome for every file as one thread does: ${name}`, async () => {
      const jobs = jobsOf(options);
      const gated = gatedWorker();
      const { delivered, times, here } = await inThreads(jobs, gated.url, 150, gated.ready);
      expect(times.every((t) => t === 1)).toBe(true);
      // The other thread read some of the files (this one was slow), and this one some.
      expect(here).toBeGreaterThan(0);
      expect(here).toBeLessThan(jobs.length);
      for (let i = 0; i < jobs.length; i++) expect(plain(delivered[i])).toEqual(plain(parseJob(jobs[i]!)));
      // Unreadable files come back as their diagnostic, wherever they were read.
      expect(delivered.at(-1)).toMatchObject({ diagnostic: { rule: "unreadable-file" } });
    });
  }

  it("reads every file here when the thread cannot start", async () => {
    const jobs = jobsOf({});
    const { delivered, times, here } = await inThreads(jobs, new URL("./no-such-worker.js", WORKER), 20);
    expect(here).toBe(jobs.length);
    expect(times.every((t) => t === 1)).toBe(true);
    for (let i = 0; i < jobs.length; i++) expect(plain(delivered[i])).toEqual(plain(parseJob(jobs[i]!)));
  });

  it("reads again the files a thread took and never delivered", async () => {
    // A thread that takes two files from the counter and dies without a word.
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-pool-"));
    const dying = join(dir, "dying.mjs");
    writeFileSync(dying, `import { workerData } from "node:worker_threads";\nAtomics.add(workerData.next, 0, 2);\nprocess.exit(3);\n`);
    const jobs = jobsOf({});
    const { delivered, times } = await inThreads(jobs, new URL(`file://${dying}`), 50);
    expect(times.every((t) => t === 1)).toBe(true);
    for (let i = 0; i < jobs.length; i++) expect(plain(delivered[i])).toEqual(plain(parseJob(jobs[i]!)));
  });

  it("uses one thread for a bank that a second would not speed up, and every core for a large one", () => {
    expect(threadsFor(5_000_000, 10, {})).toBe(1);
    expect(threadsFor(MIN_BYTES_PER_THREAD * 3, 100, {})).toBe(Math.min(availableParallelism(), 4, 8));
    expect(threadsFor(MIN_BYTES_PER_THREAD * 3, 1, {})).toBe(1);
    expect(threadsFor(MIN_BYTES_PER_THREAD * 3, 100, { COGQUIZ_THREADS: "1" })).toBe(1);
    expect(threadsFor(1000, 100, { COGQUIZ_THREADS: "3" })).toBe(3);
    expect(threadsFor(1000, 2, { COGQUIZ_THREADS: "3" })).toBe(2);
  });
});
