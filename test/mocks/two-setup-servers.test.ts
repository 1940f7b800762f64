// Two setupServer instances that both see one request (a suite-level server plus one a test
// starts): every handler that reads the body must still answer, without
// "TypeError: Body is unusable" from the instance that reads second.
import { setupServer } from 'msw/node';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createPipevestMock } from '../../mocks/pipevest/index.ts';
import { createSidclawMock, sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';

let errors: string[] = [];
beforeEach(() => {
  errors = [];
  // msw reports a handler's exception on console.error and carries on with the next instance.
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

async function withTwoServers<M extends { handlers: Parameters<typeof setupServer>; close(): Promise<void> }>(
  create: () => M,
  run: (mocks: [M, M]) => Promise<void>,
) {
  const mocks: [M, M] = [create(), create()];
  const servers = mocks.map((mock) => setupServer(...mock.handlers));
  for (const server of servers) server.listen({ onUnhandledFrame: 'bypass' });
  try {
    await run(mocks);
  } finally {
    for (const server of servers.reverse()) server.close();
    await Promise.all(mocks.map((mock) => mock.close()));
  }
}

it('SidClaw: a JSON body read by the handlers of two servers', async () => {
  const baseUrl = 'http://sidclaw.test';
  await withTwoServers(
    () => {
      const mock = createSidclawMock({ baseUrl });
      return { handlers: mock.handlers as Parameters<typeof setupServer>, close: () => mock.close(), state: mock.state };
    },
    async (mocks) => {
      const response = await fetch(`${baseUrl}/api/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://example.com/hooks', events: ['approval.requested'] }),
      });
      expect(response.status).toBe(201);
      expect(((await response.json()) as { data: { url: string } }).data.url).toBe('https://example.com/hooks');
      expect(errors).toEqual([]);
      // Whichever instance answered kept the endpoint (msw decides which instances run).
      expect(mocks.flatMap((mock) => [...mock.state.endpoints.values()].map((entry) => entry.endpoint.url))).toContain('https://example.com/hooks');
    },
  );
});

it('Pipevest: a signed raw body read by the handlers of two servers', async () => {
  await withTwoServers(
    () => {
      const mock = createPipevestMock({ baseUrl: 'https://api.pipevest.com/v1' });
      return { handlers: mock.handlers as Parameters<typeof setupServer>, close: () => mock.close(), state: mock.state };
    },
    async (mocks) => {
      const client = mockPipevestClient();
      const result = await client.createAuth({ body: { url: 'https://hooks.partner.test/pipevest', subscriptions: ['WEBHOOK'] } });
      expect(result.response?.status).toBe(200);
      expect(errors).toEqual([]);
      expect(result.data?.webhook?.url).toBe('https://hooks.partner.test/pipevest');
      expect(mocks.flatMap((mock) => mock.state.webhook?.url ?? [])).toContain('https://hooks.partner.test/pipevest');
    },
  );
});
