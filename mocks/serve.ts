// The mock server program behind `npm start`: every API on port 4010 (PORT overrides), with
// embedded defaults: no config file, no database.
import { startMockServer } from './server.ts';
import { mockEntry, mockRegistry, type MockedApi } from './registry.ts';
import { MOCK_RECEIVER_URL_BANNER } from './shared/receiver-url.ts';

const port = Number(process.env.PORT ?? 4010);
// HOOKSPEC_QUIET=1 turns the per-request log line off (benchmarks).
const log = process.env.HOOKSPEC_QUIET === '1' ? false : undefined;
// HOOKSPEC_CHECK_SPEC=0 turns spec violation checking off (the benchmark measures its cost).
const checkSpec = process.env.HOOKSPEC_CHECK_SPEC !== '0';

const server = await startMockServer({ port, log, checkSpec }).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `hookspec: port ${port} is in use; set PORT to another one.` : `hookspec: could not start: ${String(error)}`);
  process.exit(1);
});

// Before the banner: a signal that arrives while it prints (a script that waits for the first
// line, then stops the server) still gets a clean shutdown, not the default kill.
let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: finishing in-flight deliveries…`);
  await server.close({ timeoutMs: 10_000 });
  console.log('hookspec mock server stopped.');
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

console.log(`hookspec mock server on ${server.url}\n`);
for (const [api, baseUrl] of Object.entries(server.baseUrls) as Array<[MockedApi, string]>) {
  const credentials = Object.entries(server.mocks[api]?.credentials ?? {})
    .map(([role, value]) => `${role}=${value}`)
    .join('  ');
  console.log(`  ${api.padEnd(11)} ${baseUrl}`);
  if (credentials) console.log(`  ${''.padEnd(11)} ${credentials}`);
}
const tryIt = (Object.entries(server.baseUrls) as Array<[MockedApi, string]>)
  .map(([api, baseUrl]) => mockEntry(api).tryIt?.({ serverUrl: server.url, baseUrl }))
  .find((text) => text !== undefined);
console.log(`${tryIt === undefined ? '' : `\n${tryIt}`}
${MOCK_RECEIVER_URL_BANNER}
Deliveries and the dead-letter queue: GET ${server.url}/_mock/<api>/deliveries, GET ${server.url}/_mock/<api>/dead-letters
APIs: ${Object.keys(mockRegistry).join(', ')}. Stop with Ctrl+C (in-flight deliveries finish first).
`);
