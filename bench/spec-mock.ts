// The second part of `npm run bench:mock`: the mock of an API known only from its spec
// (`hookspec mock --spec`, no hand-written handlers) beside Prism mocking the same file, on the
// same two requests (a read answered with fake data, a create answered with the spec's example
// after validating the body). Both run side by side and are measured in turn, round after round;
// ratios are medians of per-round ratios.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { sequentialLatency } from './lib/sequential-latency.ts';
import { listeningOn, spawnUntil, stop } from './lib/spawn-until.ts';

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
const SPEC = 'test/fixtures/specs/acme-notify.yaml';
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const sequentialSeconds = Number(process.env.BENCH_SEQUENTIAL_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 50;
const auth = { authorization: 'Bearer bench' };

const targets = [
  {
    name: 'hookspec mock --spec (no hand-written handlers)',
    prefix: '/acme-notify/v1',
    start: () => spawnUntil(['bench/lib/spec-bench-server.ts'], listeningOn('hookspec spec mock on'), { PORT: '0', SPEC }),
  },
  {
    name: 'Prism mock (same spec)',
    prefix: '',
    start: () => spawnUntil([prismBin, 'mock', SPEC, '--host', '127.0.0.1', '--port', '0'], listeningOn('Prism is listening on')),
  },
];
const requests = [
  { name: 'GET invoice (fake data)', method: 'GET' as const, path: '/invoices/inv_1', headers: auth, body: undefined },
  {
    name: 'POST invoice (validated, example)',
    method: 'POST' as const,
    path: '/invoices',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 4200, currency: 'EUR' }),
  },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const running: Array<{ name: string; prefix: string; port: number; child: Awaited<ReturnType<typeof spawnUntil>>['child']; startupMs: number }> = [];
const samples = new Map<string, Array<{ rps: number; p99: number; seqP50: number }>>();
try {
  for (const target of targets) {
    const { child, startupMs, port } = await target.start();
    running.push({ name: target.name, prefix: target.prefix, port, child, startupMs });
  }
  for (let round = 0; round < rounds; round++) {
    for (const request of requests) {
      for (const server of running) {
        const url = `http://127.0.0.1:${server.port}${server.prefix}${request.path}`;
        if (round === 0) await autocannon({ url, connections: 10, duration: 1, method: request.method, headers: request.headers, body: request.body });
        const result = await autocannon({ url, connections, duration: seconds, method: request.method, headers: request.headers, body: request.body });
        if (result.non2xx > 0) throw new Error(`${server.name}: ${result.non2xx} non-2xx answers to ${request.name}`);
        const sequential = await sequentialLatency({ url, method: request.method, headers: request.headers, body: request.body }, sequentialSeconds);
        const key = `${server.name}\u0000${request.name}`;
        samples.set(key, [...(samples.get(key) ?? []), { rps: result.requests.average, p99: result.latency.p99, seqP50: sequential.p50Us }]);
      }
    }
  }
} finally {
  await Promise.all(running.map((server) => stop(server.child)));
}

console.log(
  `\nA mock from a spec alone (${SPEC}) beside Prism on the same file: ${rounds} rounds of ${connections} connections for ${seconds} s, then 1 connection for ${sequentialSeconds} s; Node ${process.version}\n`,
);
console.log('| server | request | req/s | p99 ms | 1-conn p50 µs | start-up ms |');
console.log('|---|---|---:|---:|---:|---:|');
for (const server of running) {
  for (const request of requests) {
    const measured = samples.get(`${server.name}\u0000${request.name}`)!;
    console.log(
      `| ${server.name} | ${request.name} | ${Math.round(median(measured.map((m) => m.rps)))} | ${median(measured.map((m) => m.p99))} | ${Math.round(median(measured.map((m) => m.seqP50)))} | ${Math.round(server.startupMs)} |`,
    );
  }
}
console.log('\n| request | req/s hookspec ÷ Prism | 1-conn p50 Prism ÷ hookspec |');
console.log('|---|---:|---:|');
for (const request of requests) {
  const [ours, prism] = running.map((server) => samples.get(`${server.name}\u0000${request.name}`)!);
  const perRound = (field: 'rps' | 'seqP50', invert = false) =>
    median(ours!.map((o, i) => (invert ? prism![i]![field] / o[field] : o[field] / prism![i]![field]))).toFixed(2);
  console.log(`| ${request.name} | ${perRound('rps')}× | ${perRound('seqP50', true)}× |`);
}
