/**
 * How much state one mock keeps. A mock is a development tool that anyone on the network
 * may call without limit, so every collection it grows is capped: registrations are refused
 * over the cap (in the API's own error format), delivery records and dead letters are
 * evicted oldest first, and deliveries beyond the pending cap are refused.
 */
export interface MockLimits {
  /** Receiving endpoints (registrations) one mock keeps. Default 100. */
  maxEndpoints?: number;
  /** Characters of a free-text field, such as SidClaw's `description`. Default 1024. */
  maxFieldLength?: number;
  /** Characters of a receiver URL. Default 2048. */
  maxUrlLength?: number;
  /** Delivery records kept once settled (delivered or dead-lettered), oldest evicted first. Default 1000. */
  maxDeliveryRecords?: number;
  /** Dead letters kept, oldest evicted first. Default 1000. */
  maxDeadLetters?: number;
  /** Deliveries pending (queued, in flight or waiting for a retry) at once; more are refused. Default 1000. */
  maxPendingDeliveries?: number;
  /** Attempts kept in one delivery's log (redeliveries add more), oldest dropped first; the count goes on. Default 20. */
  maxAttemptsKept?: number;
}

export type ResolvedMockLimits = Readonly<Required<MockLimits>>;

/** The defaults: far above what a test or a demo registers, far below what exhausts memory. */
export const DEFAULT_MOCK_LIMITS: ResolvedMockLimits = Object.freeze({
  maxEndpoints: 100,
  maxFieldLength: 1024,
  maxUrlLength: 2048,
  maxDeliveryRecords: 1000,
  maxDeadLetters: 1000,
  maxPendingDeliveries: 1000,
  maxAttemptsKept: 20,
});

/** The defaults with the caller's overrides; each must be a positive integer. */
export function resolveMockLimits(limits: MockLimits = {}): ResolvedMockLimits {
  const resolved = { ...DEFAULT_MOCK_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`limits.${name} must be a positive integer, got ${String(value)}.`);
  }
  return Object.freeze(resolved);
}

/** Why a registration is over a limit (undefined when it is within them), worded for the API's error body. */
export function registrationLimitProblem(
  limits: ResolvedMockLimits,
  registration: { endpointCount?: number; url?: string; fields?: Record<string, string | null | undefined> },
): string | undefined {
  if (registration.endpointCount !== undefined && registration.endpointCount >= limits.maxEndpoints) {
    return `This mock keeps at most ${limits.maxEndpoints} webhook endpoints (mock limit maxEndpoints); delete one first.`;
  }
  if (registration.url !== undefined && registration.url.length > limits.maxUrlLength) {
    return `url: at most ${limits.maxUrlLength} characters (mock limit maxUrlLength), got ${registration.url.length}.`;
  }
  for (const [name, value] of Object.entries(registration.fields ?? {})) {
    if (typeof value === 'string' && value.length > limits.maxFieldLength) {
      return `${name}: at most ${limits.maxFieldLength} characters (mock limit maxFieldLength), got ${value.length}.`;
    }
  }
  return undefined;
}
