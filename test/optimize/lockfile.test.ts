// npm writes only the current machine's optional platform package into a lock file it updates (npm/cli#4828); then
// `npm ci` on another platform installs no optimizer binary. The lock must list every one of them, for both builds of
// the optimizer: the portable one (a dependency, with a binary for every platform) and the faster later one (an
// optional dependency under an npm alias, whose binaries the registry serves for linux x64 only).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
type Entry = { version?: string; integrity?: string; os?: string[]; cpu?: string[]; libc?: string[]; optional?: boolean; optionalDependencies?: Record<string, string> };
const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as { packages: Record<string, Entry> };
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
const BINDING = "@open-spaced-repetition/binding";
const FAST = "fsrs-binding-0.5";

/** os / cpu / libc a napi-rs platform package is named after. */
function expectedPlatform(name: string): { os?: string; cpu: string; libc?: string } {
  const [os, cpu, abi] = name.slice(`${BINDING}-`.length).split("-") as [string, string, string | undefined];
  if (os === "wasm32") return { cpu: "wasm32" };
  return { os, cpu, ...(os === "linux" ? { libc: abi === "musl" ? "musl" : "glibc" } : {}) };
}

/** The lock's entries for a build's platform packages: at the top level, or nested under the build when the top level has another version. */
function platformEntries(parentKey: string): [name: string, entry: Entry | undefined][] {
  const parent = lock.packages[parentKey]!;
  return Object.keys(parent.optionalDependencies ?? {}).map((name) => {
    const top = lock.packages[`node_modules/${name}`];
    return [name, top?.version === parent.version ? top : lock.packages[`${parentKey}/node_modules/${name}`]];
  });
}

const MAIN_PLATFORMS = ["darwin-arm64", "darwin-x64", "linux-arm64-gnu", "linux-arm64-musl", "linux-x64-gnu", "linux-x64-musl", "win32-x64-msvc"];

describe("the lock file and the FSRS optimizer's platform packages", () => {
  const portable = lock.packages[`node_modules/${BINDING}`];
  const fast = lock.packages[`node_modules/${FAST}`];

  it("pins both builds of the optimizer to one exact version each (it is a public beta)", () => {
    expect(pkg.dependencies[BINDING]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(portable?.version).toBe(pkg.dependencies[BINDING]);
    const alias = pkg.optionalDependencies?.[FAST];
    expect(alias).toMatch(new RegExp(`^npm:${BINDING}@\\d+\\.\\d+\\.\\d+$`));
    expect(fast?.version).toBe(alias!.slice(alias!.lastIndexOf("@") + 1));
    expect(fast?.optional).toBe(true);
    expect(portable?.integrity).toMatch(/^sha512-/);
    expect(fast?.integrity).toMatch(/^sha512-/);
  });

  it("holds every platform package of the portable build, at its version with its integrity, for the platform its name says", () => {
    const entries = platformEntries(`node_modules/${BINDING}`);
    expect(entries.length).toBeGreaterThanOrEqual(11);
    for (const platform of MAIN_PLATFORMS) expect(entries.map(([n]) => n)).toContain(`${BINDING}-${platform}`);
    for (const [name, entry] of entries) {
      expect(entry, `${name} is missing from package-lock.json (run node scripts/lock-platforms.mjs)`).toBeDefined();
      expect(entry!.version, name).toBe(portable!.version);
      expect(entry!.optional, name).toBe(true);
      expect(entry!.integrity, name).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
      const want = expectedPlatform(name);
      expect(entry!.cpu, name).toEqual([want.cpu]);
      if (want.os) expect(entry!.os, name).toEqual([want.os]);
      if (want.libc) expect(entry!.libc, name).toEqual([want.libc]);
    }
  });

  it("holds every platform package the faster build lists (else npm ci refuses the lock), with linux x64's integrity", () => {
    const entries = platformEntries(`node_modules/${FAST}`);
    for (const platform of MAIN_PLATFORMS) expect(entries.map(([n]) => n)).toContain(`${BINDING}-${platform}`);
    for (const [name, entry] of entries) {
      expect(entry, `${name}@${fast!.version} is missing from package-lock.json (run node scripts/lock-platforms.mjs)`).toBeDefined();
      expect(entry!.version, name).toBe(fast!.version);
      expect(entry!.optional, name).toBe(true);
      if (entry!.integrity !== undefined) expect(entry!.integrity, name).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
      const want = expectedPlatform(name);
      expect(entry!.cpu, name).toEqual([want.cpu]);
      if (want.os) expect(entry!.os, name).toEqual([want.os]);
    }
    expect(entries.find(([n]) => n === `${BINDING}-linux-x64-gnu`)?.[1]?.integrity).toMatch(/^sha512-/);
  });
});
