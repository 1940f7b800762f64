/**
 * Webhook delivery engine: sends signed webhook deliveries with per-attempt
 * timeouts, exponential backoff, a concurrency limit, a delivery log and a
 * dead-letter queue. Signing is supplied by the caller per delivery.
 */
export { createDeliveryEngine } from './engine.ts';
export { DeliveryError, isDeliveryError } from './errors.ts';
export type { DeliveryErrorCode } from './errors.ts';
export { computeBackoffDelay, cappedDelay } from './backoff.ts';
export { performAttempt, formatError, mergeHeaders, readCappedBody } from './attempt.ts';
export type { AttemptRequest } from './attempt.ts';
export { normalizeEngineOptions, DEFAULT_ENGINE_OPTIONS } from './options.ts';
export type {
  AttemptLogEntry,
  AttemptResult,
  BackoffOptions,
  DeliveryBody,
  DeliveryChange,
  DeliveryEngine,
  DeliveryEngineOptions,
  DeliveryFilter,
  DeliveryHandle,
  DeliveryInput,
  DeliveryRecord,
  DeliverySigner,
  DeliveryState,
  DeliveryStats,
  DeliveryTimers,
  DrainResult,
  FetchLike,
  NormalizedEngineOptions,
} from './types.ts';
