import * as z from 'zod';

/**
 * Switches a test flips to make a mock misbehave on purpose. Each forced answer applies to
 * the next `times` requests (default: until cleared).
 */
export interface Scenario {
  /** Answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit?: { retryAfterSeconds?: number; times?: number };
  /** Answer this 5xx status. */
  serverError?: { status?: 500 | 502 | 503 | 504; times?: number };
  /** Wait this long before answering every request. */
  latencyMs?: number;
}

/** Longest forced latency: enough to trip any client timeout, short enough not to wedge the mock. */
export const MAX_SCENARIO_LATENCY_MS = 120_000;

const times = z.number().int().min(0).max(1_000_000).optional();

/** What `POST /_mock/<api>/scenario` accepts: the {@link Scenario} fields, each in range, nothing else. */
export const scenarioSchema = z
  .object({
    rateLimit: z
      .object({ retryAfterSeconds: z.number().int().min(0).max(86_400).optional(), times })
      .strict()
      .optional(),
    serverError: z
      .object({ status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(), times })
      .strict()
      .optional(),
    latencyMs: z.number().int().min(0).max(MAX_SCENARIO_LATENCY_MS).optional(),
  })
  .strict();

export interface ScenarioControl {
  readonly current: Readonly<Scenario>;
  set(scenario: Scenario): void;
  clear(): void;
  /** Consumes one forced answer, if any: what to send instead of the real response. */
  take(): { kind: 'rate_limit'; retryAfterSeconds: number } | { kind: 'server_error'; status: number } | undefined;
}

export function createScenario(): ScenarioControl {
  let scenario: Scenario = {};
  const consume = (entry: { times?: number } | undefined): boolean => {
    if (!entry) return false;
    if (entry.times === undefined) return true;
    if (entry.times <= 0) return false;
    entry.times -= 1;
    return true;
  };
  return {
    get current() {
      return scenario;
    },
    set(next) {
      scenario = structuredClone(next);
    },
    clear() {
      scenario = {};
    },
    take() {
      if (consume(scenario.rateLimit)) return { kind: 'rate_limit', retryAfterSeconds: scenario.rateLimit?.retryAfterSeconds ?? 1 };
      if (consume(scenario.serverError)) return { kind: 'server_error', status: scenario.serverError?.status ?? 500 };
      return undefined;
    },
  };
}

/** Waits for the scenario's latency, if any. */
export async function applyLatency(scenario: ScenarioControl): Promise<void> {
  const ms = scenario.current.latencyMs ?? 0;
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
