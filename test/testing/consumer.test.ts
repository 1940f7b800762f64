/**
 * A consumer's CI, from the packed tarball: a scratch project with hookspec, msw and vitest
 * installed runs the README's CI example (examples/ci/) with `hookspec/testing/vitest-setup`,
 * and `hookspec mock --fail-on-violations --report` as installed. A request that breaks the
 * spec fails the run, naming the operation and the field; the same request fixed passes.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeMockCredentials } from '../../mocks/exchange/credentials.ts';
import { freePort } from '../../src/net/free-port.ts';
import { ensureBuilt, root } from '../cli/helpers.ts';

const run = promisify(execFile);
const devDependencies = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
let scratch: string;

beforeAll(async () => {
  // Built once per run under a lock; packing must not rebuild (prepack) under the other pack tests.
  await ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'hookspec-consumer-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const tarball = (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'hookspec-consumer', private: true, type: 'module' }));
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      `./${tarball}`,
      `msw@${devDependencies.msw}`,
      `vitest@${devDependencies.vitest}`,
    ],
    { cwd: scratch, maxBuffer: 16 * 1024 * 1024, timeout: 170_000 },
  );
  for (const file of ['vitest.config.ts', 'sidclaw.contract.test.ts']) copyFileSync(join(root, 'examples', 'ci', file), join(scratch, file));
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Runs the scratch project's vitest; resolves with its exit code and output. */
async function vitest(env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const bin = join(scratch, 'node_modules', 'vitest', 'vitest.mjs');
  const result = await run(process.execPath, [bin, 'run'], { cwd: scratch, env: { ...process.env, NO_COLOR: '1', CI: '1', ...env }, timeout: 90_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
  return result;
}

/** A test that asks for LIMIT deliveries (the spec allows 1–100; the mock caps a larger limit at 100 and answers). */
const limit500 = `import { expect, inject, it } from 'vitest';

it('lists deliveries', async () => {
  const { baseUrls } = inject('hookspec');
  const headers = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };
  const created = await fetch(baseUrls.sidclaw + '/api/v1/webhooks', { method: 'POST', headers, body: JSON.stringify({ url: 'https://example.com/h', events: ['agent.revoked'] }) });
  const { data } = await created.json();
  const response = await fetch(process.env.HOOKSPEC_SIDCLAW_URL + '/api/v1/webhooks/' + data.id + '/deliveries?limit=LIMIT', { headers });
  expect(response.status).toBe(200);
});
`;

describe('a consumer project with hookspec/testing/vitest-setup', () => {
  it('fails the run when a request breaks the spec, naming the operation and the field, and writes the JUnit report', async () => {
    writeFileSync(join(scratch, 'limit.test.ts'), limit500.replace('LIMIT', '500'));
    const report = join(scratch, 'hookspec-report.xml');
    const { code, output } = await vitest({ HOOKSPEC_REPORT: report });
    expect(code).toBe(1);
    // Both tests passed: the run fails because of the violation alone.
    expect(output).toMatch(/Tests\s+2 passed/);
    expect(output).toContain('hookspec: 1 spec violation: sidclaw listWebhookDeliveries query.limit');
    expect(output).toMatch(
      /listWebhookDeliveries\s+GET \/sidclaw\/api\/v1\/webhooks\/[^ ]+\/deliveries\?limit=500\s+200\s+query\.limit\s+Too big: expected number to be <=100 \(got 500\)/,
    );
    const xml = readFileSync(report, 'utf8');
    expect(xml).toMatch(/<testcase classname="hookspec.sidclaw" name="listWebhookDeliveries">\s*<failure type="query.limit"/);
    expect(xml).toContain('<testcase classname="hookspec.sidclaw" name="createWebhook"/>');
  }, 120_000);

  it('passes with the request fixed, and says there were no violations', async () => {
    writeFileSync(join(scratch, 'limit.test.ts'), limit500.replace('LIMIT', '100'));
    const { code, output } = await vitest();
    expect(output).toContain('hookspec: no spec violations');
    expect(code).toBe(0);
  }, 120_000);
});

/** Starts the installed `hookspec mock`, sends one request, stops it; resolves with its exit code and output. */
async function mockRun(key: string): Promise<{ code: number | null; output: string; report: string }> {
  const port = await freePort();
  const report = join(scratch, `mock-report-${port}.xml`);
  const bin = join(scratch, 'node_modules', '.bin', 'hookspec');
  const child = spawn(process.execPath, [bin, 'mock', '--port', String(port), '--api', 'exchange', '--quiet', '--fail-on-violations', '--report', report], {
    cwd: scratch,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        output += `${line}\n`;
        if (line.includes('Stop with Ctrl+C')) resolve();
      });
      void exited.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}/exchange/api/v1/partner/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/hooks', events: ['order.created'] }),
    });
    await response.arrayBuffer();
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await exited, output, report: readFileSync(report, 'utf8') };
}

describe('hookspec mock --fail-on-violations --report, as installed', () => {
  it('exits 1 with a table naming the operation and the field when a pk_ key registers a webhook', async () => {
    const { code, output, report } = await mockRun(exchangeMockCredentials.publicKey);
    expect(code).toBe(1);
    expect(output).toContain('hookspec: 1 spec violation: exchange registerWebhook header.authorization');
    expect(output).toMatch(
      /registerWebhook\s+POST \/exchange\/api\/v1\/partner\/webhooks\s+403\s+header\.authorization\s+the key "pk_hookspecM…" does not have the documented format of secretKey/,
    );
    expect(report).toMatch(/<testcase classname="hookspec.exchange" name="registerWebhook">\s*<failure type="header.authorization"/);
  }, 60_000);

  it('exits 0 with a secret key', async () => {
    const { code, output, report } = await mockRun(exchangeMockCredentials.branchKey);
    expect(output).toContain('hookspec: no spec violations');
    expect(code).toBe(0);
    expect(report).toContain('<testcase classname="hookspec.exchange" name="registerWebhook"/>');
  }, 60_000);
});
