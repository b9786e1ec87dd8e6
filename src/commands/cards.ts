// cogquiz config | reset | suspend | where: small changes to progress, each under the session lock.

import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve, sep } from "node:path";
import { escapeName } from "../content/controls.js";
import { BUNDLED_CONTENT } from "../content/load.js";
import { DEFAULT_SETTINGS, isCardId, RETENTION_RANGE, type Settings } from "../store/schema.js";
import { dataPaths } from "../store/paths.js";
import { CARD_KINDS, type CardState, type ExamGoal } from "../srs/model.js";
import type { ProgressStore } from "../store/progress-store.js";
import { contentPaths, loadContent, type GlobalOptions } from "./content-set.js";
import { EXIT, UsageError, UserFacingError } from "./exit.js";
import { decimalIn } from "./numbers.js";
import { noteToStderr as note, openProgress } from "./progress.js";
import { EXAM_SETTINGS, examSetting, type ExamSettingKey } from "../srs/exam-goal.js";
import { examIsOver } from "../srs/exam-rule.js";
import { GUIDE_IDS } from "../srs/exam-guides-ids.js";


type SettingKey = keyof Settings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

/**
 * A leading `~` or `~/` is the home folder ($HOME), as a shell would read it: the shell leaves the `~` after a comma
 * (`~/notes/aws,~/notes/extra`) or in quotes to us. `~user` and a `~` further in are left as they are written.
 */
function expandHome(path: string): string {
  if (path !== "~" && !path.startsWith("~/") && !path.startsWith(`~${sep}`)) return path;
  return join(process.env.HOME || homedir(), path.slice(2));
}

function parseSetting(key: SettingKey, value: string): Settings[SettingKey] {
  switch (key) {
    case "newPerDay":
    case "reviewsPerDay": {
      if (!/^\d{1,6}$/.test(value)) {
        throw new UsageError(`${key} takes a whole number from 0 to 999999${key === "newPerDay" ? ', or "plan" to follow the exam plan\'s pace' : ""} (got "${value}")`);
      }
      return Number.parseInt(value, 10);
    }
    case "desiredRetention": {
      const n = decimalIn("desiredRetention", value, { min: RETENTION_RANGE[0], max: RETENTION_RANGE[1], shown: ["0.70", "0.99"] });
      return n;
    }
    case "contentPaths": {
      const entries = value.split(",").map((p) => p.trim());
      // Commas and nothing between them (`,`) name no path: more likely paths left out than a wish to clear the
      // setting, which an empty value says plainly.
      if (value.trim() !== "" && entries.every((p) => p === "")) {
        throw new UsageError(`contentPaths "${value}" names no path; \`cogquiz config set contentPaths ''\` clears the setting`);
      }
      const paths = entries.filter(Boolean).map((p) => resolve(expandHome(p)));
      const missing = paths.filter((p) => !existsSync(p));
      if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);
      return paths;
    }
  }
}

const EXAM_KEYS = Object.keys(EXAM_SETTINGS) as ExamSettingKey[];
const isExamKey = (key: string): key is ExamSettingKey => (EXAM_KEYS as string[]).includes(key);

function checkKey(key: string): SettingKey {
  if (!(KEYS as string[]).includes(key)) throw new UsageError(`unknown setting "${key}"; settings are ${[...KEYS, ...EXAM_KEYS].join(", ")} (and, read only, newCards and fsrs)`);
  return key as SettingKey;
}

/** The FSRS parameters in use: fitted ones with their date and review count (and a kind's own set), or the defaults. */
function fsrsLines(settings: Settings): string {
  const f = settings.fsrs;
  if (!f) return "fsrs=default\n";
  let out = `fsrs=fitted\nfsrs.fittedAt=${f.fittedAt}\nfsrs.reviews=${f.reviews}\nfsrs.w=${f.w.join(",")}\n`;
  for (const kind of CARD_KINDS) {
    const k = f.kinds?.[kind];
    if (k) out += `fsrs.${kind}.reviews=${k.reviews}\nfsrs.${kind}.w=${k.w.join(",")}\n`;
  }
  return out;
}

/** Which new-card limit the quiz takes with this exam set: the plan's pace, or newPerDay set after the plan. */
function newCardsSource(exam: ExamGoal): "plan" | "newPerDay" {
  return exam.ownNewPerDay ? "newPerDay" : "plan";
}

/** A setting as printed: a path the user typed may hold any byte, so controls and line breaks are shown escaped. */
function show(value: unknown): string {
  return escapeName(Array.isArray(value) ? value.join(",") : String(value));
}

