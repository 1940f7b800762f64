import { describe, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { createExchangeTestDelivery, verifyExchangeWebhook } from '../../src/exchange/index.ts';
import { createPipevestTestDelivery, verifyPipevestWebhook } from '../../src/pipevest/index.ts';
import { createProvenTestDelivery } from '../../src/proven/index.ts';
import { createProvenonceTestDelivery, verifyProvenonceWebhook } from '../../src/provenonce/index.ts';
import { createSidclawTestDelivery, verifySidclawWebhook } from '../../src/sidclaw/index.ts';

const secret = 'whsec_test_delivery';
const url = 'https://receiver.example/hooks';

describe('create<Api>TestDelivery builds deliveries the project verifier accepts', () => {
  it('sidclaw: envelope, id and timestamp headers, signature over the body', async () => {
    const timestamp = new Date();
    const delivery = await createSidclawTestDelivery({ event: 'agent.suspended', data: { agent_id: 'ag_1' }, secret, url, id: 'del_1', timestamp });
    expect(delivery.headers['x-webhook-id']).toBe('del_1');
    expect(delivery.headers['x-webhook-timestamp']).toBe(timestamp.toISOString());
    expect(JSON.parse(delivery.body)).toMatchObject({ id: 'del_1', event: 'agent.suspended', data: { agent_id: 'ag_1' } });
    const event = await verifySidclawWebhook(delivery.request, { secret, replayStore: false });
    expect(event.type).toBe('agent.suspended');
    expect(event.deliveryId).toBe('del_1');
    await expect(verifySidclawWebhook(delivery.request, { secret: 'other', replayStore: false })).rejects.toMatchObject({ code: 'signature_mismatch' });
  });

  it('provenonce and exchange: sha256=<hex> of the exact body given', async () => {
    const body = '{ "event": "agent.frozen", "data": {} }';
    const provenonce = await createProvenonceTestDelivery({ event: 'agent.frozen', body, secret, url });
    expect(provenonce.body).toBe(body);
    expect((await verifyProvenonceWebhook(provenonce.request, { secret })).type).toBe('agent.frozen');
    const exchange = await createExchangeTestDelivery({ event: 'order.created', data: { orderId: 'ord_1' }, secret, url });
    expect(exchange.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect((await verifyExchangeWebhook(exchange.request, { secret })).type).toBe('order.created');
  });

  it('proven: X-API-Key only when a key is given', async () => {
    const webhook = { connection_id: 'c1', state: 'completed' };
    const withKey = await createProvenTestDelivery({ event: 'connection:completed', data: webhook, apiKey: 'k1' });
    expect(withKey.headers['x-api-key']).toBe('k1');
    const without = await createProvenTestDelivery({ event: 'connection:completed', data: webhook });
    expect(without.headers).not.toHaveProperty('x-api-key');
    expect(JSON.parse(without.body)).toEqual({ event: 'connection:completed', webhook });
  });

  const webhook = { webhookId: 'wh_1', status: 'ACTIVE', url, subscriptions: ['ALL'], createdAt: 1732893484, updatedAt: 1732893484 };
  it('pipevest: RFC 9421 over the URL, with the created/expires given', async () => {
    const created = Math.floor(Date.now() / 1000) - 10;
    const delivery = await createPipevestTestDelivery({ event: 'WEBHOOK.CREATED', data: webhook, key: pipevestMockKeys.delivery.privateJwk, url, created });
    expect(delivery.headers['signature-input']).toContain(`created=${created};expires=${created + 100}`);
    expect(delivery.timestamp?.getTime()).toBe(created * 1000);
    const event = await verifyPipevestWebhook(delivery.request, { publicKey: pipevestMockKeys.delivery.publicKeyPem });
    expect(event.type).toBe('WEBHOOK.CREATED');
    const moved = new Request('https://elsewhere.example/hooks', { method: 'POST', headers: delivery.headers, body: delivery.body });
    await expect(verifyPipevestWebhook(moved, { publicKey: pipevestMockKeys.delivery.publicKeyPem })).rejects.toMatchObject({ code: 'signature_mismatch' });
  });
});
