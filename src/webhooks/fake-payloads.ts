import type { EventRegistry } from './event-registry.ts';

type Factory = (options?: { includeOptional?: boolean }) => unknown;

/**
 * Maps each event type to the generated faker factory of its payload schema, by calling every
 * `fake…Event` factory once and reading the `event` constant it produces. Nothing is listed
 * by hand.
 */
export function fakePayloadFactories(fakerModule: Record<string, unknown>, registry: EventRegistry): Map<string, Factory> {
  const factories = new Map<string, Factory>();
  for (const [name, factory] of Object.entries(fakerModule)) {
    if (!name.startsWith('fake') || !name.endsWith('Event') || typeof factory !== 'function') continue;
    const sample = (factory as Factory)({ includeOptional: true }) as { event?: unknown };
    if (typeof sample?.event === 'string' && registry.has(sample.event)) factories.set(sample.event, factory as Factory);
  }
  return factories;
}

/**
 * Loads the faker factories on first use (faker is large and slows start-up) and returns a
 * function producing a fake payload for an event, or `{}` when the spec gives it no factory.
 */
export function lazyFakePayloads(load: () => Promise<Record<string, unknown>>, registry: EventRegistry): (event: string) => Promise<unknown> {
  let factories: Promise<Map<string, Factory>> | undefined;
  return async (event) => {
    factories ??= load().then((module) => fakePayloadFactories(module, registry));
    return (await factories).get(event)?.({ includeOptional: true }) ?? {};
  };
}
