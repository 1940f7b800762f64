import type { ZodType } from 'zod';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Maps each event type of an API to the generated validator of its payload. */
export type EventRegistry = ReadonlyMap<string, ZodType>;

type Shaped = { shape: Record<string, unknown> };
const hasShape = (value: unknown): value is Shaped => typeof value === 'object' && value !== null && typeof (value as Shaped).shape === 'object';

/** The body field that names the event type when the API's envelope declares none. */
export const DEFAULT_EVENT_FIELD = 'event';

/** Reads the literal of a payload schema's event field, through `.optional()` wrappers. */
function eventLiteral(schema: unknown, field: string): string | undefined {
  let node = hasShape(schema) ? schema.shape[field] : undefined;
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
  /** The constant the spec gives the payload's event field. */
  event: string;
  /** The validator's `body`: the payload schema. */
  body: ZodType;
}

/**
 * Lists the webhooks of a generated `zod.gen.ts` module: every `z<Operation>WebhookRequest`
 * validator whose `body` has a literal in `eventField` (the envelope's event field), in
 * `Object.entries` order (alphabetical for a module namespace).
 */
export function webhookValidatorsOf(zodModule: Record<string, unknown>, eventField = DEFAULT_EVENT_FIELD): WebhookValidatorEntry[] {
  const entries: WebhookValidatorEntry[] = [];
  for (const [name, validator] of Object.entries(zodModule)) {
    if (!name.endsWith('WebhookRequest') || !hasShape(validator)) continue;
    const body = validator.shape.body as ZodType;
    const event = eventLiteral(body, eventField);
    if (event) entries.push({ name, event, body });
  }
  return entries;
}

/**
 * Builds the registry from a generated `zod.gen.ts` module: every `z<Operation>WebhookRequest`
 * validator's `body`, keyed by the constant the spec gives its event field (`eventField`, the
 * envelope's; default `event`). Nothing is listed by
 * hand, so a new event in the spec is a new entry here after `npm run generate`. The verifiers
 * use the map `npm run generate` writes from the same data (`webhook-validators.gen.ts`),
 * which lets a bundler keep only the webhook schemas.
 */
export function eventRegistryFrom(zodModule: Record<string, unknown>, eventField = DEFAULT_EVENT_FIELD): EventRegistry {
  return new Map(webhookValidatorsOf(zodModule, eventField).map(({ event, body }) => [event, body]));
}

/** The registry of a generated `webhook-validators.gen.ts` map (event type → payload validator). */
export function eventRegistryOf(validators: Readonly<Record<string, ZodType>>): EventRegistry {
  return new Map(Object.entries(validators));
}

/** Validates a parsed payload against its event's schema; returns the event type. */
export function validateEvent(registry: EventRegistry, payload: unknown, eventType: unknown, eventField = DEFAULT_EVENT_FIELD): string {
  if (typeof eventType !== 'string' || eventType === '') {
    throw new WebhookVerificationError('unknown_event', `The payload names no event type (no string "${eventField}" field), so it cannot be validated.`);
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
