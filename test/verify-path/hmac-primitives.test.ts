// The sha256=<hex> primitives by their public names: a parsed body is refused when signing too,
// and every refusal names the header the caller verifies.
import { describe, expect, it } from 'vitest';
import { signHmacSha256, signHmacSha256Async, verifyHmacSha256, verifyHmacSha256Async, WebhookVerificationError } from 'hookspec/signatures';
import { rejectionOf, thrownBy } from '../signatures/helpers.ts';

const secret = 'whsec-primitives';
const body = '{"event":"test"}';
const parsed = JSON.parse(body) as unknown as string;

const refusal = (error: unknown): [string, string | undefined] => {
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return [(error as WebhookVerificationError).code, (error as WebhookVerificationError).header];
};

describe('signing a parsed body', () => {
  it('is body_already_parsed for both signers, not a TypeError from the crypto library', async () => {
    expect(refusal(thrownBy(() => signHmacSha256(secret, parsed)))[0]).toBe('body_already_parsed');
    expect(refusal(await rejectionOf(signHmacSha256Async(secret, parsed)))[0]).toBe('body_already_parsed');
  });
});

describe('the header named in a refusal', () => {
  const headerName = 'x-partner-signature';
  const signature = signHmacSha256(secret, body);
  it.each([
    ['absent', undefined, 'missing_header'],
    ['sent twice', [signature, signature], 'malformed_header'],
    ['malformed', 'sha256=zz', 'malformed_header'],
    ['by another secret', signHmacSha256('other', body), 'signature_mismatch'],
  ])('a signature %s names the configured header (sync and Web Crypto)', async (_name, value, code) => {
    const expected = [code, headerName];
    expect(refusal(thrownBy(() => verifyHmacSha256(secret, body, value, { headerName })))).toEqual(expected);
    expect(refusal(await rejectionOf(verifyHmacSha256Async(secret, body, value, { headerName })))).toEqual(expected);
  });

  it('without headerName, x-webhook-signature', async () => {
    expect(refusal(await rejectionOf(verifyHmacSha256Async(secret, body, undefined)))).toEqual(['missing_header', 'x-webhook-signature']);
  });
});
