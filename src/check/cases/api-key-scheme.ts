/**
 * The cases of an `api-key` scheme (a shared key sent as is in a header, nothing signed), for an
 * API given by its spec: genuine deliveries, the odd JSON forms, and deliveries without the key
 * or with another one. A replay cannot be told from a retry, so it is reported, not graded.
 * @module
 */
import type { CheckCase } from '../types.ts';
import { formCases, genuineCases, replayNote } from './common.ts';
import { withHeader, type CaseContext } from './context.ts';

export function apiKeySchemeCases(ctx: CaseContext, header: string, refusalStatus?: number): CheckCase[] {
  const name = header.toLowerCase();
  const refuse = refusalStatus === undefined ? '' : ` (${refusalStatus})`;
  const genuine = async () => ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)));
  const keyCases: CheckCase[] =
    ctx.credentials.secret === undefined
      ? [
          {
            id: 'forgery/api-key',
            group: 'forgery',
            sent: 'not sent',
            expect: 'none',
            advice: `Not graded: no ${header} was given (--secret), so anyone can post deliveries; configure a key and check again with it.`,
            build: async () => [],
          },
        ]
      : [
          {
            id: 'forgery/api-key-missing',
            group: 'forgery',
            sent: `a delivery without ${header}`,
            expect: 'refuse',
            advice: `A key is configured: refuse deliveries without ${header}${refuse}.`,
            build: async () => [withHeader(await genuine(), name, undefined)],
          },
          {
            id: 'forgery/api-key-wrong',
            group: 'forgery',
            sent: `a delivery with another ${header}`,
            expect: 'refuse',
            advice: `Compare ${header} with the configured key in constant time and refuse any other${refuse}.`,
            build: async () => [withHeader(await genuine(), name, `${ctx.credentials.secret}-forged`)],
          },
        ];
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    ...keyCases,
    replayNote(
      'Not graded: the scheme signs nothing and sends no delivery id or timestamp, so a receiver cannot tell a replay from a retry; make processing idempotent.',
    ),
  ];
}
