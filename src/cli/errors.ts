/** Exit codes of every `hookspec` command. */
export const EXIT = {
  /** The command did what it was asked and every check passed. */
  ok: 0,
  /** A check failed: a signature did not verify, a receiver answered non-2xx, a request failed. */
  failed: 1,
  /** The command line or the set-up was wrong: unknown command, API, event or option, a missing value, a missing optional peer (msw, faker), nothing listening. */
  usage: 2,
} as const;

/** A mistake on the command line, in its inputs or in the set-up (a missing optional peer); exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A check that failed after it ran (verification, delivery); exits 1. The command has already
 * printed the details, so the message is only shown when nothing else was.
 */
export class CheckFailedError extends Error {
  override readonly name = 'CheckFailedError';
  readonly reported: boolean;
  constructor(message: string, options: { reported?: boolean } = {}) {
    super(message);
    this.reported = options.reported ?? false;
  }
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
