// Reading a large content set on every core: the loader's thread and its parse threads take files from one shared
// counter (so a slow start or a slow file never leaves a thread idle while files remain), and the loader takes the
// threads' outcomes between its own files. Any file a thread did not deliver (it failed to start, died, or its
// outcome could not be posted) is read by the loader at the end: the outcome is the same either way.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { ParseJob, ParseOutcome } from "./parse-job.js";

interface Helper {
  worker: Worker;
  port: MessagePort;
  exited: boolean;
}

/**
 * Runs `run` over every job, in `threads` threads (this one included), and gives each outcome to `deliver` once,
 * in the order they finish. `run` in this thread is the same function the worker at `workerUrl` runs.
 */
export async function parseInThreads(
  jobs: readonly ParseJob[],
  threads: number,
  run: (job: ParseJob) => ParseOutcome,
  deliver: (index: number, outcome: ParseOutcome) => void,
  workerUrl: URL,
): Promise<void> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const done = new Uint8Array(jobs.length);
  let left = jobs.length;
  const take = (index: number, outcome: ParseOutcome): void => {
    if (done[index]) return;
    done[index] = 1;
    left--;
    deliver(index, outcome);
  };
  const helpers: Helper[] = [];
  for (let t = 1; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    try {
      // A larger young generation, as for the simulator's threads: a parse makes many short-lived objects.
      const worker = new Worker(workerUrl, {
        workerData: { jobs, next, port: port2 },
        transferList: [port2],
        resourceLimits: { maxYoungGenerationSizeMb: 48 },
      });
      const helper: Helper = { worker, port: port1, exited: false };
      worker.on("error", () => undefined); // its files are read here instead
      worker.once("exit", () => (helper.exited = true));
      worker.unref();
      helpers.push(helper);
    } catch {
      port1.close();
      port2.close();
    }
  }
  const poll = (): void => {
    for (const h of helpers) {
      for (let m = receiveMessageOnPort(h.port); m; m = receiveMessageOnPort(h.port)) {
        const { index, outcome } = m.message as { index: number; outcome?: ParseOutcome };
        if (outcome) take(index, outcome);
      }
    }
  };
  for (let index = Atomics.add(next, 0, 1); index < jobs.length; index = Atomics.add(next, 0, 1)) {
    take(index, run(jobs[index]!));
    poll();
  }
  // Every file is taken: wait for those a thread is still reading, as long as it lives.
  for (poll(); left > 0 && helpers.some((h) => !h.exited); poll()) await new Promise((r) => setTimeout(r, 1));
  poll();
  for (const h of helpers) {
    h.port.close();
    void h.worker.terminate();
  }
  for (let index = 0; index < jobs.length; index++) if (!done[index]) take(index, run(jobs[index]!));
}

/**
 * Moves a file's signatures into one buffer of their own, to be transferred with the outcome: posted as they are,
 * each view would copy the whole shared block it is cut from.
 */
export function packSignatures(outcome: ParseOutcome): ArrayBuffer[] {
  if (!("parsed" in outcome)) return [];
  const facts = outcome.facts ?? outcome.parsed.drafts.map((d) => d.facts);
  let length = 0;
  for (const f of facts) length += f?.signature?.length ?? 0;
  if (length === 0) return [];
  const all = new Uint32Array(length);
  let at = 0;
  for (const f of facts) {
    if (!f?.signature) continue;
    all.set(f.signature, at);
    f.signature = all.subarray(at, at + f.signature.length);
    at += f.signature.length;
  }
  return [all.buffer];
}
