import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { canonicalFieldLine, createFieldReader, isHttpRequestLike, type HttpMessageLike } from '../../src/signatures/http-message.ts';
import {
  componentFromItem,
  coveredComponent,
  parseComponentInput,
  serializeComponentIdentifier,
  type ComponentIdentifier,
} from '../../src/signatures/rfc9421-component-identifier.ts';
import { createComponentResolver, DEFAULT_STRUCTURED_FIELD_TYPES, formUrlEncode } from '../../src/signatures/rfc9421-component-values.ts';

/** Runs `fn` and returns the WebhookVerificationError it throws (fails when it throws nothing or something else). */
function thrown(fn: () => unknown): WebhookVerificationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error('expected a WebhookVerificationError, nothing was thrown');
}

function id(name: string, params: Record<string, string | boolean> = {}): ComponentIdentifier {
  return { name, params: new Map(Object.entries(params)) };
}

const request = (url: string | URL, headers: Record<string, string> = {}, method = 'POST') => ({ method, url, headers });

describe('isHttpRequestLike', () => {
  it('needs both a string method and a url', () => {
    expect(isHttpRequestLike({ method: 'GET', url: 'https://example.com/', headers: {} })).toBe(true);
    expect(isHttpRequestLike({ method: 'GET', headers: {} } as unknown as HttpMessageLike)).toBe(false);
    expect(isHttpRequestLike({ url: 'https://example.com/', headers: {} } as unknown as HttpMessageLike)).toBe(false);
    expect(isHttpRequestLike({ method: 1, url: 'https://example.com/', headers: {} } as unknown as HttpMessageLike)).toBe(false);
    expect(isHttpRequestLike({ status: 200, headers: {} })).toBe(false);
  });
});

describe('createFieldReader', () => {
  it('treats null and undefined from a getter as absent', () => {
    expect(createFieldReader({ get: () => null })('x-a')).toBeUndefined();
    expect(createFieldReader({ get: () => undefined as unknown as null })('x-a')).toBeUndefined();
    expect(createFieldReader({ get: () => 'v' })('x-a')).toEqual(['v']);
  });

  it('uses a lowercase key as is, and merges differently cased keys otherwise', () => {
    expect(createFieldReader({ 'x-a': '1', 'X-A': '2' })('x-a')).toEqual(['1']);
    expect(createFieldReader({ 'X-A': '1', 'x-A': ['2', '3'], 'x-b': '4', 'X-Aa': '5' })('x-a')).toEqual(['1', '2', '3']);
    expect(createFieldReader({ 'X-A': undefined })('x-a')).toBeUndefined();
  });

  it('does not match a key whose lowercase form only equals the name after growing', () => {
    // 'İ' (U+0130) lowercases to two code units.
    expect('İ'.toLowerCase()).toBe('i̇');
    expect(createFieldReader({ İ: 'v' })('i̇')).toBeUndefined();
  });

  it('turns numbers into one line', () => {
    expect(createFieldReader({ 'content-length': 42 })('content-length')).toEqual(['42']);
    expect(createFieldReader({ 'Content-Length': 42 })('content-length')).toEqual(['42']);
  });
});

describe('canonicalFieldLine', () => {
  it('unfolds obsolete line folding with a bare LF or CRLF', () => {
    expect(canonicalFieldLine('a\n  b', 'x-a')).toBe('a b');
    expect(canonicalFieldLine('a\r\n\tb', 'x-a')).toBe('a b');
  });

  it('trims spaces and tabs at either end only', () => {
    expect(canonicalFieldLine('a  ', 'x-a')).toBe('a');
    expect(canonicalFieldLine('  a', 'x-a')).toBe('a');
    expect(canonicalFieldLine('\ta b\t', 'x-a')).toBe('a b');
    expect(canonicalFieldLine(' \t ', 'x-a')).toBe('');
    expect(canonicalFieldLine('a', 'x-a')).toBe('a');
  });
});

