/**
 * The mock of an API registered with the registry (`src/apis/`) that has no `mocks/<api>/`: the
 * spec-only mock fed from the API's generated description, validators and fake data instead of
 * a spec read at run time. It answers no operation (the registry holds no operation table); it
 * sends deliveries, signed by the API's scheme.
 * @module
 */
import { apiAdapter, generatedOf } from '../../src/apis/index.ts';
import { buildEnvelope } from '../../src/apis/envelope.ts';
import type { DeliveryDescription } from '../../src/apis/delivery-description.ts';
import { newHmacSecret } from '../../src/schemes/hmac-new-secret.ts';
import type { ApiMockOptions } from '../shared/api-mock.ts';
import { generatedEvents } from '../shared/generated-events.ts';
import { type SpecOnlyMock, type SpecOnlyMockSnapshot, specOnlyMock } from './spec-only-mock.ts';

/** A new receiver secret in the format the description's `secret-encoding` reads, for an API that needs one. */
function secretMaker(description: DeliveryDescription): (() => string) | undefined {
  if (!description.credential.required) return undefined;
  const encoding = description.scheme === 'hmac' ? description.hmac['secret-encoding'] : 'utf8';
  return () => newHmacSecret(encoding);
}

/**
 * Creates the mock of the registered API `name`. Receivers are added with `addEndpoint` (the mock
 * server's `POST /_mock/<name>/endpoints` `{ url, apiKey? }`, `apiKey` being the credential the
 * receiver verifies with, made when the API needs one and none is given).
 */
export function createRegisteredApiMock(name: string, options: ApiMockOptions<SpecOnlyMockSnapshot> = {}): SpecOnlyMock {
  const adapter = apiAdapter(name);
  const generated = generatedOf(name);
  if (generated === undefined) throw new Error(`No generated modules for the API "${name}" in the registry.`);
  const { description } = adapter;
  const events = generatedEvents(generated.validators, generated.faker);
  const newSecret = secretMaker(description);
  return specOnlyMock(
    {
      name,
      title: adapter.title,
      events: events.events,
      timeoutMs: adapter.deliveryTimeoutMs,
      dataKey: description.envelope.data,
      endpointCredential: 'apiKey',
      ...(newSecret === undefined ? {} : { newSecret }),
      payload: events.fakePayload,
      schema: events.schema,
      envelope: (event, payload, data, { messageId, timestamp }) =>
        buildEnvelope(description, { event, data, fake: (payload ?? {}) as Record<string, unknown>, id: messageId, timestamp }),
      async sign({ event, body, secret, url }) {
        const credentials = secret === undefined ? {} : { [adapter.credential.option]: secret };
        return (await adapter.send({ event, body, credentials, url })).headers;
      },
    },
    options,
  );
}
