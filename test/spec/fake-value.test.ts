import { faker } from '@faker-js/faker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeValue, mediaExampleOf } from '../../src/spec/fake-value.ts';
import { readSpec, type Json } from '../../src/spec/read-spec.ts';
import { resolveRef } from '../../src/spec/resolve-ref.ts';
import { schemaValidators } from '../../src/spec/schema-validator.ts';

const APIS = ['sidclaw', 'provenonce', 'exchange', 'proven', 'pipevest'];

describe('fake data and validators from a spec read at run time', () => {
  it.each(APIS)('every %s webhook payload faked from its schema passes the validator built from the same schema', async (api) => {
    const spec = await readSpec(`openapi/${api}.yaml`);
    const validatorOf = schemaValidators(spec.document);
    const webhooks = Object.entries(spec.document.webhooks as Json);
    expect(webhooks.length).toBeGreaterThan(0);
    for (const [event, item] of webhooks) {
      const body = resolveRef<Json>(spec.file, spec.document, (item as Json & { post: Json }).post.requestBody);
      const schema = (body.content as Record<string, Json>)['application/json']!.schema as Json;
      for (let round = 0; round < 20; round++) {
        const fake = fakeValue(spec.file, spec.document, schema, faker);
        const result = validatorOf(schema).safeParse(fake);
        expect(result.error?.issues, `${api} ${event}: ${JSON.stringify(fake)}`).toBeUndefined();
      }
    }
  });

  it('the validator refuses what the schema refuses', async () => {
    const spec = await readSpec('openapi/sidclaw.yaml');
    const validatorOf = schemaValidators(spec.document);
    const schema = { $ref: '#/components/schemas/CreateWebhookRequest' };
    expect(validatorOf(schema).safeParse({ url: 'https://example.com/hook', events: ['approval.requested'] }).success).toBe(true);
    const refused = validatorOf(schema).safeParse({ url: 'https://example.com/hook', events: ['no.such.event'] });
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['events.0']);
  });

  it('prefers the schema example, then the first of examples, default, const', () => {
    const file = 'x.yaml';
    expect(fakeValue(file, {}, { type: 'string', example: 'ex' }, faker)).toBe('ex');
    expect(fakeValue(file, {}, { type: 'string', examples: ['first', 'second'] }, faker)).toBe('first');
    expect(fakeValue(file, {}, { type: 'integer', default: 7 }, faker)).toBe(7);
    expect(fakeValue(file, {}, { const: 'fixed' }, faker)).toBe('fixed');
    expect(mediaExampleOf(file, {}, { examples: { a: { value: { id: 1 } } } })).toEqual({ value: { id: 1 } });
    expect(mediaExampleOf(file, { components: { examples: { E: { value: 3 } } } }, { examples: { a: { $ref: '#/components/examples/E' } } })).toEqual({
      value: 3,
    });
  });

  it('fakes values that match generated schemas of strings, numbers, enums and objects', () => {
    const leaf = fc.oneof(
      fc.record({ type: fc.constant('string'), minLength: fc.integer({ min: 0, max: 8 }), maxLength: fc.integer({ min: 8, max: 40 }) }),
      fc.record({ type: fc.constant('integer'), minimum: fc.integer({ min: -50, max: 0 }), maximum: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ type: fc.constant('string'), format: fc.constantFrom('date-time', 'uuid', 'email', 'uri') }),
      fc.record({ enum: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }) }),
      fc.constant({ type: 'boolean' }),
      fc.constant({ type: ['string', 'null'], pattern: '^[a-f0-9]{12}$' }),
    );
    const object = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), leaf, { minKeys: 1, maxKeys: 6 }).map((properties) => ({
      type: 'object',
      required: Object.keys(properties),
      properties,
    }));
    fc.assert(
      fc.property(object, (schema) => {
        const validator = schemaValidators({})(schema as Json);
        const fake = fakeValue('x.yaml', {}, schema, faker);
        expect(validator.safeParse(fake).error?.issues).toBeUndefined();
      }),
      { numRuns: 300, seed: 20_261_204 },
    );
  });
});
