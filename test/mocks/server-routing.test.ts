// The mock server's routing in front of the handlers: path segments that are names of plain
// object properties find no API, and a server started with `log: false` answers without logging.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';

let server: MockServer;
const consoleLog = vi.spyOn(console, 'log');
beforeAll(async () => {
  server = await startMockServer({ port: 0, apis: ['sidclaw'], log: false });
});
afterAll(async () => {
  await server?.close({ timeoutMs: 1000 });
  consoleLog.mockRestore();
});

describe('mock server routing', () => {
  it.each(['/constructor/x', '/__proto__/x', '/toString', '/hasOwnProperty/api/v1/webhooks'])('%s is a 404 not_found naming the APIs served', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: `No API at ${path}; the mock serves /sidclaw.` });
  });

  it('an unknown operation of a served API is a 404 naming the API', async () => {
    const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/nowhere`, { method: 'DELETE' });
    expect([response.status, ((await response.json()) as { message: string }).message]).toEqual([
      404,
      'No sidclaw operation matches DELETE /sidclaw/api/v1/nowhere.',
    ]);
  });

  it('log: false answers and writes no request line', async () => {
    const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } });
    expect([response.status, await response.json()]).toEqual([200, { data: [] }]);
    expect(consoleLog).not.toHaveBeenCalled();
  });
});
