// A mock running in the page delivers to a receiver on another origin that sends no CORS
// headers: testWebhook's result and the delivery record say why it failed.
import { getResponse } from 'msw';
import { createSidclawMock, sidclawEndpointFixture, sidclawMockCredentials } from '../../../mocks/sidclaw/index.ts';

const status = document.querySelector('#status')!;
try {
  // Same server, other origin: localhost instead of 127.0.0.1.
  const receiver = `http://localhost:${location.port}/hook`;
  const endpoint = sidclawEndpointFixture({ url: receiver, events: ['approval.requested'] });
  const baseUrl = `${location.origin}/sidclaw`;
  const mock = createSidclawMock({ baseUrl, delivery: { maxAttempts: 1 }, state: { seed: { endpoints: [endpoint] } } });
  const request = new Request(`${baseUrl}/api/v1/webhooks/${endpoint.id}/test`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` },
  });
  const tested = (await (await getResponse(mock.handlers, request))!.json()) as { delivered: boolean; error?: string };
  const [queued] = await mock.trigger('approval.requested');
  const settled = await mock.engine.settled(queued!.id);
  status.textContent = JSON.stringify({ tested, delivery: settled?.lastError });
} catch (error) {
  status.textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
}
