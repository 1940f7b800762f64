// The Pipevest mock's test keys as a user takes them: the printed one-line privateKeySeed works
// wherever an Ed25519 key is taken (the client, signHttpMessage, `hookspec --key`), and the key
// pairs come from hookspec/pipevest, which does not need msw.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipevestMock, pipevestMockCredentials, pipevestMockKeys as fromMocks } from '../../mocks/pipevest/index.ts';
import { pipevestMockKeys } from '../../src/pipevest/index.ts';
import { description } from '../../src/pipevest/description.ts';
import { readRfc9421KeyPair } from '../../src/schemes/rfc9421-key-pair.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { signHttpMessage, verifyHttpMessage, WebhookVerificationError } from '../../src/signatures/index.ts';
import { ensureBuilt, jsonLines, runCli } from '../cli/helpers.ts';

const baseUrl = 'http://pipevest.test/v1';
const mock = createPipevestMock({ baseUrl });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterAll(async () => {
  server.close();
  await mock.close({ timeoutMs: 100 });
});

describe("the spec's test key (`--key mock`)", () => {
  it("is the mock's delivery key pair, under its keyid", () => {
    const testKey = description.rfc9421['test-key']!;
    expect(testKey).toEqual({ 'key-id': pipevestMockKeys.delivery.keyId, 'private-key': pipevestMockKeys.delivery.privateKeySeed });
    expect(readRfc9421KeyPair('mock', testKey['private-key']).publicKey).toBe(pipevestMockKeys.delivery.publicKeyPem);
  });
});

describe('the printed privateKeySeed', () => {
  it('is the client key pair of hookspec/pipevest, the same object the mock uses', () => {
    expect(pipevestMockCredentials.privateKeySeed).toBe(pipevestMockKeys.client.privateKeySeed);
    expect(pipevestMockKeys.client.privateKeySeed).toBe(pipevestMockKeys.client.privateJwk.d);
    expect(fromMocks).toBe(pipevestMockKeys);
  });

  it('signs client requests the mock accepts', async () => {
    const client = mockPipevestClient({ privateKey: pipevestMockCredentials.privateKeySeed, baseUrl });
    const created = await client.createAuth({ body: { url: 'https://hooks.partner.test/p', subscriptions: ['WEBHOOK'] } });
    expect([created.response?.status, created.data?.webhook?.url]).toEqual([200, 'https://hooks.partner.test/p']);
  });

  it('signs with signHttpMessage (ed25519), verified by the PEM public key', async () => {
    const message = { method: 'POST', url: 'https://example.com/hooks', headers: { 'content-type': 'application/json' } };
    const signed = await signHttpMessage(message, {
      key: pipevestMockKeys.delivery.privateKeySeed,
      algorithm: 'ed25519',
      components: ['@method', '@target-uri', 'content-type'],
    });
    const [verified] = await verifyHttpMessage(
      { ...message, headers: { ...message.headers, ...signed.headers } },
      { key: pipevestMockKeys.delivery.publicKeyPem },
    );
    expect(verified?.algorithm).toBe('ed25519');
  });

  it('a string that is no Ed25519 key is refused with invalid_key where ed25519 is required', async () => {
    const error = await signHttpMessage(
      { method: 'POST', url: 'https://example.com/', headers: {} },
      { key: 'whsec_not_a_key', algorithm: 'ed25519', components: ['@method'] },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).code).toBe('invalid_key');
  });

  it('works as hookspec --key: sign with the seed, verify with "mock"', async () => {
    await ensureBuilt();
    const signed = await runCli([
      'sign',
      'pipevest',
      '--key',
      pipevestMockKeys.delivery.privateKeySeed,
      '--data',
      '{"event":"WEBHOOK.CREATED"}',
      '--http',
      '--url',
      'https://example.com/hooks',
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    const verified = await runCli(['verify', 'pipevest', '--key', 'mock', '--public-url', 'https://example.com/hooks', '--json'], { input: signed.stdout });
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    expect(jsonLines(verified.stdout)[0]).toMatchObject({ ok: true });
  }, 120_000);
});
