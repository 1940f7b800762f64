import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createPipevestWebhookHandler } from '../../src/pipevest/index.ts';
import { createSidclawWebhookHandler } from '../../src/sidclaw/index.ts';
import { okOnEveryErrorReceiver } from '../check/fixtures/ok-on-every-error.ts';
import { serveFetch, type ServedReceiver } from '../check/serve-fetch.ts';
import { refusingPort } from '../support/refusing-port.ts';
import { ensureBuilt, jsonLines, runCli as runBuiltCli } from './helpers.ts';

const runCli = (args: readonly string[]) => runBuiltCli(args, { timeoutMs: 90_000 });

const SECRET = 'whsec_cli_check';
const dir = mkdtempSync(join(tmpdir(), 'hookspec-check-'));
let good: ServedReceiver;
let flawed: ServedReceiver;
beforeAll(async () => {
  await ensureBuilt();
  good = await serveFetch(createSidclawWebhookHandler({ secret: SECRET, on: {} }));
  flawed = await serveFetch(okOnEveryErrorReceiver(SECRET));
}, 120_000);
afterAll(async () => {
  await Promise.all([good.close(), flawed.close()]);
  rmSync(dir, { recursive: true, force: true });
});

// One after another with a long kill timer: each run sends a whole battery, and the machine may be busy.
describe('hookspec check (the built CLI)', () => {
  it('exits 0 for a safe receiver, with the table and a 100% score', async () => {
    const result = await runCli(['check', 'sidclaw', good.url, '--secret', SECRET]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^verdict +case +sent +expected +answer$/m);
    expect(result.stdout).toMatch(/^pass +forgery\/signature-missing +a delivery without X-Webhook-Signature +4xx +401 missing_header$/m);
    expect(result.stdout).toContain('Score 27/27 (100%): 27 passed, 0 failed, 0 warnings, 0 not graded');
  });

  it('exits 1 on unsafe acceptances, with advice under each failure, --junit for CI', async () => {
    const junit = join(dir, 'check.xml');
    const result = await runCli(['check', 'sidclaw', flawed.url, '--secret', SECRET, '--junit', junit]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL +forgery\/wrong-secret .* 4xx +200$/m);
    expect(result.stdout).toContain('→ Verify with the endpoint secret, and refuse a signature made with any other.');
    expect(result.stdout).toContain('12 forged or replayed deliveries were accepted; 0 genuine deliveries were refused or too slow.');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="hookspec check sidclaw" tests="27" failures="12" skipped="0"');
    expect(xml.match(/<failure type="unsafe_acceptance"/g)).toHaveLength(12);
    expect(xml).toContain('<testcase classname="hookspec check sidclaw" name="genuine/test"');
  });

  it('--json prints the report; --only / --skip select cases', async () => {
    const result = await runCli([
      'check',
      'sidclaw',
      flawed.url,
      '--secret',
      SECRET,
      '--json',
      '--only',
      'forgery/signature-*,replay',
      '--skip',
      'forgery/signature-empty',
    ]);
    expect(result.code).toBe(1);
    const [report] = jsonLines(result.stdout) as Array<{ ok: boolean; results: Array<{ id: string; verdict: string }> }>;
    expect(report!.ok).toBe(false);
    expect(report!.results.map((r) => [r.id, r.verdict])).toEqual([
      ['forgery/signature-missing', 'fail'],
      ['forgery/signature-malformed', 'fail'],
      ['forgery/signature-truncated', 'fail'],
      ['forgery/signature-last-digit', 'fail'],
      ['forgery/signature-of-another-delivery', 'fail'],
      ['replay/same-delivery-twice', 'warn'],
    ]);
  });

  it('pipevest behind a proxy: --public-url is what the signatures cover, --key-id names the key', async () => {
    const publicUrl = 'https://hooks.partner.test/pipevest';
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'partner.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const receiver = await serveFetch(
      createPipevestWebhookHandler({ keyResolver: (keyid) => (keyid === 'partner-7' ? publicKey : undefined), publicUrl, on: {} }),
    );
    try {
      const args = ['check', 'pipevest', receiver.url, '--key', `@${join(dir, 'partner.pem')}`, '--only', 'genuine', '--json'];
      const both = await runCli([...args, '--public-url', publicUrl, '--key-id', 'partner-7']);
      expect(both.code, both.stderr).toBe(0);
      expect((jsonLines(both.stdout)[0] as { summary: { failed: number; passed: number } }).summary).toMatchObject({ failed: 0, passed: 2 });
      // Either one missing: the receiver refuses every genuine delivery.
      expect((await runCli([...args, '--key-id', 'partner-7'])).code).toBe(1);
      expect((await runCli([...args, '--public-url', publicUrl])).code).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('--data gives the data of each event instead of fake payloads; unknown events and non-objects exit 2', async () => {
    const bodies: string[] = [];
    const verifying = createSidclawWebhookHandler({ secret: SECRET, on: {} });
    const receiver = await serveFetch(async (request) => {
      bodies.push(await request.clone().text());
      return verifying(request);
    });
    try {
      const data = { 'approval.requested': { approval_id: 'apr_from_cli', requester: 'agent-7' } };
      const result = await runCli([
        'check',
        'sidclaw',
        receiver.url,
        '--secret',
        SECRET,
        '--data',
        JSON.stringify(data),
        '--only',
        'genuine/approval.requested',
        '--json',
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(bodies.map((body) => (JSON.parse(body) as { data: unknown }).data)).toEqual([data['approval.requested']]);
    } finally {
      await receiver.close();
    }
    const unknown = await runCli(['check', 'sidclaw', good.url, '--secret', SECRET, '--data', '{"order.created": {}}']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('data names events SidClaw does not send: order.created.');
    const list = await runCli(['check', 'sidclaw', good.url, '--secret', SECRET, '--data', '[1]']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('--data: expected an object of event name → data');
  });

  it('--list prints the cases of an API', async () => {
    const result = await runCli(['check', 'pipevest', 'http://127.0.0.1:9/', '--key', 'mock', '--list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^forgery\/algorithm-other +an HMAC-SHA256 signature/m);
  });

  it('exits 2 on usage errors: no secret, an unknown API, no matching case, a bad URL', async () => {
    for (const args of [
      ['check', 'sidclaw', good.url],
      ['check', 'nope', good.url, '--secret', SECRET],
      ['check', 'sidclaw', good.url, '--secret', SECRET, '--only', 'nothing'],
      ['check', 'sidclaw', 'ftp://example.com/', '--secret', SECRET],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
    }
  });

  it('nothing listening at <url>: one line on stderr and exit 2, instead of a table of identical failures', async () => {
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    const url = `http://127.0.0.1:${refusing.port}/webhooks`;
    const result = await runCli(['check', 'sidclaw', url, '--secret', SECRET]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`hookspec: nothing answers at ${url} (ECONNREFUSED): start the receiver, or check the URL and port.\n`);
  });
});
