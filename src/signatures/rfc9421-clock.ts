/**
 * Time handling shared by RFC 9421 signing and verification.
 * @module
 */

/** A clock: returns the current time as UNIX seconds (fractions allowed) or a `Date`. */
export type Clock = () => number | Date;

/**
 * Reads a clock (default: the system clock) as whole UNIX seconds.
 *
 * @example
 * nowInSeconds(() => new Date('2021-04-20T02:07:55Z')); // 1618884475
 */
export function nowInSeconds(clock?: Clock): number {
  const now = clock === undefined ? Date.now() / 1000 : clock();
  return Math.floor(now instanceof Date ? now.getTime() / 1000 : now);
}

/**
 * Converts a time given as UNIX seconds or a `Date` into whole UNIX seconds.
 *
 * @example
 * toUnixSeconds(new Date(1618884473000)); // 1618884473
 */
export function toUnixSeconds(time: number | Date): number {
  return Math.floor(time instanceof Date ? time.getTime() / 1000 : time);
}
