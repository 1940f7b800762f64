// What the mock server and the listener print when they start, and what --help says about their keys.
import { beforeAll, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../src/pipevest/mock-keys.ts';
import { ensureBuilt, runCli, startCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

it('hookspec mock says that loopback http:// receivers are accepted', async () => {
  const mock = startCli(['mock', '--port', '0', '--api', 'pipevest']);
  try {
    const line = await mock.waitForLine((text) => text.startsWith('Receivers:'));
    expect(line).toBe(
      "Receivers: every mock also accepts loopback http:// URLs (localhost, 127.0.0.1, [::1]) for local development; the specs keep each provider's own URL rule.",
    );
  } finally {
    expect(await mock.stop('SIGTERM')).toBe(0);
  }
});

it("hookspec mock prints the inspector page's URL and the Pipevest webhook public key, which GET /_mock/pipevest/webhook-key serves without credentials", async () => {
  const mock = startCli(['mock', '--port', '0', '--api', 'pipevest']);
  try {
    const first = await mock.waitForLine((text) => text.includes('hookspec mock server'));
    const url = /on (http:\/\/\S+)/.exec(first)![1]!;
    expect(await mock.waitForLine((text) => text.startsWith('Inspector page:'))).toBe(`Inspector page: ${url}/`);
    expect(await mock.waitForLine((text) => text.startsWith('Pipevest webhook public key'))).toBe(
      `Pipevest webhook public key (keyid ${pipevestMockKeys.delivery.keyId}; --key mock signs and verifies with this pair), also at GET ${url}/_mock/pipevest/webhook-key without credentials:`,
    );
    await mock.waitForLine((text) => text === '-----END PUBLIC KEY-----');
    expect(mock.lines.join('\n')).toContain(pipevestMockKeys.delivery.publicKeyPem.trim());
    const answer = await fetch(`${url}/_mock/pipevest/webhook-key`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ keyId: pipevestMockKeys.delivery.keyId, algorithm: 'ed25519', publicKey: pipevestMockKeys.delivery.publicKeyPem });
  } finally {
    expect(await mock.stop('SIGTERM')).toBe(0);
  }
});

it('hookspec listen prints the inspector page URL', async () => {
  const listen = startCli(['listen', 'sidclaw', '--port', '0', '--secret', 's']);
  try {
    const first = await listen.waitForLine((text) => text.includes('hookspec listen sidclaw'));
    const url = /on (http:\/\/\S+)/.exec(first)![1]!;
    expect(await listen.waitForLine((text) => text.startsWith('Inspector page:'))).toBe(`Inspector page: ${url}/`);
  } finally {
    await listen.stop('SIGTERM');
  }
});

it('--help says which key id --key mock uses', async () => {
  for (const command of ['trigger', 'check', 'sign']) {
    const help = await runCli([command, '--help']);
    expect(help.stdout.replace(/\s+/g, ' '), command).toContain(
      `"mock" for the mock server's webhook test key pair (keyid ${pipevestMockKeys.delivery.keyId};`,
    );
  }
});
