// The specs hold every documented operation and webhook event: counts per API, stable
// operationIds, and the 4xx/2xx codes of the documents.
import { describe, expect, it } from 'vitest';
import { apis, type Json, loadSpec, operations, webhookEntries } from '../support/specs.ts';

describe('operations per API', () => {
  const expected: Record<string, number> = { provenonce: 3, proven: 0, exchange: 1, sidclaw: 7, pipevest: 5 };
  for (const api of apis) {
    it(`${api} has ${expected[api]} operations, each with a unique operationId`, () => {
      const ops = operations(api);
      expect(ops).toHaveLength(expected[api]!);
      const ids = ops.map((op) => op.operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]+$/);
    });
  }

  it('lists the documented operations by method and path', () => {
    const all = apis.flatMap((api) => operations(api).map((op) => `${api} ${op.method.toUpperCase()} ${op.path}`));
    expect(all.sort()).toEqual(
      [
        'exchange POST /partner/webhooks',
        'pipevest GET /webhooks',
        'pipevest GET /webhooks/key',
        'pipevest POST /auth',
        'pipevest POST /auth/test',
        'pipevest PUT /webhooks',
        'provenonce DELETE /api/v1/partner/webhook',
        'provenonce GET /api/v1/partner/webhook',
        'provenonce PUT /api/v1/partner/webhook',
        'sidclaw DELETE /api/v1/webhooks/{id}',
        'sidclaw GET /api/v1/webhooks',
        'sidclaw GET /api/v1/webhooks/{id}',
        'sidclaw GET /api/v1/webhooks/{id}/deliveries',
        'sidclaw PATCH /api/v1/webhooks/{id}',
        'sidclaw POST /api/v1/webhooks',
        'sidclaw POST /api/v1/webhooks/{id}/test',
      ].sort(),
    );
  });
});

describe('webhook events', () => {
  const entries = webhookEntries();

  it('25 events across the five APIs', () => {
    const byApi = Object.fromEntries(apis.map((api) => [api, entries.filter((e) => e.api === api).map((e) => e.event)]));
    expect(byApi).toEqual({
      provenonce: ['sigil.purchased', 'heartbeat.recorded', 'agent.frozen', 'agent.unfrozen'],
      proven: [
        'connection:completed',
        'credentials:done',
        'presentation:verified',
        'oid4vc-credential:issued',
        'oid4vc-presentation:verified',
        'basic-message:received',
      ],
      exchange: ['order.created', 'order.status_changed', 'order.cancelled', 'offer.updated'],
      sidclaw: [
        'approval.requested',
        'approval.approved',
        'approval.denied',
        'approval.expired',
        'trace.completed',
        'agent.suspended',
        'agent.revoked',
        'policy.updated',
        'test',
      ],
      pipevest: ['WEBHOOK.CREATED', 'WEBHOOK.UPDATED'],
    });
    expect(entries).toHaveLength(25);
  });

  it('every webhook body is required and names its event as a const', () => {
    for (const api of apis) {
      const spec = loadSpec(api);
      const webhooks: Json = spec.webhooks ?? {};
      for (const [event, item] of Object.entries(webhooks)) {
        expect(item.post.requestBody.required, `${api} ${event}`).toBe(true);
      }
    }
    for (const entry of entries) expect(entry.schema.properties?.event?.const, entry.event).toBe(entry.event);
  });

  it('pipevest records ALL, ACCOUNT and WEBHOOK as subscription groups', () => {
    const subscription = loadSpec('pipevest').components.schemas.Subscription;
    expect(subscription.enum).toEqual(['ALL', 'ACCOUNT', 'WEBHOOK', 'WEBHOOK.CREATED', 'WEBHOOK.UPDATED']);
    expect(Object.keys(subscription['x-hookspec-subscription-groups']).sort()).toEqual(['ACCOUNT', 'ALL', 'WEBHOOK']);
  });
});

describe('documented error codes', () => {
  const errorEnum = (api: 'provenonce' | 'sidclaw') => loadSpec(api).components.schemas.ErrorCode.enum;
  it('provenonce: WEBHOOK_INVALID, AUTH_MISSING, AUTH_FORBIDDEN, RATE_LIMITED', () => {
    expect(errorEnum('provenonce')).toEqual(['WEBHOOK_INVALID', 'AUTH_MISSING', 'AUTH_FORBIDDEN', 'RATE_LIMITED']);
  });
  it('sidclaw: validation_error, forbidden, not_found', () => {
    expect(errorEnum('sidclaw')).toEqual(['validation_error', 'forbidden', 'not_found']);
  });
  it('every operation documents at least one 2xx and one 4xx response', () => {
    for (const api of apis) {
      for (const { method, path, operation } of operations(api)) {
        const codes = Object.keys(operation.responses);
        expect(
          codes.some((c) => c.startsWith('2')),
          `${api} ${method} ${path}`,
        ).toBe(true);
        expect(
          codes.some((c) => c.startsWith('4')),
          `${api} ${method} ${path}`,
        ).toBe(true);
      }
    }
  });
});
