import { generateKeyPairSync } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  createContentDigest,
  signHttpMessage,
  verifyHttpMessage,
  type HttpRequestLike,
  type KeyInput,
  type VerifyHttpMessageOptions,
} from '../../src/signatures/index.ts';
import { codeOf } from './helpers.ts';
import { PROPERTY_RUNS } from './property-runs.ts';

const NOW = 1_700_000_000;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const DERIVED = ['@method', '@target-uri', '@authority', '@scheme', '@path', '@query', '@request-target'];
const FIELD_NAMES = ['x-a', 'x-b', 'date', 'authorization'];
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}0123456789`;
const PATH_CHARS = `${ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ._~-`;

interface TestRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

interface Case {
  request: TestRequest;
  body: Uint8Array;
  components: string[];
  nonce: string;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    method: fc.constantFrom('POST', 'PUT', 'PATCH', 'GET'),
    path: fc.array(fc.string({ unit: fc.constantFrom(...PATH_CHARS), minLength: 1, maxLength: 8 }), { maxLength: 3 }),
    query: fc.array(fc.tuple(fc.string({ unit: fc.constantFrom(...LOWER), minLength: 1, maxLength: 4 }), fc.string({ maxLength: 8 })), { maxLength: 3 }),
    fieldNames: fc.subarray(FIELD_NAMES),
    fieldValues: fc.array(fc.string({ maxLength: 40 }), { minLength: FIELD_NAMES.length, maxLength: FIELD_NAMES.length }),
    derived: fc.subarray(DERIVED),
    body: fc.uint8Array({ maxLength: 200 }),
    nonce: fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 8, maxLength: 16 }),
  })
  .map(({ method, path, query, fieldNames, fieldValues, derived, body, nonce }) => {
    const fields = fieldNames.map((name, i): [string, string] => [name, fieldValues[i] ?? '']);
    const url = new URL(`https://hooks.example.com/${path.join('/')}`);
    for (const [name, value] of query) url.searchParams.append(name, value);
    const headers: Record<string, string> = Object.fromEntries(fields);
    headers['content-digest'] = createContentDigest(body, ['sha-256']);
    const components = [...derived, ...fields.map(([name]) => name), 'content-digest'];
    return { request: { method, url: url.href, headers }, body, components, nonce };
  });

async function signCase(c: Case, key: KeyInput): Promise<TestRequest> {
  const signed = await signHttpMessage(c.request, { key, keyid: 'k', components: c.components, created: NOW, nonce: c.nonce });
  return { ...c.request, headers: { ...c.request.headers, ...signed.headers } };
}

async function outcome(message: HttpRequestLike, options: Partial<VerifyHttpMessageOptions> = {}): Promise<string> {
  try {
    const verified = await verifyHttpMessage(message, { key: publicKey, now: () => NOW, ...options });
    return `ok:${verified.length}`;
  } catch (error) {
    return `error:${codeOf(error)}`;
  }
}

function flipChar(text: string, at: number, replacement: string): string {
  const index = at % text.length;
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('RFC 9421 properties', () => {
  it('ed25519: sign → verify round trip (with body digest)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const message = await signCase(c, privateKey);
        expect(await outcome(message, { body: c.body, requiredComponents: c.components })).toBe('ok:1');
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('hmac-sha256: sign → verify round trip', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }), async (c, secret) => {
        const message = await signCase(c, secret);
        expect(await outcome(message, { key: secret, body: c.body })).toBe('ok:1');
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('changing one byte of the body, the signature, a covered header or a signature parameter is rejected with its code', async () => {
    // Each run takes one of 200 random messages signed up front (so a run costs one verification,
    // not a signature too) and applies one kind of change to it.
    const kinds = ['body', 'signature', 'header', 'parameter'] as const;
    const pool = await Promise.all(fc.sample(caseArb, { numRuns: 200, seed: 9421 }).map(async (c) => ({ c, message: await signCase(c, privateKey) })));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: pool.length - 1 }),
        fc.constantFrom(...kinds),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
        async (index, kind, which, at, mask, replacement) => {
          const { c, message } = pool[index] as (typeof pool)[number];
          if (kind === 'body') {
            fc.pre(c.body.length > 0);
            const body = c.body.slice();
            body[at % body.length] = (body[at % body.length] ?? 0) ^ mask;
            expect(await outcome(message, { body })).toBe('error:digest_mismatch');
          } else if (kind === 'signature') {
            const bytes = Buffer.from((message.headers.signature ?? '').slice('sig1=:'.length, -1), 'base64');
            bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ mask;
            const signature = `sig1=:${bytes.toString('base64')}:`;
            expect(await outcome({ ...message, headers: { ...message.headers, signature } }, { body: c.body })).toBe('error:signature_mismatch');
          } else if (kind === 'header') {
            const covered = Object.keys(c.request.headers).filter((name) => c.components.includes(name) && c.request.headers[name] !== '');
            const name = covered[which % covered.length] as string;
            const value = flipChar(c.request.headers[name] as string, at, replacement);
            fc.pre(value.trim() !== (c.request.headers[name] as string).trim());
            expect(await outcome({ ...message, headers: { ...message.headers, [name]: value } })).toBe('error:signature_mismatch');
          } else {
            const nonce = flipChar(c.nonce, at, ALNUM[mask % ALNUM.length] as string);
            fc.pre(nonce !== c.nonce);
            const input = (message.headers['signature-input'] ?? '').replace(`nonce="${c.nonce}"`, `nonce="${nonce}"`);
            expect(await outcome({ ...message, headers: { ...message.headers, 'signature-input': input } })).toBe('error:signature_mismatch');
          }
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('arbitrary strings in any of the header values and arbitrary bodies give a result or a documented error', async () => {
    const names = ['signature', 'signature-input', 'content-digest', ...FIELD_NAMES];
    const valueArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ maxLength: 120 }));
    const overridesArb = fc.array(fc.tuple(fc.constantFrom(...names), valueArb), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        caseArb,
        overridesArb,
        fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 64 })),
        fc.boolean(),
        async (c, overrides, body, fromScratch) => {
          // half the runs start from a correctly signed message, so the fuzzed values reach deep checks
          const base = fromScratch ? c.request : await signCase(c, 'secret');
          const message = { ...base, headers: { ...base.headers, ...Object.fromEntries(overrides) } };
          const result = await outcome(message, { key: (keyid) => (keyid === 'k' ? 'secret' : undefined), body, maxAge: Infinity });
          expect(result).toMatch(/^(ok:1|error:[a-z_]+)$/);
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
