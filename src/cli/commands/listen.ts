import { createServer } from 'node:http';
import { Command, Option } from 'commander';
import { WebhookVerificationError } from '../../errors/webhook-verification-error.ts';
import { createWebhookHandler } from '../../webhooks/create-webhook-handler.ts';
import { toNodeListener } from '../../webhooks/node/to-node-listener.ts';
import { createListenPage } from '../../../mocks/inspector/listen-page.ts';
import type { ReceivedDelivery } from '../../../mocks/inspector/received-delivery.ts';

export type { ReceivedDelivery } from '../../../mocks/inspector/received-delivery.ts';
import { createMemoryReplayStore } from '../../webhooks/replay-store.ts';
import { commandCredentials, nameOption, resolveApiSource, specOption } from '../api-source.ts';
import type { ApiAdapter, Credentials, Verification, VerifyContext } from '../../apis/index.ts';
import {
  allowedHostOption,
  apiArgument,
  apisWhere,
  httpUrl,
  jsonOption,
  keyOption,
  portNumber,
  positiveInteger,
  secretHelp,
  signatureHeaderHelp,
  sendsTimestamp,
  signsTargetUrl,
  secretOption,
  untilSignal,
  withExamples,
} from '../common.ts';
import { CheckFailedError, messageOf } from '../errors.ts';
import { apiPicker, exampleCredential, examples, publicKeyFrom, sendsApiKey, signsWithKey, signsWithSecret } from '../help-examples.ts';
import { createOutput, type Output } from '../output.ts';
import { printable } from '../printable.ts';
import { createLocalRequestGuard, sendRefusal } from '../../net/local-request-guard.ts';

interface ListenOptions {
  port: number;
  host: string;
  spec?: string;
  name?: string;
  secret?: string | string[];
  key?: string;
  forwardTo?: string;
  keep: number;
  tolerance?: number;
  signatureHeader?: string;
  publicUrl?: string;
  json?: boolean;
  allowedHost: string[];
}

/** Headers not copied when forwarding (hop-by-hop, or recomputed by fetch). */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade', 'expect']);

