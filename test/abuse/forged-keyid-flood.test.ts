// Abuse probe: forged Pipevest deliveries with unknown keyids while GET /webhooks/key is failing.
// Before the fix 1,000 such requests, one after another, caused 1,000 key requests.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { PIPEVEST_DELIVERY_COMPONENTS } from '../../src/pipevest/components.ts';
import { createPipevestKeyResolver } from '../../src/pipevest/key-resolver.ts';
import { verifyPipevestWebhook } from '../../src/pipevest/verify-webhook.ts';
import { createContentDigest, signHttpMessage } from '../../src/signatures/index.ts';

let keyEndpoint: Server;
let baseUrl: string;
let keyRequests = 0;

beforeAll(async () => {
  // The provider's key endpoint, down: every request gets 503.
  keyEndpoint = createServer((_req, res) => {
    keyRequests += 1;
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
  });
  await new Promise<void>((resolve) => keyEndpoint.listen(0, '127.0.0.1', resolve));
  const address = keyEndpoint.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});
afterAll(async () => {
  keyEndpoint.closeAllConnections();
  await new Promise((resolve) => keyEndpoint.close(resolve));
});

describe('forged-keyid flood against a failing key endpoint', () => {
  it('1,000 forged requests, one after another, cause one key request', async () => {
    const client = mockPipevestClient({ privateKey: pipevestMockKeys.client.privateJwk, keyId: pipevestMockKeys.client.keyId, baseUrl });
    const keyResolver = createPipevestKeyResolver({ client });
    const forger = generateKeyPairSync('ed25519').privateKey;
    const url = 'https://receiver.example/pipevest';
    const body = '{"event":"WEBHOOK.CREATED","data":{}}';
    const codes: Record<string, number> = {};
    let message = '';
    for (let i = 0; i < 1000; i += 1) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'content-digest': createContentDigest(body) };
      const created = Math.floor(Date.now() / 1000);
      const signed = await signHttpMessage(
        { method: 'POST', url, headers },
        { key: forger, keyid: `forged-${i}`, components: PIPEVEST_DELIVERY_COMPONENTS, created, expires: created + 60, includeAlg: false },
      );
      try {
        await verifyPipevestWebhook({ body, method: 'POST', url, headers: { ...headers, ...signed.headers } }, { keyResolver });
        codes.accepted = (codes.accepted ?? 0) + 1;
      } catch (error) {
        const { code } = error as { code: string };
        codes[code] = (codes[code] ?? 0) + 1;
        message = (error as Error).message;
      }
    }
    console.log(`forged-keyid flood: 1,000 requests → ${keyRequests} key request(s); ${JSON.stringify(codes)}; last error: ${message}`);
    expect(codes).toEqual({ unknown_key: 1000 });
    expect(keyRequests).toBe(1);
    expect(keyResolver.fetchCount).toBe(1);
    expect(message).toMatch(
      /GET \/webhooks\/key answered 503.*The key endpoint failed at \d{4}-\d\d-\d\dT[\d:.]+Z; next attempt after \d{4}-\d\d-\d\dT[\d:.]+Z\./,
    );
  });
});
