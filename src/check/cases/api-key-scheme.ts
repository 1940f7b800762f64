/**
 * The cases of an `api-key` scheme (a shared key sent as is in a header, nothing signed):
 * genuine deliveries, the odd JSON forms, and deliveries without the key or with another one.
 * A replay cannot be told from a retry, so it is reported, not graded.
 * @module
 */
import type { ApiKeyDelivery, DeliveryDescription } from '../../apis/delivery-description.ts';
import type { CheckCase } from '../types.ts';
import { formCases, genuineCases, replayNote } from './common.ts';
import { withHeader, type CaseContext } from './context.ts';

/** Words of the advice that depend on the provider. */
export interface ApiKeyAdvice {
  /** Where the key is configured, after "configure a key" (` on the Proven agent`). */
  readonly where?: string;
  /** The status a refusal must get, where one is documented or customary. */
  readonly refusalStatus?: number;
}

/** The key cases: without the key and with another one, or one ungraded note when no key was given. */
export function apiKeyCases(ctx: CaseContext, header: string, advice: ApiKeyAdvice = {}): CheckCase[] {
  const name = header.toLowerCase();
  const refuse = advice.refusalStatus === undefined ? '' : ` (${advice.refusalStatus})`;
  const genuine = async () => ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)));
  if (ctx.credentials.secret === undefined) {
    return [
      {
        id: 'forgery/api-key',
        group: 'forgery',
        sent: 'not sent',
        expect: 'none',
        advice: `Not graded: no ${header} was given (--secret), so anyone can post deliveries; configure a key${advice.where ?? ''} and check again with it.`,
        build: async () => [],
      },
    ];
  }
  return [
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
}

/**
 * A genuine delivery whose data field is a number instead of the object its schema describes:
 * for providers whose document asks receivers to validate the payload.
 */
export function payloadBreaksSchemaCase(ctx: CaseContext, description: DeliveryDescription): CheckCase | undefined {
  const field = description.envelope.data;
  if (field === undefined || !description['receiver-checks']?.includes('payload')) return undefined;
  const provider = description.provider ?? ctx.adapter.title;
  return {
    id: 'forgery/payload-breaks-schema',
    group: 'forgery',
    sent: `a ${ctx.sampleEvent} delivery whose ${field} is a number, not an object`,
    expect: 'refuse',
    advice: `Validate the payload against the schema of its event (the ${provider} document asks for it) and refuse one that breaks it (400).`,
    build: async () => [await ctx.sign(JSON.stringify({ ...(await ctx.payload(ctx.sampleEvent)), [field]: 42 }))],
  };
}

/**
 * The whole battery of an `api-key` API: the key cases in the description's words, the payload
 * case where the provider asks for validation, and the replay note.
 */
export function apiKeySchemeCases(ctx: CaseContext, description: ApiKeyDelivery, refusalStatus = description['refusal-status']): CheckCase[] {
  const where = description.credential.where;
  const payloadCase = payloadBreaksSchemaCase(ctx, description);
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    ...apiKeyCases(ctx, description['api-key'].header, {
      ...(where === undefined ? {} : { where: ` ${where}` }),
      ...(refusalStatus === undefined ? {} : { refusalStatus }),
    }),
    ...(payloadCase === undefined ? [] : [payloadCase]),
    replayNote(
      `Not graded: ${description.provider ?? ctx.adapter.title} signs nothing and sends no delivery id or timestamp, so a receiver cannot tell a replay from a retry; make processing idempotent on the event's own ids.`,
    ),
  ];
}
