// `npm run bench:mock`: the hookspec mock server beside Prism mocking the same spec, a bare
// node:http server, the floor of any server answering through msw's getResponse, and the floor
// of Fetch objects without msw, on the same create and list requests, in one run. Each server
// runs in its own process; autocannon drives it from this one. Start-up is measured cold (empty
// Node compile cache) and warm (median of three later starts) for every server alike.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import autocannon from 'autocannon';
import { freePort } from '../src/net/free-port.ts';
import { spawnUntil, stop } from './lib/spawn-until.ts';

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 50;
const auth = { authorization: 'Bearer sk_live_abc123' };
const createBody = JSON.stringify({ url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'bench' });

interface Target {
  name: string;
  start(port: number, env: Record<string, string>): ReturnType<typeof spawnUntil>;
  /** Path prefix of the SidClaw API on this server. */
  prefix: string;
}

const targets: Target[] = [
  {
    name: 'hookspec mock server',
    start: (port, env) => spawnUntil(['mocks/start.js'], 'hookspec mock server on', { ...env, PORT: String(port), HOOKSPEC_QUIET: '1' }),
    prefix: '/sidclaw',
  },
  {
    // The same server with spec violation checking off: the difference is what checking costs.
    name: 'hookspec mock server, spec checking off',
    start: (port, env) => spawnUntil(['mocks/start.js'], 'hookspec mock server on', { ...env, PORT: String(port), HOOKSPEC_QUIET: '1', HOOKSPEC_CHECK_SPEC: '0' }),
    prefix: '/sidclaw',
  },
  {
    name: 'Prism mock (same spec)',
    start: (port, env) => spawnUntil([prismBin, 'mock', 'openapi/sidclaw.yaml', '--host', '127.0.0.1', '--port', String(port)], 'Prism is listening', env),
    prefix: '',
  },
  {
    name: 'bare node:http (fixed JSON)',
    start: (port, env) => spawnUntil(['bench/lib/bare-server.ts'], 'bare server listening', { ...env, PORT: String(port) }),
    prefix: '',
  },
  {
    name: 'msw getResponse floor (one fixed handler)',
    start: (port, env) => spawnUntil(['bench/lib/msw-floor-server.ts'], 'msw floor server listening', { ...env, PORT: String(port) }),
    prefix: '',
  },
  {
    name: 'Fetch floor without msw (resolver called directly)',
    start: (port, env) => spawnUntil(['bench/lib/fetch-floor-server.ts'], 'fetch floor server listening', { ...env, PORT: String(port) }),
    prefix: '',
  },
];

const requests = [
  { name: 'list', method: 'GET' as const, path: '/api/v1/webhooks', headers: auth, body: undefined },
  { name: 'create', method: 'POST' as const, path: '/api/v1/webhooks', headers: { ...auth, 'content-type': 'application/json' }, body: createBody },
];

/** CPU seconds (user + system) a process has used so far, from /proc (Linux clock ticks of 10 ms). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Row {
  server: string;
  request: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** First start with an empty compile cache. */
  coldStartMs: number;
  /** Median of three later starts (compile cache filled). */
  warmStartMs: number;
  /** Server CPU time per request, in µs: less sensitive to a busy machine than req/s. */
  cpuUsPerRequest: number;
}

/** Starts a server `times` times (stopping each), returning each start-up time. */
async function startupTimes(target: Target, env: Record<string, string>, times: number): Promise<number[]> {
  const measured: number[] = [];
  for (let i = 0; i < times; i++) {
    const { child, startupMs } = await target.start(await freePort(), env);
    measured.push(startupMs);
    await stop(child);
  }
  return measured;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// BENCH_TARGETS=hookspec runs only the servers whose name contains it (the checking on/off pair).
const only = process.env.BENCH_TARGETS;
const rows: Row[] = [];
for (const target of targets.filter((t) => only === undefined || t.name.includes(only))) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'hookspec-bench-compile-cache-'));
  const env = { NODE_COMPILE_CACHE: cacheDir };
  const [coldStartMs] = await startupTimes(target, env, 1);
  const warmStartMs = median(await startupTimes(target, env, 3));
  const port = await freePort();
  const { child } = await target.start(port, env);
  try {
    for (const request of requests) {
      const url = `http://127.0.0.1:${port}${target.prefix}${request.path}`;
      await autocannon({ url, connections: 10, duration: 1, method: request.method, headers: request.headers, body: request.body }); // warm-up
      const cpuBefore = cpuSeconds(child.pid);
      const result = await autocannon({ url, connections, duration: seconds, method: request.method, headers: request.headers, body: request.body });
      const cpuUsed = cpuSeconds(child.pid) - cpuBefore;
      rows.push({
        server: target.name,
        request: `${request.method} ${request.name}`,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        coldStartMs: coldStartMs!,
        warmStartMs,
        cpuUsPerRequest: (cpuUsed * 1e6) / result.requests.total,
      });
    }
  } finally {
    await stop(child);
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const find = (server: string, request: string) => rows.find((r) => r.server.startsWith(server) && r.request === request)!;
console.log(`\nMock servers, ${connections} connections, ${seconds} s per row, Node ${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? ''}\n`);
console.log('| server | request | req/s | p50 ms | p99 ms | server CPU µs/req | errors | non-2xx | start-up ms cold / warm |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.server} | ${r.request} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.cpuUsPerRequest)} | ${r.errors} | ${r.non2xx} | ${Math.round(r.coldStartMs)} / ${Math.round(r.warmStartMs)} |`,
  );
}
console.log('\n| request | spec checking: req/s on ÷ off | server CPU µs/req on − off |');
console.log('|---|---:|---:|');
for (const request of requests) {
  const name = `${request.method} ${request.name}`;
  const on = rows.find((r) => r.server === 'hookspec mock server' && r.request === name);
  const off = rows.find((r) => r.server === 'hookspec mock server, spec checking off' && r.request === name);
  if (on && off) console.log(`| ${name} | ${(on.rps / off.rps).toFixed(2)}× | ${Math.round(on.cpuUsPerRequest - off.cpuUsPerRequest)} |`);
}
if (only !== undefined) process.exit(0);
console.log('\n| request | req/s hookspec ÷ Prism (target ≥ 6×) | req/s hookspec ÷ bare (target ≥ 0.5×) | req/s hookspec ÷ msw floor | msw floor ÷ Prism / ÷ bare | Fetch floor ÷ Prism / ÷ bare |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const request of requests) {
  const name = `${request.method} ${request.name}`;
  const [ours, prism, bare, mswFloor, fetchFloor] = ['hookspec', 'Prism', 'bare', 'msw getResponse floor', 'Fetch floor'].map((server) => find(server, name)) as [Row, Row, Row, Row, Row];
  const x = (a: Row, b: Row) => `${(a.rps / b.rps).toFixed(2)}×`;
  console.log(
    `| ${name} | ${x(ours, prism)} | ${x(ours, bare)} | ${x(ours, mswFloor)} | ${x(mswFloor, prism)} / ${x(mswFloor, bare)} | ${x(fetchFloor, prism)} / ${x(fetchFloor, bare)} |`,
  );
}
