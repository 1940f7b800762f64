// Every command that takes <api> also takes --spec <file> in its place: an API known only from
// its spec, against receivers written from the provider's own library or declaration.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fernVerifier, githubVerifier, standardWebhooksVerifier, startReceiver, type TestReceiver } from '../support/spec-receivers.ts';
import { ensureBuilt, jsonLines, runCli, startCli } from './helpers.ts';

const ACME = 'test/fixtures/specs/acme-notify.yaml';
const FERN = 'test/fixtures/specs/fern-notify.yaml';
const OCTO = 'test/fixtures/specs/octo-events.yaml';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PREVIOUS = `whsec_${Buffer.from('the secret before the rotation!!').toString('base64')}`;

const receivers: TestReceiver[] = [];
const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
};
const scratch = mkdtempSync(join(tmpdir(), 'hookspec-spec-cli-'));

beforeAll(() => ensureBuilt(), 180_000);
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  rmSync(scratch, { recursive: true, force: true });
});

type Report = { ok: boolean; results: Array<{ id: string; verdict: string }> };
const failedIds = (report: Report) =>
  report.results
    .filter((r) => r.verdict === 'fail')
    .map((r) => r.id)
    .sort();

describe('a Standard Webhooks spec (scheme: standard-webhooks) against a receiver built on standardwebhooks', () => {
  it('trigger --spec delivers an event the receiver verifies', async () => {
    const target = await receiver(standardWebhooksVerifier([SECRET]));
    const result = await runCli(['trigger', '--spec', ACME, 'invoice.paid', '--to', target.url, '--secret', SECRET, '--data', '{"id":"inv_5","amount":12}']);
    expect(result.code, result.stderr).toBe(0);
    expect(target.accepted).toHaveLength(1);
    expect(JSON.parse(target.accepted[0]!.body)).toMatchObject({ type: 'invoice.paid', data: { id: 'inv_5', amount: 12 } });
    expect(target.accepted[0]!.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('check --spec: every genuine and graded case passes; a re-serialising receiver fails exactly the form cases', async () => {
    const good = await receiver(standardWebhooksVerifier([SECRET]));
    const passed = await runCli(['check', '--spec', ACME, good.url, '--secret', SECRET, '--json'], { timeoutMs: 60_000 });
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    const report = jsonLines(passed.stdout)[0] as Report;
    const ids = report.results.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['genuine/invoice.paid', 'genuine/invoice.voided']));
    expect(report.results.some((r) => r.id.startsWith('forgery/'))).toBe(true);
    expect(failedIds(report)).toEqual([]);

    const reserialising = await receiver(standardWebhooksVerifier([SECRET], { reserialise: true }));
    const failed = await runCli(['check', '--spec', ACME, reserialising.url, '--secret', SECRET, '--json'], { timeoutMs: 60_000 });
    expect(failed.code).toBe(1);
    const failures = failedIds(jsonLines(failed.stdout)[0] as Report);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((id) => id.startsWith('form/'))).toBe(true);
  });

  it('check --spec with two --secret: a receiver given both accepts the previous secret; one given only the current fails that case', async () => {
    const rotated = await receiver(standardWebhooksVerifier([SECRET, PREVIOUS]));
    const both = await runCli(['check', '--spec', ACME, rotated.url, '--secret', SECRET, '--secret', PREVIOUS, '--json'], { timeoutMs: 60_000 });
    expect(both.code, both.stdout).toBe(0);
    const rotation = (jsonLines(both.stdout)[0] as Report).results.filter((r) => /previous/.test(r.id));
    expect(rotation.map((r) => r.verdict)).toEqual(['pass']);

    const currentOnly = await receiver(standardWebhooksVerifier([SECRET]));
    const one = await runCli(['check', '--spec', ACME, currentOnly.url, '--secret', SECRET, '--secret', PREVIOUS, '--json'], { timeoutMs: 60_000 });
    expect(one.code).toBe(1);
    expect(failedIds(jsonLines(one.stdout)[0] as Report)).toEqual(rotation.map((r) => r.id));
  });

  it('sign --spec --http | verify --spec: a round trip, and a wrong secret is refused', async () => {
    const body = JSON.stringify({ type: 'invoice.voided', timestamp: new Date().toISOString(), data: { id: 'inv_1' } });
    const signed = await runCli(['sign', '--spec', ACME, '--secret', SECRET, '--data', body, '--http']);
    expect(signed.code, signed.stderr).toBe(0);
    const verified = await runCli(['verify', '--spec', ACME, '--secret', SECRET, '--json'], { input: signed.stdout });
    expect(verified.code, verified.stderr).toBe(0);
    expect(jsonLines(verified.stdout)[0]).toMatchObject({ ok: true, api: 'acme-notify', type: 'invoice.voided' });
    const refused = await runCli(['verify', '--spec', ACME, '--secret', PREVIOUS, '--json'], { input: signed.stdout });
    expect(refused.code).toBe(1);
    expect(jsonLines(refused.stdout)[0]).toMatchObject({ ok: false, error: { code: 'signature_mismatch' } });
  });

  it('listen --spec verifies what trigger --spec sends', async () => {
    const listener = startCli(['listen', '--spec', ACME, '--port', '0', '--secret', SECRET, '--json']);
    try {
      const url = String((await listener.ready).listening);
      const sent = await runCli(['trigger', '--spec', ACME, 'invoice.voided', '--to', url, '--secret', SECRET]);
      expect(sent.code, sent.stderr + sent.stdout).toBe(0);
      const line = JSON.parse(await listener.waitForLine((l) => l.includes('invoice.voided'))) as { ok: boolean; type: string };
      expect([line.ok, line.type]).toEqual([true, 'invoice.voided']);
    } finally {
      expect(await listener.stop('SIGINT')).toBe(0);
    }
  });
});

