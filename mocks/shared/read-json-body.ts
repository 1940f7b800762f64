import { jsonDepthProblem } from '../../src/net/json-depth.ts';

/** Bodies over this size are refused with 413 before they are parsed. */
export const MAX_MOCK_BODY_BYTES = 1024 * 1024;

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'malformed'; message: string };

/**
 * Reads a request body as JSON with a size limit: a malformed or oversized body is reported,
 * never thrown, so each API answers it with its own documented 400 body.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_MOCK_BODY_BYTES): Promise<JsonBodyResult> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { ok: false, reason: 'too_large', message: `The body is over ${maxBytes} bytes.` };
  }
  const text = await request.text();
  if (text.length > maxBytes) return { ok: false, reason: 'too_large', message: `The body is over ${maxBytes} bytes.` };
  if (text.trim() === '') return { ok: false, reason: 'malformed', message: 'The request body is empty; a JSON object is required.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `The body is not valid JSON: ${(error as Error).message}` };
  }
  // Before any schema sees it: validators recurse, and 10,000 levels would overflow the stack.
  const tooDeep = jsonDepthProblem(value);
  return tooDeep === undefined ? { ok: true, value } : { ok: false, reason: 'malformed', message: `The body is refused: ${tooDeep}` };
}
