/**
 * The mock server's request journal: what each API received, newest last, for tests that
 * assert how often an operation was called and with what (WireMock's `verify(n, …)`). Bounded:
 * past the limit the oldest entries go, and are counted.
 * @module
 */
import { testOf } from './shared/test-header.ts';
import { operationMatcher, specOperations, type OperationSpec } from './violations/operation-table.ts';

/** Entries kept at most (`GET /_mock/requests` says how many were dropped). */
export const MAX_JOURNAL_ENTRIES = 1_000;
/** Bytes of each request body kept; a longer body is cut and marked `bodyTruncated`. */
export const MAX_JOURNAL_BODY_BYTES = 64 * 1024;

/** One request an API of the mock received, as `GET /_mock/requests` lists it. */
export interface RecordedRequest {
  /** The API (`sidclaw`, …). */
  readonly api: string;
  /** The spec's `operationId`, or `(unknown)` when no operation matches. */
  readonly operationId: string;
  readonly method: string;
  /** The path with its query, as sent (`/sidclaw/api/v1/webhooks?limit=5`). */
  readonly path: string;
  /** Query parameters (a repeated one as an array). */
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The body: parsed JSON when it is JSON, else text; null when there was none. */
  readonly body: unknown;
  readonly bodyTruncated?: true;
  /** The status the mock answered with. */
  readonly status: number;
  /** The test that made the request (the `x-hookspec-test` header), when named. */
  readonly test?: string;
  /** When it arrived (ISO 8601). */
  readonly at: string;
}

interface Stored extends Omit<RecordedRequest, 'body' | 'query'> {
  readonly bytes: Uint8Array;
}

export interface RequestJournal {
  /** Records one request to an API and the status it was answered with. */
  record(request: Request, body: Uint8Array, status: number, url: URL): void;
  /**
   * Answers `GET /_mock/requests` (`?api=`, `?operationId=`, `?test=` filter; `{ data, dropped }`)
   * and `DELETE /_mock/requests`; undefined for other paths.
   */
  route(request: Request, pathname: string): Response | undefined;
  list(filter?: { api?: string; operationId?: string; test?: string }): RecordedRequest[];
  clear(): number;
}

const decoder = new TextDecoder();

function bodyOf(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return null;
  const text = decoder.decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** `prefixes`: each API and the path it is served under (`/sidclaw`, `/pipevest/v1`); `tables`: operations of APIs loaded from a spec at run time (the built-in ones come from the generated tables). */
export function createRequestJournal(
  prefixes: Readonly<Record<string, string>>,
  tables: Readonly<Record<string, readonly OperationSpec[]>> = {},
  limit = MAX_JOURNAL_ENTRIES,
): RequestJournal {
  const matchers = new Map(
    Object.entries(prefixes).map(([api, prefix]) => [api, operationMatcher((Object.hasOwn(tables, api) ? tables[api] : specOperations[api]) ?? [], prefix)]),
  );
  let entries: Stored[] = [];
  let dropped = 0;

  const list: RequestJournal['list'] = (filter = {}) =>
    entries
      .filter(
        (entry) =>
          (filter.api === undefined || entry.api === filter.api) &&
          (filter.operationId === undefined || entry.operationId === filter.operationId) &&
          (filter.test === undefined || entry.test === filter.test),
      )
      .map(({ bytes, ...entry }) => {
        const search = entry.path.includes('?') ? entry.path.slice(entry.path.indexOf('?')) : '';
        return { ...entry, query: queryOf(search), body: bodyOf(bytes) };
      });

  const clear = () => {
    const count = entries.length;
    entries = [];
    dropped = 0;
    return count;
  };

  return {
    record(request, body, status, url) {
      const api = url.pathname.split('/')[1] ?? '';
      const match = matchers.get(api);
      if (!match) return;
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const test = testOf(request.headers);
      const truncated = body.byteLength > MAX_JOURNAL_BODY_BYTES;
      entries.push({
        api,
        operationId: match(request.method, url.pathname)?.operation.operationId ?? '(unknown)',
        method: request.method,
        path: url.pathname + url.search,
        headers,
        // A copy of at most the kept bytes: a slice would hold the whole body in memory.
        bytes: truncated ? Uint8Array.prototype.slice.call(body, 0, MAX_JOURNAL_BODY_BYTES) : body,
        ...(truncated ? { bodyTruncated: true as const } : {}),
        status,
        ...(test === undefined ? {} : { test }),
        at: new Date().toISOString(),
      });
      if (entries.length > limit) {
        entries.shift();
        dropped++;
      }
    },
    route(request, pathname) {
      if (pathname !== '/_mock/requests') return undefined;
      if (request.method === 'GET') {
        const params = new URL(request.url).searchParams;
        const filter = Object.fromEntries(['api', 'operationId', 'test'].flatMap((name) => (params.has(name) ? [[name, params.get(name)!]] : [])));
        return Response.json({ data: list(filter), dropped });
      }
      if (request.method === 'DELETE') return Response.json({ cleared: clear() });
      return Response.json({ error: 'method_not_allowed', message: 'Use GET or DELETE /_mock/requests.' }, { status: 405, headers: { allow: 'GET, DELETE' } });
    },
    list,
    clear,
  };
}
