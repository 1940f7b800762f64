/**
 * An API's events as its generated code lists them: the payload validator of each event (from
 * `zod.gen.ts`) and, where given, fake payloads from its generated faker factories.
 * @module
 */
import type { ZodType } from 'zod';
import { type EventRegistry, eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { lazyFakePayloads } from '../../src/webhooks/fake-payloads.ts';

export interface GeneratedEvents {
  readonly registry: EventRegistry;
  /** The event types, in the generated module's order. */
  readonly events: readonly string[];
  /** The payload schema of an event, or undefined for an unknown one. */
  schema(event: string): ZodType | undefined;
  /** A fake payload of an event (`{}` when the spec gives it no factory). */
  fakePayload(event: string): Promise<unknown>;
}

/**
 * Reads the events of a generated `zod.gen.ts` module. `loadFaker` imports the generated faker
 * module; faker is large, so it is loaded on the first fake payload, not at start-up.
 */
export function generatedEvents(validators: Record<string, unknown>, loadFaker: () => Promise<Record<string, unknown>>): GeneratedEvents {
  const registry = eventRegistryFrom(validators);
  return {
    registry,
    events: [...registry.keys()],
    schema: (event) => registry.get(event),
    fakePayload: lazyFakePayloads(loadFaker, registry),
  };
}
