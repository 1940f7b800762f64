import type { HttpHandler } from 'msw';
import type { ZodType } from 'zod';
import { describeIssues } from './zod-issues.ts';

/** How one API's state is written out and read back: a JSON document checked by a generated schema. */
export interface StateCodec<State, Snapshot> {
  /** Validates a seed, a stored copy or a `--state` file's entry (built on the spec's generated zod). */
  readonly schema: ZodType<Snapshot>;
  /** The state as JSON: what `snapshot()` and `GET /_mock/state` return. */
  read(state: State): Snapshot;
  /** Replaces the state with a validated snapshot. */
  write(state: State, snapshot: Snapshot): void;
}

/** The part of the Web Storage API the mock uses: `sessionStorage`, `localStorage`, or your own. */
export type StateStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The `state` option of every mock factory. */
export interface MockStateOptions {
  /** The state to start from, in the format `snapshot()` returns; validated against the spec's schemas. */
  seed?: unknown;
  /**
   * Keeps the state across page reloads: read at start (it wins over `seed`), written after
   * every request the handlers answer, removed by `reset()`. Pass `sessionStorage` in a browser.
   */
  storage?: StateStorage;
  /** The storage key; default `hookspec:mock:<api>`. */
  key?: string;
  /** Where the seed came from, for error messages (default `seed`; the mock server gives the file name). */
  source?: string;
}

/** A seed, stored copy or state file that does not match the spec's schemas. */
export class MockStateError extends Error {
  readonly code = 'invalid_mock_state';
  override readonly name = 'MockStateError';
}

/** Validates `value` as `api`'s snapshot or throws a MockStateError naming each wrong field. */
export function parseSnapshot<Snapshot>(codec: StateCodec<unknown, Snapshot>, api: string, value: unknown, source: string): Snapshot {
  const parsed = codec.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new MockStateError(`${source}: the ${api} state does not match the spec: ${describeIssues(parsed.error, { input: value })}.`, {
    cause: parsed.error,
  });
}

/** One mock's state plumbing: seed, storage, snapshot, and handlers that save after each request. */
export interface MockStateBinding<Snapshot> {
  snapshot(): Snapshot;
  /** Saves to the storage, if any. */
  save(): void;
  /** Removes the stored copy, if any (the in-memory state is the caller's to clear). */
  forget(): void;
  /** The handlers, each saving the state after it answers (unchanged without storage). */
  persisting(handlers: HttpHandler[]): HttpHandler[];
}

export function bindMockState<State, Snapshot>(
  api: string,
  codec: StateCodec<State, Snapshot>,
  state: State,
  options: MockStateOptions = {},
): MockStateBinding<Snapshot> {
  const { storage } = options;
  const key = options.key ?? `hookspec:mock:${api}`;
  const stored = storage?.getItem(key);
  if (stored !== null && stored !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(stored);
    } catch {
      throw new MockStateError(`storage key "${key}" does not hold JSON; remove it (storage.removeItem("${key}")) to start from the seed.`);
    }
    codec.write(state, parseSnapshot(codec, api, value, `storage key "${key}"`));
  } else if (options.seed !== undefined) {
    codec.write(state, parseSnapshot(codec, api, options.seed, options.source ?? 'seed'));
  }
  // Written only when it changed: a GET does not rewrite the storage.
  let saved: string | null | undefined = stored;
  const save = () => {
    if (!storage) return;
    const json = JSON.stringify(codec.read(state));
    if (json !== saved) storage.setItem(key, (saved = json));
  };
  return {
    snapshot: () => codec.read(state),
    save,
    forget() {
      storage?.removeItem(key);
      saved = null;
    },
    persisting(handlers) {
      if (!storage) return handlers;
      // Each handler as is, except that `run` (what msw calls for a request) saves once the
      // resolver has answered: state changes only there.
      return handlers.map((handler) => {
        const saving = Object.create(handler) as HttpHandler;
        saving.run = async (...args) => {
          const result = await handler.run.apply(saving, args);
          if (result?.response) save();
          return result;
        };
        return saving;
      });
    },
  };
}
