/**
 * Proven: no signature; an optional shared `X-API-Key`, and a payload the document asks
 * receivers to validate.
 * @module
 */
import type { CheckCase } from '../types.ts';
import { formCases, genuineCases, replayNote } from './common.ts';
import { apiKeyCases } from './api-key-scheme.ts';
import type { CaseContext } from './context.ts';

export function provenCases(ctx: CaseContext): CheckCase[] {
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    ...apiKeyCases(ctx, 'X-API-Key', { where: ' on the Proven agent', refusalStatus: 401 }),
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
