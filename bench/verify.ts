/**
 * Verification benchmark: hookspec against the bare node:crypto limit and popular packages,
 * all measured in one run on the same 1 KiB JSON body. Adding a row = adding one entry to `cases`.
 *
 * Run: npm run bench:verify
 */
import { createHash, createHmac, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import { Webhook } from 'standardwebhooks';
import { parseDictionary } from 'structured-headers';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';

import { webhookValidators as sidclawValidators } from '../generated/sidclaw/webhook-validators.gen.ts';
import { createHmacScheme } from '../src/schemes/hmac.ts';
import { hmacDescription } from '../src/schemes/hmac-description.ts';
import { hmacPresets } from '../src/schemes/presets.ts';
import { verifySidclawWebhookSync } from '../src/sidclaw/verify-webhook.ts';
import { signHmacSha256, signHttpMessage, verifyHmacSha256, verifyHmacSha256Async, verifyHttpMessage } from '../src/signatures/index.ts';
import { ED25519, HMAC_SECRET, jsonBody1KiB } from './lib/fixtures.ts';
import { measureAll, type BenchCase } from './lib/measure.ts';
import { ratioToReference, renderTable } from './lib/table.ts';

const body = jsonBody1KiB();
const bodyBytes = Buffer.from(body);

// ---- HMAC `sha256=<hex>` fixtures
const hmacHeader = signHmacSha256(HMAC_SECRET, body);
const stripeSecret = 'whsec_test_secret';
const stripe = new Stripe('sk_test_x');
const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: body, secret: stripeSecret });
const standardSecret = `whsec_${Buffer.from(HMAC_SECRET).toString('base64')}`;
const standard = new Webhook(standardSecret);
const standardHeaders = {
  'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
  'webhook-signature': standard.sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', new Date(), body),
};
const svix = new SvixWebhook(standardSecret);
const standardScheme = createHmacScheme(hmacPresets['standard-webhooks']);
const standardFetchHeaders = new Headers(standardHeaders);
// The configuration of SidClaw, Provenonce and Exchange (`sha256=<hex>` of the body) through the generic scheme.
const plainScheme = createHmacScheme(hmacDescription.parse({ header: 'x-webhook-signature', 'signature-prefix': 'sha256=' }));
const plainHeaders = new Headers({ 'x-webhook-signature': hmacHeader });

const sidclawHeaders = { 'x-webhook-signature': hmacHeader, 'x-webhook-id': 'del-001', 'x-webhook-timestamp': new Date().toISOString() };

// ---- RFC 9421 Ed25519 fixtures (same request, same covered components everywhere)
const components = ['@method', '@target-uri', 'content-type', 'content-digest'];
const request = {
  method: 'POST',
  url: 'https://receiver.example/webhooks/pipevest',
  headers: {
    'content-type': 'application/json',
    'content-digest': `sha-256=:${createHash('sha256').update(body).digest('base64')}:`,
  } as Record<string, string>,
};
const keys = new Map([['bench-key', ED25519.publicKey]]);
const created = Math.floor(Date.now() / 1000);
const signed = await signHttpMessage(request, { key: ED25519.privateKey, keyid: 'bench-key', components, created, label: 'sig' });
const signedRequest = { ...request, headers: { ...request.headers, ...signed.headers } };
const signatureBase = Buffer.from(signed.signatureBase);
const bareSignature = cryptoSign(null, signatureBase, ED25519.privateKey);
const hmsSigner = createSigner(ED25519.privateKey, 'ed25519', 'bench-key');
const hmsVerifyingKey = { id: 'bench-key', algs: ['ed25519'], verify: createVerifier(ED25519.publicKey, 'ed25519') };

const HMAC = 'HMAC-SHA256 over the body (1 KiB)';
const SIGN = 'RFC 9421 ed25519 sign (4 components)';
const VERIFY = 'RFC 9421 ed25519 verify (4 components)';

