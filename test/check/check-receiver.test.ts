// Proof that `check` finds what it claims: each flawed fixture fails exactly the cases that
// expose its one flaw, and hookspec's own receivers pass every graded case.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { pipevestMockCredentials, pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { checkReceiver, CheckOptionsError, listCheckCases, type CheckReport } from '../../src/check/index.ts';
import { createExchangeWebhookHandler } from '../../src/exchange/index.ts';
import { createPipevestKeyResolver, createPipevestWebhookHandler } from '../../src/pipevest/index.ts';
import { createProvenWebhookHandler } from '../../src/proven/index.ts';
import { createProvenonceWebhookHandler } from '../../src/provenonce/index.ts';
import { createSidclawWebhookHandler } from '../../src/sidclaw/index.ts';
import { acceptsExpiredSignatureReceiver } from './fixtures/accepts-expired-signature.ts';
import { acceptsMissingSignatureReceiver } from './fixtures/accepts-missing-signature.ts';
import { ignoresContentDigestReceiver } from './fixtures/ignores-content-digest.ts';
import { ignoresTimestampReceiver } from './fixtures/ignores-timestamp.ts';
import { okOnEveryErrorReceiver } from './fixtures/ok-on-every-error.ts';
import { prefixCompareReceiver } from './fixtures/prefix-compare.ts';
import { reserialisedBodyReceiver } from './fixtures/reserialised-body.ts';
import { slowReceiver } from './fixtures/slow.ts';
import { trustsAnyKeyidReceiver } from './fixtures/trusts-any-keyid.ts';
import { serveFetch, type ServedReceiver } from './serve-fetch.ts';
import { refusingPort } from '../support/refusing-port.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';

const secret = 'whsec_check_fixture';
const publicKey = pipevestMockKeys.delivery.publicKeyPem;
const served: ServedReceiver[] = [];
afterAll(async () => {
  await Promise.all(served.map((receiver) => receiver.close()));
});

async function check(api: string, handler: (request: Request) => Promise<Response>, options: { timeoutMs?: number } = {}): Promise<CheckReport> {
  const receiver = await serveFetch(handler);
  served.push(receiver);
  return checkReceiver({ api, url: receiver.url, ...(api === 'pipevest' ? { key: 'mock' } : { secret }), ...options });
}

const failed = (report: CheckReport) =>
  report.results
    .filter((result) => result.verdict === 'fail')
    .map((result) => result.id)
    .sort();
const ids = (report: CheckReport, prefix: string) => report.results.map((result) => result.id).filter((id) => id.startsWith(prefix));

