import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientConfigError } from '../../src/client/client-error.ts';
import { createSidclawClient } from '../../src/sidclaw/client.ts';

// A scripted upstream: answers each request with the next scripted status.
let server: Server;
let baseUrl: string;
let script: Array<{ status: number; headers?: Record<string, string>; body?: unknown }> = [];
const seen: Array<{ method: string; url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    const next = script.shift() ?? { status: 200, body: { data: [] } };
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(JSON.stringify(next.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createSidclawClient', () => {
  it('rejects a key of the wrong format before any request, naming the expected prefix', () => {
    const attempt = () => createSidclawClient({ apiKey: 'pk_live_123', baseUrl });
    expect(attempt).toThrow(ClientConfigError);
    expect(attempt).toThrow(/sk_live_/);
    expect(() => createSidclawClient({ apiKey: 'sk_live_abc', baseUrl: 'ftp://x' })).toThrow(expect.objectContaining({ code: 'invalid_base_url' }));
    expect(seen).toHaveLength(0);
  });

  it('defaults to the base URL of the spec', async () => {
    const urls: string[] = [];
    const capture: typeof fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return Response.json({ data: [] });
    };
    await createSidclawClient({ apiKey: 'sk_live_abc123', fetch: capture }).listWebhooks();
    expect(urls).toEqual(['http://localhost:4000/api/v1/webhooks']);
  });

  it('sends the bearer key and returns typed data', async () => {
    script = [{ status: 200, body: { data: [] } }];
    const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl });
    const { data, response } = await sidclaw.listWebhooks();
    expect(response?.status).toBe(200);
    expect(data).toEqual({ data: [] });
    expect(seen.at(-1)).toEqual({ method: 'GET', url: '/api/v1/webhooks', authorization: 'Bearer sk_live_abc123' });
  });

  it('retries 429 on GET honouring Retry-After, then succeeds', async () => {
    seen.length = 0;
    script = [
      { status: 429, headers: { 'retry-after': '0' }, body: { error: 'rate_limited' } },
      { status: 503, body: { error: 'unavailable' } },
      { status: 200, body: { data: [] } },
    ];
    const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl, retries: 2 });
    const { response } = await sidclaw.listWebhooks();
    expect(response?.status).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it('never retries a POST, and returns the documented error body typed', async () => {
    seen.length = 0;
    script = [{ status: 503, body: { error: 'validation_error', message: 'x' } }];
    const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl });
    const { error, response } = await sidclaw.createWebhook({ body: { url: 'https://e.com/h', events: ['approval.denied'] } });
    expect(response?.status).toBe(503);
    expect(error).toEqual({ error: 'validation_error', message: 'x' });
    expect(seen).toHaveLength(1);
  });
});
