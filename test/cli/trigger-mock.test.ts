// hookspec trigger --mock: a running mock delivers the event to its registered endpoints; each first attempt is printed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { refusingPort } from '../support/refusing-port.ts';
import { ensureBuilt, runCli, startCli, type RunningCli } from './helpers.ts';

let mock: RunningCli;
let mockUrl: string;
let receiver: Server;
let receiverUrl: string;
let status = 200;

beforeAll(async () => {
  await ensureBuilt();
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"received":true}' : '{"error":"boom"}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  mock = startCli(['mock', '--port', '0', '--api', 'sidclaw', '--json', '--quiet']);
  mockUrl = (await mock.ready).url as string;
  const created = await fetch(`${mockUrl}/sidclaw/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' },
    body: JSON.stringify({ url: receiverUrl, events: ['approval.requested'] }),
  });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await mock?.stop('SIGTERM');
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('hookspec trigger <api> <event> --mock <url>', () => {
  it('exits 0 and prints each first attempt when every one got a 2xx', async () => {
    status = 200;
    const result = await runCli(['trigger', 'sidclaw', 'approval.requested', '--mock', mockUrl]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`delivers sidclaw approval.requested to 1 endpoint`);
    expect(result.stdout).toMatch(new RegExp(`✓ 200 in [\\d.]+ ?m?s  ${receiverUrl.replaceAll('.', '\\.')}  delivery \\S+`));
  });

  it('exits 1 when a first attempt did not get a 2xx, with its answer; --json lists the attempts', async () => {
    status = 500;
    const result = await runCli(['trigger', 'sidclaw', 'approval.requested', '--mock', mockUrl, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout.split('\n')[0]!) as { failed: number; deliveries: Array<{ status: number; url: string; body: string }> };
    expect(report.failed).toBe(1);
    expect(report.deliveries).toMatchObject([{ status: 500, url: receiverUrl, body: '{"error":"boom"}' }]);
  });

  it('exits 2 when no endpoint is subscribed to the event, or the mock cannot be reached', async () => {
    const unsubscribed = await runCli(['trigger', 'sidclaw', 'agent.revoked', '--mock', mockUrl]);
    expect(unsubscribed.code).toBe(2);
    expect(unsubscribed.stderr).toContain('no endpoint registered with the mock is subscribed to agent.revoked');
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    const nowhere = `http://127.0.0.1:${refusing.port}/`;
    const unreachable = await runCli(['trigger', 'sidclaw', 'approval.requested', '--mock', nowhere]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toBe(
      `hookspec: the mock server at ${nowhere} cannot be reached (ECONNREFUSED): start it with hookspec mock, or check --mock.\n`,
    );
  });

  it('--to and --mock: exactly one', async () => {
    expect((await runCli(['trigger', 'sidclaw', 'approval.requested'])).code).toBe(2);
    expect((await runCli(['trigger', 'sidclaw', 'approval.requested', '--mock', mockUrl, '--to', receiverUrl])).code).toBe(2);
  });
});
