// The check cases derived from an hmac description, sent to receivers built on the providers'
// own libraries: a correct receiver passes every graded case, and each flawed one fails exactly
// the cases that expose its flaw (Stripe's and Bolt's acceptance of future timestamps among them).
import { randomBytes, randomUUID } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';

import { hmacBattery, type HmacCaseOptions } from '../../src/check/cases/hmac-scheme.ts';
import type { CaseContext } from '../../src/check/cases/context.ts';
import { grade } from '../../src/check/grade.ts';
import { sendProbe } from '../../src/check/send-probe.ts';
import type { CaseResult } from '../../src/check/types.ts';
import { hmacDescription, type HmacDescription } from '../../src/schemes/hmac-description.ts';
import { createHmacScheme, type HmacScheme } from '../../src/schemes/hmac.ts';
import { hmacPresets } from '../../src/schemes/presets.ts';
import { serveFetch, type ServedReceiver } from '../check/serve-fetch.ts';

const served: ServedReceiver[] = [];
afterAll(async () => {
  await Promise.all(served.map((receiver) => receiver.close()));
});

const TIMEOUT_MS = 10_000;

function contextFor(url: string, scheme: HmacScheme, secret: string): CaseContext {
  return {
    adapter: { events: ['order.created', 'order.paid'], title: 'Acme' } as unknown as CaseContext['adapter'],
    url,
    signedUrl: url,
    credentials: { secret },
    sampleEvent: 'order.created',
    payload: async (event) => ({ id: `evt_${randomUUID()}`, type: event, data: { amount: 1250, note: 'thé' } }),
    sign: async (body, other) => ({
      url,
      body,
      headers: { 'content-type': 'application/json', ...(await scheme.sign({ body, secret: other?.secret ?? secret, url })) },
    }),
  };
}

/** Serves `handler`, sends the battery of `preset` to it and grades every answer. */
async function run(
  preset: keyof typeof hmacPresets | HmacDescription,
  secret: string,
  handler: (request: Request) => Promise<Response>,
  options: HmacCaseOptions = {},
): Promise<CaseResult[]> {
  const receiver = await serveFetch(handler);
  served.push(receiver);
  const scheme = createHmacScheme(typeof preset === 'string' ? hmacPresets[preset] : preset);
  const cases = hmacBattery(contextFor(receiver.url, scheme, secret), scheme, options);
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const answers = [];
    for (const probe of await testCase.build()) answers.push(await sendProbe(probe, TIMEOUT_MS));
    results.push(grade(testCase, answers, TIMEOUT_MS));
  }
  return results;
}
const ids = (results: CaseResult[], verdict: CaseResult['verdict']) =>
  results
    .filter((result) => result.verdict === verdict)
    .map((result) => result.id)
    .sort();

/** A receiver that remembers ids: a second delivery is acknowledged as a duplicate. */
function dedupe(id: string | null, seen: Set<string>): Response | undefined {
  if (id === null) return new Response('no id', { status: 400 });
  if (seen.has(id)) return Response.json({ duplicate: true });
  seen.add(id);
  return undefined;
}

