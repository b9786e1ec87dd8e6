// Errors a user can act on. Anything else that escapes a command is a bug and is reported as one.

/** A mistake in how a command was called; printed as one line, exit 2. */
export class UsageError extends Error {}

/**
 * A problem the user can fix (a refused progress file, a lock held by another session). Each line is printed as one
 * line: a message of several lines gives them apart, so that a path or a file name in one cannot start another.
 */
export class UserFacingError extends Error {
  readonly lines: readonly string[];
  constructor(message: string | readonly string[], readonly exitCode: number = 1) {
    const lines = typeof message === "string" ? [message] : message;
    super(lines.join("\n"));
    this.lines = lines;
  }
}
