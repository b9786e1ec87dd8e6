// cogquiz export on the built binary: an Anki file a CSV and an HTML parser read back, and --out that never replaces
// what is not a regular file.

import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, linkSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { readAnki } from "../helpers/anki-reader.js";
import { CLI, cogquiz, TEST_CACHE } from "../helpers/cli.js";
import { dataFile } from "../helpers/bank-fixture.js";

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };

function hrefs(html: string): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    for (const a of n.attrs ?? []) if (a.name === "href" || a.name === "src") out.push(a.value);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parseFragment(html) as unknown as Node);
  return out;
}

describe("cogquiz export (built binary)", () => {
  it("the bundled bank as Anki notes: every field parses, every link is a plain https URL, tags nest", () => {
    const r = cogquiz(["--data", dataFile(), "export", "--format", "anki"]);
    expect(r.code).toBe(0);
    const { headers, records: rows, notes } = readAnki(r.stdout, 2);
    expect(headers).toMatchObject({ notetype: "Basic", "guid column": "1", "tags column": "4", "if matches": "update current" });
    // Four columns each: the guid, Basic's two fields, the tags.
    expect(rows.every((row) => row.length === 4)).toBe(true);
    expect(notes.every((n) => n.fields.length === 2 && n.fields.every((f) => f.length > 0))).toBe(true);
    const json = JSON.parse(cogquiz(["--data", dataFile(), "export", "--format", "json"]).stdout) as { questions: { id: string; kind: string; options?: unknown[] }[] };
    expect(rows.map((r) => r[0])).toEqual(json.questions.map((q) => q.id));
    const links = rows.flatMap((r) => [...hrefs(r[1]!), ...hrefs(r[2]!)]);
    expect(links.length).toBeGreaterThan(100);
    for (const h of links) {
      expect(h).toMatch(/^https:\/\/[^\s"'<>]+$/);
      expect(new URL(h).protocol).toBe("https:");
    }
    for (const r of rows) for (const tag of r[3]!.split(" ")) expect(tag).toMatch(/^cogquiz(::[\p{L}\p{N}-]+)+$/u);
    expect(rows.some((r) => r[3]!.split(" ").some((t) => t.split("::").length >= 3))).toBe(true);
    const choice = rows.find((r) => r[1]!.includes('<ol type="A">'))!;
    expect(choice[2]).toMatch(/<li><b>[A-H]\.<\/b> /);
  });

  it("refuses to write an Anki file without notes, which Anki would refuse, and says which questions were left out", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
    writeFileSync(join(dir, "broken.md"), "# Broken\n\n## Which one is it?\n\n- [ ] This\n- [ ] That\n\n> Neither.\n");
    const content = ["--data", join(dir, "progress.json"), "--no-bundled", "--content", join(dir, "broken.md"), "export"];
    const anki = cogquiz([...content, "--format", "anki", "--out", join(dir, "cards.txt")]);
    expect(anki.code).toBe(1);
    expect(anki.stderr).toContain("no questions to export, and Anki imports no file without notes: 1 question with errors left out");
    expect(existsSync(join(dir, "cards.txt"))).toBe(false);
    const json = cogquiz([...content, "--format", "json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).questions).toEqual([]);
    expect(json.stderr).toContain("1 question with errors left out (`cogquiz validate` lists them)");
    const whole = cogquiz(["--data", join(dir, "progress.json"), "export", "--format", "anki", "--out", join(dir, "cards.txt")]);
    expect(whole.code).toBe(0);
    expect(whole.stderr).toMatch(/wrote \d+ questions to .*cards\.txt; in Anki, File > Import it/);
  });

  it("says how many questions show an image, which an Anki note gives as its alt text, and says nothing when none does", () => {
    const dir = mkdtempSync(join(tmpdir(), "cogquiz-img-"));
    writeFileSync(
      join(dir, "bank.md"),
      [
        "# Diagrams",
        "",
        "### Which service does the diagram show?",
        "",
        "![architecture with an ALB in front of Lambda](arch.png)",
        "",
        "- [x] Elastic Load Balancing",
        "- [ ] Amazon SQS",
        "",
        "### Which service stores objects?",
        "",
        "- [x] Amazon S3",
        "- [ ] Amazon SQS",
        "",
      ].join("\n"),
    );
    const out = join(dir, "cards.txt");
    const r = cogquiz(["--no-bundled", "--content", dir, "--data", dataFile(), "export", "--format", "anki", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 question shows an image, exported as the image's alt text ([image: …]): Anki has none of the image files");
    expect(readFileSync(out, "utf8")).toContain("[image: architecture with an ALB in front of Lambda]");
    // CSV and JSON keep the markdown as it is: nothing to say there.
    expect(cogquiz(["--no-bundled", "--content", dir, "--data", dataFile(), "export", "--format", "json"]).stderr).toBe("");
    expect(cogquiz(["--no-bundled", "--data", dataFile(), "export", "--format", "anki", "--out", join(dir, "bundled.txt")]).stderr).not.toContain("image");
  });

  it("--deck and --notetype name where Anki puts the notes, and a name a header line cannot hold is refused", () => {
    const r = cogquiz(["--data", dataFile(), "export", "--format", "anki", "--deck", "AWS::Cognito", "--notetype", "Einfach"]);
    expect(r.code).toBe(0);
    const { headers, notes } = readAnki(r.stdout, 2);
    expect(headers).toMatchObject({ deck: "AWS::Cognito", notetype: "Einfach" });
    expect(notes.length).toBeGreaterThan(100);
    const cases: [string[], RegExp][] = [
      [["--format", "anki", "--deck", ""], /--deck "" is empty/],
      [["--format", "anki", "--deck", "Cognito\n#deck:Other"], /--deck "Cognito\\x0a#deck:Other" holds a line break/],
      [["--format", "anki", "--notetype", "Basic "], /--notetype "Basic " begins or ends with a space/],
      [["--format", "anki", "--deck", "AWS::::Cognito"], /--deck "AWS::::Cognito" has an empty part between "::", which Anki would name "blank"/],
      [["--format", "anki", "--deck", "AWS :: Cognito"], /--deck "AWS :: Cognito" has a space beside "::" or at an end, which Anki would drop/],
      [["--format", "anki", "--deck", 'AWS::"Cognito"'], /--deck "AWS::"Cognito"" holds a double quote, which Anki takes out of deck names/],
      [["--format", "csv", "--deck", "AWS"], /--deck names where Anki puts the notes; it goes with --format anki only/],
    ];
    for (const [args, message] of cases) {
      const bad = cogquiz(["--data", dataFile(), "export", ...args]);
      expect(bad.code, args.join(" ")).toBe(2);
      expect(bad.stderr, args.join(" ")).toMatch(message);
      expect(bad.stdout, args.join(" ")).toBe("");
    }
  });

  it("shows a control character in a refused --deck or --notetype as every message does (\\x1b), not as JSON writes it", () => {
    for (const [flag, value, shown, what] of [
      ["--deck", "AWS\u001b[31mCognito", "AWS\\x1b[31mCognito", "deck"],
      ["--notetype", "Basic\tReversed", "Basic\\x09Reversed", "note type"],
    ] as const) {
      const bad = cogquiz(["--data", dataFile(), "export", "--format", "anki", flag, value]);
      expect(bad.code, flag).toBe(2);
      expect(bad.stderr, flag).toBe(`cogquiz: ${flag} "${shown}" holds a line break, tab or control character; name the ${what} as Anki shows it\n`);
    }
  });

  describe("--out", () => {
    const bank = () => ["--data", dataFile(), "export", "--format", "csv", "--out"];

    it("writes through a symlink to its target and keeps the link and the target's mode", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      writeFileSync(join(dir, "real.csv"), "old\n");
      chmodSync(join(dir, "real.csv"), 0o644);
      symlinkSync("real.csv", join(dir, "link.csv"));
      const r = cogquiz([...bank(), join(dir, "link.csv")]);
      expect(r.code).toBe(0);
      expect(lstatSync(join(dir, "link.csv")).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, "link.csv"))).toBe("real.csv");
      expect(readFileSync(join(dir, "real.csv"), "utf8")).toMatch(/^id,topic,kind/);
      expect(statSync(join(dir, "real.csv")).mode & 0o777).toBe(0o644);
      expect(r.stderr).toContain("through the symlink");
    });

    it("creates a new file with the mode the umask gives any new file, not a private one", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      for (const umask of ["022", "077", "002"]) {
        const out = join(dir, `deck-${umask}.csv`);
        const cmd = `umask ${umask} && exec "$0" "$@"`;
        const r = spawnSync("sh", ["-c", cmd, process.execPath, CLI, ...bank(), out], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: TEST_CACHE } });
        expect(r.status, r.stderr).toBe(0);
        expect(statSync(out).mode & 0o777, umask).toBe(0o666 & ~Number.parseInt(umask, 8));
      }
    });

    it("takes - for standard output, not a file named -", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      const r = cogquiz([...bank(), "-"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^id,topic,kind/);
      expect(r.stderr).toBe("");
      expect(existsSync(join(dir, "-"))).toBe(false);
    });

    it("refuses a read-only file, directly or through a symlink, and leaves it as it was", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      writeFileSync(join(dir, "kept.csv"), "old\n");
      chmodSync(join(dir, "kept.csv"), 0o444);
      symlinkSync("kept.csv", join(dir, "link.csv"));
      for (const name of ["kept.csv", "link.csv"]) {
        const r = cogquiz([...bank(), join(dir, name)]);
        expect(r.code, name).toBe(2);
        expect(r.stderr, name).toMatch(/is read-only \(mode 0444\); it is left as it is/);
        expect(readFileSync(join(dir, "kept.csv"), "utf8")).toBe("old\n");
        expect(statSync(join(dir, "kept.csv")).mode & 0o777).toBe(0o444);
      }
    });

    it("names the missing folder of a path that cannot be written, and what to do, in one line", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      const r = cogquiz([...bank(), join(dir, "no-such", "deck.csv")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`cogquiz: cannot write ${join(dir, "no-such", "deck.csv")}: the folder ${join(dir, "no-such")} does not exist. Create it (mkdir -p '${join(dir, "no-such")}') or name a file in a folder that does\n`);
      expect(existsSync(join(dir, "no-such"))).toBe(false);
    });

    it("never writes over the progress file, its review log, its lock or a backup, however they are named", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      const data = join(dir, "progress.json");
      // Some progress: a setting saved, so the progress file and the log both exist.
      expect(cogquiz(["--data", data, "config", "set", "newPerDay", "7"]).code).toBe(0);
      writeFileSync(join(dir, "progress.json.v0.bak"), "{}");
      symlinkSync("progress.json", join(dir, "alias.json"));
      linkSync(join(dir, "reviews.jsonl"), join(dir, "hard.jsonl"));
      const files = ["progress.json", "reviews.jsonl", "progress.json.v0.bak"];
      const before = files.map((f) => readFileSync(join(dir, f), "utf8"));
      const cases: [string, RegExp][] = [
        ["progress.json", /is the progress file; export never writes over it/],
        ["alias.json", /is the progress file; export never writes over it/],
        ["reviews.jsonl", /is the review log; export never writes over it/],
        ["hard.jsonl", /is the review log; export never writes over it/],
        ["progress.json.lock", /is the progress file's lock/],
        ["progress.json.v0.bak", /is a backup of the progress file/],
      ];
      for (const [name, message] of cases) {
        for (const format of ["json", "csv"]) {
          const r = cogquiz(["--data", data, "export", "--format", format, "--out", join(dir, name)]);
          expect(r.code, name).toBe(2);
          expect(r.stderr, name).toMatch(message);
        }
      }
      expect(files.map((f) => readFileSync(join(dir, f), "utf8"))).toEqual(before);
      expect(existsSync(join(dir, "progress.json.lock"))).toBe(false);
      expect(cogquiz(["--data", data, "config", "get", "newPerDay"]).stdout).toBe("7\n");
    });

    it("refuses a FIFO, a device, a folder and a dangling symlink, and leaves each as it was", () => {
      const dir = mkdtempSync(join(tmpdir(), "cogquiz-out-"));
      expect(spawnSync("mkfifo", [join(dir, "fifo")]).status).toBe(0);
      const device = spawnSync("mknod", [join(dir, "null"), "c", "1", "3"]).status === 0;
      symlinkSync("missing.csv", join(dir, "dangling"));
      const cases: [string, RegExp, () => boolean][] = [
        ["fifo", /is a named pipe \(FIFO\), not a regular file/, () => lstatSync(join(dir, "fifo")).isFIFO()],
        [".", /is a folder, not a regular file/, () => lstatSync(dir).isDirectory()],
        ["dangling", /is a symlink to a missing file/, () => lstatSync(join(dir, "dangling")).isSymbolicLink() && !existsSync(join(dir, "missing.csv"))],
      ];
      if (device) cases.push(["null", /is a character device, not a regular file/, () => lstatSync(join(dir, "null")).isCharacterDevice()]);
      for (const [name, message, intact] of cases) {
        const r = cogquiz([...bank(), join(dir, name)], { env: {} });
        expect(r.code, name).toBe(2);
        expect(r.stderr, name).toMatch(message);
        expect(intact(), name).toBe(true);
      }
    });
  });
});
