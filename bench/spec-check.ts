// `npm run bench:spec-check`: what the mock server's spec violation checking costs per request,
// in CPU time, in one process with interleaved rounds (the machine's load moves both alike): the
// check of one request and its answer, beside the SidClaw handlers answering it through msw's
// `getResponse` with the answer read (what the server does for every request, minus node:http).
import { getResponse } from 'msw';
import { createSidclawMock } from '../mocks/sidclaw/index.ts';
import { createSpecChecker } from '../mocks/violations/spec-checker.ts';

const base = 'http://127.0.0.1:4010/sidclaw';
const auth = { authorization: 'Bearer sk_live_abc123' };
const createBody = new TextEncoder().encode(
  JSON.stringify({ url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'bench' }),
);
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

/** CPU µs per call of `run`, over `n` calls: CPU time, not wall time, so other processes on the machine move it less. */
async function cpuMicros(n: number, run: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The arguments of one check, prepared once: the check alone is timed. */
async function prepared(mock: typeof listMock, request: Request, body: Uint8Array) {
  const response = (await getResponse(mock.handlers, request.clone()))!;
  const sent = new Uint8Array(await response.arrayBuffer());
  // The server has parsed the URL to route the request; the check reuses it.
  const url = new URL(request.url);
  return () => checker.check(request, body, response, sent, url);
}

const rows = [
  { name: 'GET list (3 endpoints)', path: () => answer(listMock, list(), empty, false), check: await prepared(listMock, list(), empty) },
  { name: 'POST create', path: () => answer(createMock, create(), createBody, false), check: await prepared(createMock, create(), createBody) },
];
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const samples = rows.map(() => ({ path: [] as number[], check: [] as number[] }));
for (let round = -1; round < rounds; round++) {
  for (const [index, row] of rows.entries()) {
    const path = await cpuMicros(2000, row.path);
    const check = await cpuMicros(2000, row.check);
    // Round -1 warms up.
    if (round >= 0) {
      samples[index]!.path.push(path);
      samples[index]!.check.push(check);
    }
  }
}
if (checker.violations().length > 0) throw new Error(`The benchmark requests broke the spec: ${JSON.stringify(checker.violations()[0])}`);
console.log(`\nSpec violation checking: CPU µs per request, median of ${rounds} interleaved rounds, Node ${process.version}\n`);
console.log('| request | handler path (getResponse + body read) | spec check | check ÷ handler path | check range |');
console.log('|---|---:|---:|---:|---:|');
for (const [index, row] of rows.entries()) {
  const { path, check } = samples[index]!;
  console.log(
    `| ${row.name} | ${median(path).toFixed(1)} | ${median(check).toFixed(1)} | ${((100 * median(check)) / median(path)).toFixed(1)}% | ${Math.min(...check).toFixed(1)}–${Math.max(...check).toFixed(1)} |`,
  );
}
