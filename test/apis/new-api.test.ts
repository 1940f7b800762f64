/**
 * A new API is a spec: test/fixtures/openapi/relaybox.yaml (HMAC over the timestamp and body, one
 * management operation, two webhook events) is generated with the shipped APIs' generator job and
 * registered through the registry's own path, and gets a typed client, a verifier and receiver, a
 * test-delivery builder, `sign`, `verify`, `trigger`, `listen` and `check` on the command line,
 * mock deliveries to a registered receiver and its entry on the inspector, without any file written for it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiAdapter, type GeneratedApi, registerApi } from '../../src/apis/index.ts';
import { createHmacReceiver } from '../../src/apis/hmac-receiver.ts';
import { hmacTestDelivery } from '../../src/apis/senders.ts';
import { checkReceiver } from '../../src/check/index.ts';
import { bindSdk } from '../../src/client/bind-sdk.ts';
import { clientConfig } from '../../src/client/client-config.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { createWebhookHandler } from '../../src/webhooks/create-webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';
import { startMockServer } from '../../mocks/server.ts';
import type { MockedApi } from '../../mocks/registry.ts';
import { root, runCli, startCli } from '../cli/helpers.ts';

const run = promisify(execFile);
const out = join(root, 'tmp', `new-api-${process.pid}`);
const SECRET = 'relaybox_fixture_secret_0123456789';
/** The CLI from source, with the fixture's generated APIs registered before it is built. */
const entry = ['--import', join(root, 'test/fixtures/register-fixture-apis.ts'), join(root, 'src/cli/index.ts')];
const env = { HOOKSPEC_FIXTURE_GENERATED: out };

