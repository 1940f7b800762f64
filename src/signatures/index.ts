/**
 * `hookspec/signatures`: webhook signing and verification primitives (pure functions, no I/O).
 *
 * - `sha256=<hex>` HMAC-SHA256 body signatures (node:crypto fast path and Web Crypto variant)
 * - RFC 9421 HTTP Message Signatures (`ed25519`, `hmac-sha256`)
 * - RFC 9530 `Content-Digest` and `Want-Content-Digest`
 *
 * Every verification failure is a `WebhookVerificationError` with a documented `code`.
 * @module
 */
export {
  WebhookVerificationError,
  WEBHOOK_VERIFICATION_ERROR_CODES,
  isWebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerificationErrorOptions,
} from '../errors/webhook-verification-error.ts';

export { signHmacSha256, verifyHmacSha256, isValidHmacSha256 } from './hmac-sha256-header.ts';
export {
  signHmacSha256Async,
  verifyHmacSha256Async,
  isValidHmacSha256Async,
  importHmacSha256Key,
} from './hmac-sha256-header-web-crypto.ts';
export {
  parseHmacSha256Header,
  toHmacSha256Header,
  HMAC_SHA256_PREFIX,
  type HmacSecret,
  type HmacSecrets,
  type HmacSha256VerifyOptions,
  type SignatureHeaderValue,
} from './hmac-sha256-header-format.ts';

export {
  createContentDigest,
  createContentDigestAsync,
  verifyContentDigest,
  verifyContentDigestAsync,
  parseContentDigest,
  isContentDigestAlgorithm,
  CONTENT_DIGEST_ALGORITHMS,
  type ContentDigestAlgorithm,
  type VerifyContentDigestOptions,
} from './content-digest.ts';
export {
  parseWantContentDigest,
  serializeWantContentDigest,
  chooseContentDigestAlgorithm,
  type DigestPreferences,
} from './want-content-digest.ts';

export type { HttpMessageLike, HttpRequestLike, HttpResponseLike, HeadersLike, HeaderRecord, HeaderGetter } from './http-message.ts';
export {
  parseComponentInput,
  serializeComponentIdentifier,
  DERIVED_COMPONENTS,
  type ComponentIdentifier,
  type ComponentInput,
} from './rfc9421-component-identifier.ts';
export {
  DEFAULT_STRUCTURED_FIELD_TYPES,
  formUrlEncode,
  type StructuredFieldType,
  type ComponentValueOptions,
} from './rfc9421-component-values.ts';
export type { SignatureParameters, SignatureParameterName } from './rfc9421-signature-params.ts';
export { createSignatureBase, type CreateSignatureBaseOptions, type SignatureBase } from './rfc9421-signature-base.ts';
export { parseSignatureInput, parseSignatureField } from './rfc9421-signature-fields.ts';
export {
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  type KeyMaterial,
  type AlgorithmKey,
  type KeyInput,
  type CryptoBackend,
} from './rfc9421-keys.ts';
export type { Clock } from './rfc9421-clock.ts';
export { signHttpMessage, type SignHttpMessageOptions, type SignedHttpMessage } from './rfc9421-sign.ts';
export { verifyHttpMessage, type KeyResolver, type VerifyHttpMessageOptions, type VerifiedSignature } from './rfc9421-verify.ts';
