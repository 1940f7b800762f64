// `npm run bench:mock`: the hookspec mock server beside Prism mocking the same spec, a bare
// node:http server, the floor of any server answering through msw's getResponse, and the floor
// of Fetch objects without msw, on the same create and list requests, in one run. Each server
// runs in its own process; autocannon drives it from this one at 50 connections, then one
// connection sends the same request back to back (latency the way a test suite sees it). All
// servers run side by side and are measured in turn, round after round, so a shared machine's
// load drift hits each alike; ratios are medians of per-round ratios.
// Start-up is measured cold (empty Node compile cache) and warm (median of three later starts)
// for every server alike, and for `hookspec mock` (the CLI).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import autocannon from 'autocannon';
import { sequentialLatency } from './lib/sequential-latency.ts';
import { listeningOn, spawnUntil, stop } from './lib/spawn-until.ts';

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/** Seconds of back-to-back requests on one connection, per row. */
const sequentialSeconds = Number(process.env.BENCH_SEQUENTIAL_SECONDS ?? 2);
const connections = 50;
const auth = { authorization: 'Bearer sk_live_abc123' };
const createBody = JSON.stringify({ url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'bench' });

interface Target {
  name: string;
  /** Starts it on port 0; the port it got is in the result. */
  start(env: Record<string, string>): ReturnType<typeof spawnUntil>;
  /** Path prefix of the SidClaw API on this server. */
  prefix: string;
}

/** Start-up only: `npm start`, and `hookspec mock` from source and built (dist/cli.js) when a build exists. */
const cliStarts: Array<Pick<Target, 'name' | 'start'>> = [
  {
    name: 'npm start (mocks/start.js)',
    start: (env) => spawnUntil(['mocks/start.js'], listeningOn('hookspec mock server on'), { ...env, PORT: '0', HOOKSPEC_QUIET: '1' }),
  },
  {
    name: 'hookspec mock (node src/cli/index.ts)',
    start: (env) => spawnUntil(['src/cli/index.ts', 'mock', '--quiet', '--port', '0'], listeningOn('mock server on'), env),
  },
  ...(existsSync('dist/cli.js')
    ? [
        {
          name: 'hookspec mock (dist/cli.js, as installed)',
          start: (env: Record<string, string>) => spawnUntil(['dist/cli.js', 'mock', '--quiet', '--port', '0'], listeningOn('mock server on'), env),
        },
      ]
    : []),
];

const targets: Target[] = [
  {
    name: 'hookspec mock server',
    start: (env) => spawnUntil(['bench/lib/hookspec-bench-server.ts'], listeningOn('hookspec mock server on'), { ...env, PORT: '0' }),
    prefix: '/sidclaw',
  },
  {
    // The same server with spec violation checking off: the difference is what checking costs.
    name: 'hookspec mock server, spec checking off',
    start: (env) => spawnUntil(['bench/lib/hookspec-bench-server.ts'], listeningOn('hookspec mock server on'), { ...env, PORT: '0', HOOKSPEC_CHECK_SPEC: '0' }),
    prefix: '/sidclaw',
  },
  {
    name: 'Prism mock (same spec)',
    start: (env) => spawnUntil([prismBin, 'mock', 'openapi/sidclaw.yaml', '--host', '127.0.0.1', '--port', '0'], listeningOn('Prism is listening on'), env),
    prefix: '',
  },
  {
    name: 'bare node:http (fixed JSON)',
    start: (env) => spawnUntil(['bench/lib/bare-server.ts'], listeningOn('bare server listening on'), { ...env, PORT: '0' }),
    prefix: '',
  },
  {
    name: 'msw getResponse floor (one fixed handler)',
    start: (env) => spawnUntil(['bench/lib/msw-floor-server.ts'], listeningOn('msw floor server listening on'), { ...env, PORT: '0' }),
    prefix: '',
  },
  {
    name: 'Fetch floor without msw (resolver called directly)',
    start: (env) => spawnUntil(['bench/lib/fetch-floor-server.ts'], listeningOn('fetch floor server listening on'), { ...env, PORT: '0' }),
    prefix: '',
  },
  {
    name: 'Fetch floor reading the body (request.text() + JSON.parse on POST)',
    start: (env) =>
      spawnUntil(['bench/lib/fetch-floor-server.ts'], listeningOn('fetch floor server listening on'), { ...env, PORT: '0', FLOOR_READS_BODY: '1' }),
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
  /** Medians over the rounds. */
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
  /** One connection, requests back to back: latency percentiles in µs (medians over the rounds). */
  sequentialP50Us: number;
  sequentialP99Us: number;
  /** Per round, for ratios between servers measured in the same round. */
  rounds: Array<{ rps: number; p99: number; sequentialP50Us: number }>;
}

/** Starts a server `times` times (stopping each), returning each start-up time. */
async function startupTimes(target: Pick<Target, 'start'>, env: Record<string, string>, times: number): Promise<number[]> {
  const measured: number[] = [];
  for (let i = 0; i < times; i++) {
    const { child, startupMs } = await target.start(env);
    measured.push(startupMs);
    await stop(child);
  }
  return measured;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Rounds per row: every server is measured once per round, so load drift on a shared machine hits all alike. */
const roundCount = Number(process.env.BENCH_ROUNDS ?? 3);

interface Running {
  target: Target;
  child: Awaited<ReturnType<typeof spawnUntil>>['child'];
  port: number;
  cacheDir: string;
  coldStartMs: number;
  warmStartMs: number;
}

// BENCH_TARGETS=hookspec runs only the servers whose name contains it (the checking on/off pair).
const only = process.env.BENCH_TARGETS;
const running: Running[] = [];
try {
  for (const target of targets.filter((t) => only === undefined || t.name.includes(only))) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'hookspec-bench-compile-cache-'));
    const env = { NODE_COMPILE_CACHE: cacheDir };
    const [coldStartMs] = await startupTimes(target, env, 1);
    const warmStartMs = median(await startupTimes(target, env, 3));
    const { child, port } = await target.start(env);
    running.push({ target, child, port, cacheDir, coldStartMs: coldStartMs!, warmStartMs });
  }
} catch (error) {
  await Promise.all(running.map((r) => stop(r.child)));
  throw error;
}

