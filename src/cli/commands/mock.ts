import { Command, InvalidArgumentError, Option } from 'commander';
import type { MockServer } from '../../../mocks/server.ts';
import { DEFAULT_MOCK_LIMITS, type MockLimits } from '../../../mocks/shared/mock-limits.ts';
import { MOCK_RECEIVER_URL_BANNER } from '../../../mocks/shared/receiver-url.ts';
import { allowedHostOption, jsonOption, portNumber, untilSignal, withExamples } from '../common.ts';
import { CheckFailedError, UsageError, messageOf } from '../errors.ts';
import { createOutput, type Output } from '../output.ts';
import { readStateFile } from '../state-file.ts';
import { loadSpecForCommand } from '../api-source.ts';
import { collect } from '../inputs.ts';
import { apiNames, apis } from '../../apis/index.ts';
import { apiPicker, exampleEvent } from '../help-examples.ts';

interface MockOptions {
  spec?: string[];
  name?: string;
  port: number;
  host: string;
  api?: string;
  quiet?: boolean;
  json?: boolean;
  state?: string;
  failOnViolations?: boolean;
  report?: string;
  limit: MockLimits;
  allowedHost: string[];
}

/** `--limit maxEndpoints=500`, repeatable: one of the mock's limits, a positive integer. */
function limitOption(given: string, limits: MockLimits): MockLimits {
  const match = /^([A-Za-z]+)=(.*)$/.exec(given);
  const names = Object.keys(DEFAULT_MOCK_LIMITS);
  if (!match || !names.includes(match[1]!)) {
    throw new InvalidArgumentError(`--limit takes <name>=<positive integer>, got ${JSON.stringify(given)}. Names: ${names.join(', ')}.`);
  }
  const value = Number(match[2]);
  if (!/^\d+$/.test(match[2]!) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`--limit ${match[1]} must be a positive integer, got ${JSON.stringify(match[2])}.`);
  }
  return { ...limits, [match[1]!]: value };
}

/** The mock server modules need msw (an optional peer dependency): load them only for this command. */
async function loadMockServer() {
  try {
    const [server, registry, violations] = await Promise.all([
      import('../../../mocks/server.ts'),
      import('../../../mocks/registry.ts'),
      import('./mock-violations.ts'),
    ]);
    return { startMockServer: server.startMockServer, mockedApis: registry.mockedApis, reportViolations: violations.reportViolations };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && /['"]msw['"/]/.test(String(error))) {
      throw new UsageError('hookspec mock needs msw: install it next to hookspec (npm i -D msw).');
    }
    throw error;
  }
}

/** What the server hosts, as `--json` prints it. */
function describe(server: MockServer) {
  return {
    url: server.url,
    apis: Object.fromEntries(
      Object.entries(server.baseUrls).map(([api, baseUrl]) => [
        api,
        { baseUrl, credentials: server.mocks[api as keyof MockServer['mocks']]?.credentials ?? {} },
      ]),
    ),
  };
}

function printServer(out: Output, server: MockServer): void {
  out.line(`${out.bold('hookspec mock server')} on ${server.url}`);
  out.line(`Inspector page: ${server.url}/`);
  out.line();
  for (const [api, { baseUrl, credentials }] of Object.entries(describe(server).apis)) {
    out.line(`  ${out.bold(api.padEnd(11))} ${baseUrl}`);
    const roles = Object.entries(credentials).map(([role, value]) => `${role}=${value}`);
    if (roles.length > 0) out.line(`  ${''.padEnd(11)} ${out.dim(roles.join('  '))}`);
  }
  out.line();
  out.line(`Trigger a signed delivery to every subscribed endpoint: POST ${server.url}/_mock/<api>/events {"event":"…","data"?:{…}}`);
  out.line(MOCK_RECEIVER_URL_BANNER);
  // The APIs that sign with a key pair: the public half of the mock's, which --key mock uses.
  for (const [api, mock] of Object.entries(server.mocks)) {
    const key = mock?.webhookPublicKey;
    if (key === undefined) continue;
    out.line(
      `${apis[api]?.title ?? api} webhook public key (keyid ${key.keyId}; --key mock signs and verifies with this pair), also at GET ${server.url}/_mock/${api}/webhook-key without credentials:`,
    );
    out.line(key.publicKey.trim());
  }
  out.line(
    `Deliveries and dead letters: GET ${server.url}/_mock/<api>/deliveries, GET ${server.url}/_mock/<api>/dead-letters; reset: POST ${server.url}/_mock/reset`,
  );
  out.line(out.dim('Stop with Ctrl+C (in-flight deliveries finish first).'));
}

