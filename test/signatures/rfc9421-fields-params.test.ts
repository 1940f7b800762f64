/**
 * The Signature-Input / Signature dictionaries, the signature parameters and the @target-uri hint,
 * checked directly: exact values, codes, headers and causes.
 */
import type { Parameters } from 'structured-headers';
import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import type { ComponentIdentifier } from '../../src/signatures/rfc9421-component-identifier.ts';
import { targetUriHint } from '../../src/signatures/rfc9421-mismatch-hint.ts';
import { appendDictionaryMember, isValidLabel, parseSignatureField, parseSignatureInput } from '../../src/signatures/rfc9421-signature-fields.ts';
import { readSignatureParameters, serializeSignatureParams, writeSignatureParameters } from '../../src/signatures/rfc9421-signature-params.ts';
import { expectVerificationError, thrownBy } from './helpers.ts';

const METHOD: ComponentIdentifier = { name: '@method', params: new Map() } as ComponentIdentifier;
const INNER = [[['@method', new Map()]], new Map([['created', 1]])] as const;

function typed(fn: () => unknown): WebhookVerificationError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('parseSignatureInput', () => {
  it('parses a string and header lines joined with ", "', () => {
    expect([...parseSignatureInput('sig1=("@method");created=1').keys()]).toEqual(['sig1']);
    expect([...parseSignatureInput(['a=("@method")', 'b=("@path")']).keys()]).toEqual(['a', 'b']);
  });

  it('treats an absent, empty or blank value as missing', () => {
    for (const value of [undefined, null, '', '   ', [], ['  ']]) {
      expectVerificationError(
        thrownBy(() => parseSignatureInput(value)),
        'missing_header',
        'signature-input',
      );
    }
  });

  it('rejects an invalid dictionary with the header and the parser error as cause', () => {
    const error = typed(() => parseSignatureInput('sig1=('));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('rejects a member that is not an inner list', () => {
    const error = typed(() => parseSignatureInput('sig1=("@method"), sig2=1'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(error.cause).toBeUndefined();
  });
});

describe('parseSignatureField', () => {
  it('returns the bytes of each label, from a string or joined lines', () => {
    expect(parseSignatureField('sig1=:AAEC:')).toEqual(new Map([['sig1', new Uint8Array([0, 1, 2])]]));
    expect(parseSignatureField(['a=:AAEC:', 'b=:AQ==:'])).toEqual(
      new Map([
        ['a', new Uint8Array([0, 1, 2])],
        ['b', new Uint8Array([1])],
      ]),
    );
  });

  it('treats an absent or blank value as missing', () => {
    for (const value of [undefined, '', ' \t '])
      expectVerificationError(
        thrownBy(() => parseSignatureField(value)),
        'missing_header',
        'signature',
      );
  });

  it('rejects an invalid dictionary with the header and cause', () => {
    const error = typed(() => parseSignatureField('sig1=:AAEC'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('rejects members that are inner lists or items other than byte sequences', () => {
    for (const value of ['sig1=(:AAEC:)', 'sig1=1', 'sig1="AAEC"', 'sig1=?1']) {
      const error = typed(() => parseSignatureField(value));
      expect(error.code).toBe('malformed_header');
      expect(error.header).toBe('signature');
    }
  });
});

describe('isValidLabel', () => {
  it('accepts structured-field keys only, over the whole string', () => {
    expect(isValidLabel('sig-b26')).toBe(true);
    expect(isValidLabel('*a_1.b')).toBe(true);
    expect(isValidLabel('Sig')).toBe(false);
    expect(isValidLabel('sigA')).toBe(false);
    expect(isValidLabel('sig 1')).toBe(false);
    expect(isValidLabel('')).toBe(false);
  });
});

describe('appendDictionaryMember', () => {
  it('serialises the member alone, or after the existing members', () => {
    expect(appendDictionaryMember(undefined, 'sig1', [new Uint8Array([0, 1, 2]), new Map()], 'signature')).toBe('sig1=:AAEC:');
    expect(appendDictionaryMember('   ', 'sig1', [...INNER] as never)).toBe('sig1=("@method");created=1');
    expect(appendDictionaryMember('a=1', 'sig1', [...INNER] as never)).toBe('a=1, sig1=("@method");created=1');
    expect(appendDictionaryMember(['a=1', 'b=2'], 'sig1', [...INNER] as never)).toBe('a=1, b=2, sig1=("@method");created=1');
  });

  it('uses the serialised member as given when there is nothing before it, and parses existing members otherwise', () => {
    // The given serialisation is used verbatim (it is not re-derived from the member).
    expect(appendDictionaryMember(undefined, 'sig1', [...INNER] as never, 'signature-input', 'GIVEN')).toBe('sig1=GIVEN');
    expect(appendDictionaryMember(' ', 'sig1', [...INNER] as never, 'signature-input', 'GIVEN')).toBe('sig1=GIVEN');
    expect(appendDictionaryMember('a=1', 'sig1', [...INNER] as never, 'signature-input', 'GIVEN')).toBe('a=1, sig1=("@method");created=1');
  });

  it('refuses an invalid label, naming the header (signature-input by default)', () => {
    for (const serialized of [undefined, '("@method")']) {
      const error = typed(() => appendDictionaryMember(undefined, 'Sig', [...INNER] as never, undefined, serialized));
      expect(error.code).toBe('malformed_header');
      expect(error.header).toBe('signature-input');
      expect(error.cause).toBeUndefined();
    }
    expect(typed(() => appendDictionaryMember(undefined, 'sig 1', [new Uint8Array(1), new Map()], 'signature')).header).toBe('signature');
  });

  it('refuses an existing value that is not a dictionary, with the cause', () => {
    const error = typed(() => appendDictionaryMember('a=(', 'sig1', [new Uint8Array(1), new Map()], 'signature'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('refuses a label that is taken', () => {
    const error = typed(() => appendDictionaryMember('sig1=:AA==:', 'sig1', [new Uint8Array(1), new Map()], 'signature'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature');
    expect(error.cause).toBeUndefined();
  });

  it('refuses a member that cannot be serialised, with the cause', () => {
    const error = typed(() => appendDictionaryMember(undefined, 'sig1', ['\u0001', new Map()], 'signature'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('readSignatureParameters', () => {
  const read = (entries: [string, unknown][]) => readSignatureParameters(new Map(entries) as Parameters, 'sig1');

  it('reads the typed parameters and ignores extension parameters of any type', () => {
    expect(
      read([
        ['created', 0],
        ['expires', 5],
        ['nonce', 'n'],
        ['alg', 'ed25519'],
        ['keyid', 'k'],
        ['tag', 't'],
        ['ext', 1],
        ['flag', true],
      ]),
    ).toEqual({ created: 0, expires: 5, nonce: 'n', alg: 'ed25519', keyid: 'k', tag: 't' });
  });

  it('rejects integers that are negative, fractional or not numbers', () => {
    for (const value of [-1, 1.5, '5', true]) {
      for (const name of ['created', 'expires']) {
        const error = typed(() => read([[name, value]]));
        expect(error.code).toBe('malformed_header');
        expect(error.header).toBe('signature-input');
      }
    }
  });

  it('rejects string parameters that are not strings', () => {
    for (const name of ['nonce', 'alg', 'keyid', 'tag']) {
      const error = typed(() => read([[name, 1]]));
      expect(error.code).toBe('malformed_header');
      expect(error.header).toBe('signature-input');
    }
  });
});

describe('writeSignatureParameters', () => {
  it('writes in a fixed order and accepts 0', () => {
    expect([...writeSignatureParameters({ tag: 't', nonce: 'n', alg: 'a', keyid: 'k', expires: 0, created: 0 })]).toEqual([
      ['created', 0],
      ['expires', 0],
      ['keyid', 'k'],
      ['alg', 'a'],
      ['nonce', 'n'],
      ['tag', 't'],
    ]);
    expect([...writeSignatureParameters({ keyid: ' ~' })]).toEqual([['keyid', ' ~']]);
  });

  it('refuses negative, fractional or non-number times and non-ASCII or non-string strings', () => {
    const bad: object[] = [
      { created: -1 },
      { expires: 1.5 },
      { created: '5' },
      { keyid: 'a\u0001' },
      { keyid: '\u0001a' },
      { tag: 'é' },
      { nonce: 5 },
      { alg: true },
    ];
    for (const values of bad) {
      const error = typed(() => writeSignatureParameters(values as never));
      expect(error.code).toBe('malformed_header');
      expect(error.header).toBe('signature-input');
    }
  });
});

describe('serializeSignatureParams', () => {
  const params = new Map<string, unknown>([
    ['created', 1],
    ['keyid', 'k'],
    ['flag', true],
    ['off', false],
  ]) as Parameters;

  it('serialises booleans as bare keys (true) or ?0 (false), with and without pre-serialised identifiers', () => {
    expect(serializeSignatureParams([METHOD], params)).toBe('("@method");created=1;keyid="k";flag;off=?0');
    expect(serializeSignatureParams([METHOD], params, ['"@method"'])).toBe('("@method");created=1;keyid="k";flag;off=?0');
  });

  it('uses the pre-serialised identifiers as given', () => {
    expect(serializeSignatureParams([METHOD], new Map(), ['"@path"', '"@authority"'])).toBe('("@path" "@authority")');
  });

  it('refuses parameters that cannot be serialised, with the cause', () => {
    for (const serialized of [undefined, ['"@method"']]) {
      const error = typed(() => serializeSignatureParams([METHOD], new Map([['keyid', 'a\u0001']]) as Parameters, serialized));
      expect(error.code).toBe('malformed_header');
      expect(error.header).toBe('signature-input');
      expect(error.cause).toBeInstanceOf(Error);
    }
  });
});

describe('targetUriHint', () => {
  const TARGET = { name: '@target-uri', params: new Map() } as ComponentIdentifier;

  it('is empty when @target-uri is not covered (without resolving anything)', () => {
    const resolve = (): string => 'https://resolved.example/';
    expect(targetUriHint([], resolve)).toBe('');
    expect(targetUriHint([METHOD], resolve)).toBe('');
  });

  it('names the URL it verified against, and is empty when it cannot be derived', () => {
    expect(targetUriHint([METHOD, TARGET], () => 'https://a.example/x')).toContain('verified as https://a.example/x:');
    expect(
      targetUriHint([TARGET], () => {
        throw new Error('no url');
      }),
    ).toBe('');
  });
});
