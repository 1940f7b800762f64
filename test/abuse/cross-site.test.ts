// Abuse probe: a web page on another site driving the mock (the Vite CVE-2025-24010 class).
// Before the fix a text/plain no-cors POST or an HTML form registered receivers, set a 30-minute
// latency and reset every mock, and Proven took file:, gopher: and metadata-address receivers.
// Now state changes under /_mock/ from another site get 403, bodies must be JSON (415), and
// receiver URLs are http(s) only, never link-local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, log: false, checkSpec: false });
});
afterAll(() => server.close({ timeoutMs: 1000 }));

const evil = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
const json = { 'content-type': 'application/json' };
const post = (path: string, headers: Record<string, string>, body?: string) => fetch(`${server.url}${path}`, { method: 'POST', headers, body });

describe('cross-site state changes under /_mock/', () => {
  it('a no-cors text/plain POST from another site cannot set a scenario (403), and the scenario is unchanged', async () => {
    const response = await post('/_mock/sidclaw/scenario', { ...evil, 'content-type': 'text/plain' }, '{"latencyMs":1800000}');
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe('cross_site_request');
    expect(server.mocks.sidclaw!.scenario.current).toEqual({});
  });

  it('an HTML form POST to /_mock/reset from another site is refused; the endpoints stay', async () => {
    expect((await post('/_mock/proven/endpoints', json, JSON.stringify({ url: 'http://127.0.0.1:9/proven' }))).status).toBe(201);
    const form = await post('/_mock/reset', { ...evil, 'content-type': 'application/x-www-form-urlencoded' }, 'x=1');
    expect(form.status).toBe(403);
    // Same-site (another port of localhost) is another origin too.
    const sameSite = await post('/_mock/reset', { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    expect(server.mocks.proven!.snapshot()).toEqual({ endpoints: [{ url: 'http://127.0.0.1:9/proven' }] });
  });

  it('a body that is not application/json is refused with 415, even without browser headers', async () => {
    const response = await post('/_mock/sidclaw/events', { 'content-type': 'text/plain' }, '{"event":"approval.requested"}');
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toContain('Content-Type: application/json');
    expect((await post('/_mock/sidclaw/send', {}, '{"event":"approval.requested","data":{}}')).status).toBe(415);
  });

  it('the inspector page (same-origin) and plain curl (no browser headers) keep working, bodiless POSTs included', async () => {
    const sameOrigin = { origin: server.url, 'sec-fetch-site': 'same-origin' };
    expect((await post('/_mock/sidclaw/scenario', { ...sameOrigin, ...json }, '{"latencyMs":5}')).status).toBe(200);
    expect((await post('/_mock/reset', sameOrigin)).status).toBe(200);
    // curl -X POST …/_mock/reset, and a typed-in address (Sec-Fetch-Site: none).
    expect((await post('/_mock/reset', {})).status).toBe(200);
    expect((await post('/_mock/reset', { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await post('/_mock/sidclaw/scenario', { ...json, 'content-type': 'application/json; charset=utf-8' }, '{}')).status).toBe(200);
  });

  it('reading is not a state change: GET /_mock/overview answers a page of any origin (the browser keeps the answer from it)', async () => {
    expect((await fetch(`${server.url}/_mock/overview`, { headers: evil })).status).toBe(200);
  });
});

describe('receiver URLs registered through control routes', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/', // 169.254.169.254 as one number
    'http://[fe80::1]/hook',
    'http://[::ffff:169.254.169.254]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'gopher://127.0.0.1:6379/_FLUSHALL',
    'file:///etc/passwd',
  ])('Proven refuses %s with 400', async (url) => {
    const response = await post('/_mock/proven/endpoints', json, JSON.stringify({ url }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_endpoint');
  });

  it('Proven keeps loopback http and any https receiver', async () => {
    expect((await post('/_mock/proven/endpoints', json, JSON.stringify({ url: 'http://localhost:4000/proven' }))).status).toBe(201);
    expect((await post('/_mock/proven/endpoints', json, JSON.stringify({ url: 'https://receiver.example/proven' }))).status).toBe(201);
  });

  it('SidClaw refuses an https metadata address its spec rule would let through', async () => {
    const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...json, authorization: 'Bearer sk_live_abc123' },
      body: JSON.stringify({ url: 'https://169.254.169.254/hook', events: ['approval.requested'] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('link-local or cloud metadata address');
  });
});

describe('control routes take only what they can handle', () => {
  it.each(['/_mock/constructor/events', '/_mock/__proto__/scenario', '/_mock/hasOwnProperty/deliveries', '/_mock/toString/endpoints'])(
    'POST and GET %s → 404 for an API the mock does not have, no internal error',
    async (path) => {
      for (const response of [await post(path, json, '{"event":"x"}'), await fetch(`${server.url}${path}`)]) {
        expect(response.status).toBe(404);
        expect(await response.text()).not.toMatch(/TypeError|mock_failure/);
      }
    },
  );

  it.each([
    ['{"serverError":{"status":99}}', 'serverError.status'],
    ['{"serverError":{"status":200}}', 'serverError.status'],
    ['{"latencyMs":1800000}', 'latencyMs'],
    ['{"rateLimit":{"retryAfterSeconds":-1}}', 'rateLimit.retryAfterSeconds'],
    ['{"latency":5}', 'latency'],
  ])('scenario %s → 400 naming %s, nothing set', async (body, field) => {
    const response = await post('/_mock/exchange/scenario', json, body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: string; message: string };
    expect(answer.error).toBe('invalid_scenario');
    expect(answer.message).toContain(field);
    expect(server.mocks.exchange!.scenario.current).toEqual({});
  });

  it('a 10,000-deep body is a 400, not a stack overflow: SidClaw create and a control route', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const create = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...json, authorization: 'Bearer sk_live_abc123' },
      body: deep,
    });
    expect(create.status).toBe(400);
    expect(((await create.json()) as { message: string }).message).toContain('nested deeper than 64 levels');
    const scenario = await post('/_mock/sidclaw/scenario', json, deep);
    expect(scenario.status).toBe(400);
  });
});
