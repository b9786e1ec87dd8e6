// cogquiz quiz: a spaced-repetition session. Needs a terminal on both ends.

import { EXIT } from "./exit.js";

export const NO_TTY_MESSAGE = "cogquiz: quiz needs an interactive terminal; try `cogquiz validate` or `cogquiz topics`\n";

export async function quizCommand(_globals: Record<string, unknown>): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(NO_TTY_MESSAGE);
    return EXIT.usage;
  }
  process.stderr.write("cogquiz: the quiz is not available yet; try `cogquiz topics`\n");
  return EXIT.usage;
}
