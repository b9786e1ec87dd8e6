// Exit codes, written once. Documented in README.md.

export const EXIT = {
  ok: 0,
  /** The command ran and found a problem: validation errors, a progress file in use, a refused file. */
  failure: 1,
  /** Bad usage: an unknown command or option, a bad value, a path that does not exist, no terminal for a prompt. */
  usage: 2,
  /** A bug in cogquiz itself. */
  internal: 70,
} as const;

export { UsageError, UserFacingError } from "../errors.js";
