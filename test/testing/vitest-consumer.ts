/**
 * What a consumer's CI gets from hookspec/testing on one vitest major, from the packed package:
 * an off-spec call fails the run (global setup alone) and, with the per-test setup file, the
 * very test that made it, naming test, operation, location and rule, also when test files run
 * in parallel; the end-of-run summary and JUnit stay; the fixed call passes; the journal
 * example of examples/ci/ passes. Each vitest<major>.test.ts calls this with its major.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../cli/helpers.ts';
import { consumerProject, runVitest, vitestVersions, type VitestMajor } from './consumer-project.ts';

/** A test that asks for LIMIT deliveries (the spec allows 1–100; the mock caps a larger limit at 100 and answers). */
export const limitTest = (limit: number, name = 'lists deliveries', rounds = 1) => `import { expect, inject, it } from 'vitest';

it(${JSON.stringify(name)}, async () => {
  const { baseUrls } = inject('hookspec');
  const headers = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };
  const created = await fetch(baseUrls.sidclaw + '/api/v1/webhooks', { method: 'POST', headers, body: JSON.stringify({ url: 'https://example.com/h', events: ['agent.revoked'] }) });
  const { data } = await created.json();
  for (let round = 0; round < ${rounds}; round++) {
    const response = await fetch(process.env.HOOKSPEC_SIDCLAW_URL + '/api/v1/webhooks/' + data.id + '/deliveries?limit=${limit}', { headers });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
`;

/** examples/ci/vitest.config.ts without the setupFiles line: the global setup alone. */
const globalSetupOnly = `import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { globalSetup: ['hookspec/testing/vitest-setup'] } });
`;

const violationRow =
  /listWebhookDeliveries\s+GET \/sidclaw\/api\/v1\/webhooks\/[^ ]+\/deliveries\?limit=500\s+200\s+query\.limit\s+Too big: expected number to be <=100 \(got 500\)/;

/** examples/ci/ as it is, plus these test files (the ones of earlier cases removed). */
function prepare(dir: string, files: Record<string, string>, config = 'examples'): void {
  for (const file of ['limit.test.ts', 'within.test.ts']) rmSync(join(dir, file), { force: true });
  for (const file of ['vitest.config.ts', 'sidclaw.journal.test.ts']) copyFileSync(join(root, 'examples', 'ci', file), join(dir, file));
  if (config === 'global setup alone') {
    writeFileSync(join(dir, 'vitest.config.ts'), globalSetupOnly);
    // The journal example asks for its own test's requests, which the per-test setup file names.
    rmSync(join(dir, 'sidclaw.journal.test.ts'));
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
}

export function describeVitestConsumer(major: VitestMajor): void {
  describe(`a consumer project on vitest ${vitestVersions[major]} with hookspec/testing`, () => {
    let dir: string;
    beforeAll(async () => {
      dir = await consumerProject(major);
    }, 300_000);

    it('with the global setup alone, an off-spec call makes the run exit non-zero, with the summary and the table', async () => {
      prepare(dir, { 'limit.test.ts': limitTest(500) }, 'global setup alone');
      const { code, output } = await runVitest(dir);
      expect(output).toContain(`v${vitestVersions[major]}`);
      expect(output).toMatch(/Tests\s+2 passed/);
      expect(output).toContain('hookspec: 1 spec violation: sidclaw listWebhookDeliveries query.limit');
      expect(output).toContain('hookspec: the run fails: the mock server recorded spec violations:');
      expect(output).toMatch(violationRow);
      expect(code).toBe(1);
    });

    it("with examples/ci/'s config, the test that made the call fails, named with operation, location and rule; parallel files are told apart; JUnit names the test", async () => {
      prepare(dir, { 'limit.test.ts': limitTest(500, 'asks for 500 deliveries', 5), 'within.test.ts': limitTest(50, 'asks for 50 deliveries', 5) });
      const report = join(dir, 'hookspec-report.xml');
      const { code, output } = await runVitest(dir, ['--maxWorkers=2'], { HOOKSPEC_REPORT: report });
      expect(code).toBe(1);
      expect(output).toMatch(/Tests\s+1 failed \| 3 passed/);
      expect(output).toMatch(/FAIL\s+limit\.test\.ts > asks for 500 deliveries/);
      expect(output).not.toMatch(/FAIL\s+within\.test\.ts/);
      expect(output).toContain("hookspec: this test's requests broke the spec (5):");
      expect(output).toMatch(new RegExp(`limit\\.test\\.ts > asks for 500 deliveries\\s+sidclaw\\s+${violationRow.source}`));
      // The end-of-run summary stays.
      expect(output).toContain('hookspec: 5 spec violations: sidclaw listWebhookDeliveries query.limit');
      const xml = readFileSync(report, 'utf8');
      expect(xml).toMatch(/<testcase classname="hookspec.sidclaw" name="listWebhookDeliveries">\s*<failure type="query.limit"/);
      expect(xml).toContain('test: limit.test.ts &gt; asks for 500 deliveries');
      expect(xml).toContain('<testcase classname="hookspec.sidclaw" name="createWebhook"/>');
    });

    it('passes with the call fixed, the journal example included, and says there were no violations', async () => {
      prepare(dir, { 'limit.test.ts': limitTest(100) });
      const { code, output } = await runVitest(dir);
      expect(output).toMatch(/✓\s+sidclaw\.journal\.test\.ts/);
      expect(output).toMatch(/Tests\s+3 passed/);
      expect(output).toContain('hookspec: no spec violations');
      expect(code).toBe(0);
    });
  });
}
