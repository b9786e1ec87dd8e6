// cogquiz study [topic]: read a topic's notes, then quiz it or move on.

import { allTopics, questionsUnder } from "../content/bank.js";
import type { Topic } from "../content/model.js";
import { runQuiz } from "../session/quiz-session.js";
import { computeStats } from "../session/stats.js";
import { escapeControls } from "../content/text.js";
import { chalk } from "../ui/colour.js";
import { plural, wrapText } from "../ui/layout.js";
import { catchInterrupts, keyPrompt, ask } from "../ui/prompts.js";
import { formatSummary, QuizScreens } from "../ui/quiz-screens.js";
import { pickTopic, renderNotes, showPaged, studyMenu, type TopicChoice } from "../ui/study-screens.js";
import { contentPaths, loadContent, sessionQuestions, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError } from "./exit.js";
import { dailyLimits, noteToStderr, openProgress, schedulerFor } from "./progress.js";
import { extraStudyAllowance, needsTerminal } from "./quiz.js";
import { closing, openWatched } from "./hang-up.js";
import { windowCardCount } from "../srs/exam-pace.js";

/** A topic's notes with all its subtopics', each under its own heading, as one document. */
function sectionMarkdown(topic: Topic, depth = 0): string {
  const parts: string[] = [];
  if (depth > 0) parts.push(`${"#".repeat(Math.min(6, depth + 1))} ${topic.title}`);
  if (topic.body !== "") parts.push(topic.body);
  for (const child of topic.children) {
    const inner = sectionMarkdown(child, depth + 1);
    if (inner !== "") parts.push(inner);
  }
  return parts.length === (depth > 0 ? 1 : 0) && topic.body === "" && topic.children.length === 0 ? "" : parts.join("\n\n");
}

export async function studyCommand(topicName: string | undefined, opts: GlobalOptions): Promise<number> {
  const noTerminal = needsTerminal("study");
  if (noTerminal !== undefined) return noTerminal;
  // A terminal closed or a kill: checkpoint and let go of the lock, as the quiz does.
  const { store, watch } = await openWatched(() => openProgress(opts, true, noteToStderr), closing);
  let release: (() => void) | undefined;
  try {
    const bank = await loadContent(contentPaths(opts, store.data.settings.contentPaths));
    const { questions } = sessionQuestions(bank, undefined);
    const topics = allTopics(bank.root);
    // With an exam set, each card's status line says the days to it and the readiness over the whole content set,
    // as the quiz's does.
    const examStatus = store.data.settings.exam ? (await import("./plan.js")).examStatusTracker(store.data.settings, questions, (id) => store.card(id)) : undefined;
    if (topics.length === 0) throw new UsageError("the content has no topics (no headings) to study");
    // A Ctrl-C pressed while the content was read is a stop (exit 130), as in the quiz, not a quit at the picker.
    await watch.settle();
    release = catchInterrupts();
    const choices = (): TopicChoice[] => {
      const mastery = new Map(
        computeStats({ root: bank.root, questions, cards: store.data.cards, log: [], exams: [], now: new Date() }).topics.map((t) => [t.path.join("\u0000"), t]),
      );
      return topics.map((topic) => {
        const m = mastery.get(topic.path.join("\u0000"));
        return { topic, label: `${"  ".repeat(topic.path.length - 1)}${topic.title}`, cards: m?.total ?? 0, mastery: m?.mastery ?? 0 };
      });
    };

    let index: number | "quit";
    if (topicName !== undefined) {
      // The best topic by its title; a match by tag or id opens the topic of the first question found.
      const match = sessionQuestions(bank, topicName);
      const best = match.topics[0] ?? topics.find((t) => t.key === match.questions[0]?.topicKey);
      index = best ? topics.indexOf(best) : 0;
    } else {
      index = await pickTopic(choices());
    }

    while (index !== "quit") {
      const topic = topics[index]!;
      const info = choices()[index]!;
      const body = sectionMarkdown(topic) || "_No notes under this heading; it holds questions only._";
      const header = `${chalk.bold(escapeControls(topic.path.join(" › ")))}${chalk.dim(` · ${info.cards ? `${Math.round(info.mastery * 100)}% mastered · ${plural(info.cards, "card")}` : "no cards"}`)}`;
      const notes = (width: number) => `${wrapText(header, width)}\n\n${renderNotes(body, width)}`;
      if ((await showPaged(topic.path.join(" › "), notes)) === "quit") break;
      // "Next" skips the subtopics just read along with their parent.
      const inside = (t: Topic) => t.path.length > topic.path.length && topic.path.every((p, k) => t.path[k] === p);
      let next = index + 1;
      while (next < topics.length && inside(topics[next]!)) next++;
      const action = await studyMenu(info.cards, next < topics.length, topic.path.join(" › "), topics[next]?.path.join(" › "));
      if (action === "quit") break;
      if (action === "next") index = next;
      else if (action === "pick") index = await pickTopic(choices(), index);
      else {
        const topicQuestions = questionsUnder(questions, topic.key);
        const settings = store.data.settings;
        // Studying a topic on purpose: its new cards come even when today's new-card limit is used up.
        // With an exam, the final window is the whole content set's, as the quiz and the plan size it.
        const windowCards = settings.exam ? windowCardCount(questions.map((q) => q.id), (id) => store.card(id)) : undefined;
        const summary = await runQuiz(topicQuestions, store, schedulerFor(settings, windowCards), new QuizScreens(), () => new Date(), {
          limits: { ...dailyLimits(settings, new Date()), extraNew: extraStudyAllowance(settings.newPerDay) },
          seed: Date.now() & 0x7fffffff,
          ...(examStatus ? { examStatus } : {}),
          ...(settings.exam ? { examDate: settings.exam.date } : {}),
        });
        process.stdout.write(`\n${formatSummary(summary, new Date(), topicQuestions, undefined, { resume: "z on this topic's notes", ...(settings.exam ? { examDate: settings.exam.date } : {}) })}\n`);
        await ask(() => keyPrompt({ message: "", options: [{ keys: ["return", "space"], label: "back to the notes", value: "ok" }], interrupt: "ok" }), "ok");
      }
    }
    return EXIT.ok;
  } finally {
    release?.();
    await store.close();
    watch.end();
  }
}
