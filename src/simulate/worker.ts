// A worker thread of the simulator: runs the jobs for its range of learners and posts the figures back.

import { parentPort, workerData } from "node:worker_threads";
import { runJobs, type Job } from "./strategies.js";
import type { SimulationConfig } from "./runner.js";

const { config, jobs, range } = workerData as { config: SimulationConfig; jobs: Job[]; range: [number, number] };
parentPort!.postMessage(runJobs(config, jobs, range));
