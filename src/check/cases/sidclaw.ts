/**
 * SidClaw: HMAC of the body in `X-Webhook-Signature`, with `X-Webhook-ID` and
 * `X-Webhook-Timestamp` beside it (not signed), so replays are stopped by the id and the time.
 * @module
 */
import { createSidclawTestDelivery } from '../../sidclaw/test-delivery.ts';
import type { CheckCase } from '../types.ts';
import { bodyChangedCase, formCases, genuineCases } from './common.ts';
import { withHeader, type CaseContext } from './context.ts';
import { hmacForgeries } from './hmac-signature.ts';

/** Said before advice SidClaw's document does not give: it asks receivers only to verify the signature. */
export const BEYOND_SIDCLAW_DOCUMENT = "Beyond SidClaw's document (it asks only for the signature check), hookspec advises: ";

/** Far outside any sensible tolerance (the project's verifier allows 300 s both ways). */
const SKEW_MS = 60 * 60 * 1000;

function timestampCase(ctx: CaseContext, name: string, sent: string, offsetMs: number): CheckCase {
  return {
    id: `forgery/${name}`,
    group: 'forgery',
    sent,
    expect: 'refuse',
    advice: `${BEYOND_SIDCLAW_DOCUMENT}refuse an X-Webhook-Timestamp more than a few minutes from now, both ways (the signature does not cover it, so the time and the id are all that stop a replay).`,
    build: async () => {
      const payload = await ctx.payload(ctx.sampleEvent);
      const delivery = await createSidclawTestDelivery({
        event: ctx.sampleEvent as never,
        body: JSON.stringify(payload),
        id: String(payload.id),
        secret: ctx.credentials.secret!,
        url: ctx.url,
        timestamp: new Date(Date.now() + offsetMs),
      });
      return [delivery];
    },
  };
}

/** A genuine, correctly signed delivery without one of the unsigned headers replay protection rests on. */
function missingHeaderCase(ctx: CaseContext, name: string, header: string, advice: string): CheckCase {
  return {
    id: `forgery/${name}`,
    group: 'forgery',
    sent: `a genuine delivery without ${header === 'x-webhook-id' ? 'X-Webhook-ID' : 'X-Webhook-Timestamp'}`,
    expect: 'refuse',
    advice: `${BEYOND_SIDCLAW_DOCUMENT}${advice}`,
    build: async () => [withHeader(await ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent))), header, undefined)],
  };
}

export function sidclawCases(ctx: CaseContext): CheckCase[] {
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    bodyChangedCase(ctx, 'Verify X-Webhook-Signature over the raw body before anything else, and refuse with 401 when it does not match.'),
    ...hmacForgeries(ctx, 'x-webhook-signature'),
    timestampCase(ctx, 'timestamp-too-old', 'a genuine delivery whose X-Webhook-Timestamp is an hour old', -SKEW_MS),
    timestampCase(ctx, 'timestamp-in-future', 'a genuine delivery whose X-Webhook-Timestamp is an hour ahead', SKEW_MS),
    missingHeaderCase(
      ctx,
      'timestamp-missing',
      'x-webhook-timestamp',
      'refuse a delivery without X-Webhook-Timestamp (401): without it nothing bounds a replay.',
    ),
    missingHeaderCase(ctx, 'id-missing', 'x-webhook-id', 'refuse a delivery without X-Webhook-ID (401): without it a replay cannot be recognised.'),
    {
      id: 'replay/same-delivery-twice',
      group: 'replay',
      sent: 'the same genuine delivery (same X-Webhook-ID) twice',
      expect: 'replay',
      advice:
        BEYOND_SIDCLAW_DOCUMENT +
        'remember each X-Webhook-ID (for twice the timestamp tolerance) and answer a second delivery with 2xx without processing it again, saying so (hookspec answers { "duplicate": true }); check your logs that it ran once.',
      build: async () => {
        const probe = await ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)));
        return [probe, probe];
      },
    },
  ];
}
