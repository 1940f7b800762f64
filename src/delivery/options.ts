import type { BackoffOptions, DeliveryEngineOptions, DeliveryTimers, FetchLike, NormalizedEngineOptions } from './types.ts';
import { MAX_TIMER_MS, integerInRange, numberInRange, onlyKnownKeys, optionalFunction, plainObject, stringRecord } from './validate.ts';
import { DeliveryError } from './errors.ts';

/** Defaults applied by {@link normalizeEngineOptions}. */
export const DEFAULT_ENGINE_OPTIONS = {
  timeoutMs: 10_000,
  maxAttempts: 5,
  concurrency: 32,
  maxResponseBodyBytes: 4096,
  maxPending: 10_000,
  maxRecords: 10_000,
  maxDeadLetters: 1_000,
  maxAttemptLog: 100,
  backoff: { baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 'full' },
} as const satisfies Partial<NormalizedEngineOptions>;

const ENGINE_KEYS = [
  'timeoutMs',
  'maxAttempts',
  'concurrency',
  'backoff',
  'maxResponseBodyBytes',
  'maxPending',
  'maxRecords',
  'maxDeadLetters',
  'maxAttemptLog',
  'headers',
  'fetch',
  'now',
  'timers',
  'random',
  'onAttempt',
  'onSettled',
  'onHookError',
] as const satisfies readonly (keyof DeliveryEngineOptions)[];

const BACKOFF_KEYS = ['baseMs', 'factor', 'maxMs', 'jitter'] as const satisfies readonly (keyof BackoffOptions)[];

const CODE = 'invalid_options';

/**
 * Global timers whose handles are `unref`'d where the runtime has that (Node, Deno, Bun): a
 * pending retry must never keep the process alive. Browsers return plain numbers.
 */
export const unrefTimers: DeliveryTimers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/**
 * Applies defaults and validates engine options once, so the engine never has to
 * re-check them. Throws a `DeliveryError` with code `invalid_options`.
 *
 * @example
 * const options = normalizeEngineOptions({ timeoutMs: 3000, backoff: { baseMs: 500 } });
 * options.backoff.factor; // 2
 */
export function normalizeEngineOptions(input: DeliveryEngineOptions = {}): NormalizedEngineOptions {
  const raw = plainObject(CODE, 'options', input);
  onlyKnownKeys(CODE, 'options', raw, ENGINE_KEYS);

  const backoffRaw = raw.backoff === undefined ? {} : plainObject(CODE, 'options.backoff', raw.backoff);
  onlyKnownKeys(CODE, 'options.backoff', backoffRaw, BACKOFF_KEYS);
  const defaults = DEFAULT_ENGINE_OPTIONS.backoff;
  const baseMs = numberInRange(CODE, 'options.backoff.baseMs', backoffRaw.baseMs ?? defaults.baseMs, 0, MAX_TIMER_MS);
  const factor = numberInRange(CODE, 'options.backoff.factor', backoffRaw.factor ?? defaults.factor, 1, 1000);
  // An explicit baseMs above the default cap should not be rejected just because maxMs was left out.
  const maxMs = numberInRange(CODE, 'options.backoff.maxMs', backoffRaw.maxMs ?? Math.max(defaults.maxMs, baseMs), baseMs, MAX_TIMER_MS);
  const jitter = backoffRaw.jitter ?? defaults.jitter;
  if (jitter !== 'full' && jitter !== 'none') {
    throw new DeliveryError(CODE, `options.backoff.jitter must be "full" or "none", got ${JSON.stringify(jitter)}`);
  }

  const timers = raw.timers === undefined ? unrefTimers : validateTimers(raw.timers);

  return Object.freeze({
    timeoutMs: integerInRange(CODE, 'options.timeoutMs', raw.timeoutMs ?? DEFAULT_ENGINE_OPTIONS.timeoutMs, 1, MAX_TIMER_MS),
    maxAttempts: integerInRange(CODE, 'options.maxAttempts', raw.maxAttempts ?? DEFAULT_ENGINE_OPTIONS.maxAttempts, 1, 1000),
    concurrency: integerInRange(CODE, 'options.concurrency', raw.concurrency ?? DEFAULT_ENGINE_OPTIONS.concurrency, 1, 100_000),
    backoff: Object.freeze({ baseMs, factor, maxMs, jitter }),
    maxResponseBodyBytes: integerInRange(
      CODE,
      'options.maxResponseBodyBytes',
      raw.maxResponseBodyBytes ?? DEFAULT_ENGINE_OPTIONS.maxResponseBodyBytes,
      0,
      64 * 1024 * 1024,
    ),
    maxPending: integerInRange(CODE, 'options.maxPending', raw.maxPending ?? DEFAULT_ENGINE_OPTIONS.maxPending, 1, 10_000_000),
    maxRecords: integerInRange(CODE, 'options.maxRecords', raw.maxRecords ?? DEFAULT_ENGINE_OPTIONS.maxRecords, 0, 10_000_000),
    maxDeadLetters: integerInRange(CODE, 'options.maxDeadLetters', raw.maxDeadLetters ?? DEFAULT_ENGINE_OPTIONS.maxDeadLetters, 0, 10_000_000),
    maxAttemptLog: integerInRange(CODE, 'options.maxAttemptLog', raw.maxAttemptLog ?? DEFAULT_ENGINE_OPTIONS.maxAttemptLog, 1, 1_000_000),
    headers: Object.freeze(stringRecord(CODE, 'options.headers', raw.headers)),
    // Bound lazily so a test that stubs globalThis.fetch after creating the engine is still honoured.
    fetch: optionalFunction<FetchLike>(CODE, 'options.fetch', raw.fetch) ?? ((url, init) => fetch(url, init)),
    now: optionalFunction<() => number>(CODE, 'options.now', raw.now) ?? Date.now,
    timers,
    random: optionalFunction<() => number>(CODE, 'options.random', raw.random) ?? Math.random,
    onAttempt: optionalFunction<NormalizedEngineOptions['onAttempt']>(CODE, 'options.onAttempt', raw.onAttempt),
    onSettled: optionalFunction<NormalizedEngineOptions['onSettled']>(CODE, 'options.onSettled', raw.onSettled),
    onHookError: optionalFunction<NormalizedEngineOptions['onHookError']>(CODE, 'options.onHookError', raw.onHookError),
  });
}

function validateTimers(value: unknown): DeliveryTimers {
  const timers = plainObject(CODE, 'options.timers', value);
  const set = optionalFunction<DeliveryTimers['setTimeout']>(CODE, 'options.timers.setTimeout', timers.setTimeout);
  const clear = optionalFunction<DeliveryTimers['clearTimeout']>(CODE, 'options.timers.clearTimeout', timers.clearTimeout);
  if (!set || !clear) {
    throw new DeliveryError(CODE, 'options.timers must provide both setTimeout and clearTimeout');
  }
  return {
    setTimeout(callback, ms) {
      const handle = set.call(timers, callback, ms);
      // Injected Node-style timers are unref'd too, for the same reason as the defaults.
      (handle as { unref?: () => void } | null)?.unref?.();
      return handle;
    },
    clearTimeout(handle) {
      clear.call(timers, handle);
    },
  };
}
