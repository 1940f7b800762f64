import { Command, Option } from 'commander';
import { commandCredentials, nameOption, resolveApiSource, specOption } from '../api-source.ts';
import { apiArgument, httpUrl, jsonOption, keyIdOption, keyOption, secretHelp, secretOption, withExamples } from '../common.ts';
import { apiPicker, exampleBody, exampleCredential, examples, sendsApiKey, signsWithKey, signsWithSecret } from '../help-examples.ts';
import { assertJson, readValue } from '../inputs.ts';
import { createOutput } from '../output.ts';
import { formatRawHttpRequest } from '../raw-http.ts';

interface SignOptions {
  spec?: string;
  name?: string;
  secret?: string | string[];
  key?: string;
  keyId?: string;
  data: string;
  url: string;
  http?: boolean;
  raw?: boolean;
  json?: boolean;
}

async function sign(api: string | undefined, options: SignOptions): Promise<void> {
  const out = createOutput({ json: options.json });
  const { adapter } = await resolveApiSource([api], options, []);
  const credentials = await commandCredentials(adapter, options, { rotation: false });
  // The bytes as given: signing must not re-serialise the body.
  const body = (await readValue(options.data, '--data')).toString('utf8');
  // Every API delivers JSON: a body that is not JSON is most likely a typo, not a test case.
  if (!options.raw) assertJson(body, options.data.startsWith('@') ? `--data ${options.data}` : '--data');
  const headers = await adapter.sign(body, credentials, { method: 'POST', url: options.url });
  if (out.json) return out.jsonLine({ api: adapter.name, method: 'POST', url: options.url, headers, body });
  if (options.http) return void process.stdout.write(formatRawHttpRequest({ method: 'POST', url: options.url, headers, body }));
  for (const [name, value] of Object.entries(headers)) out.line(`${out.bold(name)}: ${value}`);
  out.line();
  out.line(body.replace(/\r?\n$/, ''));
}

export function signCommand(): Command {
  const command = new Command('sign')
    .summary('print the headers a provider would send with a body')
    .description(
      'Signs a body exactly as given (its bytes are not re-serialised) the way <api> signs deliveries, and prints the headers, an empty line and the body. ' +
        '--http prints a complete raw request that `hookspec verify` reads; --json an object { headers, body }.',
    )
    .addArgument(apiArgument())
    .addOption(specOption())
    .addOption(nameOption())
    .addOption(secretOption(secretHelp('the secret to sign with', (header) => `the ${header} to send`)))
    .addOption(keyOption())
    .addOption(keyIdOption())
    .requiredOption('-d, --data <body>', "the body: '{…}', @file.json, or @- for stdin")
    .addOption(
      new Option('--url <url>', 'where the delivery would go (request line of --http; covered by signatures over the target)')
        .argParser(httpUrl('--url'))
        .default('http://localhost:4000/webhooks'),
    )
    .option('--raw', 'sign the --data bytes even when they are not JSON (deliveries are JSON, so this is refused without it)')
    .option('--http', 'print a raw HTTP request (for `hookspec verify` or a replay with curl/nc)')
    .addOption(jsonOption())
    .action((api: string | undefined, options: SignOptions) => sign(api, options));
  const pick = apiPicker();
  const first = pick(signsWithSecret);
  return withExamples(
    command,
    examples(
      [first, (api) => `hookspec sign ${api.name} ${exampleCredential(api)} --data @body.json`],
      [pick(signsWithSecret), (api) => `hookspec sign ${api.name} --secret $SECRET --data '${exampleBody(api)}' --json`],
      [pick(signsWithSecret), (api) => `hookspec sign ${api.name} ${exampleCredential(api)} --data @body.json --http > request.http`],
      [pick(signsWithKey), (api) => `hookspec sign ${api.name} --key mock --data '${exampleBody(api)}' --url https://example.com/webhooks`],
      [pick(sendsApiKey), (api) => `hookspec sign ${api.name} ${exampleCredential(api)} --data '${exampleBody(api)}'`],
      [first, (api) => `hookspec sign ${api.name} ${exampleCredential(api)} --data 'not json' --raw   # sign bytes that are not JSON`],
    ),
  );
}
