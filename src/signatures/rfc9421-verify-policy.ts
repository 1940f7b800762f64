/**
 * RFC 9421 verification policy: allowed algorithms, required components and parameters, tag,
 * and the time checks (`expires`, maximum age and clock skew of `created`).
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { nowInSeconds } from './rfc9421-clock.ts';
import { parseComponentInput, serializeComponentIdentifier, type ComponentInput } from './rfc9421-component-identifier.ts';
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from './rfc9421-keys.ts';
import type { SignatureParameterName, SignatureParameters } from './rfc9421-signature-params.ts';
import type { VerifyHttpMessageOptions } from './rfc9421-verify.ts';

/** Default maximum age of `created`, in seconds. */
export const DEFAULT_MAX_AGE = 300;
/** Default allowed clock difference, in seconds. */
export const DEFAULT_CLOCK_SKEW = 60;

const requiredCache = new WeakMap<readonly ComponentInput[], readonly string[]>();

function requiredIdentifiers(required: readonly ComponentInput[] | undefined): readonly string[] {
  if (required === undefined || required.length === 0) return [];
  let serialized = requiredCache.get(required);
  if (serialized === undefined) {
    serialized = required.map((c) => serializeComponentIdentifier(parseComponentInput(c)));
    requiredCache.set(required, serialized);
  }
  return serialized;
}

/**
 * Checks the algorithm, required components and parameters, and tag of one signature; returns
 * the algorithm its `alg` parameter declares, if any.
 *
 * @example
 * checkPolicy('sig1', { created: 1, alg: 'ed25519' }, ['"@method"'], ['ed25519'], { key }); // 'ed25519'
 */
export function checkPolicy(
  label: string,
  params: SignatureParameters,
  components: readonly string[],
  allowed: readonly SignatureAlgorithm[],
  options: VerifyHttpMessageOptions,
): SignatureAlgorithm | undefined {
  let declared: SignatureAlgorithm | undefined;
  if (params.alg !== undefined) {
    if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(params.alg) || !allowed.includes(params.alg as SignatureAlgorithm)) {
      throw new WebhookVerificationError(
        'unsupported_algorithm',
        `Signature "${label}" uses alg="${params.alg}", which is not ${allowed.length < SIGNATURE_ALGORITHMS.length ? 'allowed' : 'supported'} here (${allowed.join(', ')}).`,
        { header: 'signature-input' },
      );
    }
    declared = params.alg as SignatureAlgorithm;
  }
  const requiredComponents = requiredIdentifiers(options.requiredComponents);
  const missing = requiredComponents.length === 0 ? requiredComponents : requiredComponents.filter((c) => !components.includes(c));
  const absent: SignatureParameterName[] = [];
  if (params.created === undefined && (options.maxAge ?? DEFAULT_MAX_AGE) !== Infinity) absent.push('created');
  for (const name of options.requiredParams ?? []) if (params[name] === undefined && !absent.includes(name)) absent.push(name);
  if (missing.length > 0 || absent.length > 0) {
    throw new WebhookVerificationError(
      'insufficient_coverage',
      `Signature "${label}" does not ${missing.length > 0 ? `cover ${missing.join(', ')}` : ''}${missing.length > 0 && absent.length > 0 ? ' and does not ' : ''}${absent.length > 0 ? `carry ;${absent.join(', ;')}` : ''}, which this endpoint requires.`,
      { header: 'signature-input' },
    );
  }
  if (options.tag !== undefined && params.tag !== options.tag) {
    throw new WebhookVerificationError(
      'insufficient_coverage',
      `Signature "${label}" has tag ${JSON.stringify(params.tag)} but "${options.tag}" is required.`,
      {
        header: 'signature-input',
      },
    );
  }
  return declared;
}

/**
 * Rejects expired signatures (`signature_expired`) and `created` values too old or too far in the
 * future (`timestamp_out_of_tolerance`).
 *
 * @example
 * checkTimes('sig1', { created: 1700000000 }, { key, now: () => 1700000030 }); // ok
 */
export function checkTimes(label: string, params: SignatureParameters, options: VerifyHttpMessageOptions): void {
  const now = nowInSeconds(options.now);
  const skew = options.clockSkew ?? DEFAULT_CLOCK_SKEW;
  const maxAge = options.maxAge ?? DEFAULT_MAX_AGE;
  if (params.expires !== undefined && now > params.expires + skew) {
    throw new WebhookVerificationError(
      'signature_expired',
      `Signature "${label}" expired at ${params.expires} (now ${now}): ask the sender to re-sign, and check this server's clock.`,
      { header: 'signature-input' },
    );
  }
  if (params.created === undefined) return;
  if (params.created > now + skew) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `Signature "${label}" was created ${params.created - now}s in the future (allowed skew ${skew}s): check the clocks (NTP).`,
      { header: 'signature-input' },
    );
  }
  if (now - params.created > maxAge) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `Signature "${label}" is ${now - params.created}s old (maximum ${maxAge}s): it may be a replay, or this server's clock is wrong.`,
      { header: 'signature-input' },
    );
  }
}