let generated: GeneratedApi;
let adapter: ApiAdapter;
let receiverServer: Server | undefined;
let receiverUrl: string;
const handled: string[] = [];

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  await run(process.execPath, [join(root, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '--file', 'test/fixtures/openapi-ts.fixture.config.ts'], {
    cwd: root,
    env: { ...process.env, HOOKSPEC_FIXTURE_OUT: out },
  });
  ({ relaybox: generated } = ((await import(pathToFileURL(join(out, 'apis.gen.ts')).href)) as { generatedApis: { relaybox: GeneratedApi } }).generatedApis);
  adapter = registerApi('relaybox', generated);

  // A receiver an integrator would write: the API's description and scheme, a typed handler per event.
  const description = adapter.description;
  if (description.scheme !== 'hmac') throw new Error('the fixture is an hmac API');
  const receiver = createHmacReceiver<Record<'parcel.shipped' | 'parcel.delivered', unknown>>(description, eventRegistryFrom(generated.validators));
  const handler = createWebhookHandler((request) => receiver.verify(request, { secret: SECRET }), {
    on: { 'parcel.shipped': (event) => void handled.push(event.type), 'parcel.delivered': (event) => void handled.push(event.type) },
  });
  receiverServer = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiverServer!.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiverServer.address() as AddressInfo).port}/webhooks`;
}, 120_000);

afterAll(async () => {
  if (receiverServer) await new Promise((resolve) => receiverServer!.close(resolve));
  rmSync(out, { recursive: true, force: true });
});

describe('an API added by writing its spec only', () => {
  it('is registered with its events, credential, timeout and provider from the spec', () => {
    expect(adapter).toMatchObject({ name: 'relaybox', title: 'Relaybox', deliveryTimeoutMs: 5000, deliveryIdHeader: 'x-relaybox-delivery' });
    expect(adapter.events).toEqual(['parcel.delivered', 'parcel.shipped']);
    expect(adapter.credential).toEqual({
      option: 'secret',
      required: true,
      description: "the endpoint's signing secret (`secret` in the POST /webhooks response)",
    });
  });

  it('gets a typed client of its management operation', async () => {
    const sdk = (await import(pathToFileURL(join(out, 'relaybox/sdk.gen.ts')).href)) as Record<string, unknown>;
    const { createClient, createConfig } = (await import(pathToFileURL(join(out, 'relaybox/client/index.ts')).href)) as {
      createClient: (config: unknown) => unknown;
      createConfig: (config: unknown) => unknown;
    };
    const sent: Request[] = [];
    const fetchStub: typeof fetch = async (input, init) => {
      sent.push(new Request(input, init));
      return Response.json({ id: 'wh_1', url: 'https://example.com/hooks', secret: SECRET }, { status: 201 });
    };
    // The same client set-up the shipped APIs' clients use (base URL from the spec, bearer key, retries).
    const config = clientConfig('Relaybox', { fetch: fetchStub, retries: 0 }, 'rb_key', 'https://api.relaybox.test/v1');
    const client = bindSdk(sdk, createClient(createConfig(config))) as {
      createWebhook(options: { body: { url: string } }): Promise<{ data?: unknown; response: Response }>;
    };
    const { data, response } = await client.createWebhook({ body: { url: 'https://example.com/hooks' } });
    expect(response.status).toBe(201);
    expect(data).toEqual({ id: 'wh_1', url: 'https://example.com/hooks', secret: SECRET });
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual(['POST https://api.relaybox.test/v1/webhooks']);
    expect(await sent[0]!.json()).toEqual({ url: 'https://example.com/hooks' });
  });

  it('gets a test-delivery builder and a verifier that accepts it and refuses a forgery', async () => {
    if (adapter.description.scheme !== 'hmac') throw new Error('hmac');
    const body = JSON.stringify({ id: 'd_1', event: 'parcel.delivered', data: { parcel_id: 'p_1' } });
    const delivery = await hmacTestDelivery(adapter.description, { body, secret: SECRET, id: 'd_1' });
    expect(delivery.headers['x-relaybox-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(delivery.headers['x-relaybox-delivery']).toBe('d_1');
    const request = { method: 'POST', url: delivery.url, headers: new Headers(delivery.headers), body: new TextEncoder().encode(body) };
    await expect(adapter.verify(request, { secret: SECRET }, { replayStore: false })).resolves.toMatchObject({ type: 'parcel.delivered', deliveryId: 'd_1' });
    await expect(adapter.verify(request, { secret: 'another_secret_0123456789' }, { replayStore: false })).rejects.toMatchObject({
      code: 'signature_mismatch',
    });
    const response = await fetch(receiverUrl, { method: 'POST', headers: delivery.headers, body });
    expect(response.status).toBe(200);
    expect(handled).toContain('parcel.delivered');
  });

  it('hookspec sign | hookspec verify round-trips, and a wrong secret fails with exit 1', async () => {
    const data = JSON.stringify({ id: 'd_2', event: 'parcel.shipped', data: { parcel_id: 'p_2', carrier: 'dhl' } });
    const signed = await runCli(['sign', 'relaybox', '--secret', SECRET, '--data', data, '--http'], { entry, env });
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    const verified = await runCli(['verify', 'relaybox', '--secret', SECRET, '--json'], { entry, env, input: signed.stdout });
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, type: 'parcel.shipped', deliveryId: 'd_2' });
    const wrong = await runCli(['verify', 'relaybox', '--secret', 'not_the_secret_0123456789', '--json'], { entry, env, input: signed.stdout });
    expect(wrong.code).toBe(1);
  });

  it('hookspec trigger delivers each event to hookspec listen, which verifies it', async () => {
    const listener = startCli(['listen', 'relaybox', '--port', '0', '--secret', SECRET, '--json'], { entry, env });
    try {
      const url = String((await listener.ready).listening);
      for (const event of ['parcel.shipped', 'parcel.delivered']) {
        const triggered = await runCli(['trigger', 'relaybox', event, '--to', `${url}/webhooks`, '--secret', SECRET, '--json'], { entry, env });
        expect(triggered.code, triggered.stderr).toBe(0);
        const line = JSON.parse(await listener.waitForLine((text) => text.includes(`"${event}"`))) as { ok: boolean; type: string };
        expect(line).toMatchObject({ ok: true, type: event });
      }
    } finally {
      expect(await listener.stop('SIGINT')).toBe(0);
    }
  });

  it('hookspec check grades a receiver built from the spec, and checkReceiver finds no failure', async () => {
    const cli = await runCli(['check', 'relaybox', receiverUrl, '--secret', SECRET, '--json'], { entry, env, timeoutMs: 60_000 });
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    const report = await checkReceiver({ api: 'relaybox', url: receiverUrl, secret: SECRET });
    expect(report.results.filter((result) => result.verdict === 'fail').map((result) => result.id)).toEqual([]);
    expect(report.results.map((result) => result.id)).toEqual(expect.arrayContaining([expect.stringMatching(/forg|sign/)]));
  });

  it('the mock server delivers its events to a registered receiver, and the inspector lists it', async () => {
    const api = 'relaybox' as MockedApi;
    const server = await startMockServer({ apis: [api], port: 0, checkSpec: false, log: () => {} });
    try {
      const added = await fetch(`${server.url}/_mock/relaybox/endpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiverUrl, apiKey: SECRET }),
      });
      expect(added.status).toBe(201);
      handled.length = 0;
      const triggered = await fetch(`${server.url}/_mock/relaybox/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'parcel.shipped' }),
      });
      expect(triggered.status).toBe(202);
      const { deliveries } = (await triggered.json()) as { deliveries: { id: string; url: string }[] };
      expect(deliveries.map((delivery) => delivery.url)).toEqual([receiverUrl]);
      const record = await server.mocks[api]!.engine.settled(deliveries[0]!.id);
      expect(record).toMatchObject({ state: 'delivered' });
      expect(handled).toEqual(['parcel.shipped']);
      const overview = (await (await fetch(`${server.url}/_mock/overview`)).json()) as {
        apis: { api: string; events: string[]; endpoints: { url: string }[] }[];
      };
      expect(overview.apis).toMatchObject([{ api: 'relaybox', events: ['parcel.shipped', 'parcel.delivered'], endpoints: [{ url: receiverUrl }] }]);
      // A receiver added without its credential gets one the scheme reads (hex text), answered once.
      const made = await fetch(`${server.url}/_mock/relaybox/endpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${receiverUrl}/second` }),
      });
      expect(made.status).toBe(201);
      const { apiKey } = (await made.json()) as { apiKey: string };
      expect(apiKey).toMatch(/^[0-9a-f]{64}$/);
      const state = (await (await fetch(`${server.url}/_mock/state`)).json()) as Record<string, unknown>;
      expect(state.relaybox).toEqual({
        endpoints: [
          { url: receiverUrl, secret: SECRET },
          { url: `${receiverUrl}/second`, secret: apiKey },
        ],
      });
      expect(await (await fetch(`${server.url}/`)).text()).toContain('<html');
    } finally {
      await server.close();
    }
  });
});
