// npm writes only the current machine's optional platform package into a lock file it updates (npm/cli#4828); then
// `npm ci` on another platform installs no optimizer binary. The lock must list every one of them.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as {
  packages: Record<string, { version?: string; integrity?: string; os?: string[]; cpu?: string[]; libc?: string[]; optional?: boolean; optionalDependencies?: Record<string, string> }>;
};
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { dependencies: Record<string, string> };
const BINDING = "@open-spaced-repetition/binding";

/** os / cpu / libc a napi-rs platform package is named after. */
function expectedPlatform(name: string): { os?: string; cpu: string; libc?: string } {
  const [os, cpu, abi] = name.slice(`${BINDING}-`.length).split("-") as [string, string, string | undefined];
  if (os === "wasm32") return { cpu: "wasm32" };
  return { os, cpu, ...(os === "linux" ? { libc: abi === "musl" ? "musl" : "glibc" } : {}) };
}

describe("the lock file and the FSRS optimizer's platform packages", () => {
  const binding = lock.packages[`node_modules/${BINDING}`];

  it("pins the optimizer to one exact version (it is a public beta)", () => {
    expect(pkg.dependencies[BINDING]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(binding?.version).toBe(pkg.dependencies[BINDING]);
  });

  it("holds every platform package the optimizer lists, at its version, for the platform its name says", () => {
    const names = Object.keys(binding?.optionalDependencies ?? {});
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const platform of ["darwin-arm64", "darwin-x64", "linux-arm64-gnu", "linux-arm64-musl", "linux-x64-gnu", "linux-x64-musl", "win32-x64-msvc"]) {
      expect(names).toContain(`${BINDING}-${platform}`);
    }
    for (const name of names) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, `${name} is missing from package-lock.json (run node scripts/lock-platforms.mjs)`).toBeDefined();
      expect(entry!.version, name).toBe(binding!.version);
      expect(entry!.optional, name).toBe(true);
      const want = expectedPlatform(name);
      expect(entry!.cpu, name).toEqual([want.cpu]);
      if (want.os) expect(entry!.os, name).toEqual([want.os]);
      if (want.libc) expect(entry!.libc, name).toEqual([want.libc]);
    }
  });

  it("gives each platform package's integrity as a sha512 wherever the lock has one, and has it for linux x64", () => {
    const names = Object.keys(binding?.optionalDependencies ?? {});
    for (const name of names) {
      const integrity = lock.packages[`node_modules/${name}`]?.integrity;
      if (integrity !== undefined) expect(integrity, name).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
    }
    expect(lock.packages[`node_modules/${BINDING}-linux-x64-gnu`]?.integrity).toMatch(/^sha512-/);
    expect(binding?.integrity).toMatch(/^sha512-/);
  });
});