/** What `cogquiz config` alone prints: its actions, then the settings they take, each line within 60 columns. */
export function configUsage(): string {
  return [
    "cogquiz config takes an action:",
    "  config get               print every setting as key=value",
    "  config get <key>         print one setting",
    "  config set <key> <value> change a setting",
    "settings:",
    `  ${KEYS.join(", ")}`,
    "the exam plan's, as `cogquiz plan` sets them:",
    `  ${EXAM_KEYS.join(", ")}`,
    "read only: newCards (plan or newPerDay), fsrs",
    "",
  ].join("\n");
}

export async function configCommand(action: string | undefined, key: string | undefined, value: string | undefined, globals: GlobalOptions): Promise<number> {
  if (action === undefined) {
    process.stderr.write(configUsage());
    return EXIT.usage;
  }
  if (action === "get") {
    // `config get newPerDay 30` (a set with the wrong verb) would print 20 and change nothing, exit 0.
    if (value !== undefined) throw new UsageError(`config get takes one setting at most (got "${value}" after "${key}"); \`cogquiz config set ${key} ${value}\` changes it`);
    const store = await openProgress(globals, false, note);
    await store.close();
    const settings = store.data.settings;
    if (key === undefined) {
      for (const k of KEYS) process.stdout.write(`${k}=${show(settings[k])}\n`);
      const exam = settings.exam;
      // One key=value a line, as the settings above, so that a script reads each with `config get` or a grep.
      if (exam) {
        for (const k of EXAM_KEYS) {
          const v = examSetting(exam, k);
          if (v !== undefined) process.stdout.write(`${k}=${show(v)}\n`);
        }
        process.stdout.write(`newCards=${newCardsSource(exam)}\n`);
      }
      process.stdout.write(fsrsLines(settings));
    } else if (key === "fsrs") {
      process.stdout.write(fsrsLines(settings));
    } else if (key === "newCards") {
      if (!settings.exam) throw new UserFacingError("no exam is set, so the quiz takes newPerDay: `cogquiz plan --exam YYYY-MM-DD` sets one, whose pace the quiz then follows");
      process.stdout.write(`${newCardsSource(settings.exam)}\n`);
    } else if (isExamKey(key)) {
      // Not set is no value: nothing on standard output and exit 1, as `config get` leaves out the exam's line, so
      // that a script tells it from a value.
      const value = examSetting(settings.exam, key);
      if (value === undefined) {
        throw new UserFacingError(
          settings.exam
            ? `no exam guide is set: \`cogquiz config set guide <id>\` (or \`cogquiz plan --guide\`) sets one; guides are ${GUIDE_IDS.join(", ")}`
            : "no exam is set: `cogquiz config set exam YYYY-MM-DD` (or `cogquiz plan --exam`) sets one",
        );
      }
      process.stdout.write(`${show(value)}\n`);
    } else {
      process.stdout.write(`${show(settings[checkKey(key)])}\n`);
    }
    return EXIT.ok;
  }
  if (action !== "set") throw new UsageError(`config takes "get" or "set" (got "${action}")`);
  if (key === "fsrs") throw new UsageError("the FSRS parameters are fitted by `cogquiz optimize` (and `cogquiz optimize --reset` returns to the defaults)");
  if (key === "newCards") throw new UsageError("newCards says which new-card limit the quiz takes with an exam set: `cogquiz config set newPerDay N` sets your own, `cogquiz config set newPerDay plan` follows the plan's pace");
  if (key === undefined || value === undefined) throw new UsageError("usage: cogquiz config set <key> <value>");
  if (isExamKey(key)) {
    // The plan's code (content, scheduler) is loaded only for this.
    const { setExamSetting } = await import("./plan.js");
    process.stdout.write(`${key}=${show(await setExamSetting(key, value, globals))}\n`);
    return EXIT.ok;
  }
  const k = checkKey(key);
  if (k === "newPerDay" && value === "plan") return followPlanPace(globals);
  const parsed = parseSetting(k, value);
  const store = await openProgress(globals, true, note);
  let ownPace = false;
  let examAhead: ExamGoal | undefined;
  try {
    await store.update((d) => {
      if (d.settings.exam && !examIsOver(d.settings.exam, new Date())) examAhead = d.settings.exam;
      (d.settings as unknown as Record<string, unknown>)[k] = parsed;
      // Set after the plan, newPerDay is the student's choice: the quiz takes it instead of the plan's pace. An exam
      // whose day is over has no pace to replace: the next quiz or plan retires it.
      if (k === "newPerDay" && d.settings.exam && !examIsOver(d.settings.exam, new Date())) {
        d.settings.exam.ownNewPerDay = true;
        ownPace = true;
      }
    });
  } finally {
    await store.close();
  }
  process.stdout.write(`${k}=${show(parsed)}\n`);
  if (ownPace) note(`the quiz now takes newPerDay ${show(parsed)} instead of the exam plan's pace; \`cogquiz config set newPerDay plan\` follows the plan again`);
  // With an exam ahead the plan's minutes bound the day's reviews (reviewLimit): the new value waits for the exam's end.
  if (k === "reviewsPerDay" && examAhead) {
    note(`with the exam of ${examAhead.date} set, the plan's ${examAhead.minutesPerDay} minutes a day bound the day's reviews, not reviewsPerDay; it applies again once the exam is over`);
  }
  return EXIT.ok;
}

