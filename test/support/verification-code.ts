import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';

/** The code of the verification error `run` threw, or `ok`; any other error fails the test. */
export function verificationCode(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
}