describe('hookspec check catches each flawed receiver by exactly the cases that expose its flaw', () => {
  // JSON.parse keeps key order and JSON.stringify writes non-ASCII as is, so those two forms
  // survive a re-serialisation byte for byte; they catch receivers that sort keys, re-encode
  // text or rebuild the body from a typed model instead.
  it('verifies a re-serialised body: the whitespace, \\u-escape and number forms fail', async () => {
    const report = await check('sidclaw', reserialisedBodyReceiver(secret));
    expect(failed(report)).toEqual(['form/numbers', 'form/unicode-escapes', 'form/whitespace']);
    expect(report.results.every((r) => r.failure === undefined || r.failure === 'genuine_refused')).toBe(true);
  });

  it('ignores the timestamp: both timestamp forgeries are accepted', async () => {
    const report = await check('sidclaw', ignoresTimestampReceiver(secret));
    expect(failed(report)).toEqual(['forgery/timestamp-in-future', 'forgery/timestamp-too-old']);
  });

  it('accepts a missing signature', async () => {
    const report = await check('provenonce', acceptsMissingSignatureReceiver(secret));
    expect(failed(report)).toEqual(['forgery/signature-missing']);
    expect(report.results.find((r) => r.id === 'forgery/signature-missing')).toMatchObject({ failure: 'unsafe_acceptance', answer: '200' });
  });

  it('compares only a prefix of the signature', async () => {
    const report = await check('exchange', prefixCompareReceiver(secret));
    expect(failed(report)).toEqual(['forgery/signature-last-digit', 'forgery/signature-truncated']);
  });

  it('ignores Content-Digest', async () => {
    const report = await check('pipevest', ignoresContentDigestReceiver(publicKey));
    expect(failed(report)).toEqual(['forgery/body-changed', 'forgery/content-digest-mismatch']);
  });

  it('accepts expired RFC 9421 signatures', async () => {
    const report = await check('pipevest', acceptsExpiredSignatureReceiver(publicKey));
    expect(failed(report)).toEqual(['forgery/signature-expired']);
  });

  it('trusts any keyid', async () => {
    const report = await check('pipevest', trustsAnyKeyidReceiver(publicKey, pipevestMockCredentials.webhookKeyId));
    expect(failed(report)).toEqual(['forgery/unknown-keyid']);
  });

  it("answers after the provider's timeout: every genuine delivery fails, forgeries (refused at once) pass", async () => {
    const report = await check('provenonce', slowReceiver(secret, 5000), { timeoutMs: 300 });
    expect(failed(report)).toEqual([...ids(report, 'genuine/'), ...ids(report, 'form/')].sort());
    expect(report.results.find((r) => r.id === 'form/whitespace')).toMatchObject({ failure: 'genuine_refused', answer: 'no answer within 300 ms' });
    // Each was given up at the short timeout (300 ms), not waited out (the work takes 5 s).
    const given = report.results.filter((r) => r.verdict === 'fail');
    expect(given.length).toBeGreaterThan(0);
    expect(given.every((r) => r.answers[0]!.timeMs < 4000)).toBe(true);
  });

  it('returns 200 on every error: every forgery is an unsafe acceptance, the acknowledged replay only a warning', async () => {
    const report = await check('sidclaw', okOnEveryErrorReceiver(secret));
    expect(failed(report)).toEqual(ids(report, 'forgery/').sort());
    expect(report.results.filter((r) => r.verdict === 'fail').every((r) => r.failure === 'unsafe_acceptance')).toBe(true);
    expect(report.results.find((r) => r.id === 'replay/same-delivery-twice')).toMatchObject({ verdict: 'warn', answer: '200, then 200' });
    expect(report.ok).toBe(false);
  });
});

describe("hookspec's own receivers pass every graded case", () => {
  const receivers = {
    sidclaw: () => createSidclawWebhookHandler({ secret, on: {} }),
    provenonce: () => createProvenonceWebhookHandler({ secret, on: {} }),
    exchange: () => createExchangeWebhookHandler({ secret, on: {} }),
    proven: () => createProvenWebhookHandler({ apiKey: secret, on: {} }),
    pipevest: () => createPipevestWebhookHandler({ publicKey, on: {} }),
  };
  for (const [api, create] of Object.entries(receivers)) {
    it(api, async () => {
      const report = await check(api, create());
      expect(report.results.filter((r) => r.verdict !== 'pass' && r.verdict !== 'info')).toEqual([]);
      expect(report.summary).toMatchObject({ failed: 0, warned: 0, score: 100 });
      // Only what the scheme cannot grade is left out.
      expect(report.results.filter((r) => r.verdict === 'info').map((r) => r.id)).toEqual(api === 'sidclaw' ? [] : ['replay/same-delivery-twice']);
      expect(report.ok).toBe(true);
    });
  }

  it('sidclaw: the replay is acknowledged as a duplicate', async () => {
    const report = await check('sidclaw', receivers.sidclaw());
    expect(report.results.find((r) => r.id === 'replay/same-delivery-twice')).toMatchObject({ verdict: 'pass', answer: '200, then 200 (duplicate)' });
  });
});

