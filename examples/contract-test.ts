// A CI contract check: the mock server behind `prism proxy`, which validates every request
// and response against the spec and reports violations in the `sl-violations` header.
import { startPrism } from '../mocks/prism/start-prism.ts';
import { startMockServer } from '../mocks/server.ts';

export async function contractCheck() {
  const mock = await startMockServer({ port: 0, apis: ['sidclaw'], log: () => {} });
  const prism = await startPrism('openapi/sidclaw.yaml', { mode: 'proxy', upstream: mock.baseUrls.sidclaw });
  try {
    const response = await fetch(`${prism.url}/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } });
    return { status: response.status, violations: response.headers.get('sl-violations') }; // { 200, null }
  } finally {
    await prism.stop();
    await mock.close();
  }
}
