// `npm run bench:spec-check`: what the mock server's spec violation checking costs per request,
// measured in one process (interleaved rounds, medians), so the machine's load moves both sides
// alike: the SidClaw handlers answering through msw's `getResponse` with the answer read (what
// the server does for every request, minus node:http), with and without the checker's hook.
import { getResponse } from 'msw';
import { createSidclawMock } from '../mocks/sidclaw/index.ts';
import { createSpecChecker } from '../mocks/violations/spec-checker.ts';
import { measureAll, type BenchCase } from './lib/measure.ts';

const base = 'http://127.0.0.1:4010/sidclaw';
const auth = { authorization: 'Bearer sk_live_abc123' };
const createBody = new TextEncoder().encode(JSON.stringify({ url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'bench' }));
const checker = createSpecChecker({ sidclaw: '/sidclaw' });
const listMock = createSidclawMock({ baseUrl: '*/sidclaw' });
const createMock = createSidclawMock({ baseUrl: '*/sidclaw' });

// The list answers three endpoints, so its body is checked item by item.
for (let i = 0; i < 3; i++) {
  const request = new Request(`${base}/api/v1/webhooks`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: createBody });
  await getResponse(listMock.handlers, request);
}

const list = () => new Request(`${base}/api/v1/webhooks`, { headers: auth });
let created = 0;
const create = () => {
  // Keeps the state small: the create path, not a growing map, is measured.
  if (++created % 1000 === 0) createMock.reset();
  return new Request(`${base}/api/v1/webhooks`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: createBody });
};
const empty = new Uint8Array(0);

async function answer(mock: typeof listMock, request: Request, body: Uint8Array, check: boolean): Promise<number> {
  const response = (await getResponse(mock.handlers, request))!;
  // What the server sends: the body bytes, read once.
  const sent = new Uint8Array(await response.arrayBuffer());
  if (check) checker.check(request, body, response, sent);
  return sent.byteLength + 1;
}

const cases: BenchCase[] = [
  { name: 'GET list, checking off', group: 'list', note: '', run: () => answer(listMock, list(), empty, false) },
  { name: 'GET list, checking on', group: 'list', reference: 'GET list, checking off', note: '', run: () => answer(listMock, list(), empty, true) },
  { name: 'POST create, checking off', group: 'create', note: '', run: () => answer(createMock, create(), createBody, false) },
  { name: 'POST create, checking on', group: 'create', reference: 'POST create, checking off', note: '', run: () => answer(createMock, create(), createBody, true) },
];

const results = await measureAll(cases, { warmupMs: 500, roundMs: 400, rounds: Number(process.env.BENCH_ROUNDS ?? 7) });
if (checker.violations().length > 0) throw new Error(`The benchmark requests broke the spec: ${JSON.stringify(checker.violations()[0])}`);
console.log(`\nSpec violation checking, in-process (no node:http), Node ${process.version}\n`);
console.log('| request | ops/s off | ops/s on | on ÷ off | µs per request added |');
console.log('|---|---:|---:|---:|---:|');
for (const [off, on] of [results.slice(0, 2), results.slice(2, 4)] as const) {
  const added = 1e6 / on!.opsPerSecond - 1e6 / off!.opsPerSecond;
  console.log(`| ${off!.bench.group} | ${Math.round(off!.opsPerSecond)} | ${Math.round(on!.opsPerSecond)} | ${(on!.opsPerSecond / off!.opsPerSecond).toFixed(2)}× | ${added.toFixed(1)} |`);
}
