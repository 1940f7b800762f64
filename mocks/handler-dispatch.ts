/**
 * Answers a request with the mock's own MSW handlers, calling the matched handler's resolver
 * directly with what msw's `RequestHandler.run` passes it (`request`, `requestId`, `params`,
 * `cookies`, `finalize`) instead of going through `getResponse`, which clones every request,
 * creates and aborts an `AbortController` per handler and matches the URL a second time.
 * Whatever this path cannot reproduce exactly goes to `getResponse` (see `needsGetResponse`).
 * @module
 */
import { getResponse, matchRequestUrl, type HttpHandler, type PathParams } from 'msw';

/** A handler whose method and path matched, with the path parameters msw would give it. */
interface Candidate {
  readonly handler: HttpHandler;
  readonly params: PathParams;
}

type Resolver = (info: Record<string, unknown>) => unknown;
type Cleanup = () => unknown;

/** The parts of msw's `RequestHandler` state that are private in its types. */
interface HandlerInternals {
  resolver: Resolver;
  options?: { once?: boolean };
}
const internals = (handler: HttpHandler) => handler as unknown as HandlerInternals;

/**
 * Handlers msw treats in ways a direct call would not reproduce: one-time handlers (msw skips
 * them once used), a RegExp method, and a custom predicate instead of a path (msw decides those
 * per request). Requests they could answer are left to `getResponse`.
 */
function needsGetResponse(handler: HttpHandler): boolean {
  const { method, path } = handler.info;
  return typeof method !== 'string' || typeof path === 'function' || internals(handler).options?.once === true;
}

/**
 * Groups a mock's handlers by method, keeping their order (msw tries them in order, and the
 * first one that returns a response wins).
 */
export function createHandlerRoutes(handlers: readonly HttpHandler[]) {
  const byMethod = new Map<string, HttpHandler[]>();
  const anyMethod: HttpHandler[] = [];
  for (const handler of handlers) {
    const method = handler.info.method;
    if (typeof method !== 'string') anyMethod.push(handler);
    else byMethod.set(method.toUpperCase(), [...(byMethod.get(method.toUpperCase()) ?? []), handler]);
  }
  return {
    /** The handlers that may answer this method and URL, in the mock's order. */
    match(method: string, url: URL): Candidate[] {
      const candidates: Candidate[] = [];
      const sameMethod = byMethod.get(method) ?? [];
      const handlersToTry = anyMethod.length === 0 ? sameMethod : handlers.filter((h) => sameMethod.includes(h) || anyMethod.includes(h));
      for (const handler of handlersToTry) {
        const path = handler.info.path;
        if (typeof path === 'function' || typeof handler.info.method !== 'string') {
          candidates.push({ handler, params: {} });
          continue;
        }
        // msw's own matcher, so `params` are exactly what msw would pass.
        const matched = matchRequestUrl(url, path);
        if (matched.matches) candidates.push({ handler, params: matched.params ?? {} });
      }
      return candidates;
    },
  };
}

/** msw's request id format (`createRequestId` of @mswjs/interceptors). */
const requestId = () => Math.random().toString(16).slice(2);

const isIterable = (value: unknown): boolean => typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);

async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      console.error('A mock handler cleanup failed:', error);
    }
  }
}

/** The response with a body that runs the cleanups once it is read to the end or cancelled (as msw does). */
function runCleanupsWhenBodySettles(response: Response, cleanups: Cleanup[]): Response {
  const reader = response.body!.getReader();
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    void runCleanups(cleanups);
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          settle();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        settle();
        throw error;
      }
    },
    async cancel(reason) {
      settle();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** One handler's resolver, called as `RequestHandler.run` calls it; undefined when it gives no response. */
async function callResolver(candidate: Candidate, request: Request, id: string): Promise<Response | undefined> {
  const { handler, params } = candidate;
  // msw parses the Cookie header for every request; most requests carry none.
  const cookies = request.headers.has('cookie') ? (await handler.parse({ request })).cookies : {};
  let cleanups: Cleanup[] | undefined;
  handler.isUsed = true;
  let result: unknown;
  try {
    result = await internals(handler).resolver({
      params,
      cookies,
      get finalize() {
        return (callback: Cleanup) => {
          cleanups ??= [];
          return cleanups.unshift(callback);
        };
      },
      requestId: id,
      request,
    });
  } catch (error) {
    if (cleanups) await runCleanups(cleanups);
    // A resolver may throw a Response to answer with it.
    if (error instanceof Response) return error;
    throw error;
  }
  if (isIterable(result)) {
    // msw steps a generator resolver across requests inside the handler; the mock's handlers return plain responses.
    throw new Error(`The mock server cannot answer with the generator resolver of "${handler.info.header}".`);
  }
  // msw treats any truthy result as the response.
  const response = (result || undefined) as Response | undefined;
  if (!cleanups) return response;
  if (!response?.body || response.bodyUsed || response.body.locked) {
    await runCleanups(cleanups);
    return response;
  }
  return runCleanupsWhenBodySettles(response, cleanups);
}

/**
 * The response of the first candidate that gives one, as `getResponse` over the same handlers
 * would produce; undefined when none does.
 */
export async function dispatchToHandlers(candidates: readonly Candidate[], request: Request): Promise<Response | undefined> {
  if (candidates.some(({ handler }) => needsGetResponse(handler))) {
    return getResponse(
      candidates.map(({ handler }) => handler),
      request,
    );
  }
  const id = requestId();
  for (const candidate of candidates) {
    const response = await callResolver(candidate, request, id);
    if (response) return response;
  }
  return undefined;
}
