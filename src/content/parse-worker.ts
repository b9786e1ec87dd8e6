// A parse thread: takes the next file from the shared counter until none is left, and posts each outcome back on
// its port. The signatures of a file go back in one transferred buffer; an outcome that cannot be posted goes back
// empty, and the loader reads that file itself.

import { workerData, type MessagePort } from "node:worker_threads";
import { parseJob, type ParseJob } from "./parse-job.js";
import { packSignatures } from "./parse-pool.js";

const { jobs, next, port } = workerData as { jobs: ParseJob[]; next: Int32Array; port: MessagePort };

for (;;) {
  const index = Atomics.add(next, 0, 1);
  if (index >= jobs.length) break;
  try {
    const outcome = parseJob(jobs[index]!);
    port.postMessage({ index, outcome }, packSignatures(outcome));
  } catch {
    port.postMessage({ index });
  }
}
port.close();
