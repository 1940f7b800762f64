/**
 * The published package, as a user gets it: `npm pack`, install the tarball into a scratch
 * project, import every subpath of the `exports` map from plain Node, and run the binary.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries } from '../../tsdown.config.ts';
import { isSupportedNode } from '../../src/cli/node-version.ts';
import { root } from '../cli/helpers.ts';
import { fernVerifier, standardWebhooksVerifier, startReceiver } from '../support/spec-receivers.ts';
import { OLD_NODE_VERSION, oldNode } from '../support/old-node.ts';
import { packedTarball, type PackedTarball } from '../support/packed-tarball.ts';

const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** Named exports each subpath must have (a subpath missing here fails the test: add it). */
const expectedExports: Record<string, string[]> = {
  './sidclaw': [
    'verifySidclawWebhook',
    'verifySidclawWebhookSync',
    'createSidclawClient',
    'createSidclawWebhookHandler',
    'WebhookVerificationError',
    'createSidclawTestDelivery',
    'sidclawEventTypes',
    'sidclawWebhookEvents',
  ],
  './node': ['toNodeListener'],
  './redis': ['createRedisReplayStore', 'RedisReplayStoreError'],
  './check': ['checkReceiver', 'listCheckCases', 'CheckOptionsError', 'ReceiverUnreachableError', 'toJunitXml'],
  './provenonce': [
    'verifyProvenonceWebhook',
    'createProvenonceClient',
    'createProvenonceWebhookHandler',
    'createProvenonceTestDelivery',
    'provenonceEventTypes',
    'provenonceWebhookEvents',
  ],
  './exchange': [
    'verifyExchangeWebhook',
    'createExchangeClient',
    'createExchangeWebhookHandler',
    'createExchangeTestDelivery',
    'exchangeEventTypes',
    'exchangeWebhookEvents',
  ],
  './proven': ['verifyProvenWebhook', 'createProvenWebhookHandler', 'createProvenTestDelivery', 'provenWebhookEvents'],
  './pipevest': [
    'verifyPipevestWebhook',
    'createPipevestClient',
    'createPipevestKeyResolver',
    'createPipevestWebhookHandler',
    'pipevestMockKeys',
    'createPipevestTestDelivery',
    'pipevestWebhookEvents',
  ],
  './signatures': [
    'signHmacSha256',
    'verifyHmacSha256Async',
    'signHttpMessage',
    'verifyHttpMessage',
    'createContentDigest',
    'WEBHOOK_VERIFICATION_ERROR_CODES',
  ],
  './mocks/sidclaw': ['createSidclawMock', 'sidclawMockCredentials'],
  './mocks/provenonce': ['createProvenonceMock', 'provenonceMockCredentials'],
  './mocks/exchange': ['createExchangeMock', 'exchangeMockCredentials'],
  './mocks/proven': ['createProvenMock', 'provenMockCredentials'],
  './mocks/pipevest': ['createPipevestMock', 'pipevestMockCredentials'],
  './webhooks': ['defineWebhookApi', 'WebhookVerificationError', 'isWebhookVerificationError', 'createMemoryReplayStore', 'SpecError'],
  './openapi-ts': ['hookspecPlugin'],
  './testing': ['startMockServer', 'mockedApis', 'formatViolationSummary', 'formatViolationTable', 'junitReport', 'mockRequests'],
  './testing/vitest-setup': ['default', 'createGlobalSetup'],
  './testing/vitest-per-test': ['testName'],
};

/** Bare imports reachable through static imports from a built file. */
function staticImports(file: string, seen = new Set<string>(), bare = new Set<string>()): Set<string> {
  if (seen.has(file)) return bare;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gms)) {
    const specifier = (match[1] ?? match[2])!;
    if (specifier.startsWith('.')) staticImports(join(dirname(file), specifier), seen, bare);
    else bare.add(specifier);
  }
  return bare;
}

let scratch: string;
let packed: PackedTarball;

