// The layering of src/ (content → srs → store → session → ui → commands → cli), checked by `npm test`.
// Each rule names a layer and what it must not import; a violation fails the build with the offending import.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "content-is-pure",
      comment: "The reader turns markdown into the model; it knows nothing of scheduling, storage, sessions or the terminal.",
      severity: "error",
      from: { path: "^src/content/" },
      to: { path: "^src/(srs|store|session|ui|commands|analysis|simulate)/|^src/cli\\.ts$" },
    },
    {
      name: "srs-is-pure",
      comment: "Scheduling is card state and a clock in, card state out: no content reader, storage, session or terminal.",
      severity: "error",
      from: { path: "^src/srs/" },
      to: { path: "^src/(content|store|session|ui|commands|analysis|simulate)/|^src/cli\\.ts$" },
    },
    {
      name: "session-not-store",
      comment: "Sessions talk to a ProgressPort; the records they make live in src/srs/records.ts.",
      severity: "error",
      from: { path: "^src/session/" },
      to: { path: "^src/(store|commands)/|^src/cli\\.ts$" },
    },
    {
      name: "ui-not-store-or-commands",
      comment: "Screens format what sessions give them; commands wire the parts, not the other way round.",
      severity: "error",
      from: { path: "^src/ui/" },
      to: { path: "^src/(store|commands)/|^src/cli\\.ts$" },
    },
    {
      name: "store-not-above",
      comment: "Storage reads and writes progress; it does not reach up into sessions, screens or commands.",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(session|ui|commands)/|^src/cli\\.ts$" },
    },
    {
      name: "no-circular",
      comment: "A cycle of imports that exist at run time (type-only imports vanish in the build).",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
