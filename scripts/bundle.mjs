// The program as one CommonJS file, dist/program.cjs, from tsc's output in dist/; the `cogquiz` command
// (dist/cogquiz.cjs, from src/cogquiz.cts) runs it with V8's code kept between runs. Node 20 starts it about 60 ms
// sooner than the hundred-odd ES modules it is made of (quiz start on the bench profile, 25 alternating runs): no
// module graph to resolve and link, no CommonJS export scan for each package imported from an ES module.
//
// tsc's output stays in dist/ beside it: the parse and simulation threads run those modules, and each bundled
// module's `import.meta.url` is rewritten to the URL of its own file there, so every path a module finds relative to
// itself (the bundled content, package.json, a worker's script, the reader's build stamp) is the path it finds today.
// Lazy imports stay lazy: esbuild runs a dynamically imported module's body only when it is first imported.

import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile, chmod, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { relative, sep } from "node:path";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const OUT = fileURLToPath(new URL("../dist/program.cjs", import.meta.url));
const BIN = fileURLToPath(new URL("../dist/cogquiz.cjs", import.meta.url));
const CODE = fileURLToPath(new URL("../dist/program.code", import.meta.url));
const CONTENT = fileURLToPath(new URL("../content/", import.meta.url));

/** Each of dist/'s modules sees its own file's URL as `import.meta.url`, as it does when run unbundled. */
const ownUrl = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(DIST)) return undefined;
      const source = await readFile(args.path, "utf8");
      const rel = relative(DIST, args.path).split(sep).join("/");
      return { contents: source.replaceAll("import.meta.url", `__cogquizModuleUrl(${JSON.stringify(rel)})`), loader: "js" };
    });
  },
};

const result = await build({
  entryPoints: [fileURLToPath(new URL("../dist/cli.js", import.meta.url))],
  outfile: OUT,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // A native module, loaded by `optimize` and `simulate` only, and only if this platform has a build of it.
  external: ["@open-spaced-repetition/binding", "fsrs-binding-0.5"],
  banner: {
    // Strict first: ES modules are strict, and a directive after the banner's line would be none.
    js: '"use strict";\nconst __cogquizModuleUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;',
  },
  plugins: [ownUrl],
  // A package that reads import.meta would find it empty here: fail the build rather than ship that.
  logOverride: { "empty-import-meta": "error" },
  logLevel: "warning",
  legalComments: "none",
  write: false,
  metafile: true,
});
if (result.errors.length > 0) process.exit(1);
// The launcher compiles the program as a script, which has no loader for import(): every module is bundled or
// required, and the build says so if one is not.
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  for (const i of output.imports) {
    if (i.kind === "dynamic-import") {
      console.error(`${file}: import("${i.path}") stays a dynamic import; bundle it or load it with require`);
      process.exit(1);
    }
  }
}
// The launcher compiles the program inside a function, where a `#!` line is a syntax error: a comment keeps the lines.
const [output] = result.outputFiles;
await writeFile(OUT, output.text.replace(/^#!.*/, "//"));
// tsc does not keep the executable bit; the bin entry must be runnable after `npm ci`.
await chmod(BIN, 0o755);

// The code V8 compiles for the program, made here once so that a first run (a CI runner's, after `npm ci`) does not
// compile it again: `validate` over the bundled content, then `--help`, each adding what it ran to dist/program.code
// (see src/cogquiz.cts). The program works without it; a build that could not make it says so.
await rm(CODE, { force: true });
for (const args of [["validate", CONTENT, "--format", "json"], ["--help"]]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, COGQUIZ_BUILD_CODE: "1", COGQUIZ_NO_CACHE: "1", NO_COLOR: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.stderr) process.stderr.write(r.stderr);
}
if (!existsSync(CODE)) console.error(`bundle: ${CODE} was not written; the program starts without precompiled code`);
