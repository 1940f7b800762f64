// createPipevestKeyResolver while GET /webhooks/key is failing: forged requests with unknown
// keyids must not drive one key request each; a failure is followed by the same pause as a success.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { PIPEVEST_DELIVERY_COMPONENTS } from '../../src/pipevest/components.ts';
import { createPipevestKeyResolver } from '../../src/pipevest/key-resolver.ts';
import { verifyPipevestWebhook } from '../../src/pipevest/verify-webhook.ts';
import { createContentDigest, signHttpMessage, type KeyInput } from '../../src/signatures/index.ts';

const url = 'https://hooks.partner.test/pipevest';
const body = JSON.stringify({
  event: 'WEBHOOK.CREATED',
  data: { webhookId: 'wh_1', status: 'ACTIVE', url, subscriptions: ['ALL'], createdAt: 1, updatedAt: 1 },
});
const forger = generateKeyPairSync('ed25519').privateKey;
const T0 = Date.parse('2026-11-29T12:00:00.000Z');

async function signed(keyid: string, key: KeyInput, nowMs: number) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-digest': createContentDigest(body) };
  const created = Math.floor(nowMs / 1000);
  const signature = await signHttpMessage(
    { method: 'POST', url, headers },
    { key, keyid, components: PIPEVEST_DELIVERY_COMPONENTS, created, expires: created + 100, includeAlg: false },
  );
  return { body, method: 'POST', url, headers: { ...headers, ...signature.headers } };
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('createPipevestKeyResolver against a failing key endpoint', () => {
  it('1,000 forged unknown-keyid requests cause one key request, and the error says when the next may be made', async () => {
    let clock = T0;
    let failing = true;
    let fetches = 0;
    const keyResolver = createPipevestKeyResolver({
      now: () => clock,
      fetchKey: async () => {
        fetches += 1;
        if (failing) throw new Error('GET /webhooks/key answered 503');
        return { keyId: pipevestMockKeys.delivery.keyId, algorithm: 'ed25519', publicKey: pipevestMockKeys.delivery.publicKeyPem };
      },
    });
    const options = { keyResolver, now: () => new Date(clock) };
    let last: { code?: string; message: string } | undefined;
    for (let i = 0; i < 1000; i += 1) {
      last = await rejection(verifyPipevestWebhook(await signed(`forged-${i}`, forger, clock), options));
      expect(last.code).toBe('unknown_key');
      clock += 10; // 10 s in all, well inside the 60 s pause
    }
    expect(fetches).toBe(1);
    expect(keyResolver.fetchCount).toBe(1);
    expect(last!.message).toContain('GET /webhooks/key answered 503.');
    expect(last!.message).toContain('The key endpoint failed at 2026-11-29T12:00:00.000Z; next attempt after 2026-11-29T12:01:00.000Z.');

    // After the pause one more request is made; the endpoint is back, so a genuine delivery verifies.
    clock = T0 + 60_000;
    failing = false;
    const genuine = await verifyPipevestWebhook(await signed(pipevestMockKeys.delivery.keyId, pipevestMockKeys.delivery.privateJwk, clock), options);
    expect(genuine.type).toBe('WEBHOOK.CREATED');
    expect(fetches).toBe(2);
  });

  it('after a success, a failed refetch for an unknown keyid pauses further refetches too', async () => {
    let clock = T0;
    let failing = false;
    let fetches = 0;
    const keyResolver = createPipevestKeyResolver({
      now: () => clock,
      fetchKey: async () => {
        fetches += 1;
        if (failing) throw new Error('connection refused');
        return { keyId: pipevestMockKeys.delivery.keyId, algorithm: 'ed25519', publicKey: pipevestMockKeys.delivery.publicKeyPem };
      },
    });
    const options = { keyResolver, now: () => new Date(clock) };
    await verifyPipevestWebhook(await signed(pipevestMockKeys.delivery.keyId, pipevestMockKeys.delivery.privateJwk, clock), options);
    failing = true;
    clock += 61_000;
    const first = await rejection(verifyPipevestWebhook(await signed('forged-a', forger, clock), options));
    expect(first.message).toContain('next attempt after 2026-11-29T12:02:01.000Z');
    for (let i = 0; i < 100; i += 1) {
      expect((await rejection(verifyPipevestWebhook(await signed(`forged-${i}`, forger, clock), options))).code).toBe('unknown_key');
    }
    expect(fetches).toBe(2);
    // The known key still verifies while the endpoint is down.
    expect((await verifyPipevestWebhook(await signed(pipevestMockKeys.delivery.keyId, pipevestMockKeys.delivery.privateJwk, clock), options)).type).toBe(
      'WEBHOOK.CREATED',
    );
  });
});
