// The event registry: which validators of a zod module count as webhooks, how deep it looks
// through `.optional()` for the event literal, and what validateEvent reports.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventRegistryFrom, validateEvent, webhookValidatorsOf } from '../../src/webhooks/event-registry.ts';

const request = (event: z.ZodType) => z.object({ body: z.object({ event, n: z.number() }) });

describe('webhookValidatorsOf', () => {
  it('reads the event literal through up to three .optional() wrappers, not four', () => {
    const module = {
      zPlainWebhookRequest: request(z.literal('plain')),
      zOnceWebhookRequest: request(z.literal('once').optional()),
      zThriceWebhookRequest: request(z.literal('thrice').optional().optional().optional()),
      zTooDeepWebhookRequest: request(z.literal('too-deep').optional().optional().optional().optional()),
    };
    expect(webhookValidatorsOf(module).map(({ name, event }) => [name, event])).toEqual([
      ['zPlainWebhookRequest', 'plain'],
      ['zOnceWebhookRequest', 'once'],
      ['zThriceWebhookRequest', 'thrice'],
    ]);
  });

  it('skips other exports, validators without a literal event, and reads the field given', () => {
    const module = {
      zPlain: request(z.literal('not-a-webhook-request')),
      zStringWebhookRequest: request(z.string()),
      zNumberWebhookRequest: request(z.literal(5)),
      zNotAnObjectWebhookRequest: 'text',
      zTypedWebhookRequest: z.object({ body: z.object({ type: z.literal('by-type') }) }),
      zNullWebhookRequest: null,
      zShapelessWebhookRequest: {},
      zFunctionWebhookRequest: Object.assign(() => undefined, { shape: { body: z.object({ event: z.literal('from-a-function') }) } }),
      zNotASchemaWebhookRequest: { shape: { body: { shape: { event: 'not a schema' } } } },
      zLiteralWithoutValuesWebhookRequest: { shape: { body: { shape: { event: { def: { type: 'literal' } } } } } },
    };
    expect(webhookValidatorsOf(module)).toEqual([]);
    expect(webhookValidatorsOf(module, 'type').map(({ event }) => event)).toEqual(['by-type']);
    expect([...eventRegistryFrom(module, 'type').keys()]).toEqual(['by-type']);
  });
});

describe('validateEvent', () => {
  const registry = eventRegistryFrom({ zPingWebhookRequest: request(z.literal('ping')) });
  const failure = (payload: unknown, type: unknown) => {
    try {
      validateEvent(registry, payload, type);
    } catch (error) {
      return error as { code: string; message: string };
    }
    return undefined;
  };

  it('returns the event type of a valid payload', () => {
    expect(validateEvent(registry, { event: 'ping', n: 1 }, 'ping')).toBe('ping');
  });

  it('names no type: unknown_event for an absent or empty one; an unknown type lists the known ones', () => {
    for (const type of [undefined, '', 5]) {
      expect(failure({}, type)).toMatchObject({
        code: 'unknown_event',
        message: 'The payload names no event type (no string "event" field), so it cannot be validated.',
      });
    }
    expect(failure({}, 'pong')).toMatchObject({ code: 'unknown_event', message: 'Unknown event type "pong". Known: ping.' });
  });

  it('invalid_payload lists at most five failing fields, dotted paths joined with "; ", and keeps the cause', () => {
    const wide = eventRegistryFrom({
      zWideWebhookRequest: z.object({
        body: z.object({
          event: z.literal('wide'),
          a: z.number(),
          b: z.number(),
          c: z.number(),
          d: z.number(),
          e: z.number(),
          f: z.number(),
          g: z.object({ h: z.number() }),
        }),
      }),
    });
    let caught: { code: string; message: string; cause?: unknown } | undefined;
    try {
      validateEvent(wide, { event: 'wide', g: { h: 'x' } }, 'wide');
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught?.code).toBe('invalid_payload');
    expect(caught?.cause).toBeDefined();
    const listed = caught!.message.replace(/^The "wide" payload does not match the spec: /, '').split('; ');
    expect(listed.map((issue) => issue.slice(0, issue.indexOf(':')))).toEqual(['a', 'b', 'c', 'd', 'e']);
    let nested: string | undefined;
    try {
      validateEvent(wide, { event: 'wide', a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: { h: 'x' } }, 'wide');
    } catch (error) {
      nested = (error as Error).message;
    }
    expect(nested).toMatch(/spec: g\.h: [^;]*\.$/);
  });

  it('an unknown type lists every known one, joined with ", "', () => {
    const two = eventRegistryFrom({ zAWebhookRequest: request(z.literal('a')), zBWebhookRequest: request(z.literal('b')) });
    expect(() => validateEvent(two, {}, 'c')).toThrow('Unknown event type "c". Known: a, b.');
  });

  it('invalid_payload names the failing fields by path, the whole payload as (root)', () => {
    expect(failure({ event: 'ping', n: 'one' }, 'ping')?.message).toMatch(/^The "ping" payload does not match the spec: n: /);
    expect(failure('not an object', 'ping')?.message).toMatch(/^The "ping" payload does not match the spec: \(root\): /);
  });
});
