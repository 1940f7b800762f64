/**
 * Stable machine-readable reasons for a {@link DeliveryError}. Callers switch on
 * these, never on the message text, so they must not change meaning once shipped.
 */
export type DeliveryErrorCode =
  /** `createDeliveryEngine` received an option of the wrong type or out of range. */
  | 'invalid_options'
  /** A delivery passed to `enqueue`/`deliverNow` is malformed (bad URL, body, limits…). */
  | 'invalid_delivery'
  /** A delivery with the same caller-supplied `id` is already in the log. */
  | 'duplicate_delivery'
  /** No delivery with that id is in the log (never existed, removed or discarded). */
  | 'unknown_delivery'
  /** `discard` was called for a delivery that is not dead-lettered. */
  | 'not_dead_lettered'
  /** `redeliver` was called for a delivery that is still pending (not delivered nor dead-lettered). */
  | 'delivery_pending'
  /** The engine was closed; it accepts no new work. */
  | 'engine_closed'
  /** `maxPending` deliveries are already pending; try again once some have settled. */
  | 'queue_full';

/**
 * The only error type the delivery engine throws. Failed webhook attempts are
 * never thrown: they are recorded on the delivery (see `attemptLog`).
 *
 * @example
 * try {
 *   engine.redeliver(id);
 * } catch (error) {
 *   if (error instanceof DeliveryError && error.code === 'unknown_delivery') return notFound();
 *   throw error;
 * }
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly code: DeliveryErrorCode;

  constructor(code: DeliveryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Narrows an unknown value to a {@link DeliveryError}, optionally of one code.
 *
 * @example
 * if (isDeliveryError(error, 'engine_closed')) return serviceUnavailable();
 */
export function isDeliveryError(error: unknown, code?: DeliveryErrorCode): error is DeliveryError {
  return error instanceof DeliveryError && (code === undefined || error.code === code);
}
