// Puts every platform package of the FSRS optimizer in package-lock.json, not only the one of the machine that ran
// `npm install` (npm's known pitfall with optional platform packages, npm/cli#4828), so that `npm ci` on macOS,
// Windows, arm64 or musl finds its binary in the lock.
//
// Usage: node scripts/lock-platforms.mjs          add the missing entries, from the registry's manifests
//        node scripts/lock-platforms.mjs --check  only say what is missing (exit 1 if anything is)
// Then: npm install --ignore-scripts   (npm completes the entries' own dependencies and keeps them)
//       npm ci --ignore-scripts        (in a clean copy, to see the lock install)

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const LOCK = fileURLToPath(new URL("../package-lock.json", import.meta.url));
/**
 * Packages whose optional dependencies are per-platform builds, as named in node_modules: the optimizer's portable
 * build, and its faster later build (an npm alias), whose platform packages sit under it, since the portable build's
 * take the top level.
 */
const NATIVE = ["@open-spaced-repetition/binding", "fsrs-binding-0.5"];
const check = process.argv.includes("--check");

/** os, cpu and libc from a napi-rs platform suffix such as linux-arm64-musl, darwin-x64, win32-ia32-msvc, wasm32-wasi. */
export function platformOf(name) {
  const suffix = name.slice(name.lastIndexOf("/") + 1).replace(/^[^-]*-/, "");
  const parts = suffix.split("-");
  if (parts[0] === "wasm32") return { cpu: ["wasm32"] };
  const out = { os: [parts[0]], cpu: [parts[1]] };
  if (parts[0] === "linux") out.libc = [parts[2] === "musl" ? "musl" : "glibc"];
  return out;
}

function manifest(spec) {
  try {
    return JSON.parse(execFileSync("npm", ["view", spec, "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  } catch {
    return undefined;
  }
}

const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const packages = lock.packages;
let missing = 0;
let withoutIntegrity = 0;
for (const parent of NATIVE) {
  const entry = packages[`node_modules/${parent}`];
  if (!entry) throw new Error(`${parent} is not in package-lock.json; npm install it first`);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    const top = packages[`node_modules/${name}`];
    const key = top === undefined || top.version === entry.version ? `node_modules/${name}` : `node_modules/${parent}/node_modules/${name}`;
    const have = packages[key];
    const present = have !== undefined && have.version === entry.version;
    if (present && have.integrity) continue;
    if (check) {
      if (present) withoutIntegrity++;
      else {
        missing++;
        console.log(`missing: ${name}@${entry.version}`);
      }
      continue;
    }
    const m = manifest(`${name}@${entry.version}`);
    if (present && !m?.dist?.integrity) {
      withoutIntegrity++;
      continue;
    }
    missing++;
    const platform = m ? { ...(m.os ? { os: m.os } : {}), ...(m.cpu ? { cpu: m.cpu } : {}), ...(m.libc ? { libc: m.libc } : {}) } : platformOf(name);
    const added = {
      version: entry.version,
      ...(m?.dist?.integrity ? { integrity: m.dist.integrity } : {}),
      ...platform,
      license: m?.license ?? entry.license,
      optional: true,
      ...(m?.dependencies ? { dependencies: m.dependencies } : {}),
      engines: m?.engines ?? entry.engines,
    };
    packages[key] = added;
    if (!added.integrity) withoutIntegrity++;
    console.log(`${present ? "completed" : "added"} ${name}@${entry.version}${m ? "" : " (the registry did not serve it: platform from its name, no integrity)"}`);
  }
}
if (!check && missing > 0) {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
  console.log("now run: npm install --ignore-scripts");
}
if (withoutIntegrity > 0) console.log(`${withoutIntegrity} platform entr${withoutIntegrity === 1 ? "y has" : "ies have"} no integrity hash; run this again where the registry serves them`);
if (check && missing > 0) process.exit(1);
if (missing === 0) console.log("every platform package is in the lock");
