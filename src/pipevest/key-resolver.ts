import type { WebhookPublicKey } from '../../generated/pipevest/types.gen.ts';
import { zWebhookPublicKey } from '../../generated/pipevest/zod.gen.ts';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import type { KeyResolver } from '../signatures/index.ts';
import type { PipevestClient } from './client.ts';

/** Where {@link createPipevestKeyResolver} gets the webhook key from. */
export type PipevestKeyResolverOptions = (
  | {
      /** A Pipevest client: the key is read with `GET /webhooks/key` through the generated SDK. */
      client: Pick<PipevestClient, 'getWebhookPublicKey'>;
      fetchKey?: undefined;
    }
  | {
      client?: undefined;
      /** Your own source of the `GET /webhooks/key` answer (a cache, a config file, another client). */
      fetchKey: () => Promise<WebhookPublicKey>;
    }
) & {
  /**
   * At most one refetch caused by an unknown `keyid` per this many milliseconds (default
   * 60 000), so a stream of forged `keyid`s cannot turn every delivery into a key request.
   * A failed fetch is followed by the same pause: while the key endpoint is failing, forged
   * requests get `unknown_key` saying when the next attempt is, and cause no requests.
   */
  refetchCooldownMs?: number;
  /** Clock in epoch milliseconds (default `Date.now`), for the cooldown. */
  now?: () => number;
};

/** A {@link KeyResolver} for `verifyPipevestWebhook`, plus control over its cache. */
export interface PipevestKeyResolver extends KeyResolver {
  /** Fetches the key now; it becomes the current key (earlier keys stay cached, for deliveries signed before a rotation). */
  refresh(): Promise<void>;
  /** The cached `keyId`s (empty until the first fetch). */
  knownKeyIds(): string[];
  /** How many times the key was fetched (for monitoring and tests). */
  readonly fetchCount: number;
}

function unusable(message: string, cause?: unknown): WebhookVerificationError {
  return new WebhookVerificationError('unknown_key', `Could not get the Pipevest webhook key: ${message}`, { header: 'signature-input', cause });
}

/** Validates the key answer against the spec and the fields this resolver needs. */
function readKeyAnswer(answer: unknown): { keyId: string; publicKey: string } {
  const parsed = zWebhookPublicKey.safeParse(answer);
  if (!parsed.success) throw unusable("the answer does not match the spec's WebhookPublicKey.", parsed.error);
  // The spec's schema already refuses an algorithm other than ed25519.
  const { keyId, publicKey } = parsed.data;
  if (!keyId || !publicKey) throw unusable('the answer has no keyId or no publicKey.');
  return { keyId, publicKey };
}

/**
 * Resolves the Ed25519 key of webhook signatures from `GET /webhooks/key`: fetched once (on
 * first use), cached by `keyId`, and fetched once more when a signature names an unknown
 * `keyid` (the key was rotated); still unknown after that is `unknown_key`. Concurrent
 * verifications share one request. A signature without `keyid` uses the current key.
 *
 * @example
 * const keyResolver = createPipevestKeyResolver({ client: pipevest });
 * const event = await verifyPipevestWebhook(request, { keyResolver });
 */
export function createPipevestKeyResolver(options: PipevestKeyResolverOptions): PipevestKeyResolver {
  const cooldownMs = options.refetchCooldownMs ?? 60_000;
  const now = options.now ?? Date.now;
  const keys = new Map<string, string>();
  let current: string | undefined;
  let inFlight: Promise<void> | undefined;
  let lastRefetchAt = -Infinity;
  let fetchCount = 0;
  /** The last failed fetch, so the next one waits for the cooldown as after a success. */
  let failure: { at: number; error: WebhookVerificationError } | undefined;

  const load = async (): Promise<unknown> => {
    if (options.fetchKey) return options.fetchKey();
    const { data, error, response } = await options.client.getWebhookPublicKey();
    if (error !== undefined || data === undefined) {
      throw unusable(
        `GET /webhooks/key answered ${response?.status ?? 'nothing'}${error && typeof error === 'object' && 'error' in error ? ` (${String(error.error)})` : ''}.`,
      );
    }
    return data;
  };

  const fetchKey = (): Promise<void> => {
    inFlight ??= (async () => {
      fetchCount += 1;
      try {
        let answer: unknown;
        try {
          answer = await load();
        } catch (cause) {
          throw cause instanceof WebhookVerificationError ? cause : unusable(cause instanceof Error ? cause.message : String(cause), cause);
        }
        const { keyId, publicKey } = readKeyAnswer(answer);
        keys.set(keyId, publicKey);
        current = keyId;
        failure = undefined;
      } catch (error) {
        failure = { at: now(), error: error as WebhookVerificationError };
        throw backingOff(failure);
      }
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  /** The error of a failed fetch, saying when it failed and when the next attempt may be made. */
  const backingOff = ({ at, error }: { at: number; error: WebhookVerificationError }) =>
    new WebhookVerificationError(
      'unknown_key',
      `${error.message.replace(/\.?$/, '.')} The key endpoint failed at ${new Date(at).toISOString()}; next attempt after ${new Date(at + cooldownMs).toISOString()}.`,
      { header: 'signature-input', cause: error },
    );

  /** Fetches unless the last fetch failed less than the cooldown ago (then that failure is the answer). */
  const fetchUnlessBackingOff = (): Promise<void> => {
    if (failure !== undefined && !inFlight && now() - failure.at < cooldownMs) return Promise.reject(backingOff(failure));
    return fetchKey();
  };

  const resolver = async (keyid: string | undefined) => {
    const first = current === undefined;
    if (first) await fetchUnlessBackingOff();
    // A fetch that did not throw has set the current key, so there is always a keyid to look up.
    const wanted = keyid ?? (current as string);
    if (keys.has(wanted)) return keys.get(wanted);
    // Unknown after a fetch made for this very call: another fetch would answer the same.
    if (!first && now() - lastRefetchAt >= cooldownMs) {
      lastRefetchAt = now();
      await fetchKey();
    }
    return keys.get(wanted);
  };

  return Object.defineProperties(resolver, {
    refresh: { value: fetchKey },
    knownKeyIds: { value: () => [...keys.keys()] },
    fetchCount: { get: () => fetchCount },
  }) as unknown as PipevestKeyResolver;
}
