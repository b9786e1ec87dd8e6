// The exam-guide part of `cogquiz exam --guide <id>`: the draw by domain weight, the guide's time and pass mark.

import type { MultipleChoiceQuestion } from "../content/model.js";
import { findGuide, type ExamGuide } from "../analysis/guides.js";
import { drawByGuide, scoreByDomain, type GuideDraw } from "../analysis/guide-exam.js";
import { formatDomainScores } from "../ui/exam-screens.js";
import { GUIDE_IDS } from "../srs/exam-guides-ids.js";
import { UsageError } from "./exit.js";

export interface Guided {
  guide: ExamGuide;
  draw: GuideDraw;
  /** The guide's time, scaled to the questions drawn when the content has fewer. */
  minutes: number;
}

export function guidedDraw(id: string, pool: readonly MultipleChoiceQuestion[], count: number | undefined, seed: number): Guided {
  const guide = findGuide(id);
  if (!guide) throw new UsageError(`unknown exam guide "${id}"; guides are ${GUIDE_IDS.join(", ")}`);
  const draw = drawByGuide(pool, guide, count ?? guide.questions, seed);
  const minutes = Math.max(1, Math.round(((guide.minutes * draw.questions.length) / guide.questions) * 10) / 10);
  return { guide, draw, minutes };
}

export function domainReport(guided: Guided, questions: readonly MultipleChoiceQuestion[], results: readonly boolean[], width?: number): string {
  return formatDomainScores(guided.guide, scoreByDomain(questions, results, guided.guide), guided.draw, width);
}
