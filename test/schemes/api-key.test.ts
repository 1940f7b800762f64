// The api-key scheme on its own: the header a sender writes, and each verdict of the receiver's
// check (no key configured, an empty key, the header absent or empty, a rotation, a mismatch).
import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { createApiKeyScheme } from '../../src/schemes/api-key.ts';
import type { HeaderReader } from '../../src/webhooks/raw-message.ts';

const scheme = createApiKeyScheme({ header: 'X-API-Key' });

/** A reader that finds only the exact (lower-case) name, as the raw message's reader does. */
const reader = (headers: Record<string, string>): HeaderReader => ({ get: (name) => headers[name] ?? null });

/** What `verify` threw, as code and header, or `ok`. */
function verdict(headers: Record<string, string>, keys: string | readonly string[] | undefined) {
  try {
    scheme.verify(reader(headers), keys);
    return 'ok';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return [error.code, error.header];
    throw error;
  }
}

describe('api-key scheme', () => {
  it('signs with the key under the lower-case header name, and sends nothing without a key', () => {
    expect(scheme.sign('k-1')).toStrictEqual({ 'x-api-key': 'k-1' });
    expect(scheme.sign(undefined)).toStrictEqual({});
    expect(scheme.sign('')).toStrictEqual({});
    expect(scheme.description).toEqual({ header: 'X-API-Key' });
  });

  it('accepts the configured key, read under the lower-case name', () => {
    expect(verdict({ 'x-api-key': 'k-1' }, 'k-1')).toBe('ok');
    expect(verdict({ 'X-API-Key': 'k-1' }, 'k-1')).toEqual(['missing_header', 'x-api-key']);
  });

  it('checks nothing when no key is configured', () => {
    expect(verdict({}, undefined)).toBe('ok');
    expect(verdict({ 'x-api-key': 'anything' }, undefined)).toBe('ok');
  });

  it.each([
    ['an empty key', ''],
    ['an empty list', []],
    ['a list of empty keys', ['', '']],
  ])('%s is missing_secret, whatever the delivery carries', (_name, keys) => {
    expect(verdict({ 'x-api-key': '' }, keys)).toEqual(['missing_secret', undefined]);
    expect(verdict({ 'x-api-key': 'k-1' }, keys)).toEqual(['missing_secret', undefined]);
  });

  it.each([
    ['absent', {}],
    ['empty', { 'x-api-key': '' }],
  ])('a header that is %s is missing_header, naming it', (_name, headers) => {
    expect(verdict(headers, 'k-1')).toEqual(['missing_header', 'x-api-key']);
  });

  it('during a rotation any configured key matches, empty ones ignored', () => {
    expect(verdict({ 'x-api-key': 'k-1' }, ['k-1', 'k-2'])).toBe('ok');
    expect(verdict({ 'x-api-key': 'k-2' }, ['k-1', 'k-2'])).toBe('ok');
    expect(verdict({ 'x-api-key': 'k-2' }, ['', 'k-2'])).toBe('ok');
  });

  it.each([
    ['another key', 'k-3'],
    ['a prefix of the key', 'k-'],
    ['the key and more', 'k-1 '],
  ])('%s is signature_mismatch, naming the header', (_name, received) => {
    expect(verdict({ 'x-api-key': received }, ['k-1', 'k-2'])).toEqual(['signature_mismatch', 'x-api-key']);
    expect(verdict({ 'x-api-key': received }, 'k-1')).toEqual(['signature_mismatch', 'x-api-key']);
  });
});
