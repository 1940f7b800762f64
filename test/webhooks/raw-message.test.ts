// readRawMessage and toHeaderReader: a streamed body in several chunks, header values that are
// not strings, and the limits, read back byte for byte.
import { describe, expect, it } from 'vitest';
import type { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { readRawMessage, readRawMessageSync, toHeaderReader } from '../../src/webhooks/raw-message.ts';

/** A POST whose body arrives as the given chunks. */
function streamed(chunks: string[], headers: Record<string, string> = {}): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request('http://localhost/hooks', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

function codeOf(run: () => unknown): { code: string; header?: string } | undefined {
  try {
    run();
  } catch (error) {
    return { code: (error as WebhookVerificationError).code, header: (error as WebhookVerificationError).header };
  }
  return undefined;
}

describe('readRawMessage: a streamed Request body', () => {
  it('joins several chunks in order into the exact bytes', async () => {
    const message = await readRawMessage(streamed(['{"a":', '"é",', '"b":2}']));
    expect(message.text).toBe('{"a":"é","b":2}');
    expect(message.body).toEqual(new TextEncoder().encode('{"a":"é","b":2}'));
    expect(message.method).toBe('POST');
    expect(message.url).toBe('http://localhost/hooks');
  });

  it('cuts a stream off once the chunks pass the limit, and accepts exactly the limit', async () => {
    await expect(readRawMessage(streamed(['12345', '6789']), 8)).rejects.toMatchObject({ code: 'body_too_large' });
    expect((await readRawMessage(streamed(['1234', '5678']), 8)).text).toBe('12345678');
  });

  it('accepts a declared Content-Length equal to the limit', async () => {
    const request = new Request('http://localhost/hooks', { method: 'POST', body: '12345678', headers: { 'content-length': '8' } });
    expect((await readRawMessage(request, 8)).text).toBe('12345678');
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    await expect(readRawMessage(streamed(['x'], { 'content-length': '9' }), 8)).rejects.toMatchObject({ code: 'body_too_large' });
  });

  it('reads an empty body as empty', async () => {
    const message = await readRawMessage(new Request('http://localhost/hooks', { method: 'POST' }));
    expect(message.text).toBe('');
    expect(message.body).toEqual(new Uint8Array(0));
  });
});

describe('toHeaderReader', () => {
  it('joins repeated values with ", ", skips undefined ones, and looks names up in any case', () => {
    const reader = toHeaderReader({ 'X-Multi': ['a', 'b'], 'X-Single': 'one', 'x-absent': undefined });
    expect(reader.get('x-multi')).toBe('a, b');
    expect(reader.get('X-SINGLE')).toBe('one');
    expect(reader.get('x-absent')).toBeNull();
  });

  it('refuses a header value that is neither a string nor a list: malformed_header on its lowercase name', () => {
    expect(codeOf(() => toHeaderReader({ 'X-Webhook-ID': 42 as never }))).toEqual({ code: 'malformed_header', header: 'x-webhook-id' });
    expect(codeOf(() => toHeaderReader({ 'X-Webhook-ID': null as never }))).toEqual({ code: 'malformed_header', header: 'x-webhook-id' });
  });
});

describe('readRawMessageSync: the message it reads', () => {
  it('takes Fetch Headers as they are, defaults the method to POST, and refuses a missing input as body_already_parsed', () => {
    const message = readRawMessageSync({ body: '{}', headers: new Headers({ 'X-Webhook-ID': 'del-1' }) });
    expect(message.headers.get('x-webhook-id')).toBe('del-1');
    expect(message.method).toBe('POST');
    expect(readRawMessageSync({ body: '{}', headers: {}, method: 'PUT' }).method).toBe('PUT');
    expect(codeOf(() => readRawMessageSync(undefined as never))?.code).toBe('body_already_parsed');
  });

  it('decodes invalid UTF-8 with replacement characters instead of failing', () => {
    expect(readRawMessageSync({ body: new Uint8Array([0x7b, 0xff, 0x7d]), headers: {} }).text).toBe('{\ufffd}');
  });
});

describe('readRawMessageSync: limits', () => {
  it('counts a string body in UTF-8 bytes: at the limit accepted, one byte over refused', () => {
    expect(readRawMessageSync({ body: 'éé', headers: {} }, 4).text).toBe('éé');
    expect(codeOf(() => readRawMessageSync({ body: 'ééa', headers: {} }, 4))).toEqual({ code: 'body_too_large', header: undefined });
    expect(codeOf(() => readRawMessageSync({ body: new Uint8Array(5), headers: {} }, 4))).toEqual({ code: 'body_too_large', header: undefined });
  });

  it('refuses a parsed body as body_already_parsed', () => {
    expect(codeOf(() => readRawMessageSync({ body: { event: 'x' } as never, headers: {} }))?.code).toBe('body_already_parsed');
    expect(codeOf(() => readRawMessageSync({ body: null as never, headers: {} }))?.code).toBe('body_already_parsed');
  });
});