async function mock(options: MockOptions): Promise<void> {
  const out = createOutput({ json: options.json });
  const { startMockServer, mockedApis, reportViolations } = await loadMockServer();
  let apis = mockedApis;
  if (options.api !== undefined) {
    const requested = options.api
      .split(',')
      .map((api) => api.trim())
      .filter(Boolean);
    const unknown = requested.filter((api) => !(mockedApis as string[]).includes(api));
    if (unknown.length > 0 || requested.length === 0) {
      throw new UsageError(
        `Unknown API${unknown.length === 1 ? '' : 's'} in --api: ${unknown.join(', ') || '(none given)'}. Valid APIs: ${mockedApis.join(', ')}.`,
      );
    }
    apis = requested as typeof mockedApis;
  }
  // Request logs go to stderr in --json mode, so stdout stays one JSON document per line.
  const log = options.quiet ? false : out.json ? (line: string) => out.note(line) : (line: string) => out.line(out.dim(line));
  const state = options.state === undefined ? undefined : await readStateFile(options.state);
  const specFiles = options.spec ?? [];
  if (options.name !== undefined && specFiles.length !== 1)
    throw new UsageError('--name names the API of one --spec; with several, each is named after its file.');
  const specs = await Promise.all(specFiles.map((file) => loadSpecForCommand(file, options.name)));
  // Handlers first: a signal that arrives once the address is printed must stop gracefully.
  const stopped = untilSignal();
  let server: MockServer;
  try {
    server = await startMockServer({
      port: options.port,
      host: options.host,
      apis,
      log,
      limits: options.limit,
      allowedHosts: options.allowedHost,
      state: state as Record<string, unknown> | undefined,
      stateSource: options.state,
      specs,
    });
  } catch (error) {
    if ((error as Error).name === 'MockStateError') throw new UsageError((error as Error).message);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckFailedError(
      code === 'EADDRINUSE' ? `Port ${options.port} is in use; pass --port <another> (0 picks a free one).` : `Could not start: ${messageOf(error)}`,
    );
  }
  if (out.json) out.jsonLine(describe(server));
  else printServer(out, server);

  const signal = await stopped;
  if (!out.json) out.line(`\n${signal}: finishing in-flight deliveries…`);
  await server.close({ timeoutMs: 10_000 });
  if (out.json) out.jsonLine({ stopped: signal });
  else out.line('hookspec mock server stopped.');
  // Only when asked: a plain `hookspec mock` ends as it always did.
  if (options.failOnViolations || options.report) reportViolations(out, server, options);
}

export function mockCommand(): Command {
  const command = new Command('mock')
    .summary('start the stateful mock server')
    .description(
      "Starts the stateful mock server of every API (or those in --api): each API under /<api> plus its spec's base path, with the test credentials printed. " +
        'Registered webhooks get real signed deliveries. Stops gracefully on SIGINT/SIGTERM.',
    )
    .addOption(new Option('-p, --port <port>', 'port (0 picks a free one)').argParser(portNumber).default(4010))
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .option('--api <list>', 'comma-separated APIs to host (default: all)')
    .option(
      '--spec <file>',
      'also serve an API from its spec alone (repeatable): operations answered from its examples or fake data, signed deliveries per its x-hookspec-delivery',
      collect,
    )
    .option('--name <name>', "the API's path segment with one --spec (default: the spec file's base name)")
    .option('-q, --quiet', 'do not log each request')
    .option('--state <file>', 'start from this state (JSON as GET /_mock/state exports it), validated against the specs')
    .option('--fail-on-violations', 'exit 1 at shutdown when a request or response broke the spec (a summary table is printed)')
    .option('--report <file>', 'write the spec violations as a JUnit XML report at shutdown')
    .addOption(
      new Option(
        '--limit <name=value>',
        `change one of the mock's limits, repeatable (${Object.entries(DEFAULT_MOCK_LIMITS)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')})`,
      )
        .argParser(limitOption)
        .default({}, 'the defaults'),
    )
    .addOption(allowedHostOption())
    .addOption(jsonOption())
    .action((options: MockOptions) => mock(options));
  const delivering = apiPicker()();
  return withExamples(command, [
    'hookspec mock',
    `hookspec mock --port 4010 --api ${apiNames.slice(0, 2).join(',')}`,
    'hookspec mock --port 0 --json   # first line: { url, apis: { <api>: { baseUrl, credentials } } }',
    'curl http://127.0.0.1:4010/_mock/state > fixtures.json && hookspec mock --state fixtures.json',
    'hookspec mock --fail-on-violations --report reports/hookspec.xml   # CI: exit 1 at shutdown on any spec violation',
    'hookspec mock --limit maxEndpoints=500 --limit maxDeadLetters=5000',
    ...(delivering === undefined
      ? []
      : [
          `curl -X POST http://127.0.0.1:4010/_mock/${delivering.name}/events -H "Content-Type: application/json" -d '{"event":"${exampleEvent(delivering)}"}'   # a signed delivery to every subscribed endpoint`,
        ]),
  ]);
}
