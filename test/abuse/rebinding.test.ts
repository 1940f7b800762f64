// Abuse probe: DNS rebinding. A page on evil.example whose name is re-pointed to 127.0.0.1 is
// same-origin with a loopback server; before the fix the mock answered `Host: evil.example:4700`
// with /_mock/state (receiver secrets included) and `hookspec listen` answered any Host too.
// Now both answer only their own names (loopback, the bound address, --allowed-host).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { createLocalRequestGuard } from '../../src/net/local-request-guard.ts';
import { ensureBuilt, startCli, type RunningCli } from '../cli/helpers.ts';

/** One raw HTTP/1.1 GET with the given Host line: the status and body as the server wrote them. */
function rawGet(url: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept: text/html\r\nConnection: close\r\n\r\n`),
    );
    let data = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}

describe('the mock server answers only its own Host names', () => {
  let server: MockServer;
  let allowing: MockServer;
  beforeAll(async () => {
    [server, allowing] = await Promise.all([
      startMockServer({ port: 0, log: false, checkSpec: false }),
      startMockServer({ port: 0, log: false, checkSpec: false, allowedHosts: ['mock.example.test', '.dev.example.test'] }),
    ]);
  });
  afterAll(() => Promise.all([server.close({ timeoutMs: 1000 }), allowing.close({ timeoutMs: 1000 })]));

  it.each(['/_mock/state', '/', '/_mock/overview', '/sidclaw/api/v1/webhooks'])('Host: evil.example → 403 on %s, saying how to allow a name', async (path) => {
    const port = new URL(server.url).port;
    const { status, body } = await rawGet(server.url, path, `evil.example:${port}`);
    expect(status).toBe(403);
    const answer = JSON.parse(body) as { error: string; message: string };
    expect(answer.error).toBe('host_not_allowed');
    expect(answer.message).toContain('--allowed-host evil.example');
    expect(body).not.toContain('whsec_');
  });

  it.each(['localhost', '127.0.0.1', '127.0.0.2', '[::1]', 'LOCALHOST.', 'app.localhost'])('Host: %s is served', async (name) => {
    const port = new URL(server.url).port;
    expect((await rawGet(server.url, '/_mock/state', `${name}:${port}`)).status).toBe(200);
  });

  it('names given with allowedHosts are served, a leading dot allowing subdomains', async () => {
    const port = new URL(allowing.url).port;
    expect((await rawGet(allowing.url, '/_mock/state', `mock.example.test:${port}`)).status).toBe(200);
    expect((await rawGet(allowing.url, '/_mock/state', `a.dev.example.test:${port}`)).status).toBe(200);
    expect((await rawGet(allowing.url, '/_mock/state', `evil.example:${port}`)).status).toBe(403);
  });

  it('bound to every interface, IP literals are its names too (they cannot be rebound); names still are not', () => {
    const guard = createLocalRequestGuard({ boundHost: '0.0.0.0' });
    expect(guard.check({ headers: { host: '192.168.1.20:4010' } })).toBeUndefined();
    expect(guard.check({ headers: { host: 'evil.example:4010' } })?.status).toBe(403);
    const named = createLocalRequestGuard({ boundHost: 'devbox.lan' });
    expect(named.check({ headers: { host: 'devbox.lan:4010' } })).toBeUndefined();
    expect(named.check({ headers: { host: '192.168.1.20:4010' } })?.status).toBe(403);
  });
});

describe('hookspec listen answers only its own Host names', () => {
  let plain: RunningCli;
  let allowing: RunningCli;
  let plainUrl: string;
  let allowingUrl: string;
  beforeAll(async () => {
    await ensureBuilt();
    plain = startCli(['listen', 'sidclaw', '--port', '0', '--secret', 'whsec_rebinding', '--json']);
    allowing = startCli(['listen', 'sidclaw', '--port', '0', '--secret', 'whsec_rebinding', '--json', '--allowed-host', 'hooks.example.test']);
    plainUrl = (await plain.ready).listening as string;
    allowingUrl = (await allowing.ready).listening as string;
    // The first CLI test after a source change builds dist/ first.
  }, 120_000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), allowing?.stop()]);
  });

  it('Host: evil.example gets 403 on GET / (the deliveries) and on the page, naming --allowed-host', async () => {
    const port = new URL(plainUrl).port;
    for (const path of ['/', '/_listen/stream', '/hooks']) {
      const { status, body } = await rawGet(plainUrl, path, `evil.example:${port}`);
      expect(status).toBe(403);
      expect(body).toContain('--allowed-host evil.example');
    }
    expect((await rawGet(plainUrl, '/?format=json', `127.0.0.1:${port}`)).status).toBe(200);
  });

  it('--allowed-host adds a name', async () => {
    const port = new URL(allowingUrl).port;
    expect((await rawGet(allowingUrl, '/?format=json', `hooks.example.test:${port}`)).status).toBe(200);
    expect((await rawGet(allowingUrl, '/?format=json', `evil.example:${port}`)).status).toBe(403);
  });
});
