import { afterEach, describe, expect, it, vi } from 'vitest';

import { constantTimeEqual, decodeBase64, decodeHex, encodeHex, latin1Bytes } from '../../src/signatures/bytes.ts';

describe('decodeHex', () => {
  it('decodes either case from the given start', () => {
    expect(decodeHex('0aFF')).toEqual(new Uint8Array([10, 255]));
    expect(decodeHex('sha256=09af', 7)).toEqual(new Uint8Array([9, 175]));
    expect(decodeHex('')).toEqual(new Uint8Array([]));
  });

  it('refuses an odd length, non-hex ASCII and characters beyond ASCII', () => {
    expect(decodeHex('abc')).toBeUndefined();
    expect(decodeHex('0')).toBeUndefined();
    // ':' follows '9' and '@' precedes 'A', 'G' and 'g' follow 'F' and 'f'.
    for (const text of ['0:', ':0', '0@', '0G', '0g', '0/', '0`']) expect(decodeHex(text)).toBeUndefined();
    for (const text of ['é0', '0é', 'ā0', '0ā']) expect(decodeHex(text)).toBeUndefined();
  });
});

describe('other byte helpers', () => {
  it('encodeHex pads to two digits', () => {
    expect(encodeHex(new Uint8Array([0, 10, 255]))).toBe('000aff');
  });

  it('decodeBase64 decodes standard and URL-safe text and refuses the invalid', () => {
    expect(decodeBase64('AQID')).toEqual(new Uint8Array([1, 2, 3]));
    expect(decodeBase64('_-8=')).toEqual(new Uint8Array([255, 239]));
    expect(decodeBase64('/+8')).toEqual(new Uint8Array([255, 239]));
    for (const text of ['A', 'AB=', 'AQID!', 'A===']) expect(decodeBase64(text)).toBeUndefined();
  });

  it('constantTimeEqual compares the bytes and the length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('latin1Bytes gives one byte per character', () => {
    expect([...latin1Bytes('é\u00ff A')]).toEqual([0xe9, 0xff, 0x20, 0x41]);
  });
});

describe('latin1Bytes without Buffer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('gives the same bytes', async () => {
    vi.stubGlobal('Buffer', undefined);
    vi.resetModules();
    const bytes = await import('../../src/signatures/bytes.ts');
    vi.unstubAllGlobals();
    const out = bytes.latin1Bytes('é\u00ff A');
    expect(out).toBeInstanceOf(Uint8Array);
    expect([...out]).toEqual([0xe9, 0xff, 0x20, 0x41]);
    expect([...bytes.latin1Bytes('')]).toEqual([]);
  });
});
