// option-refers-to-option reads an option with a cheap test first: it must never turn away an option the rule's
// patterns would flag, whatever the option's letters, case, digits and punctuation.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { namesOtherOptions, refersToOtherOption } from "../../src/content/text.js";

describe("the cheap test before option-refers-to-option's patterns", () => {
  const piece = fc.constantFrom(
    "A", "B", "C", "H", "I", "a", "b", "c", "h", "1", "2", "9", "0", "(A)", "(b)", "A)", "(1)", "and", "or", "nor", "&", ",", " ", "  ",
    "both", "Both", "either", "neither", "only", "all", "All", "none", "any", "of", "the", "other", "above", "Above", "below",
    "option", "Options", "answer", "Answers", "choice", "CHOICES", "are", "is", ".", "-", "x", "words", "AB", "A-B", "\t",
  );

  it("never changes what the patterns say", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom(" ", ""), (parts, glue) => {
        const text = parts.join(glue);
        expect(refersToOtherOption(text)).toBe(namesOtherOptions(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("flags the shapes the rule is for, and leaves an option with the article a alone", () => {
    for (const s of ["Both A and B", "All of the above", "Options 1 and 2", "A and C only", "either (B) or (D)", "None of the other answers"]) {
      expect(refersToOtherOption(s), s).toBe(true);
    }
    for (const s of ["a user pool and an identity pool", "Use a Lambda trigger", "Option groups in a pool", "b and c"]) {
      expect(refersToOtherOption(s), s).toBe(false);
    }
  });
});
