import { describe, expect, it } from 'vitest';
import {
  DeliveryError,
  cappedDelay,
  computeBackoffDelay,
  createDeliveryEngine,
  formatError,
  isDeliveryError,
  mergeHeaders,
  normalizeEngineOptions,
} from '../../src/delivery/index.ts';
import type { BackoffOptions, DeliveryEngineOptions, DeliveryInput } from '../../src/delivery/index.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DeliveryError ? error.code : `not a DeliveryError: ${String(error)}`;
  }
  return undefined;
}

describe('computeBackoffDelay', () => {
  const exact: BackoffOptions = { baseMs: 100, factor: 2, maxMs: 1000, jitter: 'none' };

  it('grows exponentially and caps at maxMs without jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 10, 60].map((n) => computeBackoffDelay(n, exact));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 1000]);
  });

  it('applies full jitter as random × capped delay', () => {
    const full: BackoffOptions = { ...exact, jitter: 'full' };
    expect([1, 2, 3, 4, 5].map((n) => computeBackoffDelay(n, full, () => 0.5))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => computeBackoffDelay(n, full, () => 0))).toEqual([0, 0, 0, 0, 0]);
    expect(computeBackoffDelay(3, full, () => 0.25)).toBe(100);
    // Never reaches the cap itself, and a broken random source is clamped.
    expect(computeBackoffDelay(9, full, () => 0.999999)).toBe(999);
    expect(computeBackoffDelay(9, full, () => 7)).toBe(999);
    expect(computeBackoffDelay(9, full, () => -1)).toBe(0);
    expect(computeBackoffDelay(9, full, () => Number.NaN)).toBe(0);
  });

  it('supports other factors and never overflows to NaN', () => {
    expect(cappedDelay(3, { baseMs: 100, factor: 3, maxMs: 10_000, jitter: 'full' })).toBe(900);
    expect(cappedDelay(5000, { baseMs: 1, factor: 10, maxMs: 30_000, jitter: 'none' })).toBe(30_000);
    expect(cappedDelay(5000, { baseMs: 0, factor: 10, maxMs: 30_000, jitter: 'none' })).toBe(0);
    expect(cappedDelay(4, { baseMs: 250, factor: 1, maxMs: 30_000, jitter: 'none' })).toBe(250);
  });

  it('stays within [0, capped) for many random draws', () => {
    const full: BackoffOptions = { baseMs: 10, factor: 2, maxMs: 640, jitter: 'full' };
    for (let n = 1; n <= 12; n += 1) {
      for (let i = 0; i < 200; i += 1) {
        const d = computeBackoffDelay(n, full);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(cappedDelay(n, full));
      }
    }
  });
});

describe('normalizeEngineOptions', () => {
  it('applies the documented defaults', () => {
    const options = normalizeEngineOptions();
    expect(options).toMatchObject({
      timeoutMs: 10_000,
      maxAttempts: 5,
      concurrency: 32,
      maxResponseBodyBytes: 4096,
      backoff: { baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 'full' },
      headers: {},
    });
    expect(Object.isFrozen(options)).toBe(true);
    expect(options.now).toBe(Date.now);
    expect(options.random).toBe(Math.random);
  });

  it('merges a partial backoff and lifts the default cap above a large baseMs', () => {
    expect(normalizeEngineOptions({ backoff: { baseMs: 5 } }).backoff).toEqual({
      baseMs: 5,
      factor: 2,
      maxMs: 60_000,
      jitter: 'full',
    });
    expect(normalizeEngineOptions({ backoff: { baseMs: 120_000 } }).backoff.maxMs).toBe(120_000);
  });

  it.each<[string, DeliveryEngineOptions]>([
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['timeoutMs beyond the timer range', { timeoutMs: 2 ** 31 }],
    ['fractional concurrency', { concurrency: 1.5 }],
    ['maxAttempts 0', { maxAttempts: 0 }],
    ['negative maxResponseBodyBytes', { maxResponseBodyBytes: -1 }],
    ['unknown jitter', { backoff: { jitter: 'half' as 'full' } }],
    ['factor below 1', { backoff: { factor: 0.5 } }],
    ['maxMs below baseMs', { backoff: { baseMs: 100, maxMs: 50 } }],
    ['misspelt option', { timeout: 3000 } as DeliveryEngineOptions],
    ['misspelt backoff key', { backoff: { base: 3 } as Partial<BackoffOptions> }],
    ['non-function fetch', { fetch: 'fetch' as unknown as DeliveryEngineOptions['fetch'] }],
    ['non-string header', { headers: { 'x-a': 1 as unknown as string } }],
    ['timers without clearTimeout', { timers: { setTimeout } as unknown as DeliveryEngineOptions['timers'] }],
  ])('rejects %s with invalid_options', (_label, options) => {
    expect(codeOf(() => createDeliveryEngine(options))).toBe('invalid_options');
  });
});

