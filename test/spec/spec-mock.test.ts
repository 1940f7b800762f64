import { createServer } from 'node:http';
import { setupServer } from 'msw/node';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSpecMock } from '../../mocks/spec/create-spec-mock.ts';
import { loadSpecApi } from '../../src/apis/load-spec-api.ts';
import { readSpec } from '../../src/spec/read-spec.ts';

const spec = await readSpec('test/fixtures/specs/acme-notify.yaml');

// The delivery side as the spec declares it (scheme: standard-webhooks); the standardwebhooks
// package is the judge of what the mock sends.
const { delivery: binding } = await loadSpecApi('test/fixtures/specs/acme-notify.yaml');

describe('a mock built from a spec alone', () => {
  const mock = createSpecMock(spec, binding, { baseUrl: 'https://api.acme-notify.test/v1', delivery: { maxAttempts: 1 } });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => mock.reset());
  afterAll(async () => {
    server.close();
    await mock.close();
  });

  it('lists the events under webhooks:', () => {
    expect(mock.events).toEqual(['invoice.paid', 'invoice.voided']);
  });

  it("answers an operation with the spec's example", async () => {
    const response = await fetch('https://api.acme-notify.test/v1/invoices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 10, currency: 'EUR' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'inv_123', amount: 4200, currency: 'EUR', status: 'open' });
  });

  it('answers fake data that matches the schema where there is no example', async () => {
    const response = await fetch('https://api.acme-notify.test/v1/invoices/inv_1');
    expect(response.status).toBe(200);
    const invoice = (await response.json()) as { id: string; currency: string; status: string; amount: number };
    expect(invoice.id).toMatch(/^inv_[A-Za-z0-9]+$/);
    expect(['EUR', 'USD']).toContain(invoice.currency);
    expect(['open', 'paid', 'void']).toContain(invoice.status);
    expect(invoice.amount).toBeGreaterThanOrEqual(1);
  });

  it("refuses a body that breaks the spec with the operation's documented 400, naming the field", async () => {
    const response = await fetch('https://api.acme-notify.test/v1/invoices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 0, currency: 'GBP' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: Array<{ path: string }> };
    expect(body.error).toBe('validation_error');
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['amount', 'currency']);
  });

  it('makes a secret in the scheme format when none is given, and refuses URLs outside the rule', () => {
    expect(mock.addEndpoint({ url: 'https://receiver.test/hooks' }).secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(mock.addEndpoint({ url: 'https://receiver.test/b', secret: 'whsec_given' }).secret).toBe('whsec_given');
    expect(() => mock.addEndpoint({ url: 'http://example.com/hooks' })).toThrow(/an https:\/\/ URL, or a loopback http:\/\/ URL/);
    expect(() => mock.addEndpoint({ url: 'ftp://127.0.0.1/x' })).toThrow(RangeError);
  });
});

describe("deliveries of a spec-only mock, verified by the provider's own library", () => {
  const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  const mock = createSpecMock(spec, binding, { delivery: { maxAttempts: 1 } });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  });
  afterAll(async () => {
    await mock.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("delivers the spec's example, and fake data where it has none, each verified by standardwebhooks", async () => {
    const { secret } = mock.addEndpoint({ url });
    const [voided] = await mock.trigger('invoice.voided');
    const [paid] = await mock.trigger('invoice.paid', { id: 'inv_77', amount: 5 });
    expect((await mock.engine.settled(voided!.id)).state).toBe('delivered');
    expect((await mock.engine.settled(paid!.id)).state).toBe('delivered');
    expect(received).toHaveLength(2);
    const verified = received.map(
      ({ headers, body }) => new Webhook(secret).verify(body, headers as Record<string, string>) as { type: string; data: unknown },
    );
    expect(verified.map((event) => event.type).sort()).toEqual(['invoice.paid', 'invoice.voided']);
    expect(verified.find((event) => event.type === 'invoice.voided')!.data).toEqual({ id: 'inv_9', reason: 'duplicate' });
    expect(verified.find((event) => event.type === 'invoice.paid')!.data).toEqual({ id: 'inv_77', amount: 5 });
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret').toString('base64')}`).verify(received[0]!.body, received[0]!.headers as Record<string, string>),
    ).toThrow();
  });

  it('refuses an event the spec does not send', async () => {
    await expect(mock.trigger('invoice.refunded')).rejects.toThrow('Unknown acme-notify event "invoice.refunded"; known: invoice.paid, invoice.voided.');
  });
});
