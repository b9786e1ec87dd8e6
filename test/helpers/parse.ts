import { buildBank } from "../../src/content/bank.js";
import { parseFile } from "../../src/content/parse-file.js";
import type { Bank, MultipleChoiceQuestion, RecallCard } from "../../src/content/model.js";

/** Reads markdown the way the program does, without touching the disk. */
export function bankOf(...files: [name: string, text: string][]): Bank {
  return buildBank(files.map(([name, text]) => parseFile(name, text)));
}

export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

export function recall(bank: Bank): RecallCard[] {
  return bank.questions.filter((q): q is RecallCard => q.kind === "recall");
}

export function choiceQuestions(bank: Bank): MultipleChoiceQuestion[] {
  return bank.questions.filter((q): q is MultipleChoiceQuestion => q.kind !== "recall");
}

export function rules(bank: Bank): string[] {
  return bank.diagnostics.map((d) => d.rule);
}
