import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { checkReceiver, listCheckCases } from '../../check/check-receiver.ts';
import { formatReport } from '../../check/format-report.ts';
import { toJunitXml } from '../../check/junit.ts';
import { apis } from '../../apis/index.ts';
import { nameOption, resolveApiSource, specOption } from '../api-source.ts';
import { apiArgument, httpUrl, jsonOption, keyIdOption, keyOption, positiveInteger, secretHelp, secretOption, withExamples } from '../common.ts';
import { CheckOptionsError, ReceiverUnreachableError } from '../../check/errors.ts';
import { CheckFailedError, UsageError, messageOf } from '../errors.ts';
import { apiPicker, exampleCredential, examples, secretVariable, sendsApiKey, signsWithKey, signsWithSecret } from '../help-examples.ts';
import { collect, readValue } from '../inputs.ts';
import { createOutput } from '../output.ts';

interface CheckOptions {
  spec?: string;
  name?: string;
  secret?: string | string[];
  key?: string;
  keyId?: string;
  publicUrl?: string;
  data?: string;
  timeout?: number;
  only?: string[];
  skip?: string[];
  concurrency: number;
  junit?: string;
  list?: boolean;
  json?: boolean;
}

/** Each API's delivery timeout, for the help text (`sidclaw 10000, provenonce 3000, …`). */
const timeouts = () =>
  Object.values(apis)
    .map((adapter) => `${adapter.name} ${adapter.deliveryTimeoutMs}`)
    .join(', ');

