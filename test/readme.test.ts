// Every TypeScript block in README.md is an example file, byte for byte, and each example runs
// (the CI examples, examples/ci/, from the packed tarball in test/testing/vitest-consumer.ts).
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getResponse } from 'msw';
import { listWithoutBackend } from '../examples/frontend-msw.ts';
import { createSeededMock, seed } from '../examples/frontend-seed.ts';
import { registerEndpoint } from '../examples/sidclaw-client.ts';
import { startReceiver } from '../examples/sidclaw-receiver.ts';
import { testReceiver } from '../examples/sidclaw-receiver-test.ts';
import { startMockServer, type MockServer } from '../mocks/server.ts';

const readme = readFileSync('README.md', 'utf8');

describe('README code blocks', () => {
  const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```tsx?\n([\s\S]*?)```/g)];

  it('has one short example per user: integrator, frontend developer, CI', () => {
    expect(blocks.map((b) => b[1])).toEqual(['examples/sidclaw-receiver.ts', 'examples/frontend-msw.ts', 'examples/ci/vitest.config.ts']);
    expect(readme.match(/```tsx?\n/g)).toHaveLength(blocks.length);
  });

  for (const [, file, code] of blocks) {
    it(`${file} is shown verbatim`, () => {
      expect(code).toBe(readFileSync(file!, 'utf8'));
    });
  }
});

describe('docs/ code blocks (the same rule as README.md)', () => {
  const guides = readdirSync('docs').filter((name) => name.endsWith('.md'));
  const fences = new Map<string, number>();
  const shown = guides.flatMap((guide) => {
    const text = readFileSync(join('docs', guide), 'utf8');
    const blocks = [...text.matchAll(/<!-- example: (\S+) -->\n```(?:ts|tsx|json|html)\n([\s\S]*?)```/g)];
    fences.set(guide, text.match(/```(?:ts|tsx|json|html)\n/g)?.length ?? 0);
    return blocks.map(([, file, code]) => ({ guide, file: file!, code: code! }));
  });

  it('every ts/tsx/json/html block of a guide is an example file', () => {
    for (const guide of guides) expect(shown.filter((block) => block.guide === guide).length, guide).toBe(fences.get(guide));
  });

  for (const { guide, file, code } of shown) {
    it(`${guide}: ${file} is shown verbatim`, () => {
      expect(code).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('shows every framework recipe file, and each stack has its test in test/frameworks/', () => {
    const recipeFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? recipeFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
    // The browser recipe (vite-react) is shown in frontend.md, the receivers in frameworks.md.
    expect(
      [
        ...new Set(
          shown
            .filter((block) => block.guide === 'frameworks.md' || (block.guide === 'frontend.md' && block.file.startsWith('examples/frameworks/')))
            .map((block) => block.file),
        ),
      ].sort(),
    ).toEqual(recipeFiles('examples/frameworks').sort());
    for (const stack of readdirSync('examples/frameworks')) expect(existsSync(`test/frameworks/${stack}.test.ts`), stack).toBe(true);
    expect(readme).toContain('(docs/frameworks.md)');
    expect(readme).toContain('(docs/frontend.md)');
  });
});

describe('the examples run', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, apis: ['sidclaw'], log: () => {}, delivery: { maxAttempts: 1 } });
  });
  afterAll(() => server.close({ timeoutMs: 1000 }));

  it('registers an endpoint with the client and receives a signed delivery', async () => {
    const receiver = startReceiver('placeholder', 0);
    await new Promise((resolve) => receiver.once('listening', resolve));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const endpoint = await registerEndpoint(server.baseUrls.sidclaw, `http://localhost:${port}/hooks`);
      expect(endpoint.secret).toMatch(/^[0-9a-f]{64}$/);
      // The receiver was started with another secret: a real delivery must be refused…
      const [refused] = await server.mocks.sidclaw!.trigger('agent.revoked');
      expect((await server.mocks.sidclaw!.engine.settled(refused!.id)).lastStatus).toBe(401);
    } finally {
      receiver.close();
    }
    // …and one signed with its secret accepted.
    const ok = startReceiver('s3cret', 0);
    await new Promise((resolve) => ok.once('listening', resolve));
    const okAddress = ok.address();
    const body = JSON.stringify({ event: 'agent.revoked', data: {} });
    const response = await fetch(`http://127.0.0.1:${typeof okAddress === 'object' && okAddress ? okAddress.port : 0}/hooks`, {
      method: 'POST',
      body,
      headers: {
        'x-webhook-id': 'readme-1',
        'x-webhook-timestamp': new Date().toISOString(),
        'x-webhook-signature': `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`,
      },
    });
    ok.close();
    expect(response.status).toBe(200);
  });

  it('the receiver test example: genuine accepted, replay acknowledged as a duplicate, forgery refused', async () => {
    expect(await testReceiver()).toEqual({ genuine: 200, replayed: { received: true, duplicate: true }, forged: 401 });
  });

  it('the frontend example lists what it created, with no backend', async () => {
    expect(await listWithoutBackend()).toEqual(['https://example.com/hooks']);
  });

  it('the seed example (docs/frontend.md): seeded, a change kept across a reload, reset() back to the seed', async () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
    const mock = createSeededMock(storage);
    expect(mock.snapshot()).toEqual(seed);
    expect(seed.endpoints.map((endpoint) => [endpoint.description, endpoint.created_at])).toEqual([
      ['Slack approvals', '2026-01-01T00:00:00.000Z'],
      [null, '2026-01-01T00:00:00.000Z'],
    ]);
    const removed = seed.endpoints[0]!.id;
    const request = new Request(`https://sidclaw.test/api/v1/webhooks/${removed}`, { method: 'DELETE', headers: { authorization: 'Bearer sk_live_abc123' } });
    expect((await getResponse(mock.handlers, request))?.status).toBe(204);
    // A reload: the stored copy, made from the same seed, comes back.
    expect(
      createSeededMock(storage)
        .snapshot()
        .endpoints.map((endpoint) => endpoint.id),
    ).toEqual([seed.endpoints[1]!.id]);
    mock.reset();
    expect(createSeededMock(storage).snapshot()).toEqual(seed);
  });
});
