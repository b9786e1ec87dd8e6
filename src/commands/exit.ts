// Exit codes, written once. Documented in README.md.

import { neutraliseControls } from "../content/controls.js";

export const EXIT = {
  ok: 0,
  /** The command ran and found a problem: validation errors, a progress file in use, a refused file. */
  failure: 1,
  /** Bad usage: an unknown command or option, a bad value, a path that does not exist, no terminal for a prompt. */
  usage: 2,
  /** A bug in cogquiz itself. */
  internal: 70,
  /** Output that could not be written although the command was right: a full disk, an I/O error (EX_IOERR). */
  ioError: 74,
  /** An interactive session ended because its terminal went away (SIGHUP, or the terminal failing): 128 + 1. */
  hangUp: 129,
  /** An interactive session stopped by Ctrl-C before its first prompt (as its content loaded): 128 + 2. */
  interrupted: 130,
  /** An interactive session ended by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

export { UsageError, UserFacingError } from "../errors.js";

/** What a bug says on its way out (exit 70): the error's message, its stack with COGQUIZ_DEBUG=1. */
export function internalErrorMessage(e: unknown): string {
  const detail = e instanceof Error ? (process.env.COGQUIZ_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
  return `cogquiz: internal error: ${neutraliseControls(detail)}\nThis is a bug in cogquiz; COGQUIZ_DEBUG=1 shows the stack.\n`;
}
