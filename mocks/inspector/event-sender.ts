/**
 * The inspector's "send an event": the events an API's spec defines, a prefilled payload from
 * the generated faker factory, and validation of the body `trigger()` would send against the
 * spec's schema, so an invalid edit is refused with its issues and nothing is sent.
 * @module
 */
import type { ZodType } from 'zod';
import { webhookValidatorsOf } from '../../src/webhooks/event-registry.ts';
import { fakePayloadFactories } from '../../src/webhooks/fake-payloads.ts';
import type { MockedApi } from '../registry.ts';
import { apiView } from './api-views.ts';

/** One schema issue, with the path of the field inside the edited data (empty for the data itself). */
export interface PayloadIssue {
  path: string;
  message: string;
}

type Schemas = Map<string, ZodType>;
const schemaCache = new Map<MockedApi, Promise<Schemas>>();
const fakeCache = new Map<MockedApi, Promise<Map<string, (options?: { includeOptional?: boolean }) => unknown>>>();

/** The payload schema of each event the spec defines, loaded on first use. */
export function eventSchemas(api: MockedApi): Promise<Schemas> {
  let schemas = schemaCache.get(api);
  if (!schemas) {
    schemas = apiView(api)
      .zod()
      .then((module) => new Map(webhookValidatorsOf(module).map(({ event, body }) => [event, body])));
    schemaCache.set(api, schemas);
  }
  return schemas;
}

/** The event types of an API, as its spec names them. */
export async function eventTypes(api: MockedApi): Promise<string[]> {
  return [...(await eventSchemas(api)).keys()];
}

/** A fake payload's data part (what the send form edits), from the generated faker factory. */
export async function sampleData(api: MockedApi, event: string): Promise<unknown> {
  let factories = fakeCache.get(api);
  if (!factories) {
    factories = Promise.all([apiView(api).faker(), eventSchemas(api)]).then(([module, schemas]) => fakePayloadFactories(module, schemas));
    fakeCache.set(api, factories);
  }
  const fake = (await factories).get(event)?.({ includeOptional: true }) as Record<string, unknown> | undefined;
  return fake?.[apiView(api).dataKey] ?? {};
}

/**
 * Checks the body `trigger(event, data)` would send against the event's schema. Returns the
 * issues (empty when valid), with paths relative to `data` when they fall inside it.
 */
export async function validateEventData(api: MockedApi, event: string, data: unknown): Promise<PayloadIssue[] | 'unknown_event'> {
  const schema = (await eventSchemas(api)).get(event);
  if (!schema) return 'unknown_event';
  const result = schema.safeParse(apiView(api).envelope(event, data));
  if (result.success) return [];
  const dataKey = apiView(api).dataKey;
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    return { path: path[0] === dataKey ? path.slice(1).join('.') : `(${path.join('.') || 'body'})`, message: issue.message };
  });
}
