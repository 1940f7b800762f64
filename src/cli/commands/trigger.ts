import { Command, Option } from 'commander';
import { apis, checkEvent, type ApiAdapter, type Credentials } from '../../apis/index.ts';
import { commandCredentials, nameOption, resolveApiSource, specOption } from '../api-source.ts';
import { apiArgument, httpUrl, jsonOption, keyIdOption, keyOption, positiveInteger, secretHelp, secretOption, withExamples } from '../common.ts';
import { CheckFailedError, messageOf } from '../errors.ts';
import { collect, parseAssignment, readJsonOption, setPath } from '../inputs.ts';
import { createOutput, formatMs, truncate, type Output } from '../output.ts';

interface TriggerOptions {
  to: string;
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
): Promise<DeliveryResult & { request: { headers: Record<string, string>; body: string } }> {
  const payload = await adapter.payload(event, data === undefined ? undefined : structuredClone(data));
  for (const { path, value } of assignments) setPath(payload, path, value);
  const body = JSON.stringify(payload);
  const headers = await adapter.sign(body, credentials, { method: 'POST', url: options.to });
  const deliveryId = adapter.deliveryIdHeader === undefined ? undefined : headers[adapter.deliveryIdHeader];
  const request = { headers, body };
  const started = performance.now();
  try {
    const response = await fetch(options.to, {
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
  const credentials = await commandCredentials(adapter, options, { rotation: false });
  const data = options.data === undefined ? undefined : await readJsonOption(options.data, '--data');
  const assignments = (options.set ?? []).map(parseAssignment);

  const results: DeliveryResult[] = [];
  let ok = 0;
  for (let i = 0; i < options.count; i++) {
    const result = await deliver(adapter, event, options, credentials, data, assignments);
    if (options.count > 1) delete (result as DeliveryResult).request;
    results.push(result);
    if (result.ok) ok++;
    if (options.count > 1 && !out.json) out.status(progressLine(out, i + 1, options.count, ok, i + 1 - ok, result));
  }
  out.endStatus();
  const failed = results.length - ok;

  if (out.json) {
    out.jsonLine({ api: adapter.name, event, to: options.to, count: options.count, ok, failed, deliveries: results });
  } else if (options.count === 1) {
    printSingle(out, adapter, event, options.to, results[0]!);
  } else {
    const times = results.map((result) => result.timeMs);
    const average = times.reduce((sum, time) => sum + time, 0) / times.length;
    const statuses = new Map<string, number>();
    for (const result of results) {
      const key = result.status === null ? (result.error ?? 'error') : String(result.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const byStatus = [...statuses].map(([status, n]) => `${n}× ${status}`).join(', ');
    const summary = `${options.count} × ${event} → ${options.to}: ${ok} ok, ${failed} failed (${byStatus}); ${formatMs(average)} avg, ${formatMs(Math.max(...times))} max`;
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

export function triggerCommand(): Command {
  const command = new Command('trigger')
    .summary('send a signed delivery of an event to a receiver')
    .description(
      'Sends a delivery of <event> to --to, signed and shaped exactly as <api> sends it (the envelope and headers its mock server uses). ' +
        "The payload comes from the spec's faker factory, or --data; --set changes fields of the whole body. Exits 1 when the receiver answers non-2xx or cannot be reached.",
    )
    .usage('<api> <event> --to <url> [options]  |  --spec <file> <event> --to <url> [options]')
    .addArgument(apiArgument())
    .argument('[event]', 'the event type, as it travels on the wire')
    .addOption(specOption())
    .addOption(nameOption())
    .addOption(new Option('--to <url>', 'the receiver URL').argParser(httpUrl('--to')).makeOptionMandatory())
    .addOption(secretOption(secretHelp('the secret to sign with', (header) => `the ${header} to send`)))
    .addOption(keyOption())
    .addOption(keyIdOption())
    .option('-d, --data <json>', "the event data ('{…}', @file.json or @- for stdin): replaces the fake payload's data")
    .option('--set <path=value>', 'set a field of the body (repeatable; value parsed as JSON when it can be)', collect)
    .addOption(new Option('-n, --count <n>', 'how many deliveries to send, one after another').argParser(positiveInteger('--count')).default(1))
    .addOption(new Option('--timeout <ms>', 'per-delivery timeout').argParser(positiveInteger('--timeout')).default(10_000))
    .addOption(jsonOption())
    .action((api: string | undefined, event: string | undefined, options: TriggerOptions) => trigger([api, event], options));
  return withExamples(
    command,
    [
      'hookspec trigger sidclaw approval.requested --to http://127.0.0.1:4000/webhooks --secret whsec_test',
      'hookspec trigger provenonce agent.frozen --to http://127.0.0.1:4000/ --secret $SECRET --data \'{"agent_id":"ag_1"}\'',
      'hookspec trigger exchange order.created --to http://127.0.0.1:4000/ --secret $SECRET --set data.orderId=ord_42',
      'hookspec trigger proven credentials:done --to http://127.0.0.1:4000/ --secret 24680AEIOUY --count 50',
      "hookspec trigger pipevest WEBHOOK.CREATED --to http://127.0.0.1:4000/ --key @ed25519-private.pem   # or --key mock (the mock's test key)",
    ],
    [
      'Events:',
      eventList(),
      '',
      'Body envelopes: sidclaw { id, event, timestamp, tenant_id, data }; provenonce, exchange and pipevest { event, data }; proven { event, webhook }. --data fills data (webhook for proven).',
    ],
  );
}