/** A Standard Webhooks receiver on the `standardwebhooks` package, given the current and the previous secret. */
function standardWebhooksReceiver(secrets: readonly string[], flaw?: 'first-signature-only' | 'reserialised'): (request: Request) => Promise<Response> {
  const seen = new Set<string>();
  const verifiers = secrets.map((secret) => new StandardWebhook(secret));
  return async (request) => {
    let body = await request.text();
    const headers = Object.fromEntries(request.headers);
    if (flaw === 'first-signature-only') headers['webhook-signature'] = (headers['webhook-signature'] ?? '').split(' ')[0]!;
    if (flaw === 'reserialised') body = JSON.stringify(JSON.parse(body));
    const ok = verifiers.some((verifier) => {
      try {
        verifier.verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    if (!ok) return new Response('invalid signature', { status: 401 });
    return dedupe(request.headers.get('webhook-id'), seen) ?? new Response(null, { status: 204 });
  };
}

describe('hmac cases against receivers on the providers’ libraries', () => {
  const swSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const swPrevious = `whsec_${randomBytes(32).toString('base64')}`;

  it('a standardwebhooks receiver with both secrets passes every genuine and graded case', async () => {
    const results = await run('standard-webhooks', swSecret, standardWebhooksReceiver([swSecret, swPrevious]), { previousSecret: swPrevious });
    expect(ids(results, 'fail')).toEqual([]);
    expect(ids(results, 'warn')).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'genuine/second-of-two-signatures',
        'genuine/previous-secret',
        'forgery/timestamp-in-future',
        'forgery/timestamp-changed',
        'forgery/id-changed',
        'replay/same-delivery-twice',
      ]),
    );
  });

  it('given only the current secret, it fails exactly the previous-secret case', async () => {
    const results = await run('standard-webhooks', swSecret, standardWebhooksReceiver([swSecret]), { previousSecret: swPrevious });
    expect(ids(results, 'fail')).toEqual(['genuine/previous-secret']);
  });

  it('reading only the first signature of the list fails exactly the rotation case', async () => {
    const results = await run('standard-webhooks', swSecret, standardWebhooksReceiver([swSecret], 'first-signature-only'));
    expect(ids(results, 'fail')).toEqual(['genuine/second-of-two-signatures']);
  });

  it('verifying a re-serialised body fails exactly the form cases', async () => {
    const results = await run('standard-webhooks', swSecret, standardWebhooksReceiver([swSecret], 'reserialised'));
    expect(ids(results, 'fail')).toEqual(['form/numbers', 'form/unicode-escapes', 'form/whitespace']);
  });

  it('a receiver on stripe constructEvent fails exactly the future timestamp (it accepts one beyond the tolerance)', async () => {
    const secret = `whsec_${randomBytes(16).toString('hex')}`;
    const stripe = new Stripe('sk_test_x');
    const results = await run(
      'stripe',
      secret,
      async (request) => {
        try {
          stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature') ?? '', secret);
          return new Response(null, { status: 200 });
        } catch {
          return new Response('bad signature', { status: 400 });
        }
      },
      { refusalStatus: 400 },
    );
    expect(ids(results, 'fail')).toEqual(['forgery/timestamp-in-future']);
    expect(ids(results, 'warn')).toEqual([]);
    expect(results.find((r) => r.id === 'forgery/wrong-secret')).toMatchObject({ expected: '400', verdict: 'pass' });
    expect(results.find((r) => r.id === 'replay/same-delivery-twice')).toMatchObject({ verdict: 'info' });
  });

  it("a receiver on Bolt's verifySlackRequest fails exactly the future timestamp (Bolt checks staleness only)", async () => {
    const secret = randomBytes(16).toString('hex');
    const results = await run('slack', secret, async (request) => {
      const valid = isValidSlackRequest({
        signingSecret: secret,
        body: await request.text(),
        headers: {
          'x-slack-signature': request.headers.get('x-slack-signature') ?? '',
          'x-slack-request-timestamp': Number(request.headers.get('x-slack-request-timestamp')),
        },
      });
      return new Response(null, { status: valid ? 200 : 401 });
    });
    expect(ids(results, 'fail')).toEqual(['forgery/timestamp-in-future']);
  });

  it('where a refusal status is declared, another 4xx warns on every refusal case and fails none', async () => {
    const secret = randomBytes(16).toString('hex');
    const scheme = createHmacScheme(hmacPresets.shopify);
    const seen = new Set<string>();
    const receiver = (status: number) => async (request: Request) => {
      try {
        await scheme.verify({ body: await request.text(), headers: request.headers, secrets: secret });
      } catch {
        return new Response(null, { status });
      }
      return dedupe(request.headers.get('x-shopify-webhook-id'), seen) ?? new Response(null, { status: 200 });
    };
    const right = await run('shopify', secret, receiver(401), { refusalStatus: 401 });
    expect([ids(right, 'fail'), ids(right, 'warn')]).toEqual([[], []]);
    const wrong = await run('shopify', secret, receiver(400), { refusalStatus: 401 });
    expect(ids(wrong, 'fail')).toEqual([]);
    const refusals = wrong.filter((r) => r.expected === '401').map((r) => r.id);
    expect(refusals.length).toBeGreaterThan(5);
    expect(ids(wrong, 'warn')).toEqual(refusals.sort());
    expect(wrong.find((r) => r.id === 'forgery/wrong-secret')?.advice).toMatch(/with 401, the status the provider documents, not 400/);
    const any = await run('shopify', secret, receiver(400));
    expect([ids(any, 'fail'), ids(any, 'warn')]).toEqual([[], []]);
  });

  it.each([
    [
      'base64 secret, sha512 hex, literal and URL signed, unix-millis, several signatures',
      {
        header: 'X-Acme-Signature',
        algorithm: 'sha512',
        'signature-prefix': 'v2=',
        'signatures-delimiter': ';',
        'payload-format': { components: [{ literal: 'acme' }, 'notification-url', 'timestamp', 'message-id', 'body'], delimiter: '|' },
        timestamp: { header: 'X-Acme-Time', format: 'unix-millis', tolerance: 120 },
        'message-id': { header: 'X-Acme-Delivery' },
        'secret-encoding': 'base64',
      },
    ],
    [
      'Fern-like: sha1 base64 of timestamp.body, ISO 8601, no id',
      {
        header: 'X-Fern-Sig',
        algorithm: 'sha1',
        encoding: 'base64',
        'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
        timestamp: { header: 'X-Fern-Ts', format: 'iso8601', tolerance: 60 },
      },
    ],
  ] as const)('a receiver on hookspec’s own scheme passes every case of a custom description (%s)', async (_name, input) => {
    const description = hmacDescription.parse(input);
    const scheme = createHmacScheme(description);
    const secret = description['secret-encoding'] === 'base64' ? randomBytes(24).toString('base64') : 'custom-secret';
    const previousSecret = description['secret-encoding'] === 'base64' ? randomBytes(24).toString('base64') : 'previous-secret';
    const seen = new Set<string>();
    const results = await run(
      description,
      secret,
      async (request) => {
        try {
          const verified = await scheme.verify({ body: await request.text(), headers: request.headers, secrets: [secret, previousSecret], url: request.url });
          return (verified.messageId === undefined ? undefined : dedupe(verified.messageId, seen)) ?? new Response(null, { status: 204 });
        } catch {
          return new Response(null, { status: 401 });
        }
      },
      { previousSecret },
    );
    expect([ids(results, 'fail'), ids(results, 'warn')]).toEqual([[], []]);
    expect(results.length).toBeGreaterThan(15);
  });
});
