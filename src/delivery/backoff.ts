import type { BackoffOptions } from './types.ts';

/**
 * Delay before retry number `retryNumber` (1 = the retry after the first failed
 * attempt): `min(maxMs, baseMs * factor^(retryNumber - 1))`, then with `full`
 * jitter a uniform pick in `[0, delay)` ("full jitter" spreads retries of many
 * deliveries that failed together instead of hammering the receiver in waves).
 * The result is a whole number of milliseconds.
 *
 * @example
 * const backoff = { baseMs: 100, factor: 2, maxMs: 1000, jitter: 'none' } as const;
 * computeBackoffDelay(1, backoff); // 100
 * computeBackoffDelay(4, backoff); // 800
 * computeBackoffDelay(9, backoff); // 1000 (capped)
 * computeBackoffDelay(4, { ...backoff, jitter: 'full' }, () => 0.5); // 400
 */
export function computeBackoffDelay(retryNumber: number, backoff: Readonly<BackoffOptions>, random: () => number = Math.random): number {
  const capped = cappedDelay(retryNumber, backoff);
  if (backoff.jitter === 'none') return Math.round(capped);
  // Clamp so a misbehaving random source cannot produce a negative or over-cap delay.
  const r = Math.min(Math.max(Number(random()) || 0, 0), 1);
  return Math.min(Math.floor(r * capped), Math.max(Math.ceil(capped) - 1, 0));
}

/**
 * The delay before jitter, capped at `maxMs`.
 *
 * @example
 * cappedDelay(3, { baseMs: 100, factor: 3, maxMs: 10_000, jitter: 'full' }); // 900
 */
export function cappedDelay(retryNumber: number, backoff: Readonly<BackoffOptions>): number {
  const n = Math.max(1, Math.floor(retryNumber));
  // baseMs 0 would give 0 * Infinity = NaN once factor^n overflows.
  if (backoff.baseMs === 0) return 0;
  const raw = backoff.baseMs * backoff.factor ** (n - 1);
  return Math.min(backoff.maxMs, raw);
}
