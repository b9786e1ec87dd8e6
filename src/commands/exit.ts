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

/** A mistake in how the command was called; printed as one line, exit 2. */
export class UsageError extends Error {}

/** A problem the user can fix (a refused progress file, a lock held by another session); printed as is, exit 1. */
export class UserFacingError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.failure) {
    super(message);
  }
}
