/**
 * The verify path of this checkout against an earlier commit's, in one process: each public
 * verifier (and the primitives under them) of both builds on the same signed deliveries,
 * interleaved round by round, over several runs. Prints, per row, the median over runs of the
 * median per-round ratio (this build ÷ the earlier one): 1.00× is no change, below 0.95× is a
 * regression worth a look.
 *
 * Run: npm run bench:verify-builds -- [<commit>] [--runs <n>] [--only <row text>]   (default: 63623ec, the last commit
 * before the delivery side moved into the specs and the code onto schemes; 5 runs)
 *
 * The earlier commit's src/ and generated/ are exported (git archive) under the system temp
 * folder, with this checkout's node_modules linked in, so both builds use the same dependencies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { createExchangeTestDelivery } from '../src/exchange/test-delivery.ts';
import { pipevestMockKeys } from '../src/pipevest/mock-keys.ts';
import { createPipevestTestDelivery } from '../src/pipevest/test-delivery.ts';
import { createProvenTestDelivery } from '../src/proven/test-delivery.ts';
import { createProvenonceTestDelivery } from '../src/provenonce/test-delivery.ts';
import { createSidclawTestDelivery } from '../src/sidclaw/test-delivery.ts';
import { signHmacSha256, signHttpMessage } from '../src/signatures/index.ts';
import { eventRegistryFrom } from '../src/webhooks/event-registry.ts';
import { lazyFakePayloads } from '../src/webhooks/fake-payloads.ts';
import { ED25519, HMAC_SECRET, jsonBody1KiB } from './lib/fixtures.ts';
import { type BenchCase, measureAll } from './lib/measure.ts';
import { ratioToReference } from './lib/table.ts';

const DEFAULT_BASELINE = '63623ec';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } } });
const baseline = positionals[0] ?? DEFAULT_BASELINE;
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a positive integer, got ${values.runs}.`);

const here = fileURLToPath(new URL('..', import.meta.url));
const sha = execFileSync('git', ['rev-parse', '--short', `${baseline}^{commit}`], { cwd: here, encoding: 'utf8' }).trim();
const oldRoot = join(tmpdir(), `hookspec-build-${sha}`);
if (!existsSync(oldRoot)) {
  // An export of the commit's files, not a worktree: the repository is left as it was.
  mkdirSync(oldRoot);
  execFileSync('sh', ['-c', `git archive ${sha} src generated | tar -x -C "${oldRoot}"`], { cwd: here, stdio: 'inherit' });
  symlinkSync(join(here, 'node_modules'), join(oldRoot, 'node_modules'), 'dir');
}

/** One build's modules, loaded from its own src/. */
async function load(root: string) {
  const from = (path: string) => import(pathToFileURL(join(root, path)).href);
  return {
    signatures: await from('src/signatures/index.ts'),
    sidclaw: await from('src/sidclaw/verify-webhook.ts'),
    provenonce: await from('src/provenonce/verify-webhook.ts'),
    exchange: await from('src/exchange/verify-webhook.ts'),
    proven: await from('src/proven/verify-webhook.ts'),
    pipevest: await from('src/pipevest/verify-webhook.ts'),
  };
}
type Build = Awaited<ReturnType<typeof load>>;

/** A valid body of `event` from the API's generated fake-data factories, so validation passes in both builds. */
async function fakeBody(api: string, event: string): Promise<string> {
  const validators = await import(`../generated/${api}/zod.gen.ts`);
  const fake = lazyFakePayloads(() => import(`../generated/${api}/@faker-js/faker.gen.ts`), eventRegistryFrom(validators));
  return JSON.stringify(await fake(event));
}

const body = jsonBody1KiB();
const hmacHeader = signHmacSha256(HMAC_SECRET, body);
const sidclaw = await createSidclawTestDelivery({ event: 'approval.requested', body, id: 'del-001', secret: HMAC_SECRET });
const provenonce = await createProvenonceTestDelivery({
  event: 'heartbeat.recorded',
  body: await fakeBody('provenonce', 'heartbeat.recorded'),
  secret: HMAC_SECRET,
});
const exchange = await createExchangeTestDelivery({ event: 'order.created', body: await fakeBody('exchange', 'order.created'), secret: HMAC_SECRET });
const proven = await createProvenTestDelivery({ event: 'credentials:done', body: await fakeBody('proven', 'credentials:done'), apiKey: 'bench-key' });
const pipevestUrl = 'https://receiver.example/webhooks/pipevest';
const pipevestBody = await fakeBody('pipevest', 'WEBHOOK.UPDATED');
const signPipevest = () =>
  createPipevestTestDelivery({
    event: 'WEBHOOK.UPDATED',
    body: pipevestBody,
    key: pipevestMockKeys.delivery.privateKeyPem,
    keyId: pipevestMockKeys.delivery.keyId,
    url: pipevestUrl,
  });
