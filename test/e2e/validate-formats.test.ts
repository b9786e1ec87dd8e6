import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";

const require = createRequire(import.meta.url);

/** The SARIF 2.1.0 schema (draft-04 JSON Schema) as a package ships it, compiled with ajv. */
function sarifValidator(): ((data: unknown) => boolean) & { errors?: unknown } {
  const Ajv = require("ajv-draft-04") as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
  const addFormats = require("ajv-formats") as (ajv: unknown) => void;
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object);
}

const REF = "> See [the guide](https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html).\n";

/** A small repository: .git, a bank folder with one clean file, one with an error and a warning, and a near-duplicate pair. */
function repository(): { root: string; bank: string } {
  const root = mkdtempSync(join(tmpdir(), "cogquiz-repo-"));
  mkdirSync(join(root, ".git"));
  const bank = join(root, "bank");
  mkdirSync(join(bank, "sub"), { recursive: true });
  writeFileSync(join(bank, "clean.md"), `# Clean\n\n### Which pool issues tokens?\n<!-- id: clean-one -->\n\n- [x] A user pool\n- [ ] An identity pool\n\n${REF}`);
  writeFileSync(
    join(bank, "sub", "mixed & odd.md"),
    "# Mixed\n\n### Nothing marked?\n<!-- id: mixed-broken -->\n\n- [ ] a\n- [ ] b\n\n" +
      REF +
      "\n### Which of the following is not a token a user pool issues?\n<!-- id: mixed-negative -->\n\n- [x] A session token\n- [ ] An ID token\n- [ ] An access token\n\n" +
      REF +
      "\n### Which user pool feature plan is the lowest that allows email MFA?\n<!-- id: plan-one -->\n\n- [x] Essentials\n- [ ] Lite\n- [ ] Plus\n\n" +
      REF +
      "\n### What is the lowest user pool feature plan that allows MFA by email?\n<!-- id: plan-two -->\n\n- [x] Essentials\n- [ ] Lite\n- [ ] Plus\n\n" +
      REF,
  );
  return { root, bank };
}

describe("cogquiz validate --format github", () => {
  it("annotates files by their path from the repository root, wherever it runs, as GitHub resolves them", () => {
    const { root, bank } = repository();
    for (const cwd of [root, join(root, "bank"), join(root, "bank", "sub")]) {
      const r = cogquiz(["validate", bank, "--no-bundled", "--format", "github"], { cwd });
      expect(r.code).toBe(1);
      expect(r.stdout, cwd).toMatch(/^::error file=bank\/sub\/mixed & odd\.md,line=6,col=1,title=cogquiz no-correct-option::/m);
    }
  });
});

describe("cogquiz validate --format sarif", () => {
  it("writes SARIF 2.1.0 that the schema accepts, with what code scanning needs", () => {
    const { root, bank } = repository();
    const r = cogquiz(["validate", bank, "--no-bundled", "--format", "sarif"], { cwd: join(root, "bank") });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("cogquiz");
    // Every rule is described, and each result points at its rule.
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ruleIds).toContain("near-duplicate");
    expect(run.tool.driver.rules[0]).toMatchObject({ shortDescription: { text: expect.any(String) }, defaultConfiguration: { level: "error" } });
    const byRule = new Map(run.results.map((x: { ruleId: string }) => [x.ruleId, x]));
    expect([...byRule.keys()].sort()).toEqual(["near-duplicate", "negative-not-emphasised", "no-correct-option"]);
    for (const result of run.results) expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
    // Paths relative to the repository root (not the current folder), with forward slashes, URI-escaped.
    const broken = byRule.get("no-correct-option") as { level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> };
    expect(broken.level).toBe("error");
    expect(broken.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: "bank/sub/mixed%20%26%20odd.md", uriBaseId: "%SRCROOT%" });
    expect(broken.locations[0]!.physicalLocation.region.startLine).toBe(6);
    expect(broken.partialFingerprints["cogquiz/v1"]).toMatch(/^[0-9a-f]{16}:1$/);
    // The near-duplicate pair names the other question as a related location.
    const pair = byRule.get("near-duplicate") as { relatedLocations: { physicalLocation: { region: { startLine: number } } }[] };
    expect(pair.relatedLocations[0]!.physicalLocation.region.startLine).toBe(20);
  });

  it("keeps fingerprints when lines move", () => {
    const { root, bank } = repository();
    const before = JSON.parse(cogquiz(["validate", bank, "--no-bundled", "--format", "sarif"], { cwd: root }).stdout);
    const file = join(bank, "sub", "mixed & odd.md");
    const { readFileSync } = require("node:fs") as typeof import("node:fs");
    writeFileSync(file, readFileSync(file, "utf8").replace("# Mixed\n", "# Mixed\n\nA new paragraph of notes.\n"));
    const after = JSON.parse(cogquiz(["validate", bank, "--no-bundled", "--format", "sarif"], { cwd: root }).stdout);
    const prints = (log: { runs: { results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }) =>
      log.runs[0]!.results.map((x) => [x.partialFingerprints["cogquiz/v1"], x.locations[0]!.physicalLocation.region.startLine]);
    expect(prints(after).map(([f]) => f)).toEqual(prints(before).map(([f]) => f));
    expect(prints(after).map(([, l]) => l)).not.toEqual(prints(before).map(([, l]) => l));
  });
});

