/**
 * RFC 9421 verification: checks one, any or all signatures of a message against keys, time
 * limits and a coverage policy, and optionally the `Content-Digest` of the body.
 * @module
 */
import { serializeItem, type InnerList, type Item } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { latin1Bytes } from './bytes.ts';
import { verifyContentDigest, verifyContentDigestAsync } from './content-digest.ts';
import { createFieldReader, type HttpMessageLike } from './http-message.ts';
import { nodeCrypto } from './node-crypto.ts';
import type { Clock } from './rfc9421-clock.ts';
import { coveredComponent, type ComponentIdentifier, type ComponentInput } from './rfc9421-component-identifier.ts';
import { createComponentResolver, type ComponentResolver, type ComponentValueOptions } from './rfc9421-component-values.ts';
import { SIGNATURE_ALGORITHMS, type CryptoBackend, type KeyInput, type PreparedKey, type SignatureAlgorithm } from './rfc9421-keys.ts';
import { buildSignatureBase } from './rfc9421-signature-base.ts';
import { parseSignatureField, parseSignatureInput } from './rfc9421-signature-fields.ts';
import { readSignatureParameters, serializeSignatureParams, type SignatureParameterName, type SignatureParameters } from './rfc9421-signature-params.ts';
import { resolveKey } from './rfc9421-verify-key.ts';
import { checkPolicy, checkTimes } from './rfc9421-verify-policy.ts';
import { targetUriHint } from './rfc9421-mismatch-hint.ts';

/** Finds the verification key for a signature; return `undefined`/`null` for an unknown key. */
export type KeyResolver = (
  keyid: string | undefined,
  alg: string | undefined,
  params: SignatureParameters,
) => KeyInput | null | undefined | Promise<KeyInput | null | undefined>;

/** Options for {@link verifyHttpMessage}. */
export interface VerifyHttpMessageOptions extends ComponentValueOptions {
  /** A fixed key, or a resolver called with the signature's `keyid` and `alg`. */
  key: KeyInput | KeyResolver;
  /** Verify only the signature with this label. */
  label?: string;
  /** Without `label`: `any` (default) needs one valid signature, `all` needs every signature valid. */
  require?: 'any' | 'all';
  /** Algorithms accepted (default both). With exactly one, it also tells what raw key bytes are. */
  algorithms?: readonly SignatureAlgorithm[];
  /** Components that must be covered, e.g. `['@method', '@target-uri', 'content-digest']` (any case). */
  requiredComponents?: readonly ComponentInput[];
  /** Signature parameters that must be present (e.g. `['nonce']`). `created` is required while `maxAge` is finite. */
  requiredParams?: readonly SignatureParameterName[];
  /** Required value of the `tag` parameter. */
  tag?: string;
  /** Maximum age of `created`, in seconds (default 300; `Infinity` disables the check). */
  maxAge?: number;
  /** Allowed clock difference, in seconds, for `created` in the future and for `expires` (default 60). */
  clockSkew?: number;
  /** Clock (UNIX seconds or `Date`); default the system clock. */
  now?: Clock;
  /** The raw body: when given and a `Content-Digest` header is present, the digest is verified too. */
  body?: string | Uint8Array;
  /** `auto` (node:crypto when available) or `web-crypto`. */
  backend?: CryptoBackend;
}

/** A signature that verified. */
export interface VerifiedSignature {
  readonly label: string;
  readonly algorithm: SignatureAlgorithm;
  /** Covered components as serialised identifiers (lowercase), in signed order. */
  readonly components: readonly string[];
  readonly params: SignatureParameters;
  /** The signature base that verified. */
  readonly signatureBase: string;
}

interface Candidate {
  readonly label: string;
  readonly input: InnerList;
  readonly signature: Uint8Array | undefined;
}

/**
 * Verifies RFC 9421 signatures (`ed25519`, `hmac-sha256`) on a request or response. Resolves to
 * the verified signatures (one for `label`/`any`, all for `all`) or rejects with a
 * {@link WebhookVerificationError}: `missing_header`, `malformed_header`, `signature_mismatch`,
 * `signature_expired`, `timestamp_out_of_tolerance`, `unknown_key`, `invalid_key`,
 * `unsupported_algorithm`, `unsupported_component`, `insufficient_coverage` or `digest_mismatch`.
 * Capitalised component names (as some providers document them) are accepted.
 *
 * @example
 * const [signature] = await verifyHttpMessage(request, {
 *   key: (keyid) => partnerKeys.get(keyid),
 *   requiredComponents: ['@method', '@target-uri', 'content-digest'],
 *   body: rawBody,
 * });
 */
