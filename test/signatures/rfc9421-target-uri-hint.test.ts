// A signature_mismatch where @target-uri is covered says which URL the verifier used and how to
// give it the one the sender signed; one that does not cover it stays as it was.
import { describe, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { signHttpMessage, verifyHttpMessage, WebhookVerificationError } from '../../src/signatures/index.ts';

const key = pipevestMockKeys.delivery;
const signed = (components: string[]) =>
  signHttpMessage(
    { method: 'POST', url: 'https://hooks.partner.example/pipevest?x=1', headers: { 'content-type': 'application/json' } },
    { key: key.privateKeyPem, components },
  );

async function mismatch(components: string[]): Promise<WebhookVerificationError> {
  const signature = await signed(components);
  // The receiver behind a proxy sees the request at its own address.
  const error = await verifyHttpMessage(
    { method: 'POST', url: 'http://127.0.0.1:4000/pipevest?x=1', headers: { 'content-type': 'text/plain', ...signature.headers } },
    { key: key.publicKeyPem },
  ).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('signature_mismatch with @target-uri covered', () => {
  it('names the URL used and points at publicUrl / --public-url', async () => {
    const error = await mismatch(['@method', '@target-uri', 'content-type']);
    expect(error.code).toBe('signature_mismatch');
    expect(error.message).toBe(
      'Signature "sig1" does not match the message: the covered components changed in transit, or the key is not the signer\'s. ' +
        'It covers @target-uri, verified as http://127.0.0.1:4000/pipevest?x=1: if the sender addressed another URL (a proxy, TLS termination, a public hostname or path prefix), ' +
        'verify against the URL it used (the publicUrl option of the webhook verifier or handler, --public-url in hookspec verify and listen).',
    );
  });

  it('says nothing about URLs when @target-uri is not covered', async () => {
    const error = await mismatch(['@method', 'content-type']);
    expect(error.code).toBe('signature_mismatch');
    expect(error.message).not.toContain('@target-uri');
    expect(error.message).not.toContain('publicUrl');
  });
});
