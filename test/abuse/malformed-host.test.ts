// Abuse probe: malformed Host headers. Before the fix each got 500 mock_failure with the
// internal URL parse message echoed; now 400 bad_request, and the connection is closed.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostHeaderProblem } from '../../mocks/host-header.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';

let server: MockServer;
let port: number;
beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {} });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close({ timeoutMs: 1000 }));

/** One raw HTTP/1.1 request with the given Host line; the status and body as the server wrote them. */
function rawRequest(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET /sidclaw/api/v1/webhooks HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer sk_live_abc123\r\nConnection: close\r\n\r\n`),
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

describe('malformed Host headers', () => {
  it.each(['a b', 'user@evil:99999', '[::1', 'evil.test:99999', 'user@evil.test', 'a/b'])('Host: %s → 400 bad_request, no internal message', async (host) => {
    const { status, body } = await rawRequest(host);
    expect(status).toBe(400);
    expect(body).toContain('"error":"bad_request"');
    expect(body).not.toContain('Failed to parse URL');
    expect(body).not.toContain('mock_failure');
  });

  it.each(['127.0.0.1', `127.0.0.1:${4010}`, 'localhost:4010', '[::1]:4010'])('Host: %s is served', async (host) => {
    expect((await rawRequest(host)).status).toBe(200);
  });

  it('says what is wrong', () => {
    expect(hostHeaderProblem('user@evil:99999')).toBe('The Host header "user@evil:99999" is not a host name or IP address with an optional port (1-65535).');
    expect(hostHeaderProblem(undefined)).toBeUndefined();
  });
});
