// Every validation rule, written once: its id, its severity and what it means.
// docs/question-format.md lists the same ids; a test keeps the two in step.

import type { Severity } from "./model.js";

export const RULES = {
  "no-correct-option": { severity: "error", summary: "A multiple-choice question has no option marked [x]." },
  "all-options-correct": { severity: "error", summary: "Every option is marked [x], so there is nothing to choose." },
  "choose-count-mismatch": {
    severity: "error",
    summary: 'The stem says "Choose N" but a different number of options is marked [x].',
  },
  "too-few-options": { severity: "error", summary: "A multiple-choice question has fewer than two options." },
  "duplicate-option": { severity: "error", summary: "Two options of one question have the same text." },
  "option-without-checkbox": {
    severity: "error",
    summary: "An item of an option list has no [ ] or [x] box, so it cannot be graded.",
  },
  "option-refers-to-option": {
    severity: "error",
    summary: 'An option names other options ("both A and B", "all of the above"); options are shuffled, so it breaks.',
  },
  "empty-stem": { severity: "error", summary: "A question heading has no text." },
  "lettered-without-answer": {
    severity: "warning",
    summary: "A stem that asks something has lettered options (A., B., …) but no answer line (Correct answer: B), so it is not read.",
  },
  "unknown-answer-letter": { severity: "error", summary: "The answer line of a lettered question names a letter no option has." },
  "bad-id": { severity: "error", summary: "An explicit id does not match [a-z0-9][a-z0-9-]{2,63}." },
  "duplicate-id": { severity: "error", summary: "The same explicit id is used twice in the loaded content." },
  "duplicate-stem": {
    severity: "warning",
    summary: "Two questions have the same stem; the later one gets a -2, -3… id suffix that depends on load order.",
  },
  "sample-without-answer": { severity: "warning", summary: "A sample or Q: question has no answer, so it is not a card." },
  "empty-sample": { severity: "warning", summary: "A sample: marker has no question under it." },
  "missing-explanation": { severity: "warning", summary: "A multiple-choice question has no explanation blockquote." },
  "front-matter": { severity: "error", summary: "The YAML front matter does not parse or has a key of the wrong type." },
  "missing-file": { severity: "warning", summary: "A relative link or image points at a file that does not exist." },
  "not-utf8": { severity: "error", summary: "The file is not UTF-8 text." },
  "binary-file": { severity: "error", summary: "The file holds NUL bytes: it is binary, not markdown." },
  "control-character": {
    severity: "warning",
    summary:
      "The text or the file name holds a terminal control character (ESC or another C0/C1 code), a bidirectional control or a zero-width space; it is never printed raw.",
  },
  "file-too-large": { severity: "error", summary: "The file is larger than a note file can sensibly be (16 MiB)." },
  "unreadable-file": { severity: "error", summary: "The file could not be read (permissions, it vanished, or a loop of symbolic links)." },
  "too-deeply-nested": { severity: "error", summary: "Lists, quotes or inline marks are nested too deeply to read." },
  "line-too-long": { severity: "error", summary: "A line is too long for the markdown reader (megabytes on one line, such as an inlined image)." },
  "no-markdown-files": { severity: "warning", summary: "A folder given to cogquiz holds no markdown files." },
  "bad-domain": { severity: "warning", summary: "A domains comment names an exam-guide task not written as guide:task (dva-c02:2.1)." },
  "unknown-sibling": { severity: "warning", summary: "A siblings comment names an id that no loaded question has." },
  "misplaced-comment": {
    severity: "warning",
    summary: "An id, siblings, domains or cogquiz-disable comment stands after a question's options, where it applies to nothing.",
  },
  "unknown-rule": {
    severity: "warning",
    summary: "A cogquiz-disable comment names a rule that does not exist, or an error rule, which cannot be silenced.",
  },
  "near-duplicate": {
    severity: "warning",
    summary: "Two questions ask nearly the same thing (stems and keys alike) and are not declared siblings.",
  },
  "key-much-longer": { severity: "warning", summary: "The key is much longer than every distractor, which gives it away." },
  "key-longest-often": {
    severity: "warning",
    summary: "Across the content set the key is the longest option far more often than chance (p < 0.001).",
  },
  "key-position-bias": {
    severity: "warning",
    summary: "Across the content set the key sits in some positions far more often than chance (p < 0.001).",
  },
  "negative-not-emphasised": {
    severity: "warning",
    summary: "A negative question (NOT, EXCEPT, cannot) does not set its negative word in bold or capitals.",
  },
  "absolute-word-in-distractor": {
    severity: "warning",
    summary: "Distractors say always, never or only and the key does not: test-wise readers rule them out.",
  },
  "option-echoes-stem": {
    severity: "warning",
    summary: "One option repeats the stem's distinctive words and no other option does: the echo points at it.",
  },
  "missing-reference": {
    severity: "warning",
    summary: "A recall card or an explanation cites no documentation page as a real [title](https://…) link.",
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof RULES;

/**
 * Whether a name an author wrote (in .cogquiz.json, in a cogquiz-disable comment) is a rule id. An own key of RULES:
 * `in` would also find what every object inherits (`constructor`, `toString`, `__proto__`).
 */
export function isRuleId(name: string): name is RuleId {
  return Object.hasOwn(RULES, name);
}

/** Warnings that only a change to the content silences: near duplicates go away by declaring the pair siblings. */
const ONLY_FIXED_IN_CONTENT = new Set<RuleId>(["near-duplicate"]);

/**
 * Whether a question's cogquiz-disable comment may silence the rule, and a configuration file turn it off or lower
 * it: errors make a question unusable (no key, a wrong choose-N count…), so they cannot be.
 */
export function canSilence(rule: RuleId): boolean {
  return RULES[rule].severity === "warning" && !ONLY_FIXED_IN_CONTENT.has(rule);
}

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Largest note file read; larger ones are reported, not parsed. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