/**
 * The hookspec mock starts every measurement from a reset state (a long create run would
 * otherwise hold tens of thousands of endpoints, which no test suite creates), and each list
 * measurement with one endpoint, like the fixed list body of the floors.
 */
async function prepare(server: Running, request: (typeof requests)[number]): Promise<void> {
  if (server.target.prefix === '') return;
  const base = `http://127.0.0.1:${server.port}`;
  await fetch(`${base}/_mock/reset`, { method: 'POST' });
  if (request.name !== 'list') return;
  const created = await fetch(`${base}${server.target.prefix}${request.path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: createBody,
  });
  if (created.status !== 201) throw new Error(`could not prepare the list: ${created.status}`);
}

const samples = new Map<
  string,
  Array<{ rps: number; p50: number; p99: number; errors: number; non2xx: number; cpuUs: number; total: number; seqP50: number; seqP99: number }>
>();
try {
  for (const server of running) {
    for (const request of requests) {
      await prepare(server, request);
      const url = `http://127.0.0.1:${server.port}${server.target.prefix}${request.path}`;
      await autocannon({ url, connections: 10, duration: 1, method: request.method, headers: request.headers, body: request.body }); // warm-up
    }
  }
  for (let round = 0; round < roundCount; round++) {
    for (const request of requests) {
      for (const server of running) {
        await prepare(server, request);
        const url = `http://127.0.0.1:${server.port}${server.target.prefix}${request.path}`;
        const cpuBefore = cpuSeconds(server.child.pid);
        const result = await autocannon({ url, connections, duration: seconds, method: request.method, headers: request.headers, body: request.body });
        const cpuUsed = cpuSeconds(server.child.pid) - cpuBefore;
        await prepare(server, request);
        const sequential = await sequentialLatency({ url, method: request.method, headers: request.headers, body: request.body }, sequentialSeconds);
        if (sequential.non2xx > 0) throw new Error(`${server.target.name}: ${sequential.non2xx} non-2xx answers to ${request.method} ${request.name}`);
        const key = `${server.target.name}\u0000${request.method} ${request.name}`;
        samples.set(key, [
          ...(samples.get(key) ?? []),
          {
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            errors: result.errors + result.timeouts,
            non2xx: result.non2xx,
            cpuUs: cpuUsed * 1e6,
            total: result.requests.total,
            seqP50: sequential.p50Us,
            seqP99: sequential.p99Us,
          },
        ]);
      }
    }
  }
} finally {
  await Promise.all(running.map((r) => stop(r.child)));
  for (const r of running) rmSync(r.cacheDir, { recursive: true, force: true });
}

const rows: Row[] = [];
for (const server of running) {
  for (const request of requests) {
    const measured = samples.get(`${server.target.name}\u0000${request.method} ${request.name}`)!;
    rows.push({
      server: server.target.name,
      request: `${request.method} ${request.name}`,
      rps: median(measured.map((m) => m.rps)),
      p50: median(measured.map((m) => m.p50)),
      p99: median(measured.map((m) => m.p99)),
      errors: measured.reduce((sum, m) => sum + m.errors, 0),
      non2xx: measured.reduce((sum, m) => sum + m.non2xx, 0),
      coldStartMs: server.coldStartMs,
      warmStartMs: server.warmStartMs,
      cpuUsPerRequest: measured.reduce((sum, m) => sum + m.cpuUs, 0) / measured.reduce((sum, m) => sum + m.total, 0),
      sequentialP50Us: median(measured.map((m) => m.seqP50)),
      sequentialP99Us: median(measured.map((m) => m.seqP99)),
      rounds: measured.map((m) => ({ rps: m.rps, p99: m.p99, sequentialP50Us: m.seqP50 })),
    });
  }
}

