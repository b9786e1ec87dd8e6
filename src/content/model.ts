// The content model: what a set of markdown notes and question banks means once read.
// Every later stage (scheduler, store, sessions, UI) works on these plain values.

import type { RuleId } from "./rules.js";

export type Severity = "error" | "warning";

/** A problem found in the content, pointing at the place an author has to edit. */
export interface Diagnostic {
  /** Path as the user should see it (relative to the current directory where possible). */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  message: string;
  /** Other places the problem involves, such as the earlier question of a near-duplicate pair. */
  related?: SourceRef[];
}

export interface SourceRef {
  file: string;
  line: number;
}

export interface Reference {
  title: string;
  url: string;
}

export interface Choice {
  /** Option text as markdown. */
  text: string;
  correct: boolean;
  /** Markdown shown when a learner picks this option (a blockquote under the option). */
  feedback?: string;
}

/** Fields shared by every kind of question. */
interface QuestionBase {
  /** Stable id: progress is keyed by it (see docs/question-format.md for what changes it). */
  id: string;
  /** True when the author wrote `<!-- id: … -->`; false when derived from the stem. */
  explicitId: boolean;
  /** Topic path as titles, from the outermost heading down. */
  topic: string[];
  /** Normalised topic path, the key topics merge on. */
  topicKey: string;
  /** Short one-line form of the question (heading text, or the question bullet). */
  title: string;
  /** The full question as markdown: title plus any text, code or tables that belong to it. */
  stem: string;
  tags: string[];
  domain?: string;
  /**
   * Exam-guide tasks this question serves, as `<guide>:<task>` (for example `dva-c02:2.1`), from front matter or the
   * question's own comment. Readiness and `exam --guide` group by them.
   */
  domains?: string[];
  /**
   * Ids of the questions declared siblings of this one (the same fact asked another way, such as a recall card and
   * a multiple-choice question). Symmetric once the bank is read; sessions bury a card's siblings for the day once
   * it is answered, and the near-duplicate rule leaves declared pairs alone.
   */
  siblings?: string[];
  /**
   * Ids of the other questions with the same stem (its words, emphasis and spacing aside): the same question asked
   * again, as banks that gather several practice exams often do. Set when the bank is read, never written; sessions
   * bury twins as they bury siblings, and a mock exam draws at most one of them.
   */
  twins?: string[];
  source: SourceRef;
  /** True when the question's own source has validation errors; sessions skip such questions. */
  hasErrors: boolean;
}

export interface MultipleChoiceQuestion extends QuestionBase {
  /** `single`: exactly one correct option; `multiple`: choose several. */
  kind: "single" | "multiple";
  choices: Choice[];
  /** The N of a "(Choose N)" hint in the stem, when there is one. */
  chooseHint?: number;
  explanation?: string;
  references: Reference[];
}

export interface RecallCard extends QuestionBase {
  kind: "recall";
  /**
   * A short label the notes give the card (the text after `sample:` when the question follows as a bullet), shown
   * with the card as a hint.
   */
  hint?: string;
  /** The answer as markdown. A card always has one: a question without answer is a diagnostic, not a card. */
  answer: string;
  references: Reference[];
}

export type Question = MultipleChoiceQuestion | RecallCard;
export type QuestionKind = Question["kind"];

export function isMultipleChoice(q: Question): q is MultipleChoiceQuestion {
  return q.kind !== "recall";
}

/** The kind of card a question is for scheduling: a recall card, or a choice (where a guess can be right). */
export function cardKind(q: Question): "recall" | "choice" {
  return q.kind === "recall" ? "recall" : "choice";
}

/** A node of the heading tree. Topics with the same normalised path merge across files. */
export interface Topic {
  key: string;
  title: string;
  path: string[];
  /** Markdown of the notes under this heading (question sections left out), from every file that has it. */
  body: string;
  sources: SourceRef[];
  children: Topic[];
}

export interface FrontMatter {
  topic?: string;
  tags: string[];
  domain?: string;
  /** Exam-guide tasks of every question in the file, as `<guide>:<task>`. */
  domains?: string[];
}

export interface SourceFile {
  file: string;
  frontMatter: FrontMatter;
}

export interface Bank {
  files: SourceFile[];
  /** The root has an empty path; its children are the top-level topics. */
  root: Topic;
  questions: Question[];
  diagnostics: Diagnostic[];
}