/** `config set newPerDay plan`: with an exam set, the quiz's new-card limit follows the plan's pace again. */
async function followPlanPace(globals: GlobalOptions): Promise<number> {
  const store = await openProgress(globals, true, note);
  try {
    const exam = store.data.settings.exam;
    if (!exam) throw new UsageError("newPerDay plan follows an exam plan, and no exam is set: `cogquiz plan --exam YYYY-MM-DD` sets one");
    if (examIsOver(exam, new Date())) {
      throw new UsageError(`newPerDay plan follows an exam plan, and the exam of ${exam.date} is over: \`cogquiz plan --exam YYYY-MM-DD\` sets the next one`);
    }
    await store.update((d) => {
      delete d.settings.exam!.ownNewPerDay;
    });
  } finally {
    await store.close();
  }
  process.stdout.write("newPerDay=plan (the exam plan's pace, recomputed each day; `cogquiz plan` prints it)\n");
  return EXIT.ok;
}

/** The card's progress, if any; an id with neither progress nor a question is refused (exit 1). */
async function existingCard(store: ProgressStore, id: string, globals: GlobalOptions): Promise<CardState | undefined> {
  if (!isCardId(id)) throw new UsageError(`"${id}" cannot be a question id`);
  const had = store.card(id);
  if (had) return had;
  const known = (await loadContent(contentPaths(globals, store.data.settings.contentPaths))).questions.some((q) => q.id === id);
  if (!known) {
    throw new UserFacingError(`no question or progress has the id "${id}"; \`cogquiz topics --ids\` lists every id (each answer's id is also shown after it is saved)`);
  }
  return undefined;
}

export async function resetCommand(id: string, globals: GlobalOptions): Promise<number> {
  const store = await openProgress(globals, true, note);
  try {
    const had = await existingCard(store, id, globals);
    if (!had) {
      process.stdout.write(`${id} has no progress yet; nothing to reset\n`);
      return EXIT.ok;
    }
    await store.recordReset(id, new Date());
    process.stdout.write(`${id} is new again (its review history stays in the log)\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export async function suspendCommand(id: string, lift: boolean, globals: GlobalOptions): Promise<number> {
  const store = await openProgress(globals, true, note);
  try {
    const had = await existingCard(store, id, globals);
    // Nothing to change: said as such, and nothing written.
    if (lift && !had?.suspended) {
      process.stdout.write(`${id} was not suspended; nothing changed\n`);
      return EXIT.ok;
    }
    if (!lift && had?.suspended) {
      process.stdout.write(`${id} is already suspended; \`cogquiz suspend ${id} --lift\` brings it back\n`);
      return EXIT.ok;
    }
    // In the log as well as the checkpoint, so a replay of the log suspends (or lifts) it again.
    await store.recordSuspend(id, !lift, new Date());
    process.stdout.write(lift ? `${id} is back in the queue\n` : `${id} is suspended: no quiz will show it until \`cogquiz suspend ${id} --lift\`\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export async function whereCommand(globals: GlobalOptions): Promise<number> {
  const p = dataPaths(globals.data);
  const [progress, log, lock, content] = [p.progress, p.log, p.lock, BUNDLED_CONTENT].map(escapeName);
  const link = p.link ? ` (through the link ${escapeName(p.link.progress)})` : "";
  process.stdout.write(`progress  ${progress}${link}\nreviews   ${log}\nlock      ${lock}\ncontent   ${content}\n`);
  return EXIT.ok;
}
