/**
 * RFC 9530 `Want-Content-Digest`: digest algorithm preferences (weights 0–10, 0 = not acceptable).
 * @module
 */
import { isInnerList, parseDictionary, serializeDictionary, type Dictionary } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { CONTENT_DIGEST_ALGORITHMS, type ContentDigestAlgorithm } from './content-digest.ts';

/** Algorithm name → weight (integer 0–10; 10 most preferred, 0 not acceptable). */
export type DigestPreferences = ReadonlyMap<string, number>;

const HEADER = 'want-content-digest';

function isWeight(value: unknown): value is number {
  // Number.isInteger is false for anything that is not a number.
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10;
}

/**
 * Parses a `Want-Content-Digest` value. Members whose weight is not an integer 0–10 are skipped
 * (preferences are only a hint); a value that is not a structured-field dictionary throws
 * `malformed_header`.
 *
 * @example
 * parseWantContentDigest('sha-512=3, sha-256=10, unixsum=0');
 * // Map { 'sha-512' => 3, 'sha-256' => 10, 'unixsum' => 0 }
 */
export function parseWantContentDigest(value: string): Map<string, number> {
  let dictionary: Dictionary;
  try {
    dictionary = parseDictionary(value);
  } catch (cause) {
    throw new WebhookVerificationError(
      'malformed_header',
      'The Want-Content-Digest header is not a structured-field dictionary: send e.g. "sha-256=10, sha-512=3".',
      { header: HEADER, cause },
    );
  }
  const preferences = new Map<string, number>();
  for (const [algorithm, member] of dictionary) {
    if (!isInnerList(member) && isWeight(member[0])) preferences.set(algorithm, member[0]);
  }
  return preferences;
}

/**
 * Serialises preferences as a `Want-Content-Digest` value.
 *
 * @example
 * serializeWantContentDigest({ 'sha-256': 10, 'sha-512': 3 }); // 'sha-256=10, sha-512=3'
 */
export function serializeWantContentDigest(preferences: DigestPreferences | Readonly<Record<string, number>>): string {
  const entries = preferences instanceof Map ? [...preferences] : Object.entries(preferences);
  const dictionary: Dictionary = new Map();
  for (const [algorithm, weight] of entries) {
    if (!isWeight(weight)) {
      throw new WebhookVerificationError('malformed_header', `Want-Content-Digest weight for "${algorithm}" must be an integer from 0 to 10.`, {
        header: HEADER,
      });
    }
    dictionary.set(algorithm, [weight, new Map()]);
  }
  try {
    return serializeDictionary(dictionary);
  } catch (cause) {
    throw new WebhookVerificationError('malformed_header', 'Want-Content-Digest algorithm names must be lowercase structured-field keys (e.g. "sha-256").', {
      header: HEADER,
      cause,
    });
  }
}

/**
 * Picks the digest algorithm to send for a `Want-Content-Digest` value: the supported algorithm
 * with the highest non-zero weight (ties go to the earlier entry of `supported`, strongest first).
 * Without a header the first supported algorithm is used; `undefined` means the peer accepts none
 * of ours. An unparseable header counts as absent (it is only a hint).
 *
 * @example
 * chooseContentDigestAlgorithm('sha-512=3, sha-256=10'); // 'sha-256'
 * chooseContentDigestAlgorithm(null);                    // 'sha-512'
 * chooseContentDigestAlgorithm('unixsum=10');            // undefined
 */
export function chooseContentDigestAlgorithm(
  want: string | DigestPreferences | null | undefined,
  supported: readonly ContentDigestAlgorithm[] = CONTENT_DIGEST_ALGORITHMS,
): ContentDigestAlgorithm | undefined {
  let preferences: DigestPreferences | undefined;
  if (typeof want === 'string') {
    try {
      preferences = want.trim() === '' ? undefined : parseWantContentDigest(want);
    } catch {
      // Unparseable: preferences stay undefined, as without a header.
    }
  } else {
    preferences = want ?? undefined;
  }
  if (preferences === undefined) return supported[0];
  let best: ContentDigestAlgorithm | undefined;
  let bestWeight = 0;
  for (const algorithm of supported) {
    const weight = preferences.get(algorithm) ?? 0;
    if (weight > bestWeight) {
      best = algorithm;
      bestWeight = weight;
    }
  }
  return best;
}
