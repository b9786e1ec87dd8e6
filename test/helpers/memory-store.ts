// A progress store in memory for session tests: the day's counters, study time, the log and exams, kept as the
// real store keeps them (an undo gives its counts back; study time is the answers' own, and stays).

import type { ProgressPort } from "../../src/session/quiz-session.js";
import type { CardState } from "../../src/srs/model.js";
import { counterOf, type DayCounters, type ExamRecord, type LogRecord, type ReviewRecord, type UndoRecord } from "../../src/srs/records.js";
import { studyTimeOf } from "../../src/srs/tally.js";

export class MemoryStore implements ProgressPort {
  cards = new Map<string, CardState>();
  days = new Map<string, DayCounters>();
  studied = new Map<string, number>();
  log: LogRecord[] = [];
  exams: ExamRecord[] = [];
  card(id: string) {
    return this.cards.get(id);
  }
  counters(day: string) {
    return this.days.get(day) ?? { new: 0, reviews: 0 };
  }
  studiedMs(day: string) {
    return this.studied.get(day) ?? 0;
  }
  private count(r: ReviewRecord | UndoRecord, step: number) {
    const d = { ...this.counters(r.day) };
    const c = counterOf(r);
    if (c === "new") d.new += step;
    if (c === "review") d.reviews += step;
    this.days.set(r.day, d);
  }
  async recordReview(record: ReviewRecord) {
    this.log.push(record);
    this.cards.set(record.questionId, record.after);
    this.count(record, 1);
    this.studied.set(record.day, this.studiedMs(record.day) + studyTimeOf(record));
  }
  async recordUndo(record: ReviewRecord, at: Date) {
    const undo: LogRecord = { kind: "undo", v: 1, reviewId: record.reviewId, questionId: record.questionId, at: at.toISOString(), day: record.day, wasNew: record.wasNew, restore: record.before };
    if (record.counts) undo.counts = record.counts;
    this.log.push(undo);
    if (record.before) this.cards.set(record.questionId, record.before);
    else this.cards.delete(record.questionId);
    this.count(undo, -1);
  }
  async saveExam(record: ExamRecord) {
    this.exams.push(record);
  }
  reviews(): ReviewRecord[] {
    return this.log.filter((r): r is ReviewRecord => r.kind === "review");
  }
}