describe("cogquiz validate --format junit", () => {
  it("writes one test case per file and one failure per error", () => {
    const { root, bank } = repository();
    const r = cogquiz(["validate", bank, "--no-bundled", "--format", "junit"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cogquiz validate" tests="2" failures="1"')).toBe(true);
    expect(r.stdout).toContain('<testcase classname="cogquiz.validate" name="bank/clean.md" file="bank/clean.md"/>');
    expect(r.stdout).toContain('name="bank/sub/mixed &amp; odd.md"');
    expect(r.stdout.match(/<failure /g)).toHaveLength(1);
    expect(r.stdout).toMatch(/<failure type="no-correct-option" message="6:1 question &quot;Nothing marked\?&quot; has no option marked \[x\]">/);
    // Warnings are in the case's output, and become failures with --strict.
    expect(r.stdout).toMatch(/<system-out>[^<]*negative-not-emphasised/);
    const strict = cogquiz(["validate", bank, "--no-bundled", "--format", "junit", "--strict"], { cwd: root });
    expect(strict.stdout.match(/<failure /g)).toHaveLength(3);
  });
});

describe(".cogquiz.json and cogquiz-disable", () => {
  it("turns rules off or up from the bank's folder or above, for the files below it", () => {
    const { root, bank } = repository();
    writeFileSync(join(root, ".cogquiz.json"), JSON.stringify({ rules: { "negative-not-emphasised": "off", "near-duplicate": "error" } }));
    const r = cogquiz(["validate", bank, "--no-bundled", "--format", "json"], { cwd: root });
    const rules = JSON.parse(r.stdout).diagnostics.map((d: { rule: string; severity: string }) => [d.rule, d.severity]);
    expect(rules).toEqual([
      ["no-correct-option", "error"],
      ["near-duplicate", "error"],
    ]);
    // A nearer file wins for the files under it.
    writeFileSync(join(bank, "sub", ".cogquiz.json"), JSON.stringify({ rules: {} }));
    const nearer = JSON.parse(cogquiz(["validate", bank, "--no-bundled", "--format", "json"], { cwd: root }).stdout);
    expect(nearer.diagnostics.map((d: { rule: string }) => d.rule)).toContain("negative-not-emphasised");
    expect(nearer.summary.warnings).toBe(2);
  });

  it("refuses a configuration that turns off an error or has a typo, with exit 2 and no stack trace", () => {
    const { root, bank } = repository();
    for (const [config, message] of [
      [{ rules: { "no-correct-option": "off" } }, /no-correct-option.*cannot be turned off/],
      [{ rules: { "near-duplicate": "off" } }, /declare the questions siblings/],
      [{ rules: { "missing-refrence": "off" } }, /"missing-refrence" is not a rule id/],
      [{ rules: { "missing-reference": "of" } }, /must be "off", "warning" or "error"/],
      [{ rule: {} }, /unknown key "rule"/],
    ] as const) {
      writeFileSync(join(root, ".cogquiz.json"), JSON.stringify(config));
      const r = cogquiz(["validate", bank, "--no-bundled"], { cwd: root });
      expect(r.code, JSON.stringify(config)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    writeFileSync(join(root, ".cogquiz.json"), "{ not json");
    expect(cogquiz(["validate", bank, "--no-bundled"], { cwd: root }).stderr).toMatch(/\.cogquiz\.json is not valid JSON/);
  });

  it("refuses a broken configuration even when the files under it have nothing to report", () => {
    const { root, bank } = repository();
    writeFileSync(join(root, ".cogquiz.json"), "{ not json");
    const clean = join(bank, "clean.md");
    const r = cogquiz(["validate", clean, "--no-bundled"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.cogquiz\.json is not valid JSON/);
    // A file with no markdown in it at all (only a title) is still a file the configuration is for.
    writeFileSync(join(root, "title.md"), "# T\n");
    expect(cogquiz(["validate", join(root, "title.md"), "--no-bundled"], { cwd: root }).code).toBe(2);
  });

  it("refuses a configuration that is a FIFO or a device at once, never waiting on it for ever", () => {
    const { root, bank } = repository();
    const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
    expect(spawnSync("mkfifo", [join(root, ".cogquiz.json")]).status).toBe(0);
    const found = cogquiz(["validate", bank, "--no-bundled"], { cwd: root });
    expect(found.code).toBe(2);
    expect(found.stderr).toContain(".cogquiz.json is not a regular file (a folder, a FIFO or a device); name a JSON file");
    for (const config of [join(root, ".cogquiz.json"), "/dev/zero", root]) {
      const named = cogquiz(["validate", bank, "--no-bundled", "--config", config], { cwd: root });
      expect(named.code, config).toBe(2);
      expect(named.stderr, config).toContain(`configuration ${config} is not a regular file`);
    }
  });

  it("uses --config instead of looking, and a question's own comment silences one warning", () => {
    const { root, bank } = repository();
    const config = join(root, "ci-rules.json");
    writeFileSync(config, JSON.stringify({ rules: { "negative-not-emphasised": "error" } }));
    const r = cogquiz(["validate", bank, "--no-bundled", "--config", config, "--format", "json"], { cwd: root });
    expect(JSON.parse(r.stdout).summary.errors).toBe(2);
    const file = join(bank, "sub", "mixed & odd.md");
    const { readFileSync } = require("node:fs") as typeof import("node:fs");
    writeFileSync(file, readFileSync(file, "utf8").replace("<!-- id: mixed-negative -->", "<!-- id: mixed-negative -->\n<!-- cogquiz-disable negative-not-emphasised -->"));
    const quiet = JSON.parse(cogquiz(["validate", bank, "--no-bundled", "--config", config, "--format", "json"], { cwd: root }).stdout);
    expect(quiet.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["no-correct-option", "near-duplicate"]);
  });
});
