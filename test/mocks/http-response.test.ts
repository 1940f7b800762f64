// The mocks' HttpResponse.json (mocks/shared/http-response.ts) counts the body's bytes without a
// Blob; everything else about the response must be msw's own: status, status text, headers,
// body and msw's default-content-type mark, for any JSON body and init.
import fc from 'fast-check';
import { HttpResponse as MswHttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { HttpResponse, utf8ByteLength } from '../../mocks/shared/http-response.ts';

const kDefaultContentType = Symbol.for('kDefaultContentType');

async function describeResponse(response: Response) {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: await response.text(),
    defaultContentType: kDefaultContentType in response,
    isMswResponse: response instanceof MswHttpResponse,
  };
}

const init = fc.option(
  fc.record(
    {
      status: fc.constantFrom(200, 201, 400, 401, 404, 418, 429, 503),
      headers: fc.dictionary(fc.constantFrom('Content-Type', 'content-length', 'retry-after', 'x-extra'), fc.constantFrom('text/plain', '7', '1', 'abc')),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe('HttpResponse.json without a Blob', () => {
  it('answers exactly as msw HttpResponse.json for any JSON body and init', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string({ unit: 'binary' })), init, async (body, options) => {
        const ours = await describeResponse(HttpResponse.json(body as never, options));
        const msw = await describeResponse(MswHttpResponse.json(body as never, options));
        expect(ours).toEqual(msw);
      }),
      { numRuns: 500 },
    );
  });

  it('counts UTF-8 bytes as the encoder does (ASCII, 2-, 3- and 4-byte characters, lone surrogates)', () => {
    for (const text of ['', 'plain', 'é', '€uro', '😀', 'a😀b', '\ud800', 'x\udc00y', '\ud83d']) {
      expect(utf8ByteLength(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8ByteLength(text) === new TextEncoder().encode(text).byteLength));
  });
});
