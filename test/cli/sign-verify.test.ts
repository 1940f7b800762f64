import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../src/pipevest/mock-keys.ts';
import { ensureBuilt, jsonLines, runCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

const dir = mkdtempSync(join(tmpdir(), 'hookspec-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = 'whsec_cli_test';
const hmac = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const sidclawBody = JSON.stringify({ id: 'dlv_1', event: 'test', timestamp: new Date().toISOString(), tenant_id: 't_1', data: { message: 'hi' } });
const provenonceBody = '{"event":"agent.frozen","data":{"agent_id":"ag_1"}}\n';

/** A captured request, with CRLF or LF line ends. */
function capture(headers: Record<string, string>, body: string, eol = '\r\n'): string {
  const head = ['POST /webhooks HTTP/1.1', 'Host: localhost:4000', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${head.join(eol)}${eol}${eol}${body}`;
}

describe.concurrent('hookspec sign', () => {
  it('prints the headers the provider sends, an empty line and the body', async () => {
    const file = join(dir, 'provenonce.json');
    writeFileSync(file, provenonceBody);
    const result = await runCli(['sign', 'provenonce', '--secret', SECRET, '--data', `@${file}`]);
    expect(result.code).toBe(0);
    // The file's bytes, trailing newline included, are what is signed.
    expect(result.stdout).toBe(`content-type: application/json\nx-provenonce-signature: ${hmac(provenonceBody)}\n\n${provenonceBody}`);
  });

  it('--json prints one object; sidclaw reuses the body id as X-Webhook-ID', async () => {
    const result = await runCli(['sign', 'sidclaw', '--secret', SECRET, '--data', sidclawBody, '--json']);
    expect(result.code).toBe(0);
    const [printed] = jsonLines(result.stdout);
    expect(printed).toMatchObject({
      api: 'sidclaw',
      body: sidclawBody,
      headers: { 'x-webhook-id': 'dlv_1', 'x-webhook-signature': hmac(sidclawBody), 'content-type': 'application/json' },
    });
    expect(Date.parse((printed!.headers as Record<string, string>)['x-webhook-timestamp']!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('exchange signs with X-Signature; proven sends X-API-Key only when given one', async () => {
    const body = '{"event":"order.created","data":{}}';
    const exchange = jsonLines((await runCli(['sign', 'exchange', '--secret', SECRET, '--data', body, '--json'])).stdout)[0];
    expect(exchange!.headers).toEqual({ 'content-type': 'application/json', 'x-signature': hmac(body) });
    const withKey = jsonLines((await runCli(['sign', 'proven', '--secret', 'k1', '--data', '{}', '--json'])).stdout)[0];
    expect(withKey!.headers).toMatchObject({ 'x-api-key': 'k1' });
    const withoutKey = jsonLines((await runCli(['sign', 'proven', '--data', '{}', '--json'])).stdout)[0];
    expect(withoutKey!.headers).not.toHaveProperty('x-api-key');
  });

  it('reads the secret from HOOKSPEC_SECRET and the body from stdin', async () => {
    const result = await runCli(['sign', 'exchange', '--data', '@-', '--json'], { input: '{"a":1}', env: { HOOKSPEC_SECRET: SECRET } });
    expect(jsonLines(result.stdout)[0]!.headers).toMatchObject({ 'x-signature': hmac('{"a":1}') });
  });
});

describe.concurrent('hookspec verify', () => {
  it('verifies a captured request from a file (CRLF) and prints the event', async () => {
    const file = join(dir, 'ok.http');
    writeFileSync(
      file,
      capture({ 'X-Webhook-ID': 'dlv_1', 'X-Webhook-Timestamp': new Date().toISOString(), 'X-Webhook-Signature': hmac(sidclawBody) }, sidclawBody),
    );
    const result = await runCli(['verify', 'sidclaw', '--secret', SECRET, '--file', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^✓ sidclaw test {2}delivery dlv_1 {2}sent \d{4}-/);
    expect(result.stdout).toContain('"message": "hi"');
  });

  it('reads LF line ends from stdin and cuts the body to Content-Length', async () => {
    const body = provenonceBody.trimEnd();
    const input = capture({ 'x-provenonce-signature': hmac(body), 'content-length': String(body.length) }, `${body}\n\n`, '\n');
    const result = await runCli(['verify', 'provenonce', '--secret', SECRET, '--json'], { input });
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      { ok: true, api: 'provenonce', type: 'agent.frozen', deliveryId: null, timestamp: null, payload: JSON.parse(body) },
    ]);
  });

  it('decodes a chunked body', async () => {
    const body = '{"event":"order.created","data":{"orderId":"o1"}}';
    const chunked = `${(20).toString(16)}\r\n${body.slice(0, 20)}\r\n${(body.length - 20).toString(16)}\r\n${body.slice(20)}\r\n0\r\n\r\n`;
    const input = capture({ 'transfer-encoding': 'chunked', 'x-signature': hmac(body) }, chunked);
    const result = await runCli(['verify', 'exchange', '--secret', SECRET], { input });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('✓ exchange order.created');
  });

  it('a tampered body fails with signature_mismatch and exit 1', async () => {
    const input = capture({ 'x-provenonce-signature': hmac(provenonceBody) }, provenonceBody.replace('ag_1', 'ag_2'));
    const result = await runCli(['verify', 'provenonce', '--secret', SECRET], { input });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✗ signature_mismatch \(x-provenonce-signature\): The x-provenonce-signature signature does not match the body/);
  });

  it('reports the precise code: stale timestamp, missing header, wrong key, invalid payload, unknown event', async () => {
    const stale = new Date(Date.now() - 3_600_000).toISOString();
    const cases: Array<[string[], string, string]> = [
      [
        ['verify', 'sidclaw', '--secret', SECRET],
        capture({ 'X-Webhook-ID': 'd', 'X-Webhook-Timestamp': stale, 'X-Webhook-Signature': hmac(sidclawBody) }, sidclawBody),
        'timestamp_out_of_tolerance',
      ],
      [
        ['verify', 'sidclaw', '--secret', SECRET],
        capture({ 'X-Webhook-ID': 'd', 'X-Webhook-Timestamp': new Date().toISOString() }, sidclawBody),
        'missing_header',
      ],
      [['verify', 'proven', '--secret', 'expected'], capture({ 'x-api-key': 'other' }, '{"event":"credentials:done","webhook":{}}'), 'signature_mismatch'],
      [['verify', 'exchange', '--secret', SECRET], capture({ 'x-signature': hmac('[1]') }, '[1]'), 'unknown_event'],
      [['verify', 'provenonce', '--secret', SECRET], capture({ 'x-provenonce-signature': hmac('{nope') }, '{nope'), 'invalid_json'],
    ];
    for (const [args, input, code] of cases) {
      const result = await runCli([...args, '--json'], { input });
      expect(result.code, `${code}: ${result.stdout}`).toBe(1);
      expect(jsonLines(result.stdout)[0]).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    }
  });

  it('--tolerance widens the timestamp window; --signature-header picks the exchange header', async () => {
    const stale = new Date(Date.now() - 3_600_000).toISOString();
    const sidclaw = capture({ 'X-Webhook-ID': 'd', 'X-Webhook-Timestamp': stale, 'X-Webhook-Signature': hmac(sidclawBody) }, sidclawBody);
    expect((await runCli(['verify', 'sidclaw', '--secret', SECRET, '--tolerance', '7200'], { input: sidclaw })).code).toBe(0);
    const body = '{"event":"offer.updated","data":{}}';
    const exchange = capture({ 'x-exchange-signature': hmac(body) }, body);
    expect((await runCli(['verify', 'exchange', '--secret', SECRET], { input: exchange })).code).toBe(1);
    expect((await runCli(['verify', 'exchange', '--secret', SECRET, '--signature-header', 'X-Exchange-Signature'], { input: exchange })).code).toBe(0);
  });

  it('sign --http | verify round-trips for every API', async () => {
    const bodies: Record<string, string> = {
      sidclaw: sidclawBody,
      provenonce: provenonceBody,
      exchange: '{"event":"order.cancelled","data":{}}',
      proven: JSON.stringify({
        event: 'basic-message:received',
        webhook: {
          connection_id: '6f1c2a7e-0b1d-4c1e-9d1a-2b3c4d5e6f70',
          message_id: 'm1',
          content: 'hello',
          state: 'received',
          sent_time: '2026-01-01T00:00:00Z',
          locale: 'en',
          wallet_id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        },
      }),
    };
    for (const [api, body] of Object.entries(bodies)) {
      const signed = await runCli(['sign', api, '--secret', SECRET, '--data', body, '--http', '--url', 'http://127.0.0.1:4000/hooks?x=1']);
      expect(signed.stdout).toMatch(/^POST \/hooks\?x=1 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:4000\r\n/);
      const verified = await runCli(['verify', api, '--secret', SECRET, '--json'], { input: signed.stdout });
      expect(verified.code, `${api}: ${verified.stdout}${verified.stderr}`).toBe(0);
      expect(jsonLines(verified.stdout)[0]).toMatchObject({ ok: true, api, type: JSON.parse(body).event });
    }
  });

  it('pipevest: a private key signs (RFC 9421 Ed25519 + Content-Digest), its public key verifies, another key fails', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(dir, 'ed25519.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const jwk = JSON.stringify(publicKey.export({ format: 'jwk' }));
    const body = JSON.stringify({
      event: 'WEBHOOK.CREATED',
      data: { webhookId: 'wh_1', status: 'ACTIVE', url: 'https://example.com/hooks', subscriptions: ['ALL'], createdAt: 1, updatedAt: 1 },
    });
    const signed = await runCli(['sign', 'pipevest', '--key', `@${join(dir, 'ed25519.pem')}`, '--data', body, '--json']);
    expect(signed.code, signed.stderr).toBe(0);
    const { headers } = jsonLines(signed.stdout)[0] as { headers: Record<string, string> };
    expect(headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]+=*:$/);
    expect(headers['signature-input']).toMatch(/^sig1=\("content-digest" "content-type" "@method" "@target-uri"\);created=\d+;expires=\d+;keyid="[^"]+"$/);
    const http = await runCli(['sign', 'pipevest', '--key', `@${join(dir, 'ed25519.pem')}`, '--data', body, '--http']);
    // The public key as JWK text, and the private key itself (its public half is derived), both verify.
    expect((await runCli(['verify', 'pipevest', '--key', jwk], { input: http.stdout })).code).toBe(0);
    expect((await runCli(['verify', 'pipevest', '--key', `@${join(dir, 'ed25519.pem')}`], { input: http.stdout })).code).toBe(0);
    const wrong = await runCli(['verify', 'pipevest', '--key', other, '--json'], { input: http.stdout });
    expect(wrong.code).toBe(1);
    expect(jsonLines(wrong.stdout)[0]).toMatchObject({ ok: false, error: { code: 'signature_mismatch', header: 'signature' } });
    const tampered = await runCli(['verify', 'pipevest', '--key', jwk, '--json'], { input: http.stdout.replace('wh_1', 'wh_2') });
    expect(jsonLines(tampered.stdout)[0]).toMatchObject({ ok: false, error: { code: 'digest_mismatch' } });
    const publicOnly = await runCli(['sign', 'pipevest', '--key', jwk, '--data', body]);
    expect(publicOnly.code).toBe(2);
    expect(publicOnly.stderr).toContain('needs the private key');
  });

  it('--key-id names the key in the signature (pipevest); an HMAC API refuses it', async () => {
    const body = JSON.stringify({ event: 'WEBHOOK.CREATED', data: { webhookId: 'wh_1' } });
    const named = await runCli(['sign', 'pipevest', '--key', 'mock', '--key-id', 'partner-key-7', '--data', body, '--json']);
    expect(named.code, named.stderr).toBe(0);
    expect((jsonLines(named.stdout)[0] as { headers: Record<string, string> }).headers['signature-input']).toMatch(/;keyid="partner-key-7"$/);
    const mock = await runCli(['sign', 'pipevest', '--key', 'mock', '--data', body, '--json']);
    expect((jsonLines(mock.stdout)[0] as { headers: Record<string, string> }).headers['signature-input']).toMatch(
      new RegExp(`;keyid="${pipevestMockKeys.delivery.keyId}"$`),
    );
    const hmac = await runCli(['sign', 'sidclaw', '--secret', 's', '--key-id', 'k', '--data', '{}']);
    expect(hmac.code).toBe(2);
    expect(hmac.stderr).toContain('--key-id is for APIs that sign with a key (pipevest)');
  });

  it('input that is not an HTTP request is a usage error (exit 2)', async () => {
    const notRequest = await runCli(['verify', 'proven'], { input: '{"event":"credentials:done"}' });
    expect(notRequest.code).toBe(2);
    expect(notRequest.stderr).toContain('The first line is not an HTTP request line');
    const short = await runCli(['verify', 'proven'], { input: 'POST / HTTP/1.1\nContent-Length: 99\n\n{}' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('the capture is incomplete');
    const empty = await runCli(['verify', 'proven']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The captured request is empty');
  });
});