describe('parseComponentInput', () => {
  it('accepts objects, lowercasing the name, with or without parameters', () => {
    const withParams = parseComponentInput({ name: 'Content-Digest', params: { key: 'sha-256' } });
    expect(withParams.name).toBe('content-digest');
    expect([...withParams.params]).toEqual([['key', 'sha-256']]);
    const bare = parseComponentInput({ name: '@Method' });
    expect(bare.name).toBe('@method');
    expect(bare.params.size).toBe(0);
  });

  it('returns the same identifier for the same text', () => {
    const first = parseComponentInput('x-cached-input;sf');
    expect(parseComponentInput('x-cached-input;sf')).toBe(first);
  });

  it('trims the text around a plain or quoted name', () => {
    expect(parseComponentInput('  Content-Digest  ').name).toBe('content-digest');
    expect(parseComponentInput('  "x-a";key="b" ')).toEqual(id('x-a', { key: 'b' }));
  });

  it('escapes quotes in a plain name instead of letting them end the string', () => {
    const error = thrown(() => parseComponentInput('x-a"b'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
  });

  it('rejects a leading semicolon', () => {
    expect(thrown(() => parseComponentInput(';sf')).code).toBe('malformed_header');
  });

  it('reports unparsable text as malformed Signature-Input, with the cause', () => {
    const error = thrown(() => parseComponentInput('@query-param;name='));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('rejects @signature-params and unknown derived components', () => {
    const params = thrown(() => parseComponentInput('@signature-params'));
    expect(params.code).toBe('malformed_header');
    expect(params.header).toBe('signature-input');
    const unknown = thrown(() => parseComponentInput('@foo'));
    expect(unknown.code).toBe('unsupported_component');
    expect(unknown.header).toBe('signature-input');
  });

  it('rejects invalid field names', () => {
    expect(thrown(() => parseComponentInput({ name: 'x a' })).code).toBe('malformed_header');
  });

  it('needs ;name on @query-param and accepts ;req beside it', () => {
    const error = thrown(() => parseComponentInput('@query-param'));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(thrown(() => parseComponentInput('@query-param;name=1')).code).toBe('malformed_header');
    expect(parseComponentInput('@query-param;name="a";req')).toEqual(id('@query-param', { name: 'a', req: true }));
  });

  it('allows ;name only on @query-param', () => {
    const onField = thrown(() => parseComponentInput('x-a;name="a"'));
    expect(onField.code).toBe('unsupported_component');
    expect(onField.header).toBe('signature-input');
    expect(thrown(() => parseComponentInput('@method;name="a"')).code).toBe('unsupported_component');
    expect(thrown(() => parseComponentInput('@method;key="a"')).code).toBe('unsupported_component');
    expect(thrown(() => parseComponentInput('@method;sf')).code).toBe('unsupported_component');
  });

  it('needs flags to be true and ;key to be a string', () => {
    for (const text of ['x-a;sf="yes"', 'x-a;bs=1', 'x-a;req=?0', '@method;req="1"', 'x-a;key=1', 'x-a;key=?1']) {
      const error = thrown(() => parseComponentInput(text));
      expect(error.code, text).toBe('malformed_header');
      expect(error.header, text).toBe('signature-input');
    }
    expect(parseComponentInput('x-a;sf;req')).toEqual(id('x-a', { sf: true, req: true }));
  });

  it('rejects ;bs with ;sf or ;key', () => {
    expect(thrown(() => parseComponentInput('x-a;bs;sf')).code).toBe('malformed_header');
    expect(thrown(() => parseComponentInput('x-a;bs;key="a"')).code).toBe('malformed_header');
    expect(parseComponentInput('x-a;bs;req')).toEqual(id('x-a', { bs: true, req: true }));
  });
});

describe('componentFromItem and coveredComponent', () => {
  it('rejects a component that is not a string', () => {
    const error = thrown(() => componentFromItem([42, new Map()]));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(thrown(() => coveredComponent([42, new Map()])).code).toBe('malformed_header');
  });

  it('returns the same covered component for the same parameterless name', () => {
    const first = coveredComponent(['X-Covered-Plain', new Map()]);
    expect(first).toEqual({ id: id('x-covered-plain'), serialized: '"x-covered-plain"' });
    expect(coveredComponent(['X-Covered-Plain', new Map()])).toBe(first);
    const withParams = coveredComponent(['X-Covered-Plain', new Map([['sf', true]])]);
    expect(withParams.serialized).toBe('"x-covered-plain";sf');
  });
});

describe('serializeComponentIdentifier', () => {
  it('serialises names and parameters', () => {
    expect(serializeComponentIdentifier(id('@query-param', { name: 'Pet' }))).toBe('"@query-param";name="Pet"');
    expect(serializeComponentIdentifier(id('x-a'))).toBe('"x-a"');
  });

  it('reports a name that cannot be a structured-field string as malformed Signature-Input', () => {
    const error = thrown(() => serializeComponentIdentifier(id('é')));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('createComponentResolver', () => {
  it('derives @method, and rejects methods with spaces or nothing printable', () => {
    expect(createComponentResolver(request('https://example.com/', {}, 'PATCH'))(id('@method'))).toBe('PATCH');
    for (const method of ['GE T', ' GET', 'GET ', '', 'GÉT']) {
      const error = thrown(() => createComponentResolver(request('https://example.com/', {}, method))(id('@method')));
      expect(error.code, method).toBe('malformed_header');
      expect(error.header, method).toBe('signature-input');
    }
  });

  it('does not take derived request components from a response, even one with a url', () => {
    const response = { status: 200, url: 'https://example.com/p', headers: {} } as HttpMessageLike;
    const error = thrown(() => createComponentResolver(response)(id('@path')));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
  });

  it('derives @path as "/" when the URL has an empty path', () => {
    expect(createComponentResolver(request('foo://example.com?x=1'))(id('@path'))).toBe('/');
    expect(createComponentResolver(request('https://example.com/a/b?x=1'))(id('@path'))).toBe('/a/b');
  });

  it('parses the URL once per resolver and uses a URL object as given', () => {
    const message = { method: 'POST', url: 'https://example.com/first', headers: {} };
    const values = createComponentResolver(message);
    expect(values(id('@path'))).toBe('/first');
    message.url = 'https://example.com/second';
    expect(values(id('@path'))).toBe('/first');

    const url = new URL('https://example.com/one');
    const fromObject = createComponentResolver(request(url));
    expect(fromObject(id('@path'))).toBe('/one');
    url.pathname = '/two';
    expect(fromObject(id('@path'))).toBe('/two');
  });

  it('reports a relative URL as malformed', () => {
    const error = thrown(() => createComponentResolver(request('/relative'))(id('@authority')));
    expect(error.code).toBe('malformed_header');
    expect(error.header).toBe('signature-input');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('rejects derived components it does not know', () => {
    const error = thrown(() => createComponentResolver(request('https://example.com/'))(id('@foo')));
    expect(error.code).toBe('unsupported_component');
    expect(error.header).toBe('signature-input');
  });

  it('needs options.request for ;req and rejects ;req on a request', () => {
    const response = { status: 200, headers: { 'x-a': 'r' } };
    const missing = thrown(() => createComponentResolver(response)(id('@method', { req: true })));
    expect(missing.code).toBe('unsupported_component');
    expect(missing.header).toBe('signature-input');
    const onRequest = thrown(() => createComponentResolver(request('https://example.com/'))(id('@method', { req: true })));
    expect(onRequest.code).toBe('malformed_header');
    expect(onRequest.header).toBe('signature-input');
  });

  it('reads a plain field with ;req from the request as is', () => {
    const response = { status: 200, headers: { 'x-a': 'r' } };
    const values = createComponentResolver(response, { request: request('https://example.com/', { 'x-a': ' (a  b) ' }) });
    expect(values(id('x-a', { req: true }))).toBe('(a  b)');
    expect(values(id('x-a'))).toBe('r');
  });

  describe('@status', () => {
    const status = (code: number) => createComponentResolver({ status: code, headers: {} })(id('@status'));

    it('accepts three-digit codes', () => {
      expect(status(100)).toBe('100');
      expect(status(204)).toBe('204');
      expect(status(999)).toBe('999');
    });

    it('rejects other numbers', () => {
      for (const code of [99, 1000, 200.5, Number.NaN]) {
        const error = thrown(() => status(code));
        expect(error.code, String(code)).toBe('malformed_header');
        expect(error.header, String(code)).toBe('signature-input');
      }
    });

    it('is not derived on a request, even one with a status', () => {
      const message = { ...request('https://example.com/'), status: 200 };
      const error = thrown(() => createComponentResolver(message)(id('@status')));
      expect(error.code).toBe('malformed_header');
      expect(error.header).toBe('signature-input');
    });
  });

  describe('@query-param', () => {
    const queryParam = (url: string, name: string) => createComponentResolver(request(url))(id('@query-param', { name }));

    it('matches and returns form-url-encoded names and values', () => {
      expect(queryParam('https://example.com/?a%20b=c+d&x=1', 'a%20b')).toBe('c%20d');
    });

    it('rejects a parameter that is absent or repeated', () => {
      for (const [url, name] of [
        ['https://example.com/?x=1', 'y'],
        ['https://example.com/', 'y'],
        ['https://example.com/?y=1&y=2', 'y'],
      ] as const) {
        const error = thrown(() => queryParam(url, name));
        expect(error.code, url).toBe('malformed_header');
        expect(error.header, url).toBe('signature-input');
      }
    });
  });

  describe('fields with ;key and ;sf', () => {
    const field = (headers: Record<string, string>, component: ComponentIdentifier, options = {}) =>
      createComponentResolver(request('https://example.com/', headers), options)(component);

    it('reports a ;key on a field that is not a dictionary, or a missing member, against the field', () => {
      const notDictionary = thrown(() => field({ 'x-a': '(' }, id('x-a', { key: 'a' })));
      expect(notDictionary.code).toBe('malformed_header');
      expect(notDictionary.header).toBe('x-a');
      expect(notDictionary.cause).toBeInstanceOf(Error);
      const noMember = thrown(() => field({ 'x-a': 'b=1' }, id('x-a', { key: 'a' })));
      expect(noMember.code).toBe('malformed_header');
      expect(noMember.header).toBe('x-a');
      expect(field({ 'x-a': 'b=1,  a=(1  2)' }, id('x-a', { key: 'a' }))).toBe('(1 2)');
    });

    it('needs the type of a field it does not know', () => {
      const error = thrown(() => field({ 'x-a': '1' }, id('x-a', { sf: true })));
      expect(error.code).toBe('unsupported_component');
      expect(error.header).toBe('signature-input');
    });

    it('re-serialises lists, dictionaries and items by their type', () => {
      expect(field({ 'cache-status': '"x";a=1 ,  b' }, id('cache-status', { sf: true }))).toBe('"x";a=1, b');
      expect(field({ priority: 'u=1 ,  i' }, id('priority', { sf: true }))).toBe('u=1, i');
      expect(field({ 'x-i': '  "x";a=1 ' }, id('x-i', { sf: true }), { structuredFieldTypes: { 'x-i': 'item' } })).toBe('"x";a=1');
      expect(field({ 'x-l': 'a,b' }, id('x-l', { sf: true }), { structuredFieldTypes: { 'x-l': 'list' } })).toBe('a, b');
    });

    it('reports a value that is not of its type against the field', () => {
      for (const [headers, types] of [
        [{ 'x-f': 'a, b' }, { 'x-f': 'item' }],
        [{ 'x-f': 'a,,b' }, { 'x-f': 'list' }],
        [{ 'x-f': '"a"' }, { 'x-f': 'dictionary' }],
      ] as const) {
        const error = thrown(() => field(headers, id('x-f', { sf: true }), { structuredFieldTypes: types }));
        expect(error.code, types['x-f']).toBe('malformed_header');
        expect(error.header, types['x-f']).toBe('x-f');
        expect(error.cause, types['x-f']).toBeInstanceOf(Error);
      }
    });
  });
});

describe('formUrlEncode', () => {
  it("percent-encodes !'()~ in uppercase hex as well", () => {
    expect(formUrlEncode("a!'()~ b*-._")).toBe('a%21%27%28%29%7E%20b*-._');
  });
});

describe('DEFAULT_STRUCTURED_FIELD_TYPES', () => {
  it('lists the structured fields of RFC 9421, 9530, 9218, 9211 and 9209', () => {
    expect(DEFAULT_STRUCTURED_FIELD_TYPES).toEqual({
      signature: 'dictionary',
      'signature-input': 'dictionary',
      'accept-signature': 'dictionary',
      'content-digest': 'dictionary',
      'repr-digest': 'dictionary',
      'want-content-digest': 'dictionary',
      'want-repr-digest': 'dictionary',
      priority: 'dictionary',
      'cache-status': 'list',
      'proxy-status': 'list',
    });
  });
});
