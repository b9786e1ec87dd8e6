// The command as one CommonJS file, dist/cogquiz.cjs, from tsc's output in dist/. Node 20 starts it about 60 ms
// sooner than the hundred-odd ES modules it is made of (quiz start on the bench profile, 25 alternating runs): no
// module graph to resolve and link, no CommonJS export scan for each package imported from an ES module.
//
// tsc's output stays in dist/ beside it: the parse and simulation threads run those modules, and each bundled
// module's `import.meta.url` is rewritten to the URL of its own file there, so every path a module finds relative to
// itself (the bundled content, package.json, a worker's script, the reader's build stamp) is the path it finds today.
// Lazy imports stay lazy: esbuild runs a dynamically imported module's body only when it is first imported.

import { build } from "esbuild";
import { readFile, chmod } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { relative, sep } from "node:path";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const OUT = fileURLToPath(new URL("../dist/cogquiz.cjs", import.meta.url));

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
  external: ["@open-spaced-repetition/binding"],
  banner: {
    // Strict first: ES modules are strict, and a directive after the banner's line would be none.
    js: '"use strict";\nconst __cogquizModuleUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;',
  },
  plugins: [ownUrl],
  // A package that reads import.meta would find it empty here: fail the build rather than ship that.
  logOverride: { "empty-import-meta": "error" },
  logLevel: "warning",
  legalComments: "none",
});
if (result.errors.length > 0) process.exit(1);
await chmod(OUT, 0o755);