let pipevest = await signPipevest();
const rfcRequest = {
  method: 'POST',
  url: pipevestUrl,
  headers: { 'content-type': 'application/json', 'content-digest': 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:' } as Record<string, string>,
};
const components = ['@method', '@target-uri', 'content-type', 'content-digest'];
let created = 0;
let rfcSignedRequest = rfcRequest;
/** Signs both deliveries again (before each run): their signatures have a maximum age. */
async function signAgain() {
  pipevest = await signPipevest();
  created = Math.floor(Date.now() / 1000);
  const rfcSigned = await signHttpMessage(rfcRequest, { key: ED25519.privateKey, keyid: 'bench-key', components, created, label: 'sig' });
  rfcSignedRequest = { ...rfcRequest, headers: { ...rfcRequest.headers, ...rfcSigned.headers } };
}
await signAgain();
const rfcKeys = new Map([['bench-key', ED25519.publicKey]]);

/** The rows: the same call on either build. */
const allRows: Array<{ name: string; run: (b: Build) => unknown }> = [
  { name: 'verifyHmacSha256 (sync)', run: (b) => b.signatures.verifyHmacSha256(HMAC_SECRET, body, hmacHeader) === 0 },
  { name: 'verifyHmacSha256Async (Web Crypto)', run: async (b) => (await b.signatures.verifyHmacSha256Async(HMAC_SECRET, body, hmacHeader)) === 0 },
  {
    name: 'signHttpMessage',
    run: (b) => b.signatures.signHttpMessage(rfcRequest, { key: ED25519.privateKey, keyid: 'bench-key', components, created, label: 'sig' }),
  },
  {
    name: 'verifyHttpMessage',
    run: async (b) => (await b.signatures.verifyHttpMessage(rfcSignedRequest, { key: (keyid: string | undefined) => rfcKeys.get(keyid ?? '') })).length === 1,
  },
  { name: 'verifySidclawWebhookSync', run: (b) => b.sidclaw.verifySidclawWebhookSync(sidclaw, { secret: HMAC_SECRET, replayStore: false }).type },
  { name: 'verifySidclawWebhook', run: async (b) => (await b.sidclaw.verifySidclawWebhook(sidclaw, { secret: HMAC_SECRET, replayStore: false })).type },
  { name: 'verifyProvenonceWebhookSync', run: (b) => b.provenonce.verifyProvenonceWebhookSync(provenonce, { secret: HMAC_SECRET }).type },
  { name: 'verifyExchangeWebhookSync', run: (b) => b.exchange.verifyExchangeWebhookSync(exchange, { secret: HMAC_SECRET }).type },
  { name: 'verifyProvenWebhookSync', run: (b) => b.proven.verifyProvenWebhookSync(proven, { apiKey: 'bench-key' }).type },
  {
    name: 'verifyPipevestWebhook',
    run: async (b) => (await b.pipevest.verifyPipevestWebhook({ ...pipevest, method: 'POST' }, { publicKey: pipevestMockKeys.delivery.publicKeyPem })).type,
  },
];
// --only <text>: the rows whose name contains it, to look at one row quickly.
const rows = allRows.filter((row) => values.only === undefined || row.name.includes(values.only));
if (rows.length === 0) throw new RangeError(`--only ${values.only} matches no row.`);

const builds = { before: await load(oldRoot), now: await load(here) };
const beforeCase = (row: (typeof rows)[number]): BenchCase => ({
  group: 'verify path',
  name: `${sha}: ${row.name}`,
  note: '',
  run: () => row.run(builds.before),
});
const nowCase = (row: (typeof rows)[number]): BenchCase => ({
  group: 'verify path',
  name: `now: ${row.name}`,
  reference: `${sha}: ${row.name}`,
  note: '',
  run: () => row.run(builds.now),
});
// Which build runs first in a round moves some rows by up to a quarter (an A/A run showed it), so
// each run measures both orders and takes the geometric mean of the two ratios.
const orders: BenchCase[][] = [rows.flatMap((row) => [beforeCase(row), nowCase(row)]), rows.flatMap((row) => [nowCase(row), beforeCase(row)])];

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

console.log(
  `Verify path, this checkout against ${sha} (${oldRoot}), Node ${process.version}: ${runs} runs, each of both orders (old build first, then new first) of 7 interleaved ~100 ms rounds per row.`,
);
const ratios = new Map<string, number[]>(rows.map((row) => [row.name, []]));
const ops = new Map<string, { before: number[]; now: number[] }>(rows.map((row) => [row.name, { before: [], now: [] }]));
for (let run = 1; run <= runs; run++) {
  await signAgain();
  const passes = [];
  for (const cases of orders) {
    const results = await measureAll(cases, { warmupMs: 200, roundMs: 100, rounds: 7 });
    passes.push(new Map(results.map((r) => [r.bench.name, r])));
  }
  for (const row of rows) {
    const pairs = passes.map((byName) => ({ before: byName.get(`${sha}: ${row.name}`)!, now: byName.get(`now: ${row.name}`)! }));
    ratios.get(row.name)!.push(Math.sqrt(pairs.reduce((product, { before, now }) => product * ratioToReference(now, before), 1)));
    for (const { before, now } of pairs) {
      ops.get(row.name)!.before.push(before.opsPerSecond);
      ops.get(row.name)!.now.push(now.opsPerSecond);
    }
  }
  process.stdout.write(`run ${run}/${runs} done\n`);
}

const width = Math.max(...rows.map((row) => row.name.length));
console.log(`\n| ${'row'.padEnd(width)} | ${`${sha} ops/s`.padStart(14)} | ${'now ops/s'.padStart(12)} | now ÷ before | runs' ratios |`);
console.log(`|:${'-'.repeat(width + 1)}|${'-'.repeat(15)}:|${'-'.repeat(13)}:|-------------:|:-------------|`);
let worst = Number.POSITIVE_INFINITY;
for (const row of rows) {
  const r = median(ratios.get(row.name)!);
  worst = Math.min(worst, r);
  const o = ops.get(row.name)!;
  console.log(
    `| ${row.name.padEnd(width)} | ${Math.round(median(o.before)).toLocaleString('en-US').padStart(14)} | ${Math.round(median(o.now)).toLocaleString('en-US').padStart(12)} | ${`${r.toFixed(2)}×`.padStart(12)} | ${ratios
      .get(row.name)!
      .map((x) => x.toFixed(2))
      .join(' ')} |`,
  );
}
console.log(`\nLowest row: ${worst.toFixed(2)}× (${worst >= 0.95 ? 'no row below 0.95×' : 'below 0.95×: look at that row'}).`);
