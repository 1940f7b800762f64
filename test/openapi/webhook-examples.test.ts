// Every document example of a webhook payload parses with the generated validator; a mutated
// one (wrong event, a required field removed, not an object) is rejected.
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import * as exchange from '../../generated/exchange/zod.gen.ts';
import * as pipevest from '../../generated/pipevest/zod.gen.ts';
import * as proven from '../../generated/proven/zod.gen.ts';
import * as provenonce from '../../generated/provenonce/zod.gen.ts';
import * as sidclaw from '../../generated/sidclaw/zod.gen.ts';
import { webhookValidators as exchangeMap } from '../../generated/exchange/webhook-validators.gen.ts';
import { webhookValidators as pipevestMap } from '../../generated/pipevest/webhook-validators.gen.ts';
import { webhookValidators as provenMap } from '../../generated/proven/webhook-validators.gen.ts';
import { webhookValidators as provenonceMap } from '../../generated/provenonce/webhook-validators.gen.ts';
import { webhookValidators as sidclawMap } from '../../generated/sidclaw/webhook-validators.gen.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { webhookEntries } from '../support/specs.ts';

const registries = Object.fromEntries(
  Object.entries({ exchange, pipevest, proven, provenonce, sidclaw }).map(([api, module]) => [api, eventRegistryFrom(module)]),
);

/** The body validator the generator made for a webhook (its `z…WebhookRequest.shape.body`). */
function bodyValidator(api: string, event: string): ZodType {
  const validator = registries[api]?.get(event);
  if (!validator) throw new Error(`no generated validator for ${api} ${event}`);
  return validator;
}

const entries = webhookEntries();
const withExamples = entries.filter((e) => e.examples.length > 0);

describe('webhook payload validators', () => {
  it('the generator made one validator per webhook, found by its event constant', () => {
    for (const api of Object.keys(registries)) {
      expect([...registries[api]!.keys()].sort()).toEqual(
        entries
          .filter((e) => e.api === api)
          .map((e) => e.event)
          .sort(),
      );
    }
  });

  it('the generated webhook-validators map of each API has exactly its events, with the same validators', () => {
    const maps: Record<string, Readonly<Record<string, ZodType>>> = {
      exchange: exchangeMap,
      pipevest: pipevestMap,
      proven: provenMap,
      provenonce: provenonceMap,
      sidclaw: sidclawMap,
    };
    expect(Object.keys(maps).sort()).toEqual(Object.keys(registries).sort());
    for (const [api, map] of Object.entries(maps)) {
      expect(Object.keys(map).sort()).toEqual(
        entries
          .filter((e) => e.api === api)
          .map((e) => e.event)
          .sort(),
      );
      for (const [event, validator] of Object.entries(map)) expect(validator).toBe(registries[api]!.get(event));
    }
  });

  it('the documents give example payloads for proven (6) and sidclaw test (1)', () => {
    const fromDocuments = withExamples.filter((e) => e.examples.some((example) => example.name === 'document'));
    expect(fromDocuments.map((e) => `${e.api} ${e.event}`).sort()).toEqual(
      [
        'proven basic-message:received',
        'proven connection:completed',
        'proven credentials:done',
        'proven oid4vc-credential:issued',
        'proven oid4vc-presentation:verified',
        'proven presentation:verified',
        'sidclaw test',
      ].sort(),
    );
  });

  for (const entry of withExamples) {
    describe(`${entry.api} ${entry.event}`, () => {
      const validator = bodyValidator(entry.api, entry.event);
      for (const example of entry.examples) {
        it(`accepts the document example "${example.name}"`, () => {
          const result = validator.safeParse(example.value);
          expect(result.error?.issues ?? []).toEqual([]);
          expect((result.data as { event: string }).event).toBe(entry.event);
        });
        it('rejects it with a wrong event', () => {
          expect(validator.safeParse({ ...(example.value as object), event: `${entry.event}.wrong` }).success).toBe(false);
        });
        for (const field of entry.schema.required ?? []) {
          it(`rejects it without the required field "${field}"`, () => {
            const mutated = { ...(example.value as Record<string, unknown>) };
            delete mutated[field];
            expect(validator.safeParse(mutated).success).toBe(false);
          });
        }
      }
    });
  }

  for (const entry of entries) {
    it(`${entry.api} ${entry.event}: rejects a non-object body and a foreign event name`, () => {
      const validator = bodyValidator(entry.api, entry.event);
      expect(validator.safeParse('{"event":"x"}').success).toBe(false);
      expect(validator.safeParse([]).success).toBe(false);
      expect(validator.safeParse({ event: 'not.an.event' }).success).toBe(false);
      expect(validator.safeParse({ event: entry.event }).success).toBe(!(entry.schema.required ?? []).some((f: string) => f !== 'event'));
    });
  }
});
