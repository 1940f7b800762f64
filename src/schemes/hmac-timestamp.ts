/**
 * The timestamp of an `hmac` scheme: read in its declared format, written in it, and held
 * within the tolerance both ways (too old is a replay, too far ahead a forged or skewed clock).
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import type { HmacDescription } from './hmac-description.ts';

export type HmacTimestampFormat = NonNullable<HmacDescription['timestamp']>['format'];

const DIGITS = /^\d{1,16}$/;

/**
 * The time a timestamp header value stands for, or a `malformed_header` error naming the
 * format. Surrounding spaces are ignored; the value is signed as received, so it is not rewritten.
 *
 * @example
 * parseHmacTimestamp('1614265330', 'unix-seconds', 'webhook-timestamp').toISOString(); // '2021-02-25T15:02:10.000Z'
 */
export function parseHmacTimestamp(value: string, format: HmacTimestampFormat, header: string): Date {
  const text = value.trim();
  let time = Number.NaN;
  if (format === 'iso8601') {
    // Read as src/webhooks/timestamp-tolerance.ts reads it, so SidClaw's deliveries are judged as before.
    time = new Date(text).getTime();
  } else if (DIGITS.test(text)) {
    time = format === 'unix-seconds' ? Number(text) * 1000 : Number(text);
  }
  if (!Number.isFinite(time)) {
    throw new WebhookVerificationError(
      'malformed_header',
      `The ${header} timestamp "${value.slice(0, 40)}" is not ${format === 'iso8601' ? 'an ISO 8601 timestamp' : `Unix time in ${format === 'unix-millis' ? 'milliseconds' : 'seconds'}`}.`,
      { header },
    );
  }
  return new Date(time);
}

/**
 * A time in the declared format (whole seconds for `unix-seconds`).
 *
 * @example
 * formatHmacTimestamp(new Date(1614265330000), 'unix-seconds'); // '1614265330'
 */
export function formatHmacTimestamp(time: Date, format: HmacTimestampFormat): string {
  const ms = time.getTime();
  if (!Number.isFinite(ms)) throw new TypeError('The signing timestamp is not a valid Date.');
  if (format === 'unix-seconds') return String(Math.floor(ms / 1000));
  if (format === 'unix-millis') return String(Math.floor(ms));
  return time.toISOString();
}

/** Throws `timestamp_out_of_tolerance` when `time` is more than `toleranceSeconds` from `now`, either way. */
export function assertWithinTolerance(time: Date, now: Date, toleranceSeconds: number, header: string): void {
  const skewSeconds = (now.getTime() - time.getTime()) / 1000;
  if (Math.abs(skewSeconds) <= toleranceSeconds) return;
  // The wording of src/webhooks/timestamp-tolerance.ts, so that every scheme says it alike.
  throw new WebhookVerificationError(
    'timestamp_out_of_tolerance',
    `The delivery timestamp is ${Math.round(Math.abs(skewSeconds))} s ${skewSeconds > 0 ? 'old' : 'far in the future'} (tolerance ${toleranceSeconds} s). Check the server clock (NTP) or raise toleranceSeconds.`,
    { header },
  );
}
