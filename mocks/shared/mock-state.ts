import type { HttpHandler } from 'msw';
import * as z from 'zod';
import type { ZodType } from 'zod';
import { fingerprint } from './fingerprint.ts';
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

/** The `state` option of every mock factory, `Snapshot` being that mock's format (`SidclawMockSnapshot`, …). */
export interface MockStateOptions<Snapshot = unknown> {
  /**
   * The state to start from, in the format `snapshot()` returns (the mock's fixture builders fill
   * what you do not care about). Checked as the create operation checks a request; duplicate ids
   * are refused.
   */
  seed?: Snapshot;
  /**
   * Keeps the state across page reloads: read at start, written after each request that changed
   * it, removed by `reset()` (which goes back to the seed). A copy made from another seed is
   * replaced by the seed; a copy that no longer validates is dropped with one console warning.
   * Pass `sessionStorage` in a browser.
   */
  storage?: StateStorage;
  /** The storage key; default `hookspec:mock:<api>` (the seed's fingerprint goes under `<key>:seed`). */
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

/**
 * A snapshot's entries checked as the create operation checks a request (`request` applied to
 * each entry's request fields), with no two entries under one id: a seed is no looser than the API.
 */
export function entriesAsCreated<Entry>(
  entry: ZodType<Entry>,
  rules: { request: ZodType; fields: (entry: Entry) => unknown; id?: (entry: Entry) => string },
): ZodType<Entry[]> {
  return z.array(entry).superRefine((entries, ctx) => {
    const firstIndex = new Map<string, number>();
    entries.forEach((value, index) => {
      const checked = rules.request.safeParse(rules.fields(value));
      if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue, path: [index, ...issue.path] } as never);
      const id = rules.id?.(value);
      if (id === undefined) return;
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, index);
      else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `repeats the id "${id}" of entry ${first}; ids must be unique`, input: id });
    });
  });
}

/** One mock's state plumbing: seed, storage, snapshot, and handlers that save after each change. */
export interface MockStateBinding<Snapshot> {
  snapshot(): Snapshot;
  /** Saves to the storage, if any, when the state changed. */
  save(): void;
  /** Removes the stored copy and writes the seed, if any, into the state (call after clearing it). */
  reset(): void;
  /** The handlers, each saving the state after it answers a request that may change it (unchanged without storage). */
  persisting(handlers: HttpHandler[]): HttpHandler[];
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bindMockState<State, Snapshot>(
  api: string,
  codec: StateCodec<State, Snapshot>,
  state: State,
  options: MockStateOptions<Snapshot> = {},
): MockStateBinding<Snapshot> {
  const { storage } = options;
  const key = options.key ?? `hookspec:mock:${api}`;
  const seedKey = `${key}:seed`;
  const seed = options.seed === undefined ? undefined : parseSnapshot(codec, api, options.seed, options.source ?? 'seed');
  const seedMark = seed === undefined ? 'none' : fingerprint(JSON.stringify(seed));
  // A copy each time: handlers change the state in place, and reset() must find the seed as given.
  const writeSeed = () => seed !== undefined && codec.write(state, structuredClone(seed));
  writeSeed();

  const forget = () => {
    storage?.removeItem(key);
    storage?.removeItem(seedKey);
  };
  /** The stored copy, if it was made from this seed and still matches the spec; else it is dropped. */
  const restore = (): Snapshot | undefined => {
    const stored = storage?.getItem(key);
    if (stored === null || stored === undefined) return undefined;
    if ((storage?.getItem(seedKey) ?? 'none') !== seedMark) return void forget();
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(stored);
      const parsed = codec.schema.safeParse(value);
      if (parsed.success) return parsed.data;
      problem = describeIssues(parsed.error, { input: value });
    } catch {
      problem = 'it is not JSON';
    }
    console.warn(`hookspec: the ${api} mock's stored state (storage key "${key}") no longer matches the spec (${problem}); starting from the seed instead.`);
    return void forget();
  };
  const restored = restore();
  if (restored !== undefined) codec.write(state, restored);

  // Written only when it changed: a GET, or a request that changed nothing, leaves the storage alone.
  let saved = JSON.stringify(codec.read(state));
  const save = () => {
    if (!storage) return;
    const json = JSON.stringify(codec.read(state));
    if (json === saved) return;
    storage.setItem(key, json);
    storage.setItem(seedKey, seedMark);
    saved = json;
  };
  return {
    snapshot: () => codec.read(state),
    save,
    reset() {
      forget();
      writeSeed();
      saved = JSON.stringify(codec.read(state));
    },
    persisting(handlers) {
      if (!storage) return handlers;
      // Each handler as is, except that `run` (what msw calls for a request) saves once the
      // resolver has answered a request that may change the state.
      return handlers.map((handler) => {
        const saving = Object.create(handler) as HttpHandler;
        saving.run = async (...args) => {
          const result = await handler.run.apply(saving, args);
          if (result?.response && !READS.has(args[0].request.method)) save();
          return result;
        };
        return saving;
      });
    },
  };
}
