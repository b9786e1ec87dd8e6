// Question ids. Progress is keyed by them, so the rules here are a promise to learners:
// an explicit `<!-- id: … -->` never changes; a derived id changes only when the stem's words change.

import { createRequire } from "node:module";
import type { Token, Tokens } from "marked";
import { normalise, plainText } from "./text.js";

/** node:crypto, loaded at first use: only the parser derives ids, and a start from the parse cache never parses. */
let crypto: typeof import("node:crypto") | undefined;

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

/** `<!-- id: some-id -->`, anywhere in a piece of markdown; the value is checked separately. */
const ID_COMMENT = /<!--\s*id\s*:\s*(\S*?)\s*-->/i;

export function findIdComment(markdown: string): string | undefined {
  return idComment(markdown)?.id;
}

/** The first id comment of a piece of markdown: the id as written, and where the comment starts in the text. */
export function idComment(markdown: string): { id: string; index: number; text: string } | undefined {
  if (!markdown.includes("<!--")) return undefined;
  const m = ID_COMMENT.exec(markdown);
  return m ? { id: m[1] ?? "", index: m.index, text: m[0] } : undefined;
}

/** Ids that are object-prototype names: progress files holding them as keys are refused, so questions may not use them. */
const RESERVED_IDS = new Set(["constructor", "prototype"]);

/** Whether an explicit id may be a question's: the pattern, and no reserved name. */
export function isUsableId(id: string): boolean {
  return ID_PATTERN.test(id) && !RESERVED_IDS.has(id);
}

const ID_COMMENTS = new RegExp(ID_COMMENT.source, "gi");

export function stripIdComment(markdown: string): string {
  if (!markdown.includes("<!--")) return markdown;
  return markdown.replace(ID_COMMENTS, "").replace(/[ \t]+$/gm, "");
}

/** The stem's plain words as ids see them: markdown marks already gone, whitespace collapsed, lower case. */
export function stemWords(plainStem: string): string {
  return normalise(plainStem);
}

/**
 * The words of one block of a stem, as ids see them: code as written, everything else through its tokens, so that
 * emphasis, escapes and spacing never count, in tables and lists as in paragraphs (`|---|` and `| --- |`, `**MFA**`
 * and `MFA` are the same words).
 */
export function blockWords(t: Token): string {
  switch (t.type) {
    case "code":
      return (t as Tokens.Code).text;
    case "list":
      return (t as Tokens.List).items.map((item) => item.tokens.map(blockWords).join(" ")).join(" ");
    case "table": {
      const table = t as Tokens.Table;
      const cells = [...table.header, ...table.rows.flat()];
      return cells.map((cell) => plainText(cell.tokens, cell.text)).join(" ");
    }
    default:
      return plainText((t as { tokens?: Token[] }).tokens, t.raw);
  }
}

/** `q-` and the first 10 hex digits of the SHA-256 of the stem's words. */
export function derivedId(plainStem: string): string {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  return `q-${crypto.createHash("sha256").update(stemWords(plainStem)).digest("hex").slice(0, 10)}`;
}

/**
 * A 64-bit fingerprint of the stem's words (two FNV-1a passes), enough to notice a repeated stem.
 * Much cheaper than SHA-256, which only questions without an explicit id need.
 */
export function stemFingerprint(plainStem: string): string {
  const words = stemWords(plainStem);
  return words === "" ? "" : hash64(words);
}

/** 16 hex digits from two FNV-1a passes over `text`: a quick fingerprint, not a cryptographic hash. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The pieces of a draft's identity: the fingerprint, and a derived id unless a valid explicit id makes it moot. */
export function draftIdentity(plainStem: string, explicitId: string | undefined): { stemKey: string; derivedId?: string } {
  const stemKey = stemFingerprint(plainStem);
  return explicitId !== undefined && ID_PATTERN.test(explicitId) ? { stemKey } : { stemKey, derivedId: derivedId(plainStem) };
}