describe('a Pipevest receiver that fetches its key from the mock server (check signs with the mock key)', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, apis: ['pipevest'], log: () => {} });
  });
  afterAll(() => server.close({ timeoutMs: 1000 }));

  it('passes every graded case with --key mock', async () => {
    const client = mockPipevestClient({ baseUrl: server.baseUrls.pipevest });
    const report = await check('pipevest', createPipevestWebhookHandler({ keyResolver: createPipevestKeyResolver({ client }), on: {} }));
    expect(report.summary).toMatchObject({ failed: 0, warned: 0 });
    // No failure among no cases would prove nothing.
    expect(report.summary.passed).toBeGreaterThan(0);
    expect(report.results.filter((r) => r.verdict === 'pass')).toHaveLength(report.results.length - 1);
  });
});

describe('a Pipevest receiver that knows its own key by its own keyid', () => {
  // The receiver resolves keys by keyid, as a production receiver does, and knows only this one.
  const { privateKey, publicKey: ownPublicKey } = generateKeyPairSync('ed25519');
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const byKeyId = () => createPipevestWebhookHandler({ keyResolver: (keyid) => (keyid === 'partner-key-7' ? ownPublicKey : undefined), on: {} });

  it('passes every graded case when keyId names the key', async () => {
    const receiver = await serveFetch(byKeyId());
    served.push(receiver);
    const report = await checkReceiver({ api: 'pipevest', url: receiver.url, key, keyId: 'partner-key-7' });
    expect(report.summary).toMatchObject({ failed: 0, warned: 0 });
    // No failure among no cases would prove nothing.
    expect(report.summary.passed).toBeGreaterThan(0);
    expect(report.results.find((r) => r.id === 'forgery/unknown-keyid')).toMatchObject({ verdict: 'pass' });
  });

  it("without keyId the signatures name the mock's key id, which this receiver refuses", async () => {
    const receiver = await serveFetch(byKeyId());
    served.push(receiver);
    const report = await checkReceiver({ api: 'pipevest', url: receiver.url, key, only: ['genuine'] });
    expect(report.results.map((r) => [r.verdict, r.failure])).toEqual(report.results.map(() => ['fail', 'genuine_refused']));
  });

  it('keyId with an API that signs with a shared secret is refused', async () => {
    await expect(checkReceiver({ api: 'sidclaw', url: 'http://127.0.0.1:9/', secret, keyId: 'k' })).rejects.toMatchObject({ code: 'invalid_credentials' });
  });
});

describe('a Pipevest receiver behind a proxy (it verifies @target-uri against its public URL)', () => {
  const publicUrl = 'https://hooks.partner.test/pipevest?tenant=7';
  const behindProxy = () => createPipevestWebhookHandler({ publicKey, publicUrl, on: {} });

  it('passes every graded case when publicUrl says what the provider posts to', async () => {
    const receiver = await serveFetch(behindProxy());
    served.push(receiver);
    const report = await checkReceiver({ api: 'pipevest', url: receiver.url, publicUrl, key: 'mock' });
    expect(report.url).toBe(receiver.url);
    expect(report.summary).toMatchObject({ failed: 0, warned: 0 });
    // No failure among no cases would prove nothing.
    expect(report.summary.passed).toBeGreaterThan(0);
  });

  it('without publicUrl the signatures cover the local URL and every genuine delivery is refused', async () => {
    const receiver = await serveFetch(behindProxy());
    served.push(receiver);
    const report = await checkReceiver({ api: 'pipevest', url: receiver.url, key: 'mock', only: ['genuine'] });
    expect(report.results.map((r) => r.failure)).toEqual(report.results.map(() => 'genuine_refused'));
  });

  it('a publicUrl that is not http(s) is refused before anything is sent', async () => {
    await expect(checkReceiver({ api: 'pipevest', url: 'http://127.0.0.1:9/', publicUrl: 'ftp://x/', key: 'mock' })).rejects.toMatchObject({
      code: 'invalid_url',
    });
  });
});