const cases: BenchCase[] = [
  {
    group: HMAC,
    name: 'node:crypto createHmac + timingSafeEqual',
    note: 'the limit: hex-decode header, HMAC, constant-time compare',
    run: () => {
      const expected = createHmac('sha256', HMAC_SECRET).update(body).digest();
      const received = Buffer.from(hmacHeader.slice(7), 'hex');
      return received.length === expected.length && timingSafeEqual(received, expected);
    },
  },
  {
    group: HMAC,
    name: 'hookspec verifyHmacSha256 (sync)',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'strict header check, rotation-ready',
    run: () => verifyHmacSha256(HMAC_SECRET, body, hmacHeader) === 0,
  },
  {
    group: HMAC,
    name: 'hookspec hmac scheme, sha256=<hex> (sync)',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'createHmacScheme of the SidClaw/Provenonce/Exchange fields, verifySync',
    run: () => plainScheme.verifySync({ body, headers: plainHeaders, secrets: HMAC_SECRET }).secretIndex === 0,
  },
  {
    group: HMAC,
    name: 'hookspec verifyHmacSha256Async (Web Crypto)',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'crypto.subtle.verify, cached CryptoKey',
    run: async () => (await verifyHmacSha256Async(HMAC_SECRET, body, hmacHeader)) === 0,
  },
  {
    group: HMAC,
    name: 'hookspec verifySidclawWebhookSync',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'verify + timestamp + JSON.parse + zod validation of the event',
    run: () => verifySidclawWebhookSync({ body, headers: sidclawHeaders }, { secret: HMAC_SECRET, replayStore: false }).type,
  },
  {
    group: HMAC,
    name: 'node:crypto HMAC + JSON.parse + zod',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'floor for verify + parse + validate: the three steps alone, no headers',
    run: () => {
      const expected = createHmac('sha256', HMAC_SECRET).update(body).digest();
      const received = Buffer.from(hmacHeader.slice(7), 'hex');
      if (received.length !== expected.length || !timingSafeEqual(received, expected)) return false;
      return sidclawValidators['approval.requested'].safeParse(JSON.parse(body)).success;
    },
  },
  {
    group: HMAC,
    name: 'stripe webhooks.constructEvent',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'also checks the timestamp and JSON.parses the body',
    run: () => stripe.webhooks.constructEvent(body, stripeHeader, stripeSecret),
  },
  {
    group: HMAC,
    name: 'standardwebhooks Webhook.verify',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'signs id.timestamp.body (base64), checks timestamp, JSON.parses',
    run: () => standard.verify(body, standardHeaders),
  },
  {
    group: HMAC,
    name: 'svix Webhook.verify',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'same headers and secret as standardwebhooks',
    run: () => svix.verify(body, standardHeaders),
  },
  {
    group: HMAC,
    name: 'hookspec standard-webhooks scheme',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'verifySync (id, timestamp, v1 list) + JSON.parse, as the two libraries return',
    run: () => standardScheme.verifySync({ body, headers: standardFetchHeaders, secrets: standardSecret }).secretIndex === 0 && JSON.parse(body),
  },
  {
    group: HMAC,
    name: '@octokit/webhooks-methods verify',
    reference: 'node:crypto createHmac + timingSafeEqual',
    note: 'async; compares the hex strings',
    run: () => octokitVerify(HMAC_SECRET, body, hmacHeader),
  },
  {
    group: SIGN,
    name: 'node:crypto sign (Ed25519)',
    note: 'the limit: crypto.sign over a prepared signature base',
    run: () => cryptoSign(null, signatureBase, ED25519.privateKey),
  },
  {
    group: SIGN,
    name: 'hookspec signHttpMessage',
    reference: 'node:crypto sign (Ed25519)',
    note: 'builds base + Signature-Input/Signature headers',
    run: () => signHttpMessage(request, { key: ED25519.privateKey, keyid: 'bench-key', components, created, label: 'sig' }),
  },
  {
    group: SIGN,
    name: 'http-message-signatures signMessage',
    reference: 'node:crypto sign (Ed25519)',
    note: 'same components',
    run: () => httpbis.signMessage({ key: hmsSigner, fields: components, name: 'sig' }, request),
  },
  {
    group: VERIFY,
    name: 'node:crypto verify (Ed25519)',
    note: 'the limit: crypto.verify over a prepared signature base',
    run: () => cryptoVerify(null, signatureBase, ED25519.publicKey, bareSignature),
  },
  {
    group: VERIFY,
    name: 'node:crypto verify + structured-headers parse',
    reference: 'node:crypto verify (Ed25519)',
    note: 'floor for any verifier that parses both fields with structured-headers',
    run: () => {
      parseDictionary(signed.headers['signature-input']);
      parseDictionary(signed.headers.signature);
      return cryptoVerify(null, signatureBase, ED25519.publicKey, bareSignature);
    },
  },
  {
    group: VERIFY,
    name: 'hookspec verifyHttpMessage',
    reference: 'node:crypto verify (Ed25519)',
    note: 'parse both fields, policy + time checks, key resolver, rebuild base',
    run: async () => (await verifyHttpMessage(signedRequest, { key: (keyid) => keys.get(keyid ?? '') })).length === 1,
  },
  {
    group: VERIFY,
    name: 'http-message-signatures verifyMessage',
    reference: 'node:crypto verify (Ed25519)',
    note: 'same signed request, key lookup',
    run: () => httpbis.verifyMessage({ keyLookup: async () => hmsVerifyingKey }, signedRequest),
  },
];