async function forward(url: string, request: Request, body: Uint8Array): Promise<NonNullable<ReceivedDelivery['forwarded']>> {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name)) headers.set(name, value);
  });
  try {
    const response = await fetch(url, {
      method: request.method,
      headers,
      body: body as Uint8Array<ArrayBuffer>,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { url, status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { url, status: null, error: cause?.code ?? messageOf(error) };
  }
}

/** The `event` a body claims, for labelling a delivery that failed verification. */
function claimedEvent(text: string): string | null {
  try {
    const event = (JSON.parse(text) as { event?: unknown }).event;
    return typeof event === 'string' ? event : null;
  } catch {
    return null;
  }
}

const clock = (date: Date) => `${date.toTimeString().slice(0, 8)}.${String(date.getMilliseconds()).padStart(3, '0')}`;

/** One line per delivery; every field a sender controls goes through {@link printable}. */
export function printDelivery(out: Output, entry: ReceivedDelivery): void {
  if (out.json) {
    out.jsonLine({ ...entry, headers: undefined, body: undefined });
    return;
  }
  const mark = entry.ok ? out.green('✓') : out.red(`✗ ${printable(entry.error?.code ?? String(entry.status))}`);
  const forwarded = entry.forwarded ? `  → ${entry.forwarded.status ?? out.red(printable(entry.forwarded.error ?? 'failed'))}` : '';
  const type = printable(entry.type ?? '?');
  const id = printable(entry.deliveryId ?? '-');
  out.line(`${out.dim(clock(new Date(entry.receivedAt)))}  ${type.padEnd(28)} ${id.padEnd(36)}  ${mark}${forwarded}`);
  if (!entry.ok && entry.error) out.line(out.dim(`    ${printable(entry.error.message)}`));
}

/** Builds the Fetch handler of the listener: `POST` any path is a delivery, `GET /` the kept ones. */
export function createListenHandler(
  adapter: ApiAdapter,
  credentials: Credentials,
  options: { keep: number; forwardTo?: string; context: VerifyContext; onDelivery: (entry: ReceivedDelivery) => void },
): { handler: (request: Request) => Promise<Response>; kept: ReceivedDelivery[]; stats: { received: number; verified: number } } {
  const kept: ReceivedDelivery[] = [];
  const stats = { received: 0, verified: 0 };
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (url.pathname !== '/') return Response.json({ error: 'not_found', message: 'GET / lists the received deliveries.' }, { status: 404 });
      return Response.json({ api: adapter.name, received: stats.received, verified: stats.verified, kept: kept.length, deliveries: kept });
    }
    if (request.method !== 'POST') return Response.json({ error: 'method_not_allowed' }, { status: 405, headers: { allow: 'GET, POST' } });

    const receivedAt = new Date();
    const body = new Uint8Array(await request.arrayBuffer());
    const captured = { method: request.method, url: request.url, headers: request.headers, body };
    let verified: Verification | undefined;
    let failure: unknown;
    // The project's own Fetch handler decides the answer (status codes, duplicates), so the
    // sender sees what a real receiver built with this library would answer.
    const respond = createWebhookHandler<Record<string, unknown>>(
      async () => {
        verified = await adapter.verify(captured, credentials, options.context);
        return verified as never;
      },
      {
        on: {},
        onError: (error) => {
          failure = error;
        },
      },
    );
    const [response, forwarded] = await Promise.all([
      respond(request),
      options.forwardTo === undefined ? undefined : forward(options.forwardTo, request, body),
    ]);
    const text = new TextDecoder().decode(body);
    const headers = Object.fromEntries(request.headers);
    const entry: ReceivedDelivery = {
      receivedAt: receivedAt.toISOString(),
      method: request.method,
      path: url.pathname + url.search,
      ok: verified !== undefined,
      type: verified?.type ?? claimedEvent(text),
      deliveryId: verified?.deliveryId ?? (adapter.deliveryIdHeader === undefined ? null : request.headers.get(adapter.deliveryIdHeader)),
      status: response.status,
      ...(failure === undefined
        ? {}
        : {
            error:
              failure instanceof WebhookVerificationError
                ? { code: failure.code, message: failure.message }
                : { code: 'internal_error', message: messageOf(failure) },
          }),
      ...(forwarded === undefined ? {} : { forwarded }),
      headers,
      body: text,
      ...(verified === undefined ? {} : { payload: verified.payload }),
    };
    stats.received++;
    if (entry.ok) stats.verified++;
    kept.push(entry);
    if (kept.length > options.keep) kept.splice(0, kept.length - options.keep);
    options.onDelivery(entry);
    return response;
  };
  return { handler, kept, stats };
}

