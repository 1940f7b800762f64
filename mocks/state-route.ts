import type { ApiMock } from './shared/api-mock.ts';

/**
 * `GET /_mock/state`: every hosted API's current state (`snapshot()`), under its name, in the
 * format `hookspec mock --state <file>` loads. Returns undefined for any other path.
 */
export function handleStateRoute(request: Request, pathname: string, mocks: Partial<Record<string, ApiMock<unknown>>>): Response | undefined {
  if (pathname !== '/_mock/state') return undefined;
  if (request.method !== 'GET') {
    return Response.json(
      { error: 'method_not_allowed', message: 'GET /_mock/state exports the state; load one at start with --state <file>.' },
      { status: 405, headers: { allow: 'GET' } },
    );
  }
  const state = Object.fromEntries(Object.entries(mocks).map(([api, mock]) => [api, mock?.snapshot()]));
  return Response.json(state, { headers: { 'content-disposition': 'inline; filename="hookspec-mock-state.json"' } });
}
