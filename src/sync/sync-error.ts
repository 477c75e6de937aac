/**
 * A sync command's failure, worded for the user: one line, no stack trace. Exit code 2 is a
 * usage error (wrong flags, a bad environments file), 1 anything else.
 */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
