// The rfc9421 scheme's signing side: the headers it writes, and the created/expires it puts in
// Signature-Input (the caller's, else now and the description's expires-after).
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRfc9421Scheme, type Rfc9421Description } from '../../src/schemes/rfc9421.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const body = '{"event":"key.rotated"}';
const url = 'https://hooks.example.test/keybox';
const components = ['content-digest', 'content-type', '@method', '@target-uri'];
const description = (extra: Partial<Rfc9421Description> = {}): Rfc9421Description => ({ algorithm: 'ed25519', label: 'sig1', components, ...extra });
const sign = (extra: Partial<Rfc9421Description>, input: { created?: number; expires?: number } = {}) =>
  createRfc9421Scheme(description(extra)).sign({ body, url, key: privateKey, keyId: 'kb-1', ...input });

afterEach(() => {
  vi.useRealTimers();
});

describe('createRfc9421Scheme().sign', () => {
  it('writes content-type, the content-digest (sha-256 by default) and the signature over the description’s components', async () => {
    const headers = await sign({}, { created: 1_772_366_400 });
    expect(Object.keys(headers)).toEqual(['content-type', 'content-digest', 'signature-input', 'signature']);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
    expect(headers['signature-input']).toBe('sig1=("content-digest" "content-type" "@method" "@target-uri");created=1772366400;keyid="kb-1"');
    expect((await sign({ 'content-digest': 'sha-512' }, { created: 1 }))['content-digest']).toMatch(/^sha-512=:/);
  });

  it('created defaults to now, in whole seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T12:00:00.900Z'));
    expect((await sign({}))['signature-input']).toContain(';created=1772366400;');
  });

  it('expires: the caller’s, else created plus expires-after, else none', async () => {
    expect((await sign({ 'expires-after': 100 }, { created: 1000 }))['signature-input']).toMatch(/;created=1000;expires=1100;keyid="kb-1"$/);
    expect((await sign({ 'expires-after': 100 }, { created: 1000, expires: 1005 }))['signature-input']).toMatch(/;created=1000;expires=1005;keyid="kb-1"$/);
    expect((await sign({}, { created: 1000, expires: 1005 }))['signature-input']).toMatch(/;created=1000;expires=1005;keyid="kb-1"$/);
    expect((await sign({}, { created: 1000 }))['signature-input']).not.toContain('expires');
  });

  it('what it signs, it verifies with the public key', async () => {
    const scheme = createRfc9421Scheme(description({ 'expires-after': 60 }));
    const headers = await scheme.sign({ body, url, key: privateKey, keyId: 'kb-1', created: 1000 });
    const verified = await scheme.verify({ body, method: 'POST', url, headers: new Headers(headers), key: publicKey, now: () => 1010 });
    expect([verified.params.created, verified.params.expires, verified.params.keyid]).toEqual([1000, 1060, 'kb-1']);
  });
});
