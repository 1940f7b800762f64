import { readCappedBody } from '../delivery/attempt.ts';
import type { Answer, Probe } from './types.ts';

/** Bytes of an answer read: the report shows 200 characters; an endless answer must not be buffered. */
export const MAX_PROBE_ANSWER_BYTES = 4096;

/** The network error code behind a failed fetch (`ECONNREFUSED`), or its message. */
function errorOf(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * POSTs one probe and reads at most {@link MAX_PROBE_ANSWER_BYTES} of the answer (the rest is
 * released, as the delivery engine does), within `timeoutMs`. Never throws.
 */
export async function sendProbe(probe: Probe, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(probe.url, {
      method: 'POST',
      headers: probe.headers,
      body: probe.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // A body that stalls or fails mid-way keeps what arrived: the status already says what the receiver answered.
    const body = (await readCappedBody(response, MAX_PROBE_ANSWER_BYTES)).text.slice(0, 200);
    return { status: response.status, timeMs: performance.now() - started, body };
  } catch (error) {
    return { status: null, timeMs: performance.now() - started, error: errorOf(error) };
  }
}
