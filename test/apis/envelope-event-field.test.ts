/**
 * Receivers read the event type from the field the spec's envelope declares: the fixture
 * test/fixtures/openapi-event-field/kindbox.yaml names it `kind`. Generated with the shipped
 * APIs' job and registered through the registry's own path, its events, deliveries and
 * receivers work on `kind`, and a body that names its event in `event` instead is refused.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmacReceiver } from '../../src/apis/hmac-receiver.ts';
import { type ApiAdapter, type GeneratedApi, registerApi } from '../../src/apis/index.ts';
import { hmacTestDelivery } from '../../src/apis/senders.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { root } from '../cli/helpers.ts';

const run = promisify(execFile);
const out = join(root, 'tmp', `event-field-${process.pid}`);
const SECRET = 'kindbox_fixture_secret_0123456789';
const data = { parcel_id: 'p_1', carrier: 'Post' };

let generated: GeneratedApi;
let adapter: ApiAdapter;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  await run(process.execPath, [join(root, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '--file', 'test/fixtures/openapi-ts.fixture.config.ts'], {
    cwd: root,
    env: { ...process.env, HOOKSPEC_FIXTURE_OUT: out, HOOKSPEC_FIXTURE_SPECS: 'test/fixtures/openapi-event-field' },
  });
  ({ kindbox: generated } = ((await import(pathToFileURL(join(out, 'apis.gen.ts')).href)) as { generatedApis: { kindbox: GeneratedApi } }).generatedApis);
  adapter = registerApi('kindbox', generated);
}, 120_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

describe('an envelope whose event field is `kind`', () => {
  it('the registry lists the events the payload schemas give `kind`', () => {
    expect(adapter.description.envelope.event).toBe('kind');
    expect(adapter.events).toEqual(['parcel.delivered', 'parcel.shipped']);
  });

  it('generation keys the webhook validators by `kind`', () => {
    const source = readFileSync(join(out, 'kindbox/webhook-validators.gen.ts'), 'utf8');
    expect(source).toMatch(/'parcel\.shipped': /);
    expect(source).toMatch(/'parcel\.delivered': /);
  });

  it("the adapter's delivery verifies as its event", async () => {
    const body = JSON.stringify(await adapter.payload('parcel.shipped', data));
    expect(JSON.parse(body)).toMatchObject({ kind: 'parcel.shipped', data });
    const delivery = await adapter.send({ event: 'parcel.shipped', body, credentials: { secret: SECRET }, url: 'http://127.0.0.1/webhooks' });
    const request = { method: 'POST', url: delivery.url, headers: new Headers(delivery.headers), body: new TextEncoder().encode(delivery.body) };
    await expect(adapter.verify(request, { secret: SECRET }, { replayStore: false })).resolves.toMatchObject({ type: 'parcel.shipped', payload: { data } });
  });

  it('a receiver built from the description reads `kind`, and refuses a body that names its event in `event`', async () => {
    const description = adapter.description;
    if (description.scheme !== 'hmac') throw new Error('the fixture is an hmac API');
    const receiver = createHmacReceiver(description, eventRegistryFrom(generated.validators, 'kind'));
    const good = await hmacTestDelivery(description, { body: JSON.stringify({ id: 'd_1', kind: 'parcel.delivered', data }), secret: SECRET });
    await expect(receiver.verify(good.request, { secret: SECRET, replayStore: false })).resolves.toMatchObject({ type: 'parcel.delivered' });
    const wrongField = await hmacTestDelivery(description, { body: JSON.stringify({ id: 'd_2', event: 'parcel.delivered', data }), secret: SECRET });
    await expect(receiver.verify(wrongField.request, { secret: SECRET, replayStore: false })).rejects.toMatchObject({
      code: 'unknown_event',
      message: expect.stringContaining('"kind"'),
    });
  });
});
