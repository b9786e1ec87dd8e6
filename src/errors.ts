// Errors a user can act on. Anything else that escapes a command is a bug and is reported as one.

/** A mistake in how a command was called; printed as one line, exit 2. */
export class UsageError extends Error {}

/** A problem the user can fix (a refused progress file, a lock held by another session); printed as is. */
export class UserFacingError extends Error {
  constructor(message: string, readonly exitCode: number = 1) {
    super(message);
  }
}