export async function verifyHttpMessage(message: HttpMessageLike, options: VerifyHttpMessageOptions): Promise<VerifiedSignature[]> {
  const fields = createFieldReader(message.headers);
  const inputs = parseSignatureInput(fields('signature-input'));
  const signatures = parseSignatureField(fields('signature'));
  const candidates = selectCandidates(inputs, signatures, options.label);
  const resolve = createComponentResolver(message, options);
  const verified: VerifiedSignature[] = [];
  let firstError: unknown;
  for (const candidate of candidates) {
    try {
      verified.push(await verifyCandidate(candidate, resolve, options));
      if (options.require !== 'all') break;
    } catch (error) {
      // With options.label there is one candidate: its error is thrown below.
      if (options.require === 'all') throw error;
      firstError ??= error;
    }
  }
  if (verified.length === 0) {
    throw firstError ?? new WebhookVerificationError('missing_header', 'Signature-Input lists no signature.', { header: 'signature-input' });
  }
  if (options.body !== undefined) {
    const digest = fields('content-digest');
    if (digest !== undefined) {
      if (nodeCrypto !== undefined && options.backend !== 'web-crypto') verifyContentDigest(digest, options.body);
      else await verifyContentDigestAsync(digest, options.body);
    }
  }
  return verified;
}

function selectCandidates(inputs: Map<string, InnerList>, signatures: Map<string, Uint8Array>, label: string | undefined): Candidate[] {
  if (label !== undefined) {
    const input = inputs.get(label);
    if (input === undefined) {
      throw new WebhookVerificationError(
        'missing_header',
        `There is no signature labelled "${label}" in Signature-Input (labels: ${[...inputs.keys()].join(', ') || 'none'}).`,
        { header: 'signature-input' },
      );
    }
    return [{ label, input, signature: signatures.get(label) }];
  }
  return [...inputs].map(([name, input]) => ({ label: name, input, signature: signatures.get(name) }));
}

async function verifyCandidate(candidate: Candidate, resolve: ComponentResolver, options: VerifyHttpMessageOptions): Promise<VerifiedSignature> {
  const { label, input, signature } = candidate;
  if (signature === undefined) {
    throw new WebhookVerificationError('missing_header', `Signature-Input has "${label}" but the Signature header has no value for it.`, {
      header: 'signature',
    });
  }
  const [items, rawParams] = input;
  const params = readSignatureParameters(rawParams, label);
  const components: ComponentIdentifier[] = [];
  const serialized: string[] = [];
  for (const item of items) {
    const covered = coveredComponent(item);
    components.push(covered.id);
    serialized.push(covered.serialized);
  }
  const allowed = options.algorithms ?? SIGNATURE_ALGORITHMS;
  const declared = checkPolicy(label, params, serialized, allowed, options);
  checkTimes(label, params, options);

  const signatureParams = serializeSignatureParams(components, rawParams, serialized);
  const base = buildSignatureBase(resolve, components, signatureParams, serialized);
  const resolved = resolveKey(label, params, allowed, declared, options);
  const key = resolved instanceof Promise ? await resolved : resolved;
  const valid = key.verify(latin1Bytes(base), signature);
  if (valid === true || (valid instanceof Promise && (await valid))) return result(label, key, serialized, params, base);
  const verbatim = verbatimBase(items, rawParams, components, serialized, resolve);
  if (verbatim !== undefined && (await key.verify(latin1Bytes(verbatim), signature))) return result(label, key, serialized, params, verbatim);
  throw new WebhookVerificationError(
    'signature_mismatch',
    `Signature "${label}" does not match the message: the covered components changed in transit, or the key is not the signer's.${targetUriHint(components, resolve)}`,
    { header: 'signature' },
  );
}

function result(label: string, key: PreparedKey, components: readonly string[], params: SignatureParameters, signatureBase: string): VerifiedSignature {
  return { label, algorithm: key.algorithm, components, params, signatureBase };
}

/**
 * Some providers sign with capitalised component names exactly as written in their
 * Signature-Input. When the lowercase base fails and names were not lowercase, the base is also
 * tried with the names as received (same values, same parameters).
 */
function verbatimBase(
  items: readonly Item[],
  rawParams: InnerList[1],
  components: readonly ComponentIdentifier[],
  serialized: readonly string[],
  resolve: ComponentResolver,
): string | undefined {
  if (items.every(([name]) => name === String(name).toLowerCase())) return undefined;
  const labels = items.map((item) => serializeItem(item));
  const asReceived = items.map(([name, params]) => ({ name: String(name), params }));
  return buildSignatureBase(resolve, components, serializeSignatureParams(asReceived, rawParams), serialized, labels);
}
