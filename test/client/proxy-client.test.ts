/** `create<Api>ProxyClient`: calls a backend route that adds the key; no key is held or sent. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExchangeProxyClient } from '../../src/exchange/client.ts';
import { createProvenonceProxyClient } from '../../src/provenonce/client.ts';
import { createSidclawProxyClient } from '../../src/sidclaw/client.ts';

function recorder() {
  const seen: Array<{ url: string; authorization: string | null }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, authorization: request.headers.get('authorization') });
    return Response.json({ data: [] });
  };
  return { seen, fetch };
}

afterEach(() => vi.unstubAllGlobals());

describe('proxy clients', () => {
  it('send no Authorization header, to the backend route, in a page with a path resolved on its origin', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    vi.stubGlobal('location', { origin: 'https://app.example.com' });
    const { seen, fetch } = recorder();
    await createSidclawProxyClient({ baseUrl: '/api/sidclaw', fetch }).listWebhooks();
    await createProvenonceProxyClient({ baseUrl: '/api/provenonce', fetch }).getPartnerWebhook();
    await createExchangeProxyClient({ baseUrl: 'https://app.example.com/api/exchange/', fetch }).registerWebhook({
      body: { url: 'https://example.com/webhooks/exchange', events: ['order.created'] },
    });
    expect(seen).toEqual([
      { url: 'https://app.example.com/api/sidclaw/api/v1/webhooks', authorization: null },
      { url: 'https://app.example.com/api/provenonce/api/v1/partner/webhook', authorization: null },
      { url: 'https://app.example.com/api/exchange/partner/webhooks', authorization: null },
    ]);
  });

  it('a path outside a page is refused as a base URL', () => {
    expect(() => createSidclawProxyClient({ baseUrl: '/api/sidclaw' })).toThrow(expect.objectContaining({ code: 'invalid_base_url' }));
  });
});