describe('delivery validation', () => {
  const engine = createDeliveryEngine();
  const valid: DeliveryInput = { url: 'http://127.0.0.1:9/hook', eventType: 'ping', body: '{}' };

  it.each<[string, Partial<DeliveryInput> & Record<string, unknown>]>([
    ['a relative url', { url: '/hook' }],
    ['a non-http url', { url: 'ftp://example.com/hook' }],
    ['an empty eventType', { eventType: '' }],
    ['a numeric body', { body: 42 as unknown as string }],
    ['an empty id', { id: '' }],
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['maxAttempts 0', { maxAttempts: 0 }],
    ['a non-function sign', { sign: {} as unknown as DeliveryInput['sign'] }],
    ['an unknown key', { retries: 3 }],
  ])('rejects %s with invalid_delivery', (_label, patch) => {
    expect(codeOf(() => engine.enqueue({ ...valid, ...patch } as DeliveryInput))).toBe('invalid_delivery');
    expect(engine.stats().total).toBe(0);
  });

  it('throws typed errors with stable codes', async () => {
    expect(codeOf(() => engine.redeliver('nope'))).toBe('unknown_delivery');
    expect(codeOf(() => engine.discard('nope'))).toBe('unknown_delivery');
    await expect(engine.settled('nope')).rejects.toMatchObject({ name: 'DeliveryError', code: 'unknown_delivery' });
    expect(engine.get('nope')).toBeUndefined();
    expect(codeOf(() => engine.drain({ timeoutMs: -1 }))).toBe('invalid_options');

    const error = new DeliveryError('engine_closed', 'closed');
    expect(error).toBeInstanceOf(Error);
    expect(isDeliveryError(error)).toBe(true);
    expect(isDeliveryError(error, 'engine_closed')).toBe(true);
    expect(isDeliveryError(error, 'unknown_delivery')).toBe(false);
    expect(isDeliveryError(new Error('x'))).toBe(false);
  });
});

describe('formatError and mergeHeaders', () => {
  it('renders errors as "Name: message" with the fetch cause', () => {
    expect(formatError(new DOMException('The operation was aborted', 'AbortError'))).toBe('AbortError: The operation was aborted');
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { name: 'SocketError' }) });
    expect(formatError(reset)).toBe('TypeError: fetch failed (SocketError: other side closed)');
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }),
    });
    expect(formatError(refused)).toBe('TypeError: fetch failed (AggregateError: ECONNREFUSED)');
    expect(formatError('plain string')).toBe('plain string');
  });

  it('merges header layers case-insensitively, later layers winning', () => {
    expect(mergeHeaders({ 'Content-Type': 'text/plain', 'X-A': '1' }, { 'content-type': 'application/json' }, { 'x-b': '2' })).toEqual({
      'content-type': 'application/json',
      'x-a': '1',
      'x-b': '2',
    });
  });
});