/** `--data`: a JSON object of event name → that event's data. */
async function eventData(given: string): Promise<Record<string, unknown>> {
  const label = given.startsWith('@') ? `--data ${given}` : '--data';
  const text = (await readValue(given, '--data')).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: not valid JSON (${messageOf(error)}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${label}: expected an object of event name → data, such as {"approval.requested": {…}}.`);
  }
  return value as Record<string, unknown>;
}

/** The receiver URL positional, checked as commander checks an option (a usage error, exit 2). */
function receiverUrl(value: string): string {
  try {
    return httpUrl('<url>')(value);
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
}

/** `--only a,b --only c` → `['a', 'b', 'c']`. */
const patterns = (values: readonly string[] = []) =>
  values
    .flatMap((value) => value.split(','))
    .map((p) => p.trim())
    .filter(Boolean);

async function check(given: ReadonlyArray<string | undefined>, options: CheckOptions): Promise<void> {
  const out = createOutput({ json: options.json });
  const { adapter, spec, args } = await resolveApiSource(given, options, ['url']);
  const url = receiverUrl(args[0]!);
  const secrets = options.secret === undefined ? [] : Array.isArray(options.secret) ? options.secret : [options.secret];
  if (secrets.length > 2) throw new UsageError('--secret may be given at most twice: the current secret, then the previous one.');
  const source = spec === undefined ? { api: adapter.name } : { spec: options.spec!, name: adapter.name };
  const credentials = {
    ...(secrets[0] === undefined ? {} : { secret: secrets[0] }),
    ...(secrets[1] === undefined ? {} : { previousSecret: secrets[1] }),
    ...(options.key === undefined ? {} : { key: options.key }),
    ...(options.keyId === undefined ? {} : { keyId: options.keyId }),
  };
  if (options.list) {
    const cases = await listCheckCases({ ...source, url, ...credentials });
    if (out.json) return out.jsonLine(cases.map(({ id, group, sent, expect }) => ({ id, group, sent, expect })));
    for (const testCase of cases) out.line(`${testCase.id.padEnd(40)} ${testCase.sent}`);
    return;
  }
  const data = options.data === undefined ? undefined : await eventData(options.data);
  const report = await checkReceiver({
    ...source,
    url,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(data === undefined ? {} : { data }),
    ...credentials,
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    only: patterns(options.only),
    skip: patterns(options.skip),
    concurrency: options.concurrency,
    // A progress line on a terminal only: piped output stays the report alone.
    onResult: (result, done, total) => {
      if (out.tty && !out.json) out.status(`[${done}/${total}] ${result.id}: ${result.verdict}`);
    },
  });
  out.endStatus();
  if (options.junit !== undefined) await writeFile(options.junit, toJunitXml(report));
  if (out.json) out.jsonLine(report);
  else for (const line of formatReport(report, adapter.title, out)) out.line(line);
  if (!report.ok) throw new CheckFailedError(`${report.summary.failed} of ${report.summary.total} cases failed.`, { reported: true });
}

export function checkCommand(): Command {
  const command = new Command('check')
    .summary('attack a running receiver the way a forger or a bad network would, and grade it')
    .description(
      "Sends <api>'s battery to the receiver at <url>: a genuine delivery of every documented event (2xx expected within the provider's timeout), " +
        'the same in JSON forms JSON.stringify does not write (2xx), forgeries of the signature scheme (4xx, never 2xx), and a replay. ' +
        'Exits 0 when no case failed, 1 when a forgery or replay was accepted or a genuine delivery refused, 2 on usage errors and when nothing answers at <url>.',
    )
    .usage('<api> <url> [options]  |  --spec <file> <url> [options]')
    .addArgument(apiArgument())
    .argument('[url]', 'the receiver URL the cases are sent to (the URL the provider posts to, unless --public-url says otherwise)')
    .addOption(specOption())
    .addOption(nameOption())
    .addOption(
      secretOption(
        `${secretHelp('the secret the receiver verifies with', (header) => `its ${header}`)}; with --spec, give it twice (current, then previous) to check rotation`,
      ),
    )
    .addOption(keyOption())
    .addOption(keyIdOption())
    .addOption(
      new Option(
        '--public-url <url>',
        'the URL the provider posts to, when a proxy or tunnel sits in front of <url> (signatures over the target cover it)',
      ).argParser(httpUrl('--public-url')),
    )
    .option(
      '--data <events>',
      'the data of each event instead of fake payloads: \'{"<event>": {…}}\', @file.json or @- (faker is then needed only for events left out)',
    )
    .addOption(new Option('--timeout <ms>', `per-request timeout (default: the provider's: ${timeouts()})`).argParser(positiveInteger('--timeout')))
    .option('--only <cases>', 'run only these cases: ids, groups (genuine, form, forgery, replay) or * patterns, comma-separated or repeated', collect)
    .option('--skip <cases>', 'leave these cases out (same forms as --only)', collect)
    .addOption(new Option('--concurrency <n>', 'cases in flight at once').argParser(positiveInteger('--concurrency')).default(4))
    .option('--junit <file>', 'also write the results as JUnit XML (for CI)')
    .option('--list', 'list the cases and exit')
    .addOption(jsonOption())
    .action((api: string | undefined, url: string | undefined, options: CheckOptions) =>
      check([api, url], options).catch((error: unknown) => {
        // Bad options of the library call, and nothing listening at <url>, are set-up errors of the command (exit 2).
        throw error instanceof CheckOptionsError || error instanceof ReceiverUnreachableError ? new UsageError(error.message) : error;
      }),
    );
  const pick = apiPicker();
  const secretApi = pick(signsWithSecret);
  return withExamples(command, [
    ...examples(
      [secretApi, (api) => `hookspec check ${api.name} http://127.0.0.1:3000/webhooks --secret ${secretVariable(api)}`],
      [pick(signsWithKey), (api) => `hookspec check ${api.name} http://127.0.0.1:3000/${api.name} --key mock   # a receiver that trusts the mock server's key`],
      [pick(signsWithSecret), (api) => `hookspec check ${api.name} https://staging.example.com/hooks --secret $SECRET --junit check.xml`],
      [pick(sendsApiKey), (api) => `hookspec check ${api.name} http://127.0.0.1:3000/webhooks ${exampleCredential(api)} --json`],
      [
        secretApi,
        (api) => `hookspec check ${api.name} http://127.0.0.1:3000/webhooks ${exampleCredential(api)} --only 'forgery/*' --skip 'forgery/signature-*'`,
      ],
    ),
    'hookspec check --spec acme.yaml http://127.0.0.1:3000/webhooks --secret $CURRENT --secret $PREVIOUS   # any API whose spec declares its scheme',
  ]);
}
