import { createDeliveryEngine, type DeliveryEngine, type DeliveryEngineOptions } from '../../src/delivery/index.ts';
import type { ApiMockOptions } from './api-mock.ts';
import { DEFAULT_MOCK_LIMITS, type ResolvedMockLimits } from './mock-limits.ts';
import { guardedFetch } from './self-delivery-guard.ts';

/**
 * The delivery engine every mock sends with: the API's documented timeout unless the caller
 * overrides it, five attempts, exponential backoff with full jitter from 1 s up to 60 s, the
 * mock's record limits, and no delivery to a mock's own control routes.
 */
export function createMockEngine(
  delivery: ApiMockOptions['delivery'],
  documentedTimeoutMs: number,
  hooks: Pick<DeliveryEngineOptions, 'onAttempt' | 'onSettled'> = {},
  limits: ResolvedMockLimits = DEFAULT_MOCK_LIMITS,
): DeliveryEngine {
  return createDeliveryEngine({
    timeoutMs: delivery?.timeoutMs ?? documentedTimeoutMs,
    maxAttempts: delivery?.maxAttempts ?? 5,
    backoff: { baseMs: 1000, maxMs: 60_000, ...delivery?.backoff },
    maxPending: limits.maxPendingDeliveries,
    maxRecords: limits.maxDeliveryRecords,
    maxDeadLetters: limits.maxDeadLetters,
    maxAttemptLog: limits.maxAttemptsKept,
    fetch: guardedFetch(),
    ...hooks,
  });
}

/** Lets in-flight deliveries finish (up to `timeoutMs`), then stops the engine. */
export async function closeMockEngine(engine: DeliveryEngine, timeoutMs = 5_000): Promise<void> {
  await engine.drain({ timeoutMs });
  engine.close({ abortInFlight: true });
}
