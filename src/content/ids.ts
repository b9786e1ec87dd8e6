// Question ids. Progress is keyed by them, so the rules here are a promise to learners:
// an explicit `<!-- id: … -->` never changes; a derived id changes only when the stem's words change.

import { createHash } from "node:crypto";
import { normalise } from "./text.js";

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

/** `<!-- id: some-id -->`, anywhere in a piece of markdown; the value is checked separately. */
const ID_COMMENT = /<!--\s*id\s*:\s*(\S*?)\s*-->/i;

export function findIdComment(markdown: string): string | undefined {
  if (!markdown.includes("<!--")) return undefined;
  const m = ID_COMMENT.exec(markdown);
  return m ? (m[1] ?? "") : undefined;
}

const ID_COMMENTS = new RegExp(ID_COMMENT.source, "gi");

export function stripIdComment(markdown: string): string {
  if (!markdown.includes("<!--")) return markdown;
  return markdown.replace(ID_COMMENTS, "").replace(/[ \t]+$/gm, "");
}

/**
 * The first 96 bits (24 hex digits) of the SHA-256 of the stem's plain words, whitespace collapsed, lower case;
 * "" for an empty stem. Enough to tell repeated stems apart; a derived id uses its first 10 digits.
 */
export function stemHash(plainStem: string): string {
  const words = normalise(plainStem);
  return words === "" ? "" : createHash("sha256").update(words).digest("hex").slice(0, 24);
}

/** `q-` and the first 10 hex digits of the stem's hash. */
export function derivedId(plainStem: string): string {
  return idFromHash(stemHash(plainStem));
}

export function idFromHash(hash: string): string {
  return `q-${(hash || createHash("sha256").update("").digest("hex")).slice(0, 10)}`;
}
