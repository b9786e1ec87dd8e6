import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cogquiz } from "../helpers/cli.js";
import { dataFile, SESSION_BANK, writeBank } from "../helpers/bank-fixture.js";

describe("config, reset, suspend and where", () => {
  it("reads and changes settings, refusing bad values with exit 2", () => {
    const data = dataFile();
    expect(cogquiz(["--data", data, "config", "get"]).stdout).toContain("newPerDay=20\nreviewsPerDay=200\ndesiredRetention=0.9\ncontentPaths=\n");
    expect(cogquiz(["--data", data, "config", "set", "newPerDay", "35"]).code).toBe(0);
    expect(cogquiz(["--data", data, "config", "get", "newPerDay"]).stdout).toBe("35\n");
    const get = cogquiz(["--data", data, "config", "get", "newPerDay", "30"]);
    expect(get.code).toBe(2);
    expect(get.stdout).toBe("");
    expect(get.stderr).toBe('cogquiz: config get takes one setting at most (got "30" after "newPerDay"); `cogquiz config set newPerDay 30` changes it\n');
    const bad = cogquiz(["--data", data, "config", "set", "desiredRetention", "1.5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("desiredRetention takes a number from 0.70 to 0.99");
    expect(cogquiz(["--data", data, "config", "set", "colour", "blue"]).code).toBe(2);
    expect(JSON.parse(readFileSync(data, "utf8")).settings.newPerDay).toBe(35);
  });

  it("adds configured content paths to every command's content set", () => {
    const data = dataFile();
    const bank = writeBank(SESSION_BANK);
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", bank]).code).toBe(0);
    const topics = JSON.parse(cogquiz(["--data", data, "topics", "--json"]).stdout);
    expect(topics.topics.map((t: { title: string }) => t.title)).toContain("Session fixture");
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", "/no/such/dir"]).code).toBe(2);
  });

  it("topics, validate and analyze, which need no progress, say so when they leave out a progress file's content paths", () => {
    const data = dataFile();
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", writeBank(SESSION_BANK)]).code).toBe(0);
    writeFileSync(data, "{ not json");
    for (const args of [["topics"], ["validate"], ["analyze"]]) {
      const r = cogquiz(["--data", data, ...args]);
      expect(r.code, args[0]).toBe(0);
      expect(r.stderr, args[0]).toContain(`cogquiz: the content paths set in the progress file are left out: progress file ${data} does not parse as JSON`);
    }
    expect(readFileSync(data, "utf8")).toBe("{ not json");
  });

  it("names a configured content folder that has since gone as configured, with the setting that changes it", () => {
    const data = dataFile();
    const notes = mkdtempSync(join(tmpdir(), "cogquiz-notes-"));
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", notes]).code).toBe(0);
    rmSync(notes, { recursive: true });
    for (const args of [["stats"], ["topics"], ["export", "--format", "csv"]]) {
      const r = cogquiz(["--data", data, ...args]);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain(`no such file or folder: ${notes}, configured in contentPaths; \`cogquiz config set contentPaths <paths>\` changes it`);
    }
    // A path named on the command line is the user's own: no word of the setting.
    const typed = cogquiz(["--data", dataFile(), "--content", notes, "topics"]);
    expect(typed.stderr).toBe(`cogquiz: no such file or folder: ${notes}\n`);
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", ""]).code).toBe(0);
    expect(cogquiz(["--data", data, "stats"]).code).toBe(0);
  });

  it("refuses contentPaths of commas and no path, which would clear the setting unsaid, and names '' as the way to clear it", () => {
    const data = dataFile();
    const bank = writeBank(SESSION_BANK);
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", bank]).code).toBe(0);
    for (const value of [",", " , ,"]) {
      const r = cogquiz(["--data", data, "config", "set", "contentPaths", value]);
      expect(r.code, value).toBe(2);
      expect(r.stdout, value).toBe("");
      expect(r.stderr, value).toBe(`cogquiz: contentPaths "${value}" names no path; \`cogquiz config set contentPaths ''\` clears the setting\n`);
    }
    expect(cogquiz(["--data", data, "config", "get", "contentPaths"]).stdout).toBe(`${bank}\n`);
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", ""]).stdout).toBe("contentPaths=\n");
    expect(JSON.parse(readFileSync(data, "utf8")).settings.contentPaths).toEqual([]);
  });

  it("expands a leading ~ in each comma-separated content path to the home folder, as config --help shows", () => {
    const home = mkdtempSync(join(tmpdir(), "cogquiz-home-"));
    for (const dir of ["aws", "extra"]) {
      mkdirSync(join(home, "notes", dir), { recursive: true });
      writeFileSync(join(home, "notes", dir, "bank.md"), SESSION_BANK);
    }
    const data = dataFile();
    const env = { HOME: home };
    // The shell expands only the first ~ of `~/notes/aws,~/notes/extra`, and none in quotes: both reach cogquiz here.
    const set = cogquiz(["--data", data, "config", "set", "contentPaths", "~/notes/aws,~/notes/extra"], { env });
    expect(set.stderr).toBe("");
    expect(set.code).toBe(0);
    const expanded = [join(home, "notes", "aws"), join(home, "notes", "extra")];
    expect(set.stdout).toBe(`contentPaths=${expanded.join(",")}\n`);
    expect(JSON.parse(readFileSync(data, "utf8")).settings.contentPaths).toEqual(expanded);
    expect(cogquiz(["--data", data, "config", "get", "contentPaths"], { env }).stdout).toBe(`${expanded.join(",")}\n`);
    expect(cogquiz(["--data", data, "config", "set", "contentPaths", "~"], { env }).stdout).toBe(`contentPaths=${home}\n`);
    // Only a leading ~ is the home folder: ~user and a ~ inside a path are left as written.
    const other = cogquiz(["--data", data, "config", "set", "contentPaths", "~nobody/notes"], { env, cwd: home });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`no such file or folder: ${join(home, "~nobody", "notes")}`);
  });

  it("suspends, lifts and resets one card; unknown ids exit 1", () => {
    const data = dataFile();
    expect(cogquiz(["--data", data, "suspend", "cip-guest-access-unauth-role"]).code).toBe(0);
    expect(JSON.parse(readFileSync(data, "utf8")).cards["cip-guest-access-unauth-role"].suspended).toBe(true);
    const log = data.replace(/progress\.json$/, "reviews.jsonl");
    const logged = readFileSync(log, "utf8");
    // Suspending a suspended card says so and writes nothing.
    expect(cogquiz(["--data", data, "suspend", "cip-guest-access-unauth-role"]).stdout).toContain("is already suspended");
    expect(readFileSync(log, "utf8")).toBe(logged);
    expect(cogquiz(["--data", data, "suspend", "cip-guest-access-unauth-role", "--lift"]).stdout).toContain("is back in the queue");
    expect(JSON.parse(readFileSync(data, "utf8")).cards["cip-guest-access-unauth-role"].suspended).toBeUndefined();
    // Lifting a card that is not suspended: the same, nothing written.
    const lifted = readFileSync(log, "utf8");
    const again = cogquiz(["--data", data, "suspend", "cip-guest-access-unauth-role", "--lift"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("cip-guest-access-unauth-role was not suspended; nothing changed\n");
    expect(readFileSync(log, "utf8")).toBe(lifted);
    expect(cogquiz(["--data", data, "reset", "cip-guest-access-unauth-role"]).stdout).toContain("is new again");
    expect(JSON.parse(readFileSync(data, "utf8")).cards["cip-guest-access-unauth-role"]).toBeUndefined();
    const unknown = cogquiz(["--data", data, "reset", "no-such-question"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no question or progress has the id "no-such-question"');
  });

  it("prints where progress lives, honouring XDG_DATA_HOME, COGQUIZ_DATA and --data", () => {
    const xdg = cogquiz(["where"], { env: { XDG_DATA_HOME: "/srv/data", COGQUIZ_DATA: "" } }).stdout;
    expect(xdg).toContain(`progress  ${join("/srv/data", "cogquiz", "progress.json")}`);
    expect(xdg).toContain(`reviews   ${join("/srv/data", "cogquiz", "reviews.jsonl")}`);
    expect(cogquiz(["where"], { env: { COGQUIZ_DATA: "/tmp/x/study.json" } }).stdout).toContain("reviews   /tmp/x/study.reviews.jsonl");
    expect(cogquiz(["--data", "/tmp/y/p.json", "where"]).stdout).toContain("progress  /tmp/y/p.json");
    // A trailing slash names the folder progress is kept in, as every other command reads it.
    expect(cogquiz(["--data", "/tmp/y/p14/", "where"]).stdout).toContain("progress  /tmp/y/p14/progress.json\nreviews   /tmp/y/p14/reviews.jsonl");
    expect(existsSync("/srv/data")).toBe(false);
    // A relative XDG_DATA_HOME is no base folder (the XDG specification): each folder cogquiz starts in would keep
    // progress of its own. The default is used, as if it were not set.
    const home = mkdtempSync(join(tmpdir(), "cogquiz-home-"));
    const relative = cogquiz(["where"], { env: { HOME: home, XDG_DATA_HOME: "data", COGQUIZ_DATA: "" } }).stdout;
    expect(relative).toContain(`progress  ${join(home, ".local", "share", "cogquiz", "progress.json")}`);
    // So is a relative XDG_CACHE_HOME: the parse cache is not written into the folder a command runs in.
    const cwd = mkdtempSync(join(tmpdir(), "cogquiz-cwd-"));
    expect(cogquiz(["validate"], { cwd, env: { HOME: home, XDG_CACHE_HOME: "cache" } }).code).toBe(0);
    expect(existsSync(join(cwd, "cache"))).toBe(false);
    expect(existsSync(join(home, ".cache", "cogquiz"))).toBe(true);
  });
});
