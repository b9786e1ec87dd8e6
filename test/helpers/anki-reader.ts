// A reader for Anki's text import, written from the rules Anki's importer follows (the manual's "Importing > Text
// files", and how its CSV reader treats quotes, comments and headers): tests read an export back as Anki would.

/** The `#key:value` header lines Anki reads at the top of the file, keys lower-cased and trimmed. */
export type AnkiHeaders = Record<string, string>;

export interface AnkiImport {
  headers: AnkiHeaders;
  /** Every record, field by field, as the CSV reader splits them. */
  records: string[][];
  /** Each record as a note: guid, the note type's fields in order, and tags split on whitespace. */
  notes: { guid: string; fields: string[]; tags: string[] }[];
}

/**
 * Header lines: the first may be `tags:…`; then each line starting with `#` is one (a `#` line without a colon is a
 * comment); the first line that is neither starts the notes.
 */
function readHeaders(lines: string[]): { headers: AnkiHeaders; count: number } {
  const headers: AnkiHeaders = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const line = i === 0 ? lines[0]!.replace(/^\uFEFF/, "") : lines[i]!;
    if (i === 0 && line.startsWith("tags:")) continue;
    if (!line.startsWith("#")) break;
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(1, colon).trim().toLowerCase()] = line.slice(colon + 1).replace(/\r$/, "");
  }
  return { headers, count: i };
}

/**
 * Records as Anki's CSV reader reads them: a record that starts with `#` is a comment; a field that starts with a
 * double quote runs to the next lone quote (`""` inside is one quote, and the delimiter and line breaks are text
 * there), and whatever follows that quote up to the delimiter is appended; any other field runs to the delimiter or
 * the line's end, its quotes plain text.
 */
export function readRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text[i] === "#") {
      while (i < n && text[i] !== "\n") i++;
      i++;
      continue;
    }
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n")) {
      i += text[i] === "\r" ? 2 : 1;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new Error("a quoted field never ends");
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field += text[i++];
        }
      }
      while (i < n && text[i] !== delimiter && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) field += text[i++];
      record.push(field);
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    records.push(record);
  }
  return records;
}

const DELIMITERS: Record<string, string> = { tab: "\t", comma: ",", semicolon: ";", pipe: "|", colon: ":", space: " " };

/**
 * The file as Anki would import it into a note type of `fieldCount` fields: header lines, records, and each record's
 * non-meta columns given to the fields in order (the guid and tags columns are meta).
 */
export function readAnki(text: string, fieldCount: number): AnkiImport {
  const lines = text.split("\n");
  const { headers, count } = readHeaders(lines);
  const delimiter = DELIMITERS[headers.separator ?? ""] ?? headers.separator ?? "\t";
  const records = readRecords(lines.slice(count).join("\n"), delimiter);
  const guidColumn = Number(headers["guid column"] ?? 0);
  const tagsColumn = Number(headers["tags column"] ?? 0);
  const notes = records.map((r) => {
    const fields = r.filter((_, i) => i + 1 !== guidColumn && i + 1 !== tagsColumn).slice(0, fieldCount);
    return {
      guid: guidColumn ? (r[guidColumn - 1] ?? "") : "",
      fields,
      tags: tagsColumn ? (r[tagsColumn - 1] ?? "").split(/\s+/).filter(Boolean) : [],
    };
  });
  return { headers, records, notes };
}