describe('checkReceiver options', () => {
  it('--only / --skip select cases by id, group and pattern', async () => {
    const report = await check('sidclaw', createSidclawWebhookHandler({ secret, on: {} }), {});
    const all = report.results.map((r) => r.id);
    const receiver = served.at(-1)!;
    const only = await checkReceiver({ api: 'sidclaw', url: receiver.url, secret, only: ['forgery/signature-*', 'replay'], skip: ['forgery/signature-empty'] });
    expect(only.results.map((r) => r.id)).toEqual(
      all.filter((id) => (id.startsWith('forgery/signature-') || id.startsWith('replay/')) && id !== 'forgery/signature-empty'),
    );
  });

  it('lists the cases of every API', async () => {
    const cases = async (api: string, credentials: object) => (await listCheckCases({ api, url: 'http://127.0.0.1:9/', ...credentials })).map((c) => c.id);
    expect(await cases('proven', {})).toContain('forgery/api-key');
    expect(await cases('proven', { secret })).toEqual(
      expect.arrayContaining(['forgery/api-key-missing', 'forgery/api-key-wrong', 'forgery/payload-breaks-schema']),
    );
  });

  it('bad options are refused with a stable code before anything is sent', async () => {
    await expect(checkReceiver({ api: 'nope', url: 'http://127.0.0.1:9/' })).rejects.toMatchObject({ code: 'unknown_api' });
    await expect(checkReceiver({ api: 'sidclaw', url: 'ftp://x/', secret })).rejects.toMatchObject({ code: 'invalid_url' });
    await expect(checkReceiver({ api: 'sidclaw', url: 'http://127.0.0.1:9/' })).rejects.toBeInstanceOf(CheckOptionsError);
    await expect(checkReceiver({ api: 'sidclaw', url: 'http://127.0.0.1:9/', secret, only: ['nothing-like-this'] })).rejects.toMatchObject({
      code: 'no_cases',
    });
    await expect(checkReceiver({ api: 'sidclaw', url: 'http://127.0.0.1:9/', secret, data: { 'order.created': {} } })).rejects.toMatchObject({
      code: 'invalid_option',
    });
  });

  it('a URL without a path is signed as it goes on the wire (Pipevest covers @target-uri)', async () => {
    const receiver = await serveFetch(createPipevestWebhookHandler({ publicKey, on: {} }), '/');
    served.push(receiver);
    const report = await checkReceiver({ api: 'pipevest', url: receiver.url.replace(/\/$/, ''), key: 'mock', only: ['genuine', 'forgery/target-uri-other'] });
    expect(report.url).toBe(receiver.url);
    expect(report.summary).toMatchObject({ failed: 0, warned: 0 });
    // No failure among no cases would prove nothing.
    expect(report.summary.passed).toBeGreaterThan(0);
  });

  it('data given per event replaces the fake payloads (no faker needed then)', async () => {
    const bodies: string[] = [];
    const verifying = createExchangeWebhookHandler({ secret, on: {} });
    const receiver = await serveFetch(async (request) => {
      bodies.push(await request.clone().text());
      return verifying(request);
    });
    served.push(receiver);
    const data = { 'order.created': { orderId: 'ord_given' } };
    const report = await checkReceiver({ api: 'exchange', url: receiver.url, secret, data, only: ['genuine/order.created'] });
    expect(report.summary).toMatchObject({ total: 1, passed: 1 });
    expect(bodies).toEqual(['{"event":"order.created","data":{"orderId":"ord_given"}}']);
  });

  it('an unreachable receiver is a typed error at the first connection refused, not a report of identical failures', async () => {
    // Nothing listens there, nor can start to while the test runs.
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    await expect(checkReceiver({ api: 'exchange', url: `http://127.0.0.1:${refusing.port}/webhooks`, secret, only: ['genuine'] })).rejects.toMatchObject({
      code: 'receiver_unreachable',
      network: 'ECONNREFUSED',
    });
  });
});
