// Options a bank letters itself: "A. ", "A) ", "(A) ", "**A)** ", in order A, B, C…

import type { Token, Tokens } from "marked";

/** An option's letter (group 2) and the space after it; bold opened before the letter is group 1, closed after it group 3. */
export const LETTER = /^(\*\*|__)?\(?([A-H])[.)](\*\*|__)?[ \t]+/;

/** The list when its items are lettered A, B, C… in order (two at least). */
export function letteredOptions(token: Token): Tokens.List | undefined {
  if (token.type !== "list") return undefined;
  const list = token as Tokens.List;
  if (list.items.length < 2) return undefined;
  for (let i = 0; i < list.items.length; i++) {
    const m = LETTER.exec(list.items[i]!.text);
    if (!m || m[2]!.charCodeAt(0) !== 65 + i) return undefined;
  }
  return list;
}

/** An option's markdown without its letter; bold opened before the letter and closed after the text stays open. */
export function withoutLetter(markdown: string): string {
  const m = LETTER.exec(markdown);
  if (!m) return markdown;
  const rest = markdown.slice(m[0].length);
  return m[1] !== undefined && m[3] === undefined ? `${m[1]}${rest}` : rest;
}
