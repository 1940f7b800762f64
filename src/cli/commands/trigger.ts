import { Command, Option } from 'commander';
import { apis, checkEvent, type ApiAdapter, type Credentials } from '../../apis/index.ts';
import { commandCredentials, nameOption, resolveApiSource, specOption } from '../api-source.ts';
import { apiArgument, httpUrl, jsonOption, keyIdOption, keyOption, positiveInteger, secretHelp, secretOption, withExamples } from '../common.ts';
import { CheckFailedError, UsageError, messageOf } from '../errors.ts';
import { reportFirstAttempts, triggerViaMock } from './trigger-via-mock.ts';
import { apiPicker, exampleCredential, exampleEvent, examples, sendsApiKey, signsWithKey, signsWithSecret } from '../help-examples.ts';
import { collect, parseAssignment, readJsonOption, setPath } from '../inputs.ts';
import { createOutput, formatMs, truncate, type Output } from '../output.ts';

interface TriggerOptions {
  to?: string;
  mock?: string;
  spec?: string;
  name?: string;
  secret?: string | string[];
  key?: string;
  keyId?: string;
  data?: string;
  set?: string[];
  count: number;
  timeout: number;
  json?: boolean;
}

/** One delivery's outcome. */
interface DeliveryResult {
  deliveryId?: string;
  status: number | null;
  statusText?: string;
  ok: boolean;
  timeMs: number;
  body?: string;
  error?: string;
  request?: { headers: Record<string, string>; body: string };
}

/** The reason a fetch failed, as specific as Node gives it (`ECONNREFUSED`, a timeout). */
function failureOf(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? messageOf(error);
}

async function deliver(
  adapter: ApiAdapter,
  event: string,
  options: TriggerOptions,
  credentials: Credentials,
  data: unknown,
  assignments: ReadonlyArray<{ path: string[]; value: unknown }>,
  to: string,
): Promise<DeliveryResult & { request: { headers: Record<string, string>; body: string } }> {
  const payload = await adapter.payload(event, data === undefined ? undefined : structuredClone(data));
  for (const { path, value } of assignments) setPath(payload, path, value);
  const body = JSON.stringify(payload);
  const headers = await adapter.sign(body, credentials, { method: 'POST', url: to });
  const deliveryId = adapter.deliveryIdHeader === undefined ? undefined : headers[adapter.deliveryIdHeader];
  const request = { headers, body };
  const started = performance.now();
  try {
    const response = await fetch(to, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeout),
    });
    const text = await response.text();
    const timeMs = performance.now() - started;
    return { deliveryId, status: response.status, statusText: response.statusText, ok: response.ok, timeMs, body: text, request };
  } catch (error) {
    return { deliveryId, status: null, ok: false, timeMs: performance.now() - started, error: failureOf(error), request };
  }
}

function printSingle(out: Output, adapter: ApiAdapter, event: string, to: string, result: DeliveryResult): void {
  const id = result.deliveryId === undefined ? '' : out.dim(`  delivery ${result.deliveryId}`);
  out.line(`${out.bold('→')} POST ${to}  ${adapter.name} ${out.bold(event)}${id}`);
  if (result.status === null) {
    out.line(`${out.red('✗')} no response after ${formatMs(result.timeMs)}: ${result.error}`);
    return;
  }
  const status = `${result.status} ${result.statusText ?? ''}`.trim();
  out.line(`${result.ok ? out.green('✓') : out.red('✗')} ${result.ok ? out.green(status) : out.red(status)} in ${formatMs(result.timeMs)}`);
  if (result.body) out.line(truncate(result.body));
}

function progressLine(out: Output, done: number, count: number, ok: number, failed: number, last: DeliveryResult): string {
  const outcome = last.status === null ? `error ${last.error}` : `${last.status}`;
  const width = String(count).length;
  return `[${String(done).padStart(width)}/${count}] ${out.green(`✓ ${ok}`)} ${failed > 0 ? out.red(`✗ ${failed}`) : `✗ ${failed}`}  last: ${outcome} in ${formatMs(last.timeMs)}${last.deliveryId === undefined ? '' : out.dim(`  ${last.deliveryId}`)}`;
}

