// `scenario.set({ serverError })` and `{ rateLimit }` answer in each API's own error body with
// the code that API's errors module uses for that status (never the 429 code for a 5xx).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeMock } from '../../mocks/exchange/index.ts';
import { createPipevestMock } from '../../mocks/pipevest/index.ts';
import { createProvenonceMock } from '../../mocks/provenonce/index.ts';
import { createSidclawMock } from '../../mocks/sidclaw/index.ts';

const mocks = {
  sidclaw: {
    mock: createSidclawMock({ baseUrl: 'http://sidclaw.test' }),
    url: 'http://sidclaw.test/api/v1/webhooks',
    code: (body: Record<string, string>) => body.error,
  },
  provenonce: {
    mock: createProvenonceMock({ baseUrl: 'http://provenonce.test' }),
    url: 'http://provenonce.test/api/v1/partner/webhook',
    code: (body: Record<string, string>) => body.code,
  },
  exchange: {
    mock: createExchangeMock({ baseUrl: 'http://exchange.test' }),
    url: 'http://exchange.test/partner/webhooks',
    code: (body: Record<string, string>) => body.code,
    method: 'POST',
  },
  pipevest: {
    mock: createPipevestMock({ baseUrl: 'http://pipevest.test/v1' }),
    url: 'http://pipevest.test/v1/webhooks/key',
    code: (body: Record<string, string>) => body.error,
  },
};
/** Each API's code for a forced 5xx and for a forced 429, as its errors module documents them. */
const expected = {
  sidclaw: { 503: 'server_error', 429: 'rate_limited' },
  provenonce: { 503: 'INTERNAL_ERROR', 429: 'RATE_LIMITED' },
  exchange: { 503: 'upstream_failure', 429: 'rate_limited' },
  pipevest: { 503: 'server_error', 429: 'rate_limited' },
};

const server = setupServer(...Object.values(mocks).flatMap(({ mock }) => mock.handlers));
beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterAll(async () => {
  server.close();
  await Promise.all(Object.values(mocks).map(({ mock }) => mock.close({ timeoutMs: 100 })));
});

describe.each(Object.keys(mocks) as Array<keyof typeof mocks>)('%s mock scenario errors', (api) => {
  it('a forced 503 answers 503 with the API code for a server error, and a forced 429 the rate-limit code', async () => {
    const { mock, url, code } = mocks[api];
    const method = (mocks[api] as { method?: string }).method ?? 'GET';
    const answers: Array<[number, string | undefined]> = [];
    for (const scenario of [{ serverError: { status: 503 as const, times: 1 } }, { rateLimit: { retryAfterSeconds: 2, times: 1 } }]) {
      mock.scenario.set(scenario);
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      answers.push([response.status, code((await response.json()) as Record<string, string>)]);
    }
    mock.scenario.clear();
    expect(answers).toEqual([
      [503, expected[api][503]],
      [429, expected[api][429]],
    ]);
  });
});
