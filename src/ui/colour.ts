// Colour on or off, decided once at start-up. chalk 5 reads FORCE_COLOR but not NO_COLOR.

import chalk from "chalk";

/** `--no-color` or a non-empty NO_COLOR turns colour off; so does output that is not a terminal (chalk's own check). */
export function applyColourChoice(colourFlag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (colourFlag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) chalk.level = 0;
}

export { chalk };
