import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Parses a verified body; anything but valid JSON is an `invalid_json` error. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new WebhookVerificationError(
      'invalid_json',
      `The body is not valid JSON (${(cause as Error).message}). Check that nothing re-encoded the body in transit.`,
      { cause },
    );
  }
}
