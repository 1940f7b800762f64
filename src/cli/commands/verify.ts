import { Command, Option } from 'commander';
import { isWebhookVerificationError } from '../../errors/webhook-verification-error.ts';
import type { VerifyContext } from '../../apis/index.ts';
import { commandCredentials, nameOption, resolveApiSource, specOption } from '../api-source.ts';
import {
  apiArgument,
  apisWhere,
  httpUrl,
  jsonOption,
  keyOption,
  positiveInteger,
  secretHelp,
  secretOption,
  sendsTimestamp,
  signatureHeaderHelp,
  signsTargetUrl,
  withExamples,
} from '../common.ts';
import { CheckFailedError, UsageError } from '../errors.ts';
import type { ApiAdapter } from '../../apis/index.ts';
import { apiPicker, exampleCredential, exampleEvent, examples, sendsApiKey, signsWithKey, signsWithSecret } from '../help-examples.ts';
import { readFileOption, readStdin } from '../inputs.ts';
import { createOutput } from '../output.ts';
import { parseRawHttpRequest } from '../raw-http.ts';

interface VerifyOptions {
  spec?: string;
  name?: string;
  secret?: string | string[];
  key?: string;
  file?: string;
  tolerance?: number;
  signatureHeader?: string;
  publicUrl?: string;
  json?: boolean;
}

async function verify(api: string | undefined, options: VerifyOptions): Promise<void> {
  const out = createOutput({ json: options.json });
  const { adapter } = await resolveApiSource([api], options, []);
  const credentials = await commandCredentials(adapter, options, { rotation: true });
  let raw: Uint8Array;
  if (options.file !== undefined && options.file !== '-') raw = await readFileOption(options.file, `--file ${options.file}`);
  else if (options.file === undefined && process.stdin.isTTY) {
    throw new UsageError('Give the captured request with --file <request.http>, or pipe it on stdin.');
  } else raw = await readStdin();
  if (raw.length === 0) throw new UsageError('The captured request is empty.');
  const request = parseRawHttpRequest(raw);
  // A single check: a captured delivery is verified as if it were new, so no replay store.
  const context: VerifyContext = {
    replayStore: false,
    ...(options.tolerance === undefined ? {} : { toleranceSeconds: options.tolerance }),
    ...(options.signatureHeader === undefined ? {} : { signatureHeader: options.signatureHeader }),
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
  };
  try {
    const event = await adapter.verify(request, credentials, context);
    if (out.json) {
      out.jsonLine({
        ok: true,
        api: adapter.name,
        type: event.type,
        deliveryId: event.deliveryId ?? null,
        timestamp: event.timestamp?.toISOString() ?? null,
        payload: event.payload,
      });
      return;
    }
    const meta = [event.deliveryId && `delivery ${event.deliveryId}`, event.timestamp && `sent ${event.timestamp.toISOString()}`].filter(Boolean);
    out.line(`${out.green('✓')} ${adapter.name} ${out.bold(event.type)}${meta.length ? out.dim(`  ${meta.join('  ')}`) : ''}`);
    out.line(JSON.stringify(event.payload, null, 2));
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    if (out.json) {
      out.jsonLine({ ok: false, api: adapter.name, error: { code: error.code, message: error.message, header: error.header ?? null } });
    } else {
      out.line(`${out.red(`✗ ${error.code}`)}${error.header ? out.dim(` (${error.header})`) : ''}: ${error.message}`);
    }
    throw new CheckFailedError(error.message, { reported: true });
  }
}

/** What a captured delivery of `adapter` looks like, for the help: its signature header and body, shortened. */
function capturedRequest(adapter: ApiAdapter): string[] {
  const { description } = adapter;
  const signature = description.scheme === 'hmac' ? [`${description.hmac.header}: ${description.hmac['signature-prefix'] ?? ''}…`] : [];
  const eventField = description.envelope.event;
  const body = eventField === undefined ? '{…}' : `{${JSON.stringify(eventField)}:${JSON.stringify(exampleEvent(adapter))},…}`;
  return ['POST /webhooks HTTP/1.1', 'Host: localhost:4000', 'Content-Type: application/json', ...signature, '', body];
}

export function verifyCommand(): Command {
  const command = new Command('verify')
    .summary('verify a captured raw HTTP request')
    .description(
      "Reads a captured HTTP request (request line, headers, empty line, body; CRLF or LF line ends) from --file or stdin and runs the project's verifier for <api> over it. " +
        'Prints the event, or the error code and message; exits 1 when verification fails.',
    )
    .addArgument(apiArgument())
    .addOption(specOption())
    .addOption(nameOption())
    .addOption(secretOption(secretHelp('the secret', (header) => `the expected ${header}`)))
    .addOption(keyOption())
    .option('-f, --file <path>', 'the captured request (default: stdin; - for stdin)')
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
    .addOption(jsonOption())
    .action((api: string | undefined, options: VerifyOptions) => verify(api, options));
  const pick = apiPicker();
  const first = pick(signsWithSecret);
  return withExamples(
    command,
    examples(
      [first, (api) => `hookspec verify ${api.name} ${exampleCredential(api)} --file request.http`],
      [
        pick(signsWithSecret),
        (api) => `hookspec sign ${api.name} ${exampleCredential(api)} --data @body.json --http | hookspec verify ${api.name} ${exampleCredential(api)}`,
      ],
      [
        pick((api) => api.description.scheme === 'hmac'),
        (api) => `hookspec verify ${api.name} --secret $SECRET --signature-header x-${api.name}-signature --json < capture.http`,
      ],
      [
        pick(signsWithKey),
        (api) =>
          `hookspec verify ${api.name} --key @webhook-key.pem${signsTargetUrl(api) ? ' --public-url https://example.com/webhooks' : ''} --file capture.http`,
      ],
      [pick(sendsApiKey), (api) => `hookspec verify ${api.name}${api.credential.required ? ` ${exampleCredential(api)}` : ''} --file capture.http`],
    ),
    first === undefined ? [] : ['request.http:', ...capturedRequest(first).map((line) => `  ${line}`)],
  );
}
