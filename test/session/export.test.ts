import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Question } from "../../src/content/model.js";
import { parse as parseCsv } from "csv-parse/sync";
import { parseFragment } from "parse5";
import { readAnki } from "../helpers/anki-reader.js";
import { ankiNotes, csvCell, toAnki, toCsv, toJson } from "../../src/session/export.js";
import { bankOf } from "../helpers/parse.js";
import { SESSION_BANK } from "../helpers/bank-fixture.js";

const bank = bankOf(["s.md", `---\ntags: [quiz night, fixture]\n---\n${SESSION_BANK}\n### A code question?\n<!-- id: fx-code -->\n\n\`\`\`json\n{ "Effect":\t"Allow",\n  "Action": "s3:GetObject" }\n\`\`\`\n\n- [x] Read\n- [ ] Write\n\n> Only reads.\n`]);

/** Anki's reading of the file into the Basic note type (two fields): its headers, and each record's fields. */
function parseAnki(text: string) {
  const { headers, records } = readAnki(text, 2);
  return { headers, rows: records };
}

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };

/** Every element of an HTML fragment, parsed by a real HTML parser. */
function elements(html: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.attrs) out.push(n);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parseFragment(html) as unknown as Node);
  return out;
}

const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;

function textOf(n: Node): string {
  return n.nodeName === "#text" ? (n.value ?? "") : (n.childNodes ?? []).map(textOf).join("");
}

