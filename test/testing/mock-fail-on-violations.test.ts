/**
 * A consumer's CI without vitest, from the packed tarball: `hookspec mock --fail-on-violations
 * --report` as installed. A request that breaks the spec fails the run at shutdown, naming the
 * operation and the field; the same request fixed passes. (vitest-consumer.ts covers
 * hookspec/testing on each vitest major.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { exchangeMockCredentials } from '../../mocks/exchange/credentials.ts';
import { consumerProject } from './consumer-project.ts';

let scratch: string;

beforeAll(async () => {
  // The vitest 5 consumer project (shared with vitest5.test.ts): the installed hookspec binary is what runs here.
  scratch = await consumerProject('5', { examples: false });
}, 300_000);

/** Starts the installed `hookspec mock`, sends one request, stops it; resolves with its exit code and output. */
async function mockRun(key: string): Promise<{ code: number | null; output: string; report: string }> {
  const report = join(mkdtempSync(join(tmpdir(), 'hookspec-mock-report-')), 'report.xml');
  const bin = join(scratch, 'node_modules', '.bin', 'hookspec');
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', '--api', 'exchange', '--quiet', '--fail-on-violations', '--report', report], {
    cwd: scratch,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    // Port 0: the mock binds what the OS picks and its banner names it.
    let url: string | undefined;
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        output += `${line}\n`;
        url ??= /^hookspec mock server on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
        if (line.includes('Stop with Ctrl+C')) url ? resolve() : reject(new Error(`no URL in the banner:\n${output}`));
      });
      void exited.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const response = await fetch(`${url}/exchange/api/v1/partner/webhooks`, {
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
