import type { ZodType } from 'zod';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Maps each event type of an API to the generated validator of its payload. */
export type EventRegistry = ReadonlyMap<string, ZodType>;

type Shaped = { shape: Record<string, unknown> };
const hasShape = (value: unknown): value is Shaped => typeof value === 'object' && value !== null && typeof (value as Shaped).shape === 'object';

/** Reads the `event` literal of a payload schema, through `.optional()` wrappers. */
function eventLiteral(schema: unknown): string | undefined {
  let node = hasShape(schema) ? schema.shape.event : undefined;
  for (let depth = 0; depth < 4 && node; depth++) {
    const def = (node as { def?: { type?: string; values?: unknown[]; innerType?: unknown } }).def;
    if (def?.type === 'literal' && typeof def.values?.[0] === 'string') return def.values[0];
    node = def?.innerType;
  }
  return undefined;
}

/** One webhook of a generated `zod.gen.ts` module: the validator's export name, its event, its payload schema. */
export interface WebhookValidatorEntry {
  /** The export name of the `z<Operation>WebhookRequest` validator. */
  name: string;
  /** The `event` constant the spec gives the payload. */
  event: string;
  /** The validator's `body`: the payload schema. */
  body: ZodType;
}

/**
 * Lists the webhooks of a generated `zod.gen.ts` module: every `z<Operation>WebhookRequest`
 * validator whose `body` has an `event` literal, in `Object.entries` order (alphabetical for a module namespace).
 */
export function webhookValidatorsOf(zodModule: Record<string, unknown>): WebhookValidatorEntry[] {
  const entries: WebhookValidatorEntry[] = [];
  for (const [name, validator] of Object.entries(zodModule)) {
    if (!name.endsWith('WebhookRequest') || !hasShape(validator)) continue;
    const body = validator.shape.body as ZodType;
    const event = eventLiteral(body);
    if (event) entries.push({ name, event, body });
  }
  return entries;
}

/**
 * Builds the registry from a generated `zod.gen.ts` module: every `z<Operation>WebhookRequest`
 * validator's `body`, keyed by the `event` constant the spec gives it. Nothing is listed by
 * hand, so a new event in the spec is a new entry here after `npm run generate`. The verifiers
 * use the map `npm run generate` writes from the same data (`webhook-validators.gen.ts`),
 * which lets a bundler keep only the webhook schemas.
 */
export function eventRegistryFrom(zodModule: Record<string, unknown>): EventRegistry {
  return new Map(webhookValidatorsOf(zodModule).map(({ event, body }) => [event, body]));
}

/** The registry of a generated `webhook-validators.gen.ts` map (event type → payload validator). */
export function eventRegistryOf(validators: Readonly<Record<string, ZodType>>): EventRegistry {
  return new Map(Object.entries(validators));
}

/** Validates a parsed payload against its event's schema; returns the event type. */
export function validateEvent(registry: EventRegistry, payload: unknown, eventType: unknown): string {
  if (typeof eventType !== 'string' || eventType === '') {
    throw new WebhookVerificationError('unknown_event', 'The payload names no event type (no string "event" field), so it cannot be validated.');
  }
  const schema = registry.get(eventType);
  if (!schema) {
    const known = [...registry.keys()].join(', ');
    throw new WebhookVerificationError('unknown_event', `Unknown event type "${eventType}". Known: ${known}.`);
  }
  const result = schema.safeParse(payload);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new WebhookVerificationError('invalid_payload', `The "${eventType}" payload does not match the spec: ${issues}.`, {
      cause: result.error,
    });
  }
  return eventType;
}
