// Where a finding is placed on its line: the column of the line's first visible character, from line offsets found
// once per file (src/content/lines.ts), checked against the file cut into lines.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineStarts } from "../../src/content/lines.js";
import { parseFile } from "../../src/content/parse-file.js";

describe("line offsets", () => {
  it("start every line text.split gives, empty lines and a final newline included", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", ">", "\t") }), (text) => {
        const starts = lineStarts(text);
        const lines = text.split("\n");
        expect(starts.length).toBe(lines.length);
        lines.forEach((line, i) => {
          const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
          expect(text.slice(starts[i]!, end)).toBe(line);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe("columns of findings", () => {
  it("are those of each reported line's first visible character, below front matter and on every page of a file", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.record({ indent: fc.constantFrom("", " ", "  ", "   "), blank: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        (tags, questions) => {
          const front = tags > 0 ? `---\ntags:\n${"  - t\n".repeat(tags)}---\n` : "";
          let body = "# Topic\n\n";
          questions.forEach((q, i) => {
            // An option without a box is reported on its own line, indented as written; the lines around it are
            // indented further, so a finding placed on a neighbour would show another column.
            body += `## Which option is number ${i}?\n\n${q.indent}- [x] right ${i}\n${q.indent}      said at length\n`;
            body += `${q.indent}- plain option ${i}\n${q.indent}      said at length\n${q.indent}- [ ] wrong ${i}\n`;
            body += q.blank ? "\n> Because.\n\n" : "\n";
          });
          const text = front + body;
          const lines = text.split("\n");
          const found = parseFile("bank.md", text).diagnostics.filter((d) => d.rule === "option-without-checkbox");
          expect(found).toHaveLength(questions.length);
          for (const d of found) {
            const line = lines[d.line - 1]!;
            expect(line).toMatch(/- plain option/);
            expect(d.column).toBe(/^[ \t>]*/.exec(line)![0].length + 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
