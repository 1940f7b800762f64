/**
 * RFC 9421 section 2.5: the signature base, i.e. the exact string that is signed.
 * @module
 */
import type { Parameters } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import type { HttpMessageLike } from './http-message.ts';
import { parseComponentInput, serializeComponentIdentifier, type ComponentIdentifier, type ComponentInput } from './rfc9421-component-identifier.ts';
import { createComponentResolver, type ComponentResolver, type ComponentValueOptions } from './rfc9421-component-values.ts';
import { serializeSignatureParams, writeSignatureParameters, type SignatureParameters } from './rfc9421-signature-params.ts';

/**
 * Builds a signature base from already-validated components. `serialized` (optional) are the
 * components' serialised identifiers if already computed; `labels` (optional) are the
 * identifiers as printed on each line (default: the serialised identifiers).
 *
 * @example
 * buildSignatureBase(values, [{ name: '@method', params: new Map() }], '("@method");created=1'); // '"@method": POST\n"@signature-params": ("@method");created=1'
 */
export function buildSignatureBase(
  resolve: ComponentResolver,
  components: readonly ComponentIdentifier[],
  signatureParams: string,
  serialized: readonly string[] = components.map(serializeComponentIdentifier),
  labels: readonly string[] = serialized,
): string {
  let base = '';
  for (let i = 0; i < components.length; i++) {
    if (serialized.indexOf(serialized[i] as string) !== i) {
      throw new WebhookVerificationError('malformed_header', `Component ${serialized[i]} is listed twice in the covered components.`, {
        header: 'signature-input',
      });
    }
    const label = labels[i] as string;
    base += `${label}: ${resolve(components[i] as ComponentIdentifier)}\n`;
  }
  return `${base}"@signature-params": ${signatureParams}`;
}

/** Options for {@link createSignatureBase}. */
export interface CreateSignatureBaseOptions extends ComponentValueOptions {
  /** Covered components, in order (e.g. `['@method', '@authority', 'content-digest']`). */
  components: readonly ComponentInput[];
  /** Signature parameters, written in the order created, expires, keyid, alg, nonce, tag. */
  params?: SignatureParameters;
}

/** A signature base and the `@signature-params` value it ends with. */
export interface SignatureBase {
  /** The string to sign (lines separated by `\n`, no trailing newline). */
  readonly base: string;
  /** The `@signature-params` value, which is also the Signature-Input member value. */
  readonly signatureParams: string;
  /** The validated, lowercase covered components. */
  readonly components: readonly ComponentIdentifier[];
  /** The structured parameters, in order. */
  readonly params: Parameters;
}

/**
 * Creates the RFC 9421 signature base for a message, covered components and parameters.
 *
 * @example
 * createSignatureBase(
 *   { method: 'POST', url: 'https://example.com/foo', headers: { date: 'Tue, 20 Apr 2021 02:07:55 GMT' } },
 *   { components: ['date', '@method'], params: { created: 1618884473, keyid: 'k' } },
 * ).base;
 * // '"date": Tue, 20 Apr 2021 02:07:55 GMT\n"@method": POST\n"@signature-params": ("date" "@method");created=1618884473;keyid="k"'
 */
export function createSignatureBase(message: HttpMessageLike, options: CreateSignatureBaseOptions): SignatureBase {
  const components = options.components.map(parseComponentInput);
  const serialized = components.map(serializeComponentIdentifier);
  const params = writeSignatureParameters(options.params ?? {});
  const signatureParams = serializeSignatureParams(components, params, serialized);
  const base = buildSignatureBase(createComponentResolver(message, options), components, signatureParams, serialized);
  return { base, signatureParams, components, params };
}