/** Linux CPU pressure (share of time runnable tasks waited for a CPU, last 10 s): context for a shared machine. */
function cpuPressure(): string {
  try {
    return /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? 'n/a';
  } catch {
    return 'n/a';
  }
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const pressureBefore = cpuPressure();
console.log(`hookspec verification benchmark — Node ${process.version}, ${cpu} (${cpus().length} cores), body ${bodyBytes.length} bytes`);
console.log(
  'Each row: warm-up, then 9 interleaved rounds of ~120 ms (~1.1 s per row); ops/s is the median round; "vs limit" is the median of the per-round ratios to the bare node:crypto row of its section.\n',
);
const results = await measureAll(cases, { warmupMs: 250, roundMs: 120, rounds: 9 });
console.log(renderTable(results));
console.log(`\nCPU pressure (some, avg10, %): ${pressureBefore} before, ${cpuPressure()} after — other load on the machine inflates the spread.`);
const byName = new Map(results.map((r) => [r.bench.name, r]));
const ratio = (a: string, b: string): string => {
  const [x, y] = [byName.get(a), byName.get(b)];
  return x === undefined || y === undefined ? 'n/a' : ratioToReference(x, y).toFixed(2);
};
console.log(
  `\nhookspec RFC 9421 verify is ${ratio('hookspec verifyHttpMessage', 'http-message-signatures verifyMessage')}× http-message-signatures; sign is ${ratio('hookspec signHttpMessage', 'http-message-signatures signMessage')}×.`,
);
console.log(
  `hookspec verify + parse + validate (SidClaw) is ${ratio('hookspec verifySidclawWebhookSync', 'stripe webhooks.constructEvent')}× stripe constructEvent (which verifies and parses only); the bare HMAC + JSON.parse + zod floor is ${ratio('node:crypto HMAC + JSON.parse + zod', 'stripe webhooks.constructEvent')}×.`,
);
console.log(
  `hookspec standard-webhooks scheme is ${ratio('hookspec standard-webhooks scheme', 'standardwebhooks Webhook.verify')}× standardwebhooks and ${ratio('hookspec standard-webhooks scheme', 'svix Webhook.verify')}× svix; the generic scheme's sha256=<hex> path is ${ratio('hookspec hmac scheme, sha256=<hex> (sync)', 'hookspec verifyHmacSha256 (sync)')}× verifyHmacSha256.`,
);
console.log(
  `hookspec RFC 9421 verify is ${ratio('hookspec verifyHttpMessage', 'node:crypto verify (Ed25519)')}× bare crypto.verify; the structured-headers parse floor is ${ratio('node:crypto verify + structured-headers parse', 'node:crypto verify (Ed25519)')}×.`,
);
