/** A command that cannot go on: the message is printed to stderr and the process exits with `exitCode`. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit codes: 0 done, 1 refused or failed, 2 usage error, 78 invalid configuration (as the server). */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 78 } as const;
