// `npm run bench:mock-path`: the mock server's request path in one process, without sockets:
// CPU time per request (process.cpuUsage, medians of interleaved rounds) from the parsed URL to
// the response bytes, for the SidClaw list and create requests, next to the Fetch floor doing
// the least any Fetch-based handler does (build the Request, read the body on POST, build a
// fixed response, read its bytes). Without the HTTP layer and the load generator, this is far
// steadier on a busy machine than the req/s of `bench:mock`, and it isolates what the request
// path itself costs: the direct path against msw's getResponse over the same matched handlers
// (what the server called before).
import { getResponse, HttpResponse } from 'msw';
import { createHandlerRoutes, dispatchToHandlers } from '../mocks/handler-dispatch.ts';
import { createSidclawMock } from '../mocks/sidclaw/index.ts';
import { fixedListBody } from './lib/fixed-list-body.ts';

// No cap on endpoints: the create rows register thousands (the default cap answers 400 past 100).
const mock = createSidclawMock({ baseUrl: '*/sidclaw', limits: { maxEndpoints: Number.MAX_SAFE_INTEGER } });
const routes = createHandlerRoutes(mock.handlers);
const createBody = Buffer.from(JSON.stringify({ url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'bench' }));
const headers = { host: '127.0.0.1:4010', authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json', connection: 'keep-alive' };
const postHeaders = { ...headers, 'content-length': String(createBody.length) };
const urlText = 'http://127.0.0.1:4010/sidclaw/api/v1/webhooks';
const fixed = () => new HttpResponse(fixedListBody, { headers: { 'content-type': 'application/json' } });

async function bytes(response: Response | undefined): Promise<ArrayBuffer> {
  if (response?.status !== 200 && response?.status !== 201) throw new Error(`unexpected answer ${response?.status}`);
  return response.arrayBuffer();
}

interface Case {
  name: string;
  request: 'GET list' | 'POST create';
  run(): Promise<unknown>;
}

const cases: Case[] = [
  {
    name: 'Fetch floor (Request, fixed HttpResponse)',
    request: 'GET list',
    run: async () => {
      new Request(urlText, { method: 'GET', headers });
      return bytes(fixed());
    },
  },
  {
    name: 'hookspec, direct path',
    request: 'GET list',
    run: async () => {
      const url = new URL(urlText);
      return bytes(await dispatchToHandlers(routes.match('GET', url), new Request(url, { method: 'GET', headers })));
    },
  },
  {
    name: 'hookspec, msw getResponse over the matched handlers',
    request: 'GET list',
    run: async () => {
      const url = new URL(urlText);
      return bytes(
        await getResponse(
          routes.match('GET', url).map((c) => c.handler),
          new Request(url, { method: 'GET', headers }),
        ),
      );
    },
  },
  {
    name: 'Fetch floor reading the body (text + JSON.parse)',
    request: 'POST create',
    run: async () => {
      JSON.parse(await new Request(urlText, { method: 'POST', headers: postHeaders, body: createBody }).text());
      return bytes(fixed());
    },
  },
  {
    name: 'hookspec, direct path',
    request: 'POST create',
    run: async () => {
      const url = new URL(urlText);
      return bytes(await dispatchToHandlers(routes.match('POST', url), new Request(url, { method: 'POST', headers: postHeaders, body: createBody })));
    },
  },
  {
    name: 'hookspec, msw getResponse over the matched handlers',
    request: 'POST create',
    run: async () => {
      const url = new URL(urlText);
      return bytes(
        await getResponse(
          routes.match('POST', url).map((c) => c.handler),
          new Request(url, { method: 'POST', headers: postHeaders, body: createBody }),
        ),
      );
    },
  },
];

const perRound = Number(process.env.BENCH_ITERATIONS ?? 4000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const samples = cases.map((): number[] => []);
for (const bench of cases) for (let i = 0; i < 1000; i++) await bench.run(); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [i, bench] of cases.entries()) {
    // The list holds one endpoint, like the floor's fixed body; creates start from it too.
    mock.reset();
    await dispatchToHandlers(routes.match('POST', new URL(urlText)), new Request(urlText, { method: 'POST', headers: postHeaders, body: createBody }));
    const before = process.cpuUsage();
    for (let n = 0; n < perRound; n++) await bench.run();
    const used = process.cpuUsage(before);
    samples[i]!.push((used.user + used.system) / perRound);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`\nMock request path in one process, CPU µs per request (median of ${rounds} interleaved rounds of ${perRound}); Node ${process.version}\n`);
console.log('| request | path | CPU µs/req | ÷ Fetch floor |');
console.log('|---|---|---:|---:|');
for (const request of ['GET list', 'POST create'] as const) {
  const rows = cases.map((bench, i) => ({ bench, us: median(samples[i]!) })).filter((row) => row.bench.request === request);
  const floor = rows[0]!.us;
  for (const row of rows) console.log(`| ${request} | ${row.bench.name} | ${row.us.toFixed(1)} | ${(row.us / floor).toFixed(2)}× |`);
}
await mock.close({ timeoutMs: 100 });
