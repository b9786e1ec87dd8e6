import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = fileURLToPath(new URL("../../dist/cogquiz.cjs", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Parse caches of test runs stay out of the user's ~/.cache. */
export const TEST_CACHE = join(tmpdir(), `cogquiz-test-cache-${process.pid}`);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary without a terminal, as CI and scripts do. */
export function cogquiz(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
  // Progress of the person running the tests is never read or written: a fresh, empty data path by default.
  // A step summary only when the test asks for one, not the one of the CI job running the tests.
  const { GITHUB_STEP_SUMMARY: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NO_COLOR: "1",
    COGQUIZ_DATA: join(tmpdir(), `cogquiz-none-${process.pid}`, "progress.json"),
    XDG_CACHE_HOME: TEST_CACHE,
    ...options.env,
  };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env, encoding: "utf8", timeout: 60_000, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
