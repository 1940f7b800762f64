// A frontend with no backend: the SidClaw handlers run in MSW's service worker, and the page
// talks to them through the generated client, as a frontend developer's app would. The mock's
// keys are fake, so the client may hold them here (dangerouslyAllowBrowser).
import { setupWorker } from 'msw/browser';
import { createSidclawMock, sidclawMockCredentials } from '../../../mocks/sidclaw/index.ts';
import { createSidclawClient } from '../../../src/sidclaw/client.ts';

const status = document.querySelector('#status')!;
const list = document.querySelector('#endpoints')!;

try {
  const baseUrl = `${location.origin}/sidclaw`;
  const mock = createSidclawMock({ baseUrl });
  await setupWorker(...mock.handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledFrame: 'bypass', quiet: true });

  const sidclaw = createSidclawClient({ apiKey: sidclawMockCredentials.adminKey, baseUrl, retries: 0, dangerouslyAllowBrowser: true });
  for (const description of ['Slack approvals', 'Audit trail']) {
    await sidclaw.createWebhook({ body: { url: 'https://example.com/hooks', events: ['approval.requested'], description } });
  }
  const denied = await createSidclawClient({ apiKey: sidclawMockCredentials.readOnlyKey, baseUrl, retries: 0, dangerouslyAllowBrowser: true }).listWebhooks();
  const { data } = await sidclaw.listWebhooks();
  for (const endpoint of data?.data ?? []) {
    const item = document.createElement('li');
    item.textContent = `${endpoint.description} → ${endpoint.url} [${endpoint.events.join(', ')}]`;
    list.append(item);
  }
  status.textContent = `ready: ${data?.data.length} endpoints; read-only key got ${denied.response?.status} ${denied.error?.error}`;
} catch (error) {
  status.textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
}