const cliStartups: Array<{ name: string; coldStartMs: number; warmStartMs: number }> = [];
for (const cli of cliStarts) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'hookspec-bench-compile-cache-'));
  try {
    const env = { NODE_COMPILE_CACHE: cacheDir };
    const [coldStartMs] = await startupTimes(cli, env, 1);
    cliStartups.push({ name: cli.name, coldStartMs: coldStartMs!, warmStartMs: median(await startupTimes(cli, env, 3)) });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const find = (server: string, request: string) => rows.find((r) => r.server.startsWith(server) && r.request === request)!;
console.log(
  `\nMock servers, ${roundCount} rounds of ${connections} connections for ${seconds} s, then 1 connection for ${sequentialSeconds} s (medians over the rounds); Node ${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? ''}\n`,
);
console.log('| server | request | req/s | p50 ms | p99 ms | 1-conn p50 µs | 1-conn p99 µs | server CPU µs/req | errors | non-2xx | start-up ms cold / warm |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.server} | ${r.request} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.sequentialP50Us)} | ${Math.round(r.sequentialP99Us)} | ${Math.round(r.cpuUsPerRequest)} | ${r.errors} | ${r.non2xx} | ${Math.round(r.coldStartMs)} / ${Math.round(r.warmStartMs)} |`,
  );
}
for (const cli of cliStartups) console.log(`| ${cli.name} | start-up only | | | | | | | | | ${Math.round(cli.coldStartMs)} / ${Math.round(cli.warmStartMs)} |`);

console.log('\n| request | spec checking: req/s on ÷ off | server CPU µs/req on − off |');
console.log('|---|---:|---:|');
for (const request of requests) {
  const name = `${request.method} ${request.name}`;
  const on = rows.find((r) => r.server === 'hookspec mock server' && r.request === name);
  const off = rows.find((r) => r.server === 'hookspec mock server, spec checking off' && r.request === name);
  if (on && off) console.log(`| ${name} | ${(on.rps / off.rps).toFixed(2)}× | ${Math.round(on.cpuUsPerRequest - off.cpuUsPerRequest)} |`);
}
if (only !== undefined) process.exit(0);
console.log(
  '\n| request | req/s hookspec ÷ Fetch floor (target ≥ 0.7×) | p99 hookspec ÷ Fetch floor (target ≤ 2×) | 1-conn p50 hookspec ÷ Fetch floor (target ≤ 1.5×) | server CPU/req Fetch floor ÷ hookspec | req/s hookspec ÷ Fetch floor reading the body | req/s hookspec ÷ msw floor | req/s hookspec ÷ Prism | req/s hookspec ÷ bare | Fetch floor ÷ Prism / ÷ bare |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const request of requests) {
  const name = `${request.method} ${request.name}`;
  const [ours, prism, bare, mswFloor, fetchFloor, bodyFloor] = [
    'hookspec',
    'Prism',
    'bare',
    'msw getResponse floor',
    'Fetch floor without',
    'Fetch floor reading',
  ].map((server) => find(server, name)) as [Row, Row, Row, Row, Row, Row];
  // Median of the per-round ratios: both servers of a pair ran minutes apart at most, in the same round.
  const ratio = (a: Row, b: Row, field: 'rps' | 'p99' | 'sequentialP50Us' = 'rps') => median(a.rounds.map((round, i) => round[field] / b.rounds[i]![field]));
  const x = (a: Row, b: Row, field: 'rps' | 'p99' | 'sequentialP50Us' = 'rps') => `${ratio(a, b, field).toFixed(2)}×`;
  console.log(
    `| ${name} | ${x(ours, fetchFloor)} | ${x(ours, fetchFloor, 'p99')} (${ours.p99} / ${fetchFloor.p99} ms) | ${x(ours, fetchFloor, 'sequentialP50Us')} (${Math.round(ours.sequentialP50Us)} / ${Math.round(fetchFloor.sequentialP50Us)} µs) | ${(fetchFloor.cpuUsPerRequest / ours.cpuUsPerRequest).toFixed(2)}× | ${x(ours, bodyFloor)} | ${x(ours, mswFloor)} | ${x(ours, prism)} | ${x(ours, bare)} | ${x(fetchFloor, prism)} / ${x(fetchFloor, bare)} |`,
  );
}
