// POST /auth/test when the mock's pending-delivery cap is full: the test message is reported as
// not delivered, in the document's test-result shape (it was a 500 `mock_failure`).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as z from '../../generated/pipevest/zod.gen.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';

let server: MockServer;
let receiver: Server;
const held: Array<() => void> = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {}, delivery: { maxAttempts: 1 }, limits: { maxPendingDeliveries: 1 } });
  // A receiver that holds every message until the end, so the one pending slot stays taken.
  receiver = createServer((_req, res) => void held.push(() => res.end('ok')));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const release of held) release();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await server.close({ timeoutMs: 1000 });
});

it('answers 200 { delivered: false } naming the cap, and the test message is not queued', async () => {
  const address = receiver.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  const client = mockPipevestClient({ baseUrl: server.baseUrls.pipevest });
  // Registering sends WEBHOOK.CREATED, which the receiver holds: the one pending slot is taken.
  const auth = await client.createAuth({ body: { url, subscriptions: ['ALL'] } });
  expect(auth.response?.status).toBe(200);
  await expect.poll(() => held.length).toBe(1);

  const test = await client.testWebhook();
  expect(test.response?.status).toBe(200);
  const result = z.zTestWebhookResponse.parse(test.data);
  expect(result.delivered).toBe(false);
  expect(result.httpStatus).toBeNull();
  expect(result.error).toMatch(/pending/i);
  expect(server.mocks.pipevest!.engine.list().map((record) => record.eventType)).toEqual(['WEBHOOK.CREATED']);
});
