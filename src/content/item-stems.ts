// A list's items that open with a paragraph: the stem of a question written as a list item, as a heading would be.

import type { Token, Tokens } from "marked";
import type { Located } from "./multiple-choice.js";
import { withLines } from "./lines.js";

export interface ItemStem {
  item: Tokens.ListItem;
  /** The item's blocks, each at its line; the first is the stem. */
  parts: Located<Token>[];
  stem: Located<Tokens.Paragraph>;
}

/** The items of `list` whose first block is a paragraph (or a tight item's text), with their blocks at their lines. */
export function itemStems(list: Located<Tokens.List>): ItemStem[] {
  const out: ItemStem[] = [];
  for (const { token: item, line } of withLines(list.token.items, list.line)) {
    const parts = withLines(item.tokens, line);
    const stem = parts[0];
    if (!stem || (stem.token.type !== "paragraph" && stem.token.type !== "text")) continue;
    out.push({ item, parts, stem: stem as Located<Tokens.Paragraph> });
  }
  return out;
}

/** A stem paragraph as the heading a question reader takes. */
export function stemHeading(paragraph: Tokens.Paragraph): Tokens.Heading {
  return { type: "heading", raw: paragraph.raw, text: paragraph.text, depth: 6, tokens: paragraph.tokens } as Tokens.Heading;
}