async function listen(api: string | undefined, options: ListenOptions): Promise<void> {
  const out = createOutput({ json: options.json });
  const { adapter } = await resolveApiSource([api], options, []);
  const credentials = await commandCredentials(adapter, options, { rotation: true });
  const context: VerifyContext = {
    replayStore: createMemoryReplayStore(),
    ...(options.tolerance === undefined ? {} : { toleranceSeconds: options.tolerance }),
    ...(options.signatureHeader === undefined ? {} : { signatureHeader: options.signatureHeader }),
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
  };
  // The inspector page at / for a browser, fed live from the same entries GET / lists.
  const page = createListenPage(`hookspec listen ${adapter.name}`);
  const { handler, stats } = createListenHandler(adapter, credentials, {
    keep: options.keep,
    context,
    onDelivery: (entry) => {
      printDelivery(out, entry);
      page.publish(entry);
    },
    ...(options.forwardTo === undefined ? {} : { forwardTo: options.forwardTo }),
  });
  // Handlers first: a signal that arrives once the address is printed must stop gracefully.
  const stopped = untilSignal();
  const listener = toNodeListener(handler);
  // Only this server's Host names: a rebinding web page must not read GET / (the deliveries) or drive the page.
  const guard = createLocalRequestGuard({ boundHost: options.host, allowedHosts: options.allowedHost });
  const server = createServer((req, res) => {
    const refusal = guard.check(req);
    if (refusal) return sendRefusal(res, refusal);
    return page.route(req, res) || listener(req, res);
  });
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckFailedError(
      code === 'EADDRINUSE' ? `Port ${options.port} is in use; pass --port <another> (0 picks a free one).` : `Cannot listen: ${messageOf(error)}`,
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host}:${port}`;
  if (out.json) {
    out.jsonLine({ listening: url, api: adapter.name, keep: options.keep, forwardTo: options.forwardTo ?? null });
  } else {
    out.line(`${out.bold(`hookspec listen ${adapter.name}`)} on ${url}  (POST any path; GET ${url}/ lists the last ${options.keep})`);
    out.line(`Inspector page: ${url}/`);
    if (!credentials.secret && !credentials.key) out.line(out.yellow('No --secret: deliveries are checked for their payload only.'));
    if (options.forwardTo) out.line(`Forwarding every delivery to ${options.forwardTo}`);
    out.line(out.dim('Stop with Ctrl+C.'));
  }

  const signal = await stopped;
  page.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  if (out.json) out.jsonLine({ stopped: signal, received: stats.received, verified: stats.verified });
  else out.line(`\n${signal}: stopped after ${stats.received} deliveries (${stats.verified} verified).`);
}

export function listenCommand(): Command {
  const command = new Command('listen')
    .summary('run a local receiver that verifies every delivery')
    .description(
      "Listens on 127.0.0.1 and verifies every POST with the project's own verifier for <api>, printing one line per delivery: time, event type, delivery id, ✓ or ✗ <error code>. " +
        'It answers the sender as a receiver built with this library would. GET / answers the last --keep deliveries as JSON.',
    )
    .addArgument(apiArgument())
    .addOption(specOption())
    .addOption(nameOption())
    .addOption(new Option('-p, --port <port>', 'port (0 picks a free one)').argParser(portNumber).default(4000))
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(secretOption(secretHelp('the secret deliveries are signed with', (header) => `the expected ${header}`)))
    .addOption(keyOption())
    .addOption(new Option('--forward-to <url>', 'also POST every raw delivery (same headers and body) to this URL').argParser(httpUrl('--forward-to')))
    .addOption(new Option('--keep <n>', 'how many deliveries GET / keeps').argParser(positiveInteger('--keep')).default(100))
    .addOption(
      new Option(
        '--tolerance <seconds>',
        `allowed age of a delivery's timestamp, for APIs that send one (${apisWhere(sendsTimestamp)}; default 300)`,
      ).argParser(positiveInteger('--tolerance')),
    )
    .option('--signature-header <name>', signatureHeaderHelp())
    .addOption(
      new Option(
        '--public-url <url>',
        `the URL the sender addressed, for signatures over the target URI behind TLS or a proxy (${apisWhere(signsTargetUrl)})`,
      ).argParser(httpUrl('--public-url')),
    )
    .addOption(allowedHostOption())
    .addOption(jsonOption())
    .action((api: string | undefined, options: ListenOptions) => listen(api, options));
  const pick = apiPicker();
  return withExamples(command, [
    ...examples(
      [pick(signsWithSecret), (api) => `hookspec listen ${api.name} --port 4000 ${exampleCredential(api)}`],
      [pick(signsWithSecret), (api) => `hookspec listen ${api.name} --secret $SECRET --forward-to http://localhost:3000/webhooks/${api.name}`],
      [
        pick(sendsApiKey),
        (api) =>
          api.credential.required
            ? `hookspec listen ${api.name} --port 0 ${exampleCredential(api)} --json   # prints the URL first`
            : `hookspec listen ${api.name} --port 0 --json   # payload checks only; prints the URL first`,
      ],
      [pick(signsWithKey), (api) => `hookspec listen ${api.name} --key @webhook-key.pem   # ${publicKeyFrom(api)}`],
    ),
    'curl -s http://127.0.0.1:4000/ | jq ".deliveries[-1]"',
  ]);
}