async function trigger(given: ReadonlyArray<string | undefined>, options: TriggerOptions): Promise<void> {
  const out = createOutput({ json: options.json });
  const { adapter, args } = await resolveApiSource(given, options, ['event']);
  const event = checkEvent(adapter, args[0]!);
  if ((options.to === undefined) === (options.mock === undefined)) {
    throw new UsageError('give --to <url> (post the delivery yourself) or --mock <url> (a running mock delivers it to its endpoints), not both.');
  }
  if (options.mock !== undefined) {
    if (options.set !== undefined || options.count !== 1) throw new UsageError('--set and --count work with --to only.');
    const data = options.data === undefined ? undefined : await readJsonOption(options.data, '--data');
    return reportFirstAttempts(out, adapter.name, event, options.mock, await triggerViaMock(adapter.name, event, options.mock, data, options.timeout));
  }
  const to = options.to!;
  const credentials = await commandCredentials(adapter, options, { rotation: false });
  const data = options.data === undefined ? undefined : await readJsonOption(options.data, '--data');
  const assignments = (options.set ?? []).map(parseAssignment);

  const results: DeliveryResult[] = [];
  let ok = 0;
  for (let i = 0; i < options.count; i++) {
    const result = await deliver(adapter, event, options, credentials, data, assignments, to);
    if (options.count > 1) delete (result as DeliveryResult).request;
    results.push(result);
    if (result.ok) ok++;
    if (options.count > 1 && !out.json) out.status(progressLine(out, i + 1, options.count, ok, i + 1 - ok, result));
  }
  out.endStatus();
  const failed = results.length - ok;

  if (out.json) {
    out.jsonLine({ api: adapter.name, event, to, count: options.count, ok, failed, deliveries: results });
  } else if (options.count === 1) {
    printSingle(out, adapter, event, to, results[0]!);
  } else {
    const times = results.map((result) => result.timeMs);
    const average = times.reduce((sum, time) => sum + time, 0) / times.length;
    const statuses = new Map<string, number>();
    for (const result of results) {
      const key = result.status === null ? (result.error ?? 'error') : String(result.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const byStatus = [...statuses].map(([status, n]) => `${n}× ${status}`).join(', ');
    const summary = `${options.count} × ${event} → ${to}: ${ok} ok, ${failed} failed (${byStatus}); ${formatMs(average)} avg, ${formatMs(Math.max(...times))} max`;
    out.line(failed === 0 ? `${out.green('✓')} ${summary}` : `${out.red('✗')} ${summary}`);
    const firstFailure = results.find((result) => !result.ok);
    if (firstFailure?.body) out.line(`first failure: ${truncate(firstFailure.body, 500)}`);
  }
  if (failed > 0) throw new CheckFailedError(`${failed} of ${options.count} deliveries failed.`, { reported: true });
}

const eventList = () =>
  Object.values(apis)
    .map((adapter) => `  ${adapter.name.padEnd(11)} ${adapter.events.join(', ')}`)
    .join('\n');

/** A list for people: `a`, `a and b`, `a, b and c`. */
const listed = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** Each API's body envelope, APIs with the same one together, and where --data goes when it is not `data`. */
function envelopeNotes(): string {
  const byShape = new Map<string, string[]>();
  const dataFields: string[] = [];
  for (const adapter of Object.values(apis)) {
    const { id, event, timestamp, data } = adapter.description.envelope;
    const fields = [id, event, timestamp, data].filter((field) => field !== undefined);
    const shape = fields.length === 0 ? '(the data itself)' : `{ ${fields.join(', ')} }`;
    byShape.set(shape, [...(byShape.get(shape) ?? []), adapter.name]);
    if (data !== undefined && data !== 'data') dataFields.push(`${data} for ${adapter.name}`);
  }
  const shapes = [...byShape].map(([shape, names]) => `${listed(names)} ${shape}`).join('; ');
  return `Body envelopes: ${shapes}. --data fills data${dataFields.length === 0 ? '' : ` (${dataFields.join(', ')})`}.`;
}

export function triggerCommand(): Command {
  const command = new Command('trigger')
    .summary('send a signed delivery of an event to a receiver')
    .description(
      'Sends a delivery of <event> to --to, signed and shaped exactly as <api> sends it (the envelope and headers its mock server uses). ' +
        "The payload comes from the spec's faker factory, or --data; --set changes fields of the whole body. Exits 1 when the receiver answers non-2xx or cannot be reached. " +
        'With --mock instead of --to, a running mock delivers the event to every endpoint registered with it and subscribed to it: exit 0 when every first attempt got a 2xx, 1 when one did not (the mock retries), 2 when the mock cannot be reached or no endpoint is subscribed.',
    )
    .usage('<api> <event> --to <url> [options]  |  --spec <file> <event> --to <url> [options]')
    .addArgument(apiArgument())
    .argument('[event]', 'the event type, as it travels on the wire')
    .addOption(specOption())
    .addOption(nameOption())
    .addOption(new Option('--to <url>', 'the receiver URL (or --mock)').argParser(httpUrl('--to')))
    .addOption(
      new Option(
        '--mock <url>',
        "a running mock server (hookspec mock) delivers the event to its registered endpoints; each first attempt is printed (no --secret needed: the mock signs with each endpoint's own)",
      ).argParser(httpUrl('--mock')),
    )
    .addOption(secretOption(secretHelp('the secret to sign with', (header) => `the ${header} to send`)))
    .addOption(keyOption())
    .addOption(keyIdOption())
    .option('-d, --data <json>', "the event data ('{…}', @file.json or @- for stdin): replaces the fake payload's data")
    .option('--set <path=value>', 'set a field of the body (repeatable; value parsed as JSON when it can be)', collect)
    .addOption(new Option('-n, --count <n>', 'how many deliveries to send, one after another').argParser(positiveInteger('--count')).default(1))
    .addOption(new Option('--timeout <ms>', 'per-delivery timeout').argParser(positiveInteger('--timeout')).default(10_000))
    .addOption(jsonOption())
    .action((api: string | undefined, event: string | undefined, options: TriggerOptions) => trigger([api, event], options));
  const pick = apiPicker();
  const first = pick(signsWithSecret);
  return withExamples(
    command,
    examples(
      [first, (api) => `hookspec trigger ${api.name} ${exampleEvent(api)} --to http://127.0.0.1:4000/webhooks ${exampleCredential(api)}`],
      [first, (api) => `hookspec trigger ${api.name} ${exampleEvent(api)} --mock http://127.0.0.1:4010   # the running mock delivers to its endpoints`],
      [pick(signsWithSecret), (api) => `hookspec trigger ${api.name} ${exampleEvent(api)} --to http://127.0.0.1:4000/ --secret $SECRET --data @data.json`],
      [
        pick(signsWithSecret),
        (api) =>
          `hookspec trigger ${api.name} ${exampleEvent(api)} --to http://127.0.0.1:4000/ --secret $SECRET --set ${[api.description.envelope.data, 'example'].filter(Boolean).join('.')}=42`,
      ],
      [pick(sendsApiKey), (api) => `hookspec trigger ${api.name} ${exampleEvent(api)} --to http://127.0.0.1:4000/ ${exampleCredential(api)} --count 50`],
      [
        pick(signsWithKey),
        (api) =>
          `hookspec trigger ${api.name} ${exampleEvent(api)} --to http://127.0.0.1:4000/ --key @ed25519-private.pem   # or --key mock (the mock's test key)`,
      ],
    ),
    ['Events:', eventList(), '', envelopeNotes()],
  );
}
