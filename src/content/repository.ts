// The git repository a folder is in: where GitHub's own pages start, above which a relative link is not a file.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The nearest folder at or above `dir` that holds `.git` (a folder, or a file as in a worktree), or undefined
 * outside a repository. `cache` keeps each folder's answer, for a caller that asks for many files' folders.
 */
export function repositoryOf(dir: string, cache?: Map<string, string | undefined>): string | undefined {
  const seen: string[] = [];
  let found: string | undefined;
  for (let at = dir; ; at = dirname(at)) {
    if (cache?.has(at)) {
      found = cache.get(at);
      break;
    }
    seen.push(at);
    if (existsSync(join(at, ".git"))) {
      found = at;
      break;
    }
    if (dirname(at) === at) break;
  }
  if (cache) for (const at of seen) cache.set(at, found);
  return found;
}
