import { DEFAULT_EVENT_FIELD, type EventRegistry } from './event-registry.ts';

type Factory = (options?: { includeOptional?: boolean }) => unknown;

/**
 * Maps each event type to the generated faker factory of its payload schema, by calling every
 * `fake…Event` factory once and reading the constant it produces in `eventField` (the
 * envelope's event field). Nothing is listed by hand.
 */
export function fakePayloadFactories(fakerModule: Record<string, unknown>, registry: EventRegistry, eventField = DEFAULT_EVENT_FIELD): Map<string, Factory> {
  const factories = new Map<string, Factory>();
  for (const [name, factory] of Object.entries(fakerModule)) {
    if (!name.startsWith('fake') || !name.endsWith('Event') || typeof factory !== 'function') continue;
    const event = ((factory as Factory)({ includeOptional: true }) as Record<string, unknown> | undefined)?.[eventField];
    if (typeof event === 'string' && registry.has(event)) factories.set(event, factory as Factory);
  }
  return factories;
}

/** Thrown when a fake payload is asked for and the optional peer `@faker-js/faker` is not installed. */
export class MissingFakerError extends Error {
  override readonly name = 'MissingFakerError';
  readonly code = 'missing_faker';
}

/**
 * Loads the faker factories on first use (faker is large and slows start-up) and returns a
 * function producing a fake payload for an event, or `{}` when the spec gives it no factory.
 * Without `@faker-js/faker` (an optional peer dependency), it rejects with a
 * {@link MissingFakerError} that names the package to install.
 */
export function lazyFakePayloads(
  load: () => Promise<Record<string, unknown>>,
  registry: EventRegistry,
  eventField = DEFAULT_EVENT_FIELD,
): (event: string) => Promise<unknown> {
  let factories: Promise<Map<string, Factory>> | undefined;
  return async (event) => {
    factories ??= load().then(
      (module) => fakePayloadFactories(module, registry, eventField),
      (cause: unknown) => {
        factories = undefined; // installing it and retrying works without a restart
        // Node: ERR_MODULE_NOT_FOUND naming the package; Vite's stub for a missing optional peer: "Could not resolve".
        if (!String(cause).includes('@faker-js/faker')) throw cause;
        throw new MissingFakerError(
          `Triggering "${event}" without a payload needs fake data from @faker-js/faker, an optional peer dependency of hookspec ` +
            'that is not installed: npm install -D @faker-js/faker (or pass the payload: trigger(event, data)).',
          { cause },
        );
      },
    );
    return (await factories).get(event)?.({ includeOptional: true }) ?? {};
  };
}
