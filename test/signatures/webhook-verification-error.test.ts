import { describe, expect, it } from 'vitest';

import { WEBHOOK_VERIFICATION_ERROR_CODES, WebhookVerificationError, isWebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';

describe('WebhookVerificationError', () => {
  it('carries code, header, cause and a name', () => {
    const cause = new SyntaxError('bad');
    const error = new WebhookVerificationError('malformed_header', 'The x header is bad: fix it.', { header: 'x-webhook-signature', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookVerificationError');
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('x-webhook-signature');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('The x header is bad: fix it.');
  });

  it('works without options', () => {
    const error = new WebhookVerificationError('replayed', 'Already seen.');
    expect(error.header).toBeUndefined();
    expect('cause' in error).toBe(false);
  });

  it('is recognised by isWebhookVerificationError, optionally by code', () => {
    const error = new WebhookVerificationError('unknown_key', 'no key');
    expect(isWebhookVerificationError(error)).toBe(true);
    expect(isWebhookVerificationError(error, 'unknown_key')).toBe(true);
    expect(isWebhookVerificationError(error, 'invalid_key')).toBe(false);
    expect(isWebhookVerificationError(new Error('x'))).toBe(false);
    expect(isWebhookVerificationError({ code: 'unknown_key' })).toBe(false);
  });

  it('lists every documented code once', () => {
    expect(new Set(WEBHOOK_VERIFICATION_ERROR_CODES).size).toBe(WEBHOOK_VERIFICATION_ERROR_CODES.length);
    expect(WEBHOOK_VERIFICATION_ERROR_CODES).toEqual([
      'missing_header',
      'malformed_header',
      'signature_mismatch',
      'timestamp_out_of_tolerance',
      'signature_expired',
      'replayed',
      'invalid_json',
      'invalid_payload',
      'unknown_event',
      'body_too_large',
      'body_already_parsed',
      'digest_mismatch',
      'unknown_key',
      'invalid_key',
      'missing_secret',
      'unsupported_algorithm',
      'unsupported_component',
      'insufficient_coverage',
      'replay_store_unavailable',
      'replay_store_full',
    ]);
  });
});
