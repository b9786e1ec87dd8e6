import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ReviewRecord } from "../../src/store/log.js";
import { dataPaths } from "../../src/store/paths.js";
import { ProgressStore } from "../../src/store/progress-store.js";
import { SCHEMA_VERSION } from "../../src/store/schema.js";
import { createScheduler } from "../../src/srs/scheduler.js";

const scheduler = createScheduler({ desiredRetention: 0.9, fuzz: false });
const at = new Date("2026-03-10T12:00:00Z");

function paths() {
  return dataPaths(join(mkdtempSync(join(tmpdir(), "cogquiz-store-")), "progress.json"));
}

function review(id: string, n = 0): ReviewRecord {
  const o = scheduler.preview(undefined, at);
  return {
    kind: "review", v: 1, reviewId: `r${n}-${id}`, questionId: id, at: at.toISOString(), day: "2026-03-10", rating: "good",
    correct: true, chosen: ["x"], ms: 1200, source: "quiz", wasNew: true, before: null, after: o.good.card,
  };
}

describe("progress store", () => {
  it("keeps answers across a clean close and reopen, and counts them for the day", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    await s.recordReview(review("b", 1));
    await s.close();
    const again = await ProgressStore.open(p, { lock: true });
    expect(again.card("a")?.phase).toBe("learning");
    expect(again.counters("2026-03-10")).toEqual({ new: 2, reviews: 0 });
    expect(again.report.replayed).toBe(0);
    await again.close();
  });

  it("recovers answers a crash kept from the checkpoint, reading only the log's tail", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    await s.checkpoint();
    await s.recordReview(review("b", 1));
    await s.recordReview(review("c", 2));
    // No close: as after kill -9 (the lock file stays behind with our own pid).
    const recovered = await ProgressStore.open(p, { lock: true });
    expect(recovered.report.replayed).toBe(2);
    expect(["a", "b", "c"].map((id) => recovered.card(id)?.phase)).toEqual(["learning", "learning", "learning"]);
    await recovered.close();
    expect((await ProgressStore.open(p, { lock: false })).report.replayed).toBe(0);
  });

  it("a store opened without the lock only reads: a change through it is refused, the files left as they were", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    await s.close();
    const before = [readFileSync(p.progress, "utf8"), readFileSync(p.log, "utf8")];
    const reader = await ProgressStore.open(p, { lock: false });
    await expect(reader.update((d) => (d.settings.newPerDay = 3))).rejects.toThrow(/without the lock/);
    await expect(reader.recordReview(review("b", 1))).rejects.toThrow(/without the lock/);
    await expect(reader.checkpoint()).rejects.toThrow(/without the lock/);
    await reader.close();
    expect([readFileSync(p.progress, "utf8"), readFileSync(p.log, "utf8")]).toEqual(before);
  });

  it("undo restores the card and the day's counters", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    const r = review("a");
    await s.recordReview(r);
    await s.recordUndo(r, at);
    expect(s.card("a")).toBeUndefined();
    expect(s.counters("2026-03-10")).toEqual({ new: 0, reviews: 0 });
    await s.close();
    const log = readFileSync(p.log, "utf8").trim().split("\n").map((l) => JSON.parse(l).kind);
    expect(log).toEqual(["review", "undo"]);
  });

  it("skips a torn last log line, reports it, and keeps appending readable lines", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("a"));
    const half = JSON.stringify(review("b", 1)).slice(0, 40);
    appendFileSync(p.log, half);
    const reopened = await ProgressStore.open(p, { lock: true });
    expect(reopened.report.badLogLines).toBe(1);
    expect(reopened.card("a")).toBeDefined();
    expect(reopened.card("b")).toBeUndefined();
    await reopened.recordReview(review("c", 2));
    await reopened.close();
    const lines = readFileSync(p.log, "utf8").split("\n");
    expect(JSON.parse(lines.at(-2)!).questionId).toBe("c");
  });

  const refused: [string, string, RegExp][] = [
    ["not JSON", '{"schemaVersion": 1,', /does not parse as JSON/],
    ["the wrong shape", JSON.stringify({ schemaVersion: 1, settings: {}, days: {}, cards: {}, exams: [], logApplied: 0 }), /wrong shape: settings.newPerDay is not a whole number from 0 to 999999/],
    ["a newer schema", JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1 }), /newer cogquiz \(schema version 2/],
    ["a __proto__ key", '{"schemaVersion":1,"cards":{"__proto__":{"polluted":true}}}', /holds the key "__proto__"/],
    ["a constructor key", '{"schemaVersion":1,"cards":{"constructor":{}}}', /holds the key "constructor"/],
  ];
  it.each(refused)("refuses a file with %s and never overwrites it", async (_what, content, message) => {
    const p = paths();
    writeFileSync(p.progress, content);
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(message);
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(/left untouched/);
    expect(readFileSync(p.progress, "utf8")).toBe(content);
    expect(existsSync(p.lock)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("migrates a version 0 file, keeping a backup", async () => {
    const p = paths();
    const old = { cards: { a: review("a").after }, settings: { newPerDay: 5 } };
    writeFileSync(p.progress, JSON.stringify(old));
    const s = await ProgressStore.open(p, { lock: true });
    expect(s.report.migrated).toEqual({ version: 0, backup: `${p.progress}.v0.bak` });
    expect(s.data.settings.newPerDay).toBe(5);
    expect(s.data.settings.reviewsPerDay).toBe(200);
    expect(s.card("a")?.phase).toBe("learning");
    await s.close();
    expect(JSON.parse(readFileSync(`${p.progress}.v0.bak`, "utf8"))).toEqual(old);
    expect(JSON.parse(readFileSync(p.progress, "utf8")).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it("refuses a version 0 file that does not upgrade to a good shape, and leaves no backup, however often it is opened", async () => {
    const p = paths();
    const text = JSON.stringify({ cards: {}, settings: { newPerDay: -1 } });
    writeFileSync(p.progress, text);
    for (let i = 0; i < 3; i++) await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(/has the wrong shape.*It was left untouched/);
    expect(readFileSync(p.progress, "utf8")).toBe(text);
    expect(readdirSync(join(p.progress, "..")).filter((f) => f.endsWith(".bak"))).toEqual([]);
  });

  it("refuses another program's JSON (no schemaVersion, no cards) as no progress, and neither migrates nor backs it up", async () => {
    for (const other of [{ name: "cogquiz", version: "0.1.0", scripts: { test: "vitest" } }, { version: 1, questions: [] }, {}]) {
      const p = paths();
      const text = `${JSON.stringify(other, null, 2)}\n`;
      writeFileSync(p.progress, text);
      await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(/holds no cogquiz progress: it has neither a schemaVersion nor cards\. It was left untouched/);
      expect(readFileSync(p.progress, "utf8")).toBe(text);
      expect(existsSync(`${p.progress}.v0.bak`)).toBe(false);
      expect(existsSync(p.lock)).toBe(false);
    }
  });

  it("allows one writer at a time, and takes over a lock whose process is gone", async () => {
    const p = paths();
    // Another live process holds it (our parent stands in for a second cogquiz).
    writeFileSync(p.lock, `${process.ppid}\n`);
    await expect(ProgressStore.open(p, { lock: true })).rejects.toThrow(`in use by pid ${process.ppid}`);
    expect(readFileSync(p.lock, "utf8").trim()).toBe(String(process.ppid));
    writeFileSync(p.lock, "2147483646\n");
    const second = await ProgressStore.open(p, { lock: true });
    expect(JSON.parse(readFileSync(p.lock, "utf8")).pid).toBe(process.pid);
    await second.close();
    expect(existsSync(p.lock)).toBe(false);
  });

  it("keeps progress of questions that are no longer in any bank", async () => {
    const p = paths();
    const s = await ProgressStore.open(p, { lock: true });
    await s.recordReview(review("removed-question"));
    await s.update((d) => {
      d.settings.newPerDay = 7;
    });
    await s.close();
    const again = await ProgressStore.open(p, { lock: true });
    expect(again.card("removed-question")).toBeDefined();
    await again.close();
  });
});

describe("parse cache", () => {
  it("gives back exactly the bank the markdown gives, for the bundled content and every awkward shape", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank, BUNDLED_CONTENT } = await import("../../src/content/load.js");
    const { mkdtempSync: mk, writeFileSync: write } = await import("node:fs");
    const odd = mk(join(tmpdir(), "cogquiz-odd-"));
    write(
      join(odd, "odd.md"),
      "---\ntags: [x]\ndomain: D\n---\n# T\n\nNotes.\n\n### Pick (Choose TWO)\n<!-- id: odd-pick -->\n\n- [x] a\n  > why a\n- [x] b\n- [ ] c\n\n> see [docs](https://docs.aws.amazon.com/x.html)\n\n" +
        "### Broken?\n<!-- id: odd-pick -->\n\n- [ ] a\n- [ ] b\n\n### No id?\n\n- [x] a\n- [ ] b\n\n> e\n\n- sample:\n  - Why? <!-- id: Bad_Id -->\n    - because\n" +
        "\n# Lettered\n\n1. Which two? (Choose TWO)\n    - A. one\n    - B. two\n    - C. three\n\n    Correct answer: A, C\n\n    > why\n2. No answer?\n    - A. x\n    - B. y\n",
    );
    const cache = createBankCache("test", { XDG_CACHE_HOME: mk(join(tmpdir(), "cogquiz-rt-")) })!;
    const plain = JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT, odd])));
    const first = JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT, odd], { cache })));
    const cached = JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT, odd], { cache })));
    // And file by file, straight through the cache: what goes in comes out.
    const { statSync: stat, readFileSync: read, readdirSync: list } = await import("node:fs");
    const { parseFile } = await import("../../src/content/parse-file.js");
    const files = [join(odd, "odd.md"), ...["notes", "questions"].flatMap((d) => list(join(BUNDLED_CONTENT, d)).map((f) => join(BUNDLED_CONTENT, d, f)))];
    for (const f of files) {
      const parsed = parseFile(f, read(f, "utf8"));
      cache.put(f, stat(f), parsed);
      expect(JSON.parse(JSON.stringify(cache.get(f, stat(f)))), f).toEqual(JSON.parse(JSON.stringify(parsed)));
    }
    expect(first).toEqual(plain);
    expect(cached).toEqual(plain);
    expect(cached.questions.length).toBeGreaterThan(150);
  });

  it("can hand questions over without their texts, and gives each the same texts when asked", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank, BUNDLED_CONTENT } = await import("../../src/content/load.js");
    const cache = createBankCache("test", { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "cogquiz-lazy-")) })!;
    const full = JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT], { cache })));
    const lazy = await loadBank([BUNDLED_CONTENT], { cache, lazyTexts: true });
    // Everything a session orders cards by is there; what a card says is not, yet.
    expect(lazy.questions.map((q) => [q.id, q.kind, q.topicKey, q.hasErrors])).toEqual(
      full.questions.map((q: { id: string; kind: string; topicKey: string; hasErrors: boolean }) => [q.id, q.kind, q.topicKey, q.hasErrors]),
    );
    expect(lazy.questions.every((q) => q.stem === "")).toBe(true);
    const one = lazy.questions[0]!;
    cache.fillTexts(one);
    expect(JSON.parse(JSON.stringify(one))).toEqual(full.questions[0]);
    for (const q of lazy.questions) cache.fillTexts(q);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(full);
  });

  it("reads a file afresh when its entry is JSON of the wrong shape, and names a damaged entry whose texts are read late", async () => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank, BUNDLED_CONTENT } = await import("../../src/content/load.js");
    const { readdirSync: list, readFileSync: read, writeFileSync: write, existsSync: exists } = await import("node:fs");
    const home = mkdtempSync(join(tmpdir(), "cogquiz-damaged-"));
    const cache = createBankCache("test", { XDG_CACHE_HOME: home })!;
    const full = JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT], { cache })));
    const dir = join(home, "cogquiz");
    const entries = list(dir).map((f) => join(dir, f));
    // Every entry's structure broken, each still whole JSON with its key: the bank is the same, read from the files.
    for (const e of entries) {
      const entry = JSON.parse(read(e, "utf8"));
      write(e, JSON.stringify({ ...entry, parsed: { ...entry.parsed, frontMatter: undefined, drafts: [[null]] } }));
    }
    expect(JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT], { cache })))).toEqual(full);
    // Entries written again by that read; now only the texts of one are broken, which a lazy read reaches late.
    const questions = join(BUNDLED_CONTENT, "questions");
    const victim = entries.map((e) => [e, JSON.parse(read(e, "utf8"))] as const).find(([, v]) => v.key.startsWith(questions))!;
    write(victim[0], JSON.stringify({ ...victim[1], texts: "[[1,2" }));
    const lazy = await loadBank([BUNDLED_CONTENT], { cache, lazyTexts: true });
    const victimFile = String(victim[1].key).split("\u0000")[0];
    const hit = lazy.questions.find((q) => resolve(q.source.file) === victimFile);
    expect(hit).toBeDefined();
    expect(() => cache.fillTexts(hit!)).toThrow(/cached parse of .* was damaged .* and is removed; run the command again/);
    expect(exists(victim[0])).toBe(false);
  });

  it.each([
    ["sections not a list", { sections: "notarray" }],
    ["a section without its path", { sections: [{ key: "k", line: 1, body: "" }] }],
    ["a diagnostic of nothing", { diagnostics: [{}] }],
    ["links not a list", { links: null }],
    ["a draft's topic index past the topics", { topics: [] }],
  ])("reads a file afresh when its entry holds %s, parts the bank is built from rather than unpacked", async (_what, broken) => {
    const { createBankCache } = await import("../../src/store/bank-cache.js");
    const { loadBank, BUNDLED_CONTENT } = await import("../../src/content/load.js");
    const { readdirSync: list, readFileSync: read, writeFileSync: write } = await import("node:fs");
    const home = mkdtempSync(join(tmpdir(), "cogquiz-shape-"));
    const cache = createBankCache("test", { XDG_CACHE_HOME: home })!;
    const full = JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT], { cache })));
    const dir = join(home, "cogquiz");
    for (const e of list(dir).map((f) => join(dir, f))) {
      const entry = JSON.parse(read(e, "utf8"));
      write(e, JSON.stringify({ ...entry, parsed: { ...entry.parsed, ...broken } }));
    }
    expect(JSON.parse(JSON.stringify(await loadBank([BUNDLED_CONTENT], { cache })))).toEqual(full);
  });

  describe("a progress file another program changes during a session", () => {
    /** An edit as a script makes it: read, change, write back in place (json.dump into the same file). */
    function editOutside(file: string, change: (d: Record<string, any>) => void): string {
      const d = JSON.parse(readFileSync(file, "utf8"));
      change(d);
      const text = JSON.stringify(d, null, 1);
      writeFileSync(file, text);
      return text;
    }

    it("is kept as that program left it, the user is told once, and the next start applies this session's answers to it", async () => {
      const p = paths();
      const told: string[] = [];
      const s = await ProgressStore.open(p, { lock: true, onChangedOutside: (m) => told.push(m) });
      await s.recordReview(review("a"));
      const edited = editOutside(p.progress, (d) => {
        d.settings.newPerDay = 7;
        d.cards.outside = { ...review("x").after };
      });
      await s.recordReview(review("b", 1));
      await s.checkpoint();
      await s.close();
      await s.close();
      expect(readFileSync(p.progress, "utf8")).toBe(edited);
      expect(told).toEqual([
        `progress file ${p.progress} was changed by another program during this session, so cogquiz kept it as that program left it; ` +
          `this session's answers and changes are in the review log ${p.log}, and the next start applies them to it`,
      ]);
      const next = await ProgressStore.open(p, { lock: true });
      expect(next.report.replayed).toBe(2);
      expect(Object.keys(next.data.cards).sort()).toEqual(["a", "b", "outside"]);
      expect(next.data.settings.newPerDay).toBe(7);
      expect(next.counters("2026-03-10")).toEqual({ new: 2, reviews: 0 });
      await next.close();
      // That start wrote the merged file as its checkpoint: a later start has nothing left to replay.
      const after = await ProgressStore.open(p, { lock: false });
      expect(after.report.replayed).toBe(0);
      expect(Object.keys(after.data.cards).sort()).toEqual(["a", "b", "outside"]);
    });

    it("an edit made before a session's last checkpoint is replayed from the offset the edited file holds", async () => {
      const p = paths();
      const s = await ProgressStore.open(p, { lock: true });
      await s.recordReview(review("a"));
      await s.checkpoint();
      const before = readFileSync(p.progress, "utf8");
      await s.recordReview(review("b", 1));
      await s.checkpoint();
      // A script that read the file at the first checkpoint writes its copy back now, over the second one.
      writeFileSync(p.progress, before.replace('"newPerDay":20', '"newPerDay":9'));
      await s.recordReview(review("c", 2));
      await s.close();
      expect(s.changedOutside).toBe(true);
      const next = await ProgressStore.open(p, { lock: false });
      expect(Object.keys(next.data.cards).sort()).toEqual(["a", "b", "c"]);
      expect(next.data.settings.newPerDay).toBe(9);
    });

    it("a change made on the whole file (config set, plan, optimize) is refused, changing nothing, when the file moved under it", async () => {
      const p = paths();
      const told: string[] = [];
      const s = await ProgressStore.open(p, { lock: true, onChangedOutside: (m) => told.push(m) });
      const edited = editOutside(p.progress, (d) => (d.settings.desiredRetention = 0.8));
      await expect(s.update((d) => (d.settings.newPerDay = 5))).rejects.toThrow(
        `progress file ${p.progress} was changed by another program since cogquiz read it; cogquiz left it as that program wrote it and changed nothing: run the command again`,
      );
      await s.close();
      expect(told).toEqual([]); // the refusal said it all: nothing of this session is only in the log
      expect(readFileSync(p.progress, "utf8")).toBe(edited);
      expect(existsSync(p.log) ? readFileSync(p.log, "utf8") : "").toBe("");
      const again = await ProgressStore.open(p, { lock: true });
      await again.update((d) => (d.settings.newPerDay = 5));
      await again.close();
      expect(JSON.parse(readFileSync(p.progress, "utf8")).settings).toMatchObject({ newPerDay: 5, desiredRetention: 0.8 });
    });

    it("a touch or a chmod that leaves the bytes as they were is no change: checkpoints go on", async () => {
      const p = paths();
      const told: string[] = [];
      const s = await ProgressStore.open(p, { lock: true, onChangedOutside: (m) => told.push(m) });
      await s.recordReview(review("a"));
      await s.checkpoint();
      utimesSync(p.progress, new Date("2020-01-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z"));
      chmodSync(p.progress, 0o640);
      await s.recordReview(review("b", 1));
      await s.close();
      expect(told).toEqual([]);
      expect(Object.keys(JSON.parse(readFileSync(p.progress, "utf8")).cards).sort()).toEqual(["a", "b"]);
    });

    it("a progress file moved aside during the session is not put back: the next start rebuilds it from the log", async () => {
      const p = paths();
      const told: string[] = [];
      const s = await ProgressStore.open(p, { lock: true, onChangedOutside: (m) => told.push(m) });
      await s.recordReview(review("a"));
      await s.checkpoint();
      renameSync(p.progress, `${p.progress}.aside`);
      await s.recordReview(review("b", 1));
      await s.close();
      expect(existsSync(p.progress)).toBe(false);
      expect(told).toHaveLength(1);
      const next = await ProgressStore.open(p, { lock: false });
      expect(Object.keys(next.data.cards).sort()).toEqual(["a", "b"]);
    });
  });
});