describe("export", () => {
  it("writes a question nested deeper than the lexer can recurse as its text, escaped, instead of failing", () => {
    const q = bank.questions.find((x) => x.id === "fx-single-sky")!;
    const deep = { ...q, stem: `Which one?\n\n${">".repeat(30_000)} <b>quoted</b>` } as Question;
    const { rows } = parseAnki(toAnki([deep]));
    expect(rows[0]![1]).toContain("Which one?");
    expect(rows[0]![1]).toContain("&lt;b&gt;quoted&lt;/b&gt;");
  });

  it("writes a file Anki imports as Basic notes, one per question, ids as guids, every field round-tripping", () => {
    const text = toAnki(bank.questions);
    const { headers, rows } = parseAnki(text);
    expect(headers).toEqual({
      separator: "tab", html: "true", notetype: "Basic", deck: "cogquiz", "guid column": "1", "tags column": "4",
      // Importing again updates the notes, whatever the last import was told to do with matches.
      "if matches": "update current",
    });
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(rows).toEqual(ankiNotes(bank.questions).map((n) => [n.guid, n.front, n.back, n.tags]));
    expect(rows.map((r) => r[0])).toEqual(bank.questions.map((q) => q.id));
    const sky = rows.find((r) => r[0] === "fx-single-sky")!;
    expect(sky[1]).toContain("Which colour is a clear daytime sky?");
    const list = elements(sky[1]!).find((e) => e.nodeName === "ol")!;
    expect(attr(list, "type")).toBe("A");
    expect(list.childNodes!.filter((c) => c.nodeName === "li").map(textOf)).toEqual(["Green like grass", "Blue like the sea", "Red like a brick", "Yellow like straw"]);
    expect(sky[2]).toContain("<li><b>B.</b> Blue like the sea</li>");
    expect(sky[2]).not.toContain("Green like grass");
    expect(sky[2]).toContain("Scattered sunlight makes it blue.");
    expect(sky[3]!.split(" ")).toEqual(["cogquiz::session-fixture::singles", "cogquiz::tag::quiz-night", "cogquiz::tag::fixture"]);
    const paris = rows.find((r) => r[0] === "fx-recall-paris")!;
    expect(paris[2]).toContain("Paris");
    // The code block keeps its quotes, its tab and its lines (as <br>, so that each note is one line of the file).
    expect(text.trimEnd().split("\n")).toHaveLength(7 + bank.questions.length);
    const code = rows.find((r) => r[0] === "fx-code")!;
    const pre = elements(code[1]!).find((e) => e.nodeName === "code")!;
    const codeLines = (pre.childNodes ?? []).filter((c) => c.nodeName !== "br").map(textOf);
    expect(codeLines).toEqual(['{ "Effect":\t"Allow",', '  "Action": "s3:GetObject" }']);
    expect((pre.childNodes ?? []).filter((c) => c.nodeName === "br").length).toBe(2);
  });

  it("gives every note one line and four fields that read back whole under Anki's quoting rules, whatever the text holds", () => {
    const [card] = bankOf(["p.md", "# P\n\n- sample:\n  - What is it? <!-- id: px-prop -->\n    - This\n"]).questions;
    const tricky = fc.string({ unit: fc.constantFrom('"', "\t", "\n", "\r", "\r\n", "#", "<", ">", "&", ";", "\\", "[", "]", "(", "`", "a", " ", "é", "🚀", "\u00a0") });
    fc.assert(
      fc.property(tricky, tricky, (stem, answer) => {
        const q = { ...card!, stem, answer } as Question;
        const text = toAnki([q]);
        const [note] = ankiNotes([q]);
        expect(text.split("\n")).toHaveLength(7 + 1 + 1);
        expect(readAnki(text, 2).records).toEqual([[note!.guid, note!.front, note!.back, note!.tags]]);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps only https links in the Anki export, and a third party's HTML as text", () => {
    const hostile = bankOf([
      "h.md",
      `# Hostile "quotes"\n\n## Which is it? See [docs](https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html "t")\n\n` +
        `- [x] [a script](javascript:alert(1)) and [notes](../notes/02-user-pools.md)\n- [ ] <img src=x onerror=alert(1)> ![pic](pic.png)\n- [ ] "Quoted" option\n\n` +
        `> Because <script>alert(1)</script> and <https://docs.aws.amazon.com/x.html>.\n`,
    ]);
    const { rows } = parseAnki(toAnki(hostile.questions));
    expect(rows).toEqual(ankiNotes(hostile.questions).map((n) => [n.guid, n.front, n.back, n.tags]));
    const all = rows.flatMap((r) => [r[1]!, r[2]!]).flatMap(elements);
    const hrefs = all.filter((e) => e.nodeName === "a").map((e) => attr(e, "href"));
    expect(hrefs).toEqual([
      "https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html",
      "https://docs.aws.amazon.com/x.html",
    ]);
    for (const h of hrefs) expect(new URL(h!).protocol).toBe("https:");
    expect(all.some((e) => ["script", "img"].includes(e.nodeName) || e.attrs!.some((a) => a.name.startsWith("on")))).toBe(false);
    expect(rows[0]![1]).toContain("a script and notes");
    expect(all.filter((e) => e.nodeName === "li").map(textOf)).toContain('"Quoted" option');
    expect(rows[0]![3]).toBe('cogquiz::hostile-quotes');
  });

  describe("cards as Anki shows them", () => {
    /** The text runs MathJax reads for `\(…\)` and `\[…\]`: text nodes, split at every element but br and wbr, code and pre skipped. */
    function mathJaxStrings(html: string): string[] {
      const strings: string[] = [""];
      const walk = (n: Node) => {
        if (n.nodeName === "#text") strings[strings.length - 1] += n.value ?? "";
        else if (n.nodeName === "br") strings[strings.length - 1] += "\n";
        else if (n.nodeName === "wbr" || n.nodeName === "#comment") return;
        else if (n.attrs) {
          strings.push("");
          if (!["pre", "code", "script", "style", "textarea"].includes(n.nodeName)) for (const c of n.childNodes ?? []) walk(c);
          strings.push("");
        } else for (const c of n.childNodes ?? []) walk(c);
      };
      walk(parseFragment(html) as unknown as Node);
      return strings.filter(Boolean);
    }
    const noteOf = (b: ReturnType<typeof bankOf>, id: string) => {
      const { notes } = readAnki(toAnki(b.questions), 2);
      const note = notes.find((n) => n.guid === id);
      expect(note, id).toBeDefined();
      return { front: note!.fields[0]!, back: note!.fields[1]!, tags: note!.tags };
    };
    const shown = (html: string) => textOf(parseFragment(html) as unknown as Node);

    it("shows a bank's \\( \\) and \\[ \\] as written, never typeset by MathJax, whose \\href would take a javascript: link", () => {
      const b = bankOf([
        "m.md",
        "# Math\n\n## Which one is it, \\\\(\\href{javascript:alert(1)}{click}\\\\)?\n<!-- id: mx-math -->\n\n" +
          "<div>\\[\\style{position:fixed}{x}\\]</div>\n\n- [x] &#92;&#40;x&#x5C;&#x29; and &bsol;&lbrack;y&bsol;&rsqb;\n- [ ] Plain\n\n> Because `\\(code\\)`.\n",
      ]);
      const { front, back } = noteOf(b, "mx-math");
      for (const field of [front, back]) for (const run of mathJaxStrings(field)) expect(run).not.toMatch(/\\[([]/);
      expect(shown(front)).toContain("\\(\\href{javascript:alert(1)}{click}\\)");
      expect(shown(front)).toContain("<div>\\[\\style{position:fixed}{x}\\]</div>");
      expect(shown(front)).toContain("\\(x\\) and \\[y\\]");
      expect(shown(back)).toContain("Because \\(code\\).");
    });

    it("shows Anki's own [sound:], [anki:tts], [latex] and [$] markup in a bank as written, for Anki's readers to pass over", () => {
      const b = bankOf([
        "a.md",
        "# Markup\n\n## Which one plays [sound:alarm.mp3] or says [anki:tts lang=en_US]hi[/anki:tts]?\n<!-- id: ax-markup -->\n\n" +
          "- [x] [latex]\\input{/etc/passwd}[/latex]\n- [ ] [$]x^2[/$] and [$$]y[/$$] and [LaTeX]z[/LaTeX]\n\n" +
          "> Because, [see](https://docs.aws.amazon.com/x.html?q=[sound:a.mp3]&r=[latex]x[/latex]).\n",
      ]);
      const { front, back } = noteOf(b, "ax-markup");
      // The patterns Anki's card renderer looks for in a field's HTML (rslib's latex.rs and its av-tag parser).
      for (const field of [front, back]) {
        expect(field).not.toMatch(/\[latex\](.+?)\[\/latex\]|\[\$\](.+?)\[\/\$\]|\[\$\$\](.+?)\[\/\$\$\]/is);
        expect(field).not.toMatch(/\[sound:[^\]]+\]|\[anki:tts/);
      }
      const href = attr(elements(back).find((e) => e.nodeName === "a")!, "href")!;
      expect(decodeURI(href)).toBe("https://docs.aws.amazon.com/x.html?q=[sound:a.mp3]&r=[latex]x[/latex]");
      expect(shown(front)).toContain("Which one plays [sound:alarm.mp3] or says [anki:tts lang=en_US]hi[/anki:tts]?");
      expect(elements(front).filter((e) => e.nodeName === "li").map(textOf)).toEqual([
        "[latex]\\input{/etc/passwd}[/latex]",
        "[$]x^2[/$] and [$$]y[/$$] and [LaTeX]z[/LaTeX]",
      ]);
    });

    it("keeps Anki's markup out of a code block's language, which becomes an attribute", () => {
      const b = bankOf(["a.md", "# Markup\n\n## Which one plays?\n<!-- id: ax-fence -->\n\n```[sound:alarm.mp3]\nplay\n```\n\n- [x] This\n- [ ] That\n"]);
      const { front } = noteOf(b, "ax-fence");
      expect(front).not.toMatch(/\[sound:[^\]]+\]/);
      expect(attr(elements(front).find((e) => e.nodeName === "code")!, "class")).toBe("language-[sound:alarm.mp3]");
      expect(shown(front)).toContain("play");
    });

    it("names the keys by letter, says Choose N once, and shows each option's feedback and a recall card's hint", () => {
      const b = bankOf([
        "c.md",
        "# Choices\n\n## Which TWO are prime? (Choose TWO)\n<!-- id: cx-hinted -->\n\n- [x] Seven\n- [ ] Nine\n  > Three times three.\n- [x] Eleven\n\n> Both have no divisors.\n\n" +
          "## Which are even?\n<!-- id: cx-plain -->\n\n- [x] Two\n\n- [x] Four\n\n  Twice two.\n- [ ] Five\n\n> Divisible by two.\n\n" +
          "- sample: `token_use`\n  - Which claim names the token's kind? <!-- id: cx-recall -->\n    - token_use\n",
      ]);
      const hinted = noteOf(b, "cx-hinted");
      expect(shown(hinted.front).match(/choose/gi)).toHaveLength(1);
      expect(shown(hinted.back)).toContain("A. Seven");
      expect(shown(hinted.back)).toContain("C. Eleven");
      expect(elements(hinted.back).filter((e) => e.nodeName === "dd").map(textOf)).toEqual(["Three times three."]);
      expect(elements(hinted.back).filter((e) => e.nodeName === "dt").map(textOf)).toEqual(["B. Nine"]);
      const plain = noteOf(b, "cx-plain");
      expect(shown(plain.front)).toContain("Choose 2.");
      // Options apart by blank lines show no [x] box, and one of two paragraphs keeps both, with no empty one between.
      const options = elements(plain.front).filter((e) => e.nodeName === "li").map(textOf);
      expect(options).toEqual(["Two", "Four Twice two.", "Five"]);
      expect(elements(plain.front).filter((e) => e.nodeName === "p" && textOf(e) === "")).toEqual([]);
      expect(elements(plain.front).filter((e) => e.nodeName === "li")[1]!.childNodes!.filter((c) => c.nodeName === "p").map(textOf)).toEqual(["Four", "Twice two."]);
      const card = noteOf(b, "cx-recall");
      expect(shown(card.front)).toBe("Hint: token_useWhich claim names the token's kind?");
      expect(shown(card.back)).toContain("token_use");
    });

    it("shows an image's alt text as its paragraph would, not with its entities escaped again", () => {
      const b = bankOf(["i.md", "# Images\n\n## Which diagram? ![S3 &amp; Glacier *tiers*](tiers.png)\n<!-- id: ix-alt -->\n\n- [x] This\n- [ ] That\n\n> Because.\n"]);
      const { front } = noteOf(b, "ix-alt");
      expect(shown(front)).toContain("Which diagram? [image: S3 & Glacier tiers]");
      expect(elements(front).some((e) => e.nodeName === "img")).toBe(false);
    });

    it("shows a character reference as CommonMark reads it: a name HTML5 has is its character, anything else the text written", () => {
      const b = bankOf([
        "e.md",
        "# S3 &amp; Glacier &copy;\n\n## Which arrow&nbsp;is it: &rarr;, &#8594; or &copyright; &notit; at AT&T?\n<!-- id: ex-refs -->\n\n" +
          "- [x] `&copy;` in code, &lt;b&gt; as text\n- [ ] Read [the page](https://docs.aws.amazon.com/x.html?a=1&amp;b=2) &rlm;here\n- [ ] Ünïcødé 🚀 日本語 👩‍💻\n\n> Because &amp; so.\n",
      ]);
      const { front, back, tags } = noteOf(b, "ex-refs");
      expect(shown(front)).toContain("Which arrow\u00a0is it: →, → or &copyright; &notit; at AT&T?");
      expect(elements(front).filter((e) => e.nodeName === "li").map(textOf)).toEqual([
        "&copy; in code, <b> as text",
        "Read the page \\u200fhere",
        "Ünïcødé 🚀 日本語 👩‍💻",
      ]);
      expect(elements(front).filter((e) => e.nodeName === "a").map((e) => attr(e, "href"))).toEqual(["https://docs.aws.amazon.com/x.html?a=1&b=2"]);
      expect(shown(back)).toContain("Because & so.");
      expect(tags).toEqual(["cogquiz::s3-glacier"]);
    });

    it("makes tags of every script's words whole, marks and all, in the NFC form Anki keeps", () => {
      const b = bankOf(["t.md", "---\ntags: [हिंदी, ภาษาไทย, Sécurité réseau, 한국어]\n---\n# हिंदी नोट्स\n\n## Which one?\n<!-- id: tx-tags -->\n\n- [x] This\n- [ ] That\n\n> Because.\n"]);
      const { tags } = noteOf(b, "tx-tags");
      expect(tags).toEqual(["cogquiz::हिंदी-नोट्स", "cogquiz::tag::हिंदी", "cogquiz::tag::ภาษาไทย", "cogquiz::tag::securite-reseau", "cogquiz::tag::한국어"]);
      for (const t of tags) expect(t).toBe(t.normalize("NFC"));
    });

    it("leaves no invisible character of an emoji heading in a tag: the variation selector and a keycap's mark go", () => {
      const b = bankOf(["e.md", "# ⬆️ AWS bank\n\n## ❣️ Support 1️⃣\n\n### Which one?\n<!-- id: em-tags -->\n\n- [x] This\n- [ ] That\n\n> Because.\n"]);
      const { tags } = noteOf(b, "em-tags");
      expect(tags).toEqual(["cogquiz::aws-bank::support-1"]);
    });
  });

  it("writes CSV with one quoted row per question and the learner's state", () => {
    const state = { due: "2026-03-12T00:00:00.000Z", stability: 4.5, difficulty: 5, elapsedDays: 0, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, phase: "review" as const };
    const csv = toCsv(bank.questions, (id) => (id === "fx-single-sky" ? state : undefined));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,topic,kind,stem,options,keys,explanation,answer,tags,due,stability,difficulty,reps,lapses,phase,suspended");
    expect(lines).toHaveLength(bank.questions.length + 1);
    expect(lines[1]).toContain('fx-single-sky,Session fixture / Singles,single,Which colour is a clear daytime sky?,"[""Green like grass""');
    expect(lines[1]).toContain("2026-03-12T00:00:00.000Z,4.5,5,2,0,review,");
  });

  it("neutralises cells a spreadsheet would run as formulas (OWASP CSV injection), and every cell parses back", () => {
    const hostile = bankOf([
      "f.md",
      "---\ntags: ['=1+1']\n---\n# =HYPERLINK(\"https://evil.example\",\"x\")\n\n## +cmd|' /C calc'!A0 which?\n\n- [x] -2+3\n- [ ] @SUM(A1:A2)\n- [ ] plain, with \"quotes\"\n\n> =1+1\n",
    ]);
    const csv = toCsv(hostile.questions, () => undefined);
    const rows = parseCsv(csv) as string[][];
    const [head, row] = rows as [string[], string[]];
    const cell = (name: string) => row[head.indexOf(name)]!;
    expect(cell("topic")).toBe(`'=HYPERLINK("https://evil.example","x")`);
    expect(cell("stem")).toBe("'+cmd|' /C calc'!A0 which?");
    expect(cell("explanation")).toBe("'=1+1");
    expect(cell("tags")).toBe("'=1+1");
    expect(JSON.parse(cell("options"))).toEqual(["-2+3", "@SUM(A1:A2)", 'plain, with "quotes"']);
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvCell("\tx")).toBe(`"'\tx"`);
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("-1")).toBe(`"'-1"`);
    expect(csvCell("safe")).toBe("safe");
  });

  it("writes JSON with every question, its keys and progress", () => {
    const json = JSON.parse(toJson(bank.questions, () => undefined, new Date("2026-03-10T00:00:00Z")));
    expect(json.version).toBe(1);
    expect(json.questions).toHaveLength(bank.questions.length);
    expect(json.questions.find((q: { id: string }) => q.id === "fx-multi-primes")).toMatchObject({ kind: "multiple", keys: ["Seven", "Eleven"], progress: null });
  });
});
