// The mock HTTP server itself: limits, malformed input, unknown routes, the request log,
// the documents' own curl examples (from README), and a clean shutdown.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';

let server: MockServer;
const log: string[] = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: (line) => log.push(line) });
});
afterAll(() => server.close({ timeoutMs: 1000 }));

const admin = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };

describe('mock server', () => {
  it('lists a base URL per API, from the path of each spec’s server URL', () => {
    expect(server.baseUrls).toEqual({
      sidclaw: `${server.url}/sidclaw`,
      provenonce: `${server.url}/provenonce`,
      exchange: `${server.url}/exchange/api/v1`,
      proven: `${server.url}/proven`,
      pipevest: `${server.url}/pipevest/v1`,
    });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { method: 'POST', headers: admin, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('payload_too_large');
  });

  it('answers malformed JSON with the API’s own 400 body', async () => {
    const sidclaw = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { method: 'POST', headers: admin, body: '{"url":' });
    expect([sidclaw.status, ((await sidclaw.json()) as { error: string }).error]).toEqual([400, 'validation_error']);
    const provenonce = await fetch(`${server.baseUrls.provenonce}/api/v1/partner/webhook`, {
      method: 'PUT',
      headers: { authorization: 'Bearer pvp_test', 'content-type': 'application/json' },
      body: '{"url":',
    });
    expect([provenonce.status, ((await provenonce.json()) as { code: string }).code]).toEqual([400, 'WEBHOOK_INVALID']);
  });

  it('answers unknown routes with 404 JSON naming what it serves', async () => {
    const unknownApi = await fetch(`${server.url}/stripe/v1/charges`);
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { message: string }).message).toContain('/sidclaw');
    const unknownPath = await fetch(`${server.baseUrls.sidclaw}/api/v2/webhooks`, { headers: admin });
    expect([unknownPath.status, ((await unknownPath.json()) as { error: string }).error]).toEqual([404, 'not_found']);
  });

  it('sends a Content-Length rather than chunked bodies, and none on 204', async () => {
    const created = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ url: 'https://example.com/hooks', events: ['approval.requested'] }),
    });
    const text = await created.text();
    expect([created.status, created.headers.get('content-length'), created.headers.get('transfer-encoding')]).toEqual([
      201,
      String(Buffer.byteLength(text)),
      null,
    ]);
    const id = (JSON.parse(text) as { data: { id: string } }).data.id;
    // Control routes answer with Response.json, which sets no length of its own.
    const deliveries = await fetch(`${server.url}/_mock/sidclaw/deliveries`);
    const listed = await deliveries.text();
    expect([deliveries.status, deliveries.headers.get('content-length'), deliveries.headers.get('transfer-encoding')]).toEqual([
      200,
      String(Buffer.byteLength(listed)),
      null,
    ]);
    const deleted = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks/${id}`, { method: 'DELETE', headers: admin });
    expect([deleted.status, deleted.headers.get('content-length'), deleted.headers.get('transfer-encoding')]).toEqual([204, null, null]);
  });

  it('logs one line per request', async () => {
    const before = log.length;
    await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: admin });
    // A second request as the marker: once its line is there, any line the first one wrote is too.
    await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks/wh_none`, { headers: admin });
    await expect.poll(() => log.length - before).toBeGreaterThanOrEqual(2);
    expect(log.slice(before)).toEqual([
      expect.stringMatching(/^GET \/sidclaw\/api\/v1\/webhooks → 200 \(\d+\.\d ms\)$/),
      expect.stringMatching(/^GET \/sidclaw\/api\/v1\/webhooks\/wh_none → \d{3} \(\d+\.\d ms\)$/),
    ]);
  });

  it('answers the curl examples of README (the documents’ own requests, host replaced)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Try the mock server'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const commands = block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((line) => line.startsWith('curl '));
    expect(commands).toHaveLength(3);
    for (const command of commands) {
      // Asynchronously: the server answering the request runs in this process.
      const { stdout: status } = await promisify(execFile)('sh', [
        '-c',
        `${command.replaceAll('http://127.0.0.1:4010', server.url)} -s -o /dev/null -w '%{http_code}'`,
      ]);
      expect(['200', '201', '202'], command).toContain(status);
    }
  });
});
