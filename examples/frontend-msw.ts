// A frontend (or its tests) with no backend: the stateful SidClaw handlers in MSW.
// In the browser: `setupWorker(...mock.handlers).start()` from 'msw/browser' instead, and
// `dangerouslyAllowBrowser: true` on the client (the mock's key is fake; see docs/frontend.md).
import { setupServer } from 'msw/node';
import { createSidclawMock } from 'hookspec/mocks/sidclaw';
import { createSidclawClient } from 'hookspec/sidclaw';

export async function listWithoutBackend() {
  const mock = createSidclawMock({ baseUrl: 'https://sidclaw.test' });
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledFrame: 'bypass' });
  try {
    const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl: 'https://sidclaw.test' });
    await sidclaw.createWebhook({ body: { url: 'https://example.com/hooks', events: ['trace.completed'] } });
    const { data } = await sidclaw.listWebhooks();
    return data?.data.map((endpoint) => endpoint.url); // ['https://example.com/hooks']
  } finally {
    server.close();
    await mock.close();
  }
}
