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

/** `q-` and 10 hex digits of the SHA-256 of the stem's plain words, whitespace collapsed, lower case. */
export function derivedId(plainStem: string): string {
  return `q-${createHash("sha256").update(normalise(plainStem)).digest("hex").slice(0, 10)}`;
}
