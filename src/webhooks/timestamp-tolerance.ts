import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Default tolerance between a delivery's timestamp and the receiver's clock: five minutes, both ways. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Checks a delivery timestamp against `now`, in both directions: too old is a replay risk,
 * too new means a skewed clock. Returns the parsed time.
 */
export function checkTimestamp(value: string | null, header: string, toleranceSeconds: number, now: Date): Date {
  if (value === null || value.trim() === '') {
    throw new WebhookVerificationError('missing_header', `The ${header} header is missing.`, { header });
  }
  const time = new Date(value.trim());
  if (Number.isNaN(time.getTime())) {
    throw new WebhookVerificationError('malformed_header', `The ${header} header "${value}" is not an ISO 8601 timestamp.`, {
      header,
    });
  }
  const skewSeconds = (now.getTime() - time.getTime()) / 1000;
  if (Math.abs(skewSeconds) > toleranceSeconds) {
    const direction = skewSeconds > 0 ? 'old' : 'far in the future';
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `The delivery timestamp is ${Math.round(Math.abs(skewSeconds))} s ${direction} (tolerance ${toleranceSeconds} s). Check the server clock (NTP) or raise toleranceSeconds.`,
      { header },
    );
  }
  return time;
}
