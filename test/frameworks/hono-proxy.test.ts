/**
 * The server side of the Vite recipe's production path: the Hono app (examples/frameworks/hono)
 * forwards /api/sidclaw/* to SidClaw (here the mock server) adding the admin key, and the page's
 * createSidclawProxyClient, from the packed package, works through it holding no key.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import type { RunningApp } from './running-app.ts';
import { REPORT_LISTENING, startApp } from './running-app.ts';
import { scratchProject } from './scratch-project.ts';

let server: MockServer | undefined;
let app: RunningApp | undefined;
let sidclawPackage: typeof import('hookspec/sidclaw');

beforeAll(async () => {
  const scratch = await scratchProject();
  server = await startMockServer({ port: 0, log: false, apis: ['sidclaw'] });
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  app = await startApp({
    command: process.execPath,
    args: [...REPORT_LISTENING.node, join('apps', 'hono', 'app.ts')],
    cwd: scratch,
    env: {
      SIDCLAW_WEBHOOK_SECRET: 'whsec_proxy_recipe',
      PIPEVEST_WEBHOOK_PUBLIC_KEY: publicKey,
      SIDCLAW_URL: server.baseUrls.sidclaw,
      SIDCLAW_KEY: 'sk_live_abc123',
    },
  });
  sidclawPackage = (await import(pathToFileURL(join(scratch, 'node_modules', 'hookspec', 'dist', 'sidclaw.js')).href)) as typeof import('hookspec/sidclaw');
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await server?.close();
});

it('the page creates, lists and deletes through /api/sidclaw; the key is added on the server', async () => {
  const sidclaw = sidclawPackage.createSidclawProxyClient({ baseUrl: `${app!.origin}/api/sidclaw`, retries: 0 });
  const created = await sidclaw.createWebhook({ body: { url: 'https://example.com/hooks/proxy', events: ['approval.requested'] } });
  expect(created.response?.status).toBe(201);
  expect(created.data?.data.secret).toMatch(/^[0-9a-f]{64}$/);
  const id = created.data!.data.id;

  const listed = await sidclaw.listWebhooks();
  expect(listed.data?.data.map((endpoint) => endpoint.url)).toEqual(['https://example.com/hooks/proxy']);
  // It reached SidClaw with the admin key: a call without one is refused.
  expect((await fetch(`${server!.baseUrls.sidclaw}/api/v1/webhooks`)).status).toBe(403);

  const invalid = await sidclaw.createWebhook({ body: { url: 'ftp://example.com/hooks', events: ['approval.requested'] } });
  expect(invalid.response?.status).toBe(400);
  expect(invalid.error?.error).toBe('validation_error');

  expect((await sidclaw.deleteWebhook({ path: { id } })).response?.status).toBe(204);
  expect(server!.mocks.sidclaw!.snapshot()).toEqual({ endpoints: [] });
}, 60_000);
