/**
 * Proven: no signature; an optional shared `X-API-Key`, and a payload the document asks
 * receivers to validate.
 * @module
 */
import type { CheckCase } from '../types.ts';
import { formCases, genuineCases, replayNote } from './common.ts';
import { withHeader, type CaseContext } from './context.ts';

const HEADER = 'x-api-key';

export function provenCases(ctx: CaseContext): CheckCase[] {
  const genuine = async () => ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)));
  const keyCases: CheckCase[] =
    ctx.credentials.secret === undefined
      ? [
          {
            id: 'forgery/api-key',
            group: 'forgery',
            sent: 'not sent',
            expect: 'none',
            advice:
              'Not graded: no X-API-Key was given (--secret), so anyone can post deliveries; configure a key on the Proven agent and check again with it.',
            build: async () => [],
          },
        ]
      : [
          {
            id: 'forgery/api-key-missing',
            group: 'forgery',
            sent: 'a delivery without X-API-Key',
            expect: 'refuse',
            advice: 'A key is configured: refuse deliveries without X-API-Key (401).',
            build: async () => [withHeader(await genuine(), HEADER, undefined)],
          },
          {
            id: 'forgery/api-key-wrong',
            group: 'forgery',
            sent: 'a delivery with another X-API-Key',
            expect: 'refuse',
            advice: 'Compare X-API-Key with the configured key in constant time and refuse any other (401).',
            build: async () => [withHeader(await genuine(), HEADER, `${ctx.credentials.secret}-forged`)],
          },
        ];
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    ...keyCases,
    {
      id: 'forgery/payload-breaks-schema',
      group: 'forgery',
      sent: `a ${ctx.sampleEvent} delivery whose webhook is a number, not an object`,
      expect: 'refuse',
      advice: 'Validate the payload against the schema of its event (the Proven document asks for it) and refuse one that breaks it (400).',
      build: async () => [await ctx.sign(JSON.stringify({ ...(await ctx.payload(ctx.sampleEvent)), webhook: 42 }))],
    },
    replayNote(
      "Not graded: Proven signs nothing and sends no delivery id or timestamp, so a receiver cannot tell a replay from a retry; make processing idempotent on the event's own ids (connection_id, cred_ex_id, …).",
    ),
  ];
}