describe('a spec that declares only x-fern-webhook-signature, and a github spec', () => {
  it('check --spec against a receiver written from the Fern declaration passes every case', async () => {
    const target = await receiver(fernVerifier('fern-secret', { signature: 'x-fern-signature', timestamp: 'x-fern-timestamp', tolerance: 120 }));
    const result = await runCli(['check', '--spec', FERN, target.url, '--secret', 'fern-secret', '--json'], { timeoutMs: 60_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = jsonLines(result.stdout)[0] as Report;
    expect(report.results.map((r) => r.id)).toContain('genuine/ticket.created');
    expect(failedIds(report)).toEqual([]);
  });

  it('trigger and check --spec against a receiver built on @octokit/webhooks-methods', async () => {
    const target = await receiver(githubVerifier('octo-secret'));
    const sent = await runCli(['trigger', '--spec', OCTO, 'opened', '--to', target.url, '--secret', 'octo-secret']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(target.accepted[0]!.body).action).toBe('opened');
    const checked = await runCli(['check', '--spec', OCTO, target.url, '--secret', 'octo-secret', '--json'], { timeoutMs: 60_000 });
    expect(checked.code, checked.stdout).toBe(0);
    expect(failedIds(jsonLines(checked.stdout)[0] as Report)).toEqual([]);
  });
});

describe('--secret given twice (rotation) on a built-in API', () => {
  it('verify sidclaw accepts a delivery signed with the previous secret when given both, and signing refuses two', async () => {
    const body = JSON.stringify({ id: 'd-rot', event: 'test', timestamp: new Date().toISOString(), tenant_id: 't', data: { message: 'hi' } });
    const signed = await runCli(['sign', 'sidclaw', '--secret', 'previous-secret', '--data', body, '--http']);
    expect(signed.code, signed.stderr).toBe(0);
    const both = await runCli(['verify', 'sidclaw', '--secret', 'current-secret', '--secret', 'previous-secret', '--json'], { input: signed.stdout });
    expect(both.code, both.stderr).toBe(0);
    expect(jsonLines(both.stdout)[0]).toMatchObject({ ok: true, type: 'test' });
    const current = await runCli(['verify', 'sidclaw', '--secret', 'current-secret', '--json'], { input: signed.stdout });
    expect(current.code).toBe(1);
    expect(jsonLines(current.stdout)[0]).toMatchObject({ ok: false, error: { code: 'signature_mismatch' } });
    const twoToSign = await runCli(['sign', 'sidclaw', '--secret', 'a', '--secret', 'b', '--data', body]);
    expect(twoToSign.code).toBe(2);
    expect(twoToSign.stderr).toContain('Signing takes one --secret');
  });
});

describe('--spec usage errors exit 2, naming the file, the path and what is allowed', () => {
  const write = (name: string, text: string) => {
    const file = join(scratch, name);
    writeFileSync(file, text);
    return file;
  };
  const webhooks = 'webhooks:\n  a.b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object }\n';

  it('<api> and --spec together', async () => {
    const result = await runCli(['trigger', 'sidclaw', 'test', '--spec', ACME, '--to', 'http://127.0.0.1:9/', '--secret', 's']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Give either <api> or --spec, not both');
  });

  it('a spec that declares no scheme', async () => {
    const file = write('plain.yaml', `openapi: 3.1.0\ninfo: { title: P, version: "1" }\n${webhooks}`);
    const result = await runCli(['sign', '--spec', file, '--secret', 's', '--data', '{}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} at /x-hookspec-delivery/scheme: the spec declares no delivery scheme`);
  });

  it('an extension that does not validate', async () => {
    const file = write(
      'bad.yaml',
      `openapi: 3.1.0\ninfo: { title: B, version: "1" }\nx-hookspec-delivery:\n  scheme: hmac\n  hmac: { header: x-sig, encoding: base32 }\n${webhooks}`,
    );
    const result = await runCli(['sign', '--spec', file, '--secret', 's', '--data', '{}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} at /x-hookspec-delivery/hmac/encoding:`);
  });

  it('a name that collides with a built-in API or a mock word', async () => {
    const file = write('sidclaw.yaml', `openapi: 3.1.0\ninfo: { title: S, version: "1" }\nx-hookspec-delivery: { scheme: github }\n${webhooks}`);
    const builtIn = await runCli(['sign', '--spec', file, '--secret', 's', '--data', '{}']);
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toMatch(/the API name "sidclaw" is taken .*set another with --name/);
    const word = await runCli(['sign', '--spec', file, '--name', 'violations', '--secret', 's', '--data', '{}']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('the API name "violations" is taken');
    const renamed = await runCli(['sign', '--spec', file, '--name', 'side-claw', '--secret', 's', '--data', '{"a":1}', '--json']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(jsonLines(renamed.stdout)[0]).toMatchObject({ api: 'side-claw' });
  });
});