beforeAll(async () => {
  // Packed once per run for every scratch project (pack-clean.test.ts checks that prepack builds).
  packed = await packedTarball();
  scratch = mkdtempSync(join(tmpdir(), 'hookspec-pack-'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'hookspec-scratch', private: true, type: 'module' }));
  // msw is an optional peer of the mocks: a project that imports hookspec/mocks/* installs it.
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', packed.path, `msw@${packageJson.devDependencies.msw}`], {
    cwd: scratch,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 80_000,
  });
}, 90_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships dist/ and package metadata only', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('LICENSE');
    // The specs ship too: Prism (the optional second opinion of hookspec/testing) reads them.
    expect(paths.filter((path) => !path.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE|openapi\/[a-z]+\.yaml)$/.test(path))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('openapi/')).sort()).toEqual([
      'openapi/exchange.yaml',
      'openapi/pipevest.yaml',
      'openapi/proven.yaml',
      'openapi/provenonce.yaml',
      'openapi/sidclaw.yaml',
    ]);
    expect(paths.some((path) => path.endsWith('.d.ts'))).toBe(true);
  });

  it('ships the JSON Schema of x-hookspec-delivery, exported by its file name', () => {
    expect(packed.files.map((file) => file.path)).toContain('dist/x-hookspec-delivery.schema.json');
    expect(packageJson.exports['./x-hookspec-delivery.schema.json']).toBe('./dist/x-hookspec-delivery.schema.json');
    const schema = JSON.parse(readFileSync(join(root, 'dist/x-hookspec-delivery.schema.json'), 'utf8')) as {
      $schema: string;
      oneOf: { properties: { scheme: unknown } }[];
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.oneOf.map((variant) => variant.properties.scheme)).toEqual([
      { type: 'string', const: 'hmac' },
      { type: 'string', const: 'rfc9421' },
      { type: 'string', const: 'api-key' },
      { type: 'string', enum: ['standard-webhooks', 'github', 'stripe', 'slack', 'shopify'] },
    ]);
  });

  it('the exports map and the build entries name the same subpaths', () => {
    const fromBuild = Object.keys(buildEntries)
      .filter((entry) => entry !== 'cli')
      .map((entry) => `./${entry}`)
      .sort();
    const fromExports = Object.keys(packageJson.exports)
      .filter((subpath) => !subpath.endsWith('.json'))
      .sort();
    expect(fromExports).toEqual(fromBuild);
    expect(Object.keys(expectedExports).sort()).toEqual(fromExports);
  });

  it('SDK entries never load msw or faker; the CLI loads them only on demand', () => {
    for (const entry of Object.keys(buildEntries)) {
      const imports = staticImports(join(root, 'dist', `${entry}.js`));
      expect(
        [...imports].filter((name) => name.startsWith('@faker-js/')),
        entry,
      ).toEqual([]);
      if (!entry.startsWith('mocks/') && !entry.startsWith('testing')) expect([...imports], entry).not.toContain('msw');
      for (const name of imports) {
        if (name.startsWith('node:')) continue;
        // Everything a built file imports is a declared dependency, the msw peer, or (hookspec/openapi-ts only) the generator it plugs into.
        expect(
          name === 'msw' ||
            (name === 'vitest' && entry.startsWith('testing/')) ||
            (entry === 'openapi-ts' && name === '@hey-api/openapi-ts') ||
            name.split('/')[0]! in packageJson.dependencies ||
            name.split('/').slice(0, 2).join('/') in packageJson.dependencies,
          `${entry} imports ${name}`,
        ).toBe(true);
      }
    }
  });

  it('the per-API entries, hookspec/signatures and hookspec/webhooks import no node: module, so Workers, Deno and browsers bundle them as they are', () => {
    for (const entry of ['sidclaw', 'provenonce', 'exchange', 'proven', 'pipevest', 'signatures', 'webhooks']) {
      expect(
        [...staticImports(join(root, 'dist', `${entry}.js`))].filter((name) => name.startsWith('node:')),
        entry,
      ).toEqual([]);
    }
  });

  it('@hey-api/openapi-ts is an optional peer of hookspec/openapi-ts only: never a dependency, and not loaded by hookspec/webhooks', () => {
    expect(packageJson.dependencies).not.toHaveProperty('@hey-api/openapi-ts');
    expect(packageJson.peerDependencies['@hey-api/openapi-ts']).toBe(`^${packageJson.devDependencies['@hey-api/openapi-ts']}`);
    expect(packageJson.peerDependenciesMeta['@hey-api/openapi-ts']).toEqual({ optional: true });
    expect([...staticImports(join(root, 'dist', 'openapi-ts.js'))]).toContain('@hey-api/openapi-ts');
    expect([...staticImports(join(root, 'dist', 'webhooks.js'))]).not.toContain('@hey-api/openapi-ts');
  });

  it("hookspec/redis takes the user's client: redis is an optional peer, never a dependency, and not imported", () => {
    expect(packageJson.dependencies).not.toHaveProperty('redis');
    expect(packageJson.peerDependencies.redis).toBeDefined();
    expect(packageJson.peerDependenciesMeta.redis).toEqual({ optional: true });
    expect([...staticImports(join(root, 'dist', 'redis.js'))].filter((name) => !name.startsWith('node:'))).toEqual([]);
  });

  it('every subpath imports from plain Node in a fresh project, with its named exports', async () => {
    const script = `
      const expected = ${JSON.stringify(expectedExports)};
      const failures = [];
      for (const [subpath, names] of Object.entries(expected)) {
        // A vitest setup file runs inside vitest only (the consumer tests in test/testing run it).
        if (subpath === './testing/vitest-per-test') continue;
        if (subpath === './openapi-ts') {
          // Its optional peer is not installed here: the entry says which package it needs (test/package/openapi-ts-plugin.test.ts installs it).
          const error = await import('hookspec/openapi-ts').then(() => undefined, (e) => e);
          if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes("'@hey-api/openapi-ts'")) failures.push('openapi-ts without its peer: ' + error);
          continue;
        }
        const module = await import('hookspec' + subpath.slice(1));
        for (const name of names) if (module[name] === undefined) failures.push(subpath + ': ' + name);
      }
      const pkg = (await import('hookspec/package.json', { with: { type: 'json' } })).default;
      if (pkg.name !== 'hookspec') failures.push('package.json');
      // A real round trip through the installed code: sign with /signatures, verify with /sidclaw.
      const { signHmacSha256 } = await import('hookspec/signatures');
      const { verifySidclawWebhook, WebhookVerificationError } = await import('hookspec/sidclaw');
      const body = JSON.stringify({ id: 'd1', event: 'test', timestamp: new Date().toISOString(), tenant_id: 't', data: { message: 'hi' } });
      const headers = { 'x-webhook-id': 'd1', 'x-webhook-timestamp': new Date().toISOString(), 'x-webhook-signature': signHmacSha256('s', body) };
      const event = await verifySidclawWebhook({ body, headers }, { secret: 's' });
      if (event.type !== 'test') failures.push('verify');
      const error = await verifySidclawWebhook({ body, headers }, { secret: 'other' }).catch((e) => e);
      if (!(error instanceof WebhookVerificationError) || error.code !== 'signature_mismatch') failures.push('mismatch');
      console.log(JSON.stringify({ failures }));
    `;
    writeFileSync(join(scratch, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: scratch });
    expect(JSON.parse(stdout)).toEqual({ failures: [] });
  });

  it('installs the hookspec binary', async () => {
    const bin = join(scratch, 'node_modules', '.bin', Object.keys(packageJson.bin)[0]!);
    const { stdout } = await run(process.execPath, [bin, '--version'], { cwd: scratch });
    expect(stdout.trim()).toBe(packageJson.version);
    const signed = await run(process.execPath, [bin, 'sign', 'exchange', '--secret', 's', '--data', '{}', '--json'], {
      cwd: scratch,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(JSON.parse(signed.stdout)).toMatchObject({ api: 'exchange', headers: { 'x-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) } });
    const cases = await run(process.execPath, [bin, 'check', 'pipevest', 'http://127.0.0.1:9/', '--key', 'mock', '--list'], {
      cwd: scratch,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(cases.stdout).toMatch(/^forgery\/algorithm-other /m);
  });

  it('on an older Node (20, brought by the test), the installed hookspec exits 2 with one line naming the required version', async () => {
    const node = await oldNode();
    expect(isSupportedNode(OLD_NODE_VERSION)).toBe(false);
    const bin = join(scratch, 'node_modules', '.bin', Object.keys(packageJson.bin)[0]!);
    const result = await run(node, [bin, 'mock', '--port', '0'], { cwd: scratch }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      `hookspec: Node.js 22.12.0 or newer is required (package.json engines: >=22.12); this is Node.js ${OLD_NODE_VERSION}. Install a current Node.js LTS and run it again.\n`,
    );
  }, 300_000);

  it('without @faker-js/faker installed, trigger says how to get fake payloads, and --data still works', async () => {
    const bin = join(scratch, 'node_modules', '.bin', Object.keys(packageJson.bin)[0]!);
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const env = { ...process.env, NO_COLOR: '1' };
      const fake = await run(process.execPath, [bin, 'trigger', 'exchange', 'order.created', '--to', to, '--secret', 's'], { cwd: scratch, env }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      // A missing optional peer is a set-up error: exit 2, like a usage error.
      expect(fake).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('Fake payloads need @faker-js/faker: install it (npm i -D @faker-js/faker) or pass the event data with --data.'),
      });
      const given = await run(process.execPath, [bin, 'trigger', 'exchange', 'order.created', '--to', to, '--secret', 's', '--data', '{"orderId":"o1"}'], {
        cwd: scratch,
        env,
      });
      expect(given.stdout).toContain('✓ 200 OK');
      expect(received).toEqual(['{"event":"order.created","data":{"orderId":"o1"}}']);
    } finally {
      server.close();
    }
  });

  it('without msw installed, hookspec mock exits 2 saying how to install it', async () => {
    // The installed packages without msw, copied next to the scratch project.
    const withoutMsw = mkdtempSync(join(tmpdir(), 'hookspec-no-msw-'));
    try {
      cpSync(join(scratch, 'node_modules'), join(withoutMsw, 'node_modules'), {
        recursive: true,
        filter: (source) => !/[\\/]node_modules[\\/]msw([\\/]|$)/.test(source),
      });
      const result = await run(process.execPath, [join(withoutMsw, 'node_modules', 'hookspec', 'dist', 'cli.js'), 'mock', '--port', '0'], {
        cwd: withoutMsw,
        env: { ...process.env, NO_COLOR: '1' },
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(result).toMatchObject({ code: 2, stderr: 'hookspec: hookspec mock needs msw: install it next to hookspec (npm i -D msw).\n' });
    } finally {
      rmSync(withoutMsw, { recursive: true, force: true });
    }
  });

  it('hookspec mock serves the inspector page, its script and the API references from the package alone (no CDN)', async () => {
    const bin = join(scratch, 'node_modules', '.bin', Object.keys(packageJson.bin)[0]!);
    const child = spawn(process.execPath, [bin, 'mock', '--port', '0', '--json'], { cwd: scratch, env: { ...process.env, NO_COLOR: '1' } });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').once('data', resolve);
        child.once('exit', (code) => reject(new Error(`hookspec mock exited ${code}`)));
      });
      const url = (JSON.parse(first.split('\n')[0]!) as { url: string }).url;
      const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('<script type="module" src="/_mock/ui/app.js">');
      const script = await fetch(`${url}/_mock/ui/app.js`);
      expect(script.headers.get('content-type')).toContain('javascript');
      expect((await script.text()).length).toBeGreaterThan(5000);
      const reference = await (await fetch(`${url}/_mock/docs/sidclaw`)).text();
      expect(reference).toContain('/_mock/docs/redoc.standalone.js');
      expect(reference).not.toMatch(/cdn\.redoc/);
      expect((await fetch(`${url}/_mock/docs/redoc.standalone.js`)).status).toBe(200);
      const { data } = (await (await fetch(`${url}/_mock/sidclaw/operations`)).json()) as { data: Array<{ operationId: string }> };
      expect(data.map((operation) => operation.operationId)).toContain('createWebhook');
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('a spec given with --spec, from the installed package: trigger, check and mock deliver to a receiver on standardwebhooks', async () => {
    const bin = join(scratch, 'node_modules', '.bin', Object.keys(packageJson.bin)[0]!);
    const spec = join(root, 'test', 'fixtures', 'specs', 'acme-notify.yaml');
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const env = { ...process.env, NO_COLOR: '1' };
    const receiver = await startReceiver(standardWebhooksVerifier([secret]));
    // No @faker-js/faker in this project: the events' data comes from --data (invoice.voided has an example in the spec).
    const data = JSON.stringify({ 'invoice.paid': { id: 'inv_1', amount: 3 } });
    const mock = spawn(process.execPath, [bin, 'mock', '--spec', spec, '--api', 'proven', '--port', '0', '--quiet', '--json'], { cwd: scratch, env });
    try {
      const triggered = await run(process.execPath, [bin, 'trigger', '--spec', spec, 'invoice.voided', '--to', receiver.url, '--secret', secret], {
        cwd: scratch,
        env,
      });
      expect(triggered.stdout).toMatch(/✓ 204/);
      const checked = await run(process.execPath, [bin, 'check', '--spec', spec, receiver.url, '--secret', secret, '--data', data, '--json'], {
        cwd: scratch,
        env,
      });
      const report = JSON.parse(checked.stdout) as { ok: boolean; results: Array<{ id: string; verdict: string }> };
      expect(report.results.filter((r) => r.verdict === 'fail')).toEqual([]);
      expect(report.results.map((r) => r.id)).toEqual(expect.arrayContaining(['genuine/invoice.paid', 'genuine/invoice.voided']));
      // A receiver that re-serialises the body before verifying fails exactly the form cases (exit 1).
      const reserialising = await startReceiver(standardWebhooksVerifier([secret], { reserialise: true }));
      const broken = await run(process.execPath, [bin, 'check', '--spec', spec, reserialising.url, '--secret', secret, '--data', data, '--json'], {
        cwd: scratch,
        env,
      }).catch((error: { code: number; stdout: string }) => error);
      await reserialising.close();
      expect((broken as { code?: number }).code).toBe(1);
      const failed = (JSON.parse(broken.stdout) as typeof report).results.filter((r) => r.verdict === 'fail').map((r) => r.id);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((id) => id.startsWith('form/'))).toBe(true);
      // A spec with only Fern's x-fern-webhook-signature, against a receiver written from that declaration.
      const fern = await startReceiver(fernVerifier('fern-secret', { signature: 'x-fern-signature', timestamp: 'x-fern-timestamp', tolerance: 120 }));
      const ticket = { id: '3b241101-e2bb-4255-8caf-4136c566a962', title: 'Printer on fire' };
      const fernData = JSON.stringify({ 'ticket.created': { event: 'ticket.created', ticket }, 'ticket.closed': { event: 'ticket.closed', ticket } });
      const fernSpec = join(root, 'test', 'fixtures', 'specs', 'fern-notify.yaml');
      const fernChecked = await run(process.execPath, [bin, 'check', '--spec', fernSpec, fern.url, '--secret', 'fern-secret', '--data', fernData, '--json'], {
        cwd: scratch,
        env,
      }).catch((error: { stdout: string }) => error);
      await fern.close();
      const fernReport = JSON.parse(fernChecked.stdout) as typeof report;
      expect(fernReport.results.map((r) => r.id)).toEqual(expect.arrayContaining(['genuine/ticket.created', 'genuine/ticket.closed']));
      expect(fernReport.results.filter((r) => r.verdict === 'fail')).toEqual([]);

      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        mock.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        mock.once('exit', (code) => reject(new Error(`hookspec mock exited with ${code}`)));
      });
      const { url } = JSON.parse(first) as { url: string };
      const before = receiver.accepted.length;
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('/_mock/acme-notify/endpoints', { url: receiver.url, secret })).status).toBe(201);
      expect((await post('/_mock/acme-notify/events', { event: 'invoice.paid', data: { id: 'inv_2', amount: 4 } })).status).toBe(202);
      await expect.poll(() => receiver.accepted.length, { timeout: 10_000 }).toBe(before + 1);
      expect(JSON.parse(receiver.accepted.at(-1)!.body)).toMatchObject({ type: 'invoice.paid', data: { id: 'inv_2', amount: 4 } });
    } finally {
      const exited = mock.exitCode === null ? new Promise((resolve) => mock.once('exit', resolve)) : Promise.resolve();
      mock.kill('SIGTERM');
      await exited;
      await receiver.close();
    }
  }, 90_000);
});
