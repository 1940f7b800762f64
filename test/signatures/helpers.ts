/** Assertions shared by the signature tests. */
import { expect } from 'vitest';

import { WEBHOOK_VERIFICATION_ERROR_CODES, WebhookVerificationError, type WebhookVerificationErrorCode } from '../../src/errors/webhook-verification-error.ts';

/** Runs `fn` and returns what it threw (fails the test if nothing was thrown). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Awaits `promise` and returns its rejection reason (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Asserts a WebhookVerificationError with exactly this code (and header, when given). */
export function expectVerificationError(error: unknown, code: WebhookVerificationErrorCode, header?: string): void {
  expect(error).toBeInstanceOf(WebhookVerificationError);
  const typed = error as WebhookVerificationError;
  expect(typed.code).toBe(code);
  if (header !== undefined) expect(typed.header).toBe(header);
}

/** The code of a typed error; fails on anything else (a plain Error or TypeError escaping). */
export function codeOf(error: unknown): WebhookVerificationErrorCode {
  if (!(error instanceof WebhookVerificationError)) {
    throw new Error(`expected a WebhookVerificationError but got ${String(error)}`, { cause: error });
  }
  if (!WEBHOOK_VERIFICATION_ERROR_CODES.includes(error.code)) throw new Error(`undocumented code ${error.code}`);
  return error.code;
}
