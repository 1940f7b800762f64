/**
 * The runtime event lists each `hookspec/<api>` entry exports: the same events as the spec's
 * generated types (compile-time) and the generated validators (run-time), nothing hand-listed.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EventType as SidclawEventType, Webhooks as SidclawWebhooks } from '../../generated/sidclaw/types.gen.ts';
import type { Webhooks as ProvenWebhooks } from '../../generated/proven/types.gen.ts';
import { webhookValidators as sidclawValidators } from '../../generated/sidclaw/webhook-validators.gen.ts';
import { webhookValidators as provenonceValidators } from '../../generated/provenonce/webhook-validators.gen.ts';
import { webhookValidators as exchangeValidators } from '../../generated/exchange/webhook-validators.gen.ts';
import { webhookValidators as provenValidators } from '../../generated/proven/webhook-validators.gen.ts';
import { webhookValidators as pipevestValidators } from '../../generated/pipevest/webhook-validators.gen.ts';
import { zEventType as zSidclawEventType } from '../../generated/sidclaw/zod.gen.ts';
import { zEventType as zProvenonceEventType } from '../../generated/provenonce/zod.gen.ts';
import { zEventType as zExchangeEventType } from '../../generated/exchange/zod.gen.ts';
import { sidclawEventTypes, sidclawWebhookEvents, type SidclawWebhookEventType } from '../../src/sidclaw/index.ts';
import { provenonceEventTypes, provenonceWebhookEvents } from '../../src/provenonce/index.ts';
import { exchangeEventTypes, exchangeWebhookEvents } from '../../src/exchange/index.ts';
import { provenWebhookEvents, type ProvenWebhookEventType } from '../../src/proven/index.ts';
import { pipevestWebhookEvents } from '../../src/pipevest/index.ts';
import type { SidclawMockEvent } from '../../mocks/sidclaw/index.ts';
import type { ProvenMockEvent } from '../../mocks/proven/index.ts';

describe('runtime event lists', () => {
  it('list every webhook the spec sends, as the generated validators key them', () => {
    const cases = [
      [sidclawWebhookEvents, sidclawValidators],
      [provenonceWebhookEvents, provenonceValidators],
      [exchangeWebhookEvents, exchangeValidators],
      [provenWebhookEvents, provenValidators],
      [pipevestWebhookEvents, pipevestValidators],
    ] as const;
    for (const [list, validators] of cases) expect([...list].sort()).toEqual(Object.keys(validators).sort());
    expect(sidclawWebhookEvents).toContain('test');
    expect(sidclawWebhookEvents).toHaveLength(9);
  });

  it('list the subscribable event types in the spec enum order', () => {
    expect(sidclawEventTypes).toEqual(zSidclawEventType.options);
    expect(provenonceEventTypes).toEqual(zProvenonceEventType.options);
    expect(exchangeEventTypes).toEqual(zExchangeEventType.options);
    expect(sidclawEventTypes).toHaveLength(8);
    expect(sidclawEventTypes).not.toContain('test');
  });

  it('type the mock events as the spec webhooks, `test` included, and subscriptions without it', () => {
    expectTypeOf<SidclawWebhookEventType>().toEqualTypeOf<SidclawWebhooks['key']>();
    expectTypeOf<SidclawMockEvent>().toEqualTypeOf<SidclawWebhooks['key']>();
    expectTypeOf<SidclawMockEvent>().toEqualTypeOf<SidclawEventType | 'test'>();
    expectTypeOf<ProvenMockEvent>().toEqualTypeOf<ProvenWebhookEventType>();
    expectTypeOf<ProvenWebhookEventType>().toEqualTypeOf<ProvenWebhooks['key']>();
    expectTypeOf<(typeof sidclawEventTypes)[number]>().toEqualTypeOf<SidclawEventType>();
  });

  it('are readonly tuples: an index within the list is its event, not `… | undefined`', () => {
    // Under noUncheckedIndexedAccess, an element of a plain array type is `T | undefined`.
    expectTypeOf(sidclawEventTypes[0]).toEqualTypeOf<'approval.requested'>();
    expectTypeOf(provenonceEventTypes[0]).not.toBeUndefined();
    expectTypeOf(exchangeEventTypes[0]).not.toBeUndefined();
    expectTypeOf(sidclawWebhookEvents[0]).not.toBeUndefined();
    expectTypeOf(provenWebhookEvents[0]).not.toBeUndefined();
    expectTypeOf(pipevestWebhookEvents[0]).not.toBeUndefined();
    const first: SidclawEventType = sidclawEventTypes[0];
    expect(first).toBe('approval.requested');
  });
});
