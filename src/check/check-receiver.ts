/**
 * `checkReceiver`: sends the battery of an API to a running receiver and grades each answer.
 * @module
 */
import type { SpecApi } from '../apis/from-spec.ts';
import { loadSpecApi } from '../apis/load-spec-api.ts';
import { ApiInputError, apiAdapter, apiNames, resolveCredentials, type ApiAdapter, type Credentials } from '../apis/index.ts';
import { SpecError } from '../spec/spec-error.ts';
import { apiKeySchemeCases } from './cases/api-key-scheme.ts';
import { hmacBattery } from './cases/hmac-scheme.ts';
import { batteryOf } from './battery.ts';
import type { CaseContext } from './cases/context.ts';
import { CheckOptionsError, ReceiverUnreachableError } from './errors.ts';
import { diagnose } from './diagnose.ts';
import { grade } from './grade.ts';
import { selectCases } from './select-cases.ts';
import { sendProbe } from './send-probe.ts';
import type { CaseResult, CheckCase, CheckReport, CheckSummary } from './types.ts';

export interface CheckReceiverOptions {
  /** `sidclaw`, `provenonce`, `exchange`, `proven` or `pipevest`; or give `spec`. */
  api?: string;
  /** An OpenAPI 3.1 spec file that declares its delivery scheme, in place of `api` (any webhook API). */
  spec?: string;
  /** The API's name with `spec` (default: the file's base name). */
  name?: string;
  /** The receiver's URL (the URL the provider would post to). */
  url: string;
  /** The HMAC secret (sidclaw, provenonce, exchange) or Proven's `X-API-Key` (optional). */
  secret?: string;
  /**
   * The secret the receiver had before `secret` (rotation; spec APIs): adds a delivery signed with
   * it, which a receiver given both must accept.
   */
  previousSecret?: string;
  /** Pipevest: the Ed25519 private key (PEM or JWK text), or `mock` for the mock server's key. */
  key?: string;
  /** Pipevest: the `keyid` the receiver knows `key` by (default: the mock server's key id). */
  keyId?: string;
  /**
   * The receiver's public URL, when it differs from `url` (a proxy or tunnel in between): the URL
   * the provider posts to, which signatures over the target (Pipevest's `@target-uri`) cover.
   */
  publicUrl?: string;
  /** Per-request timeout in ms (default: the provider's, Provenonce 3 s, the others 10 s). */
  timeoutMs?: number;
  /** Keep only cases matching one of these (id, group, or `*` pattern). */
  only?: readonly string[];
  /** Leave out cases matching one of these. */
  skip?: readonly string[];
  /**
   * The data of each event (the API's envelope is put around it), instead of a fake payload
   * from the spec's faker factories; with data for every event, `@faker-js/faker` is not needed.
   */
  data?: Readonly<Record<string, unknown>>;
  /** Cases sent at the same time (default 4). */
  concurrency?: number;
  /** Called after each case, in completion order. */
  onResult?: (result: CaseResult, done: number, total: number) => void;
}

/** The cases `checkReceiver` would send for `api` with these credentials, before --only / --skip. */
export async function listCheckCases(options: ResolveOptions): Promise<CheckCase[]> {
  const { adapter, credentials, battery } = await resolve(options);
  return battery(contextFor(adapter, new URL(options.url).href, signedUrlOf(options), credentials, {}));
}

type ResolveOptions = Pick<CheckReceiverOptions, 'api' | 'spec' | 'name' | 'url' | 'publicUrl' | 'secret' | 'previousSecret' | 'key' | 'keyId'>;
type Battery = (ctx: CaseContext) => CheckCase[];

/** The API of `api` or `spec`, and its battery. */
async function apiOf(options: ResolveOptions): Promise<{ adapter: ApiAdapter; battery: Battery }> {
  if ((options.api === undefined) === (options.spec === undefined)) {
    throw new CheckOptionsError(
      'unknown_api',
      `Give either api (${apiNames.join(', ')}) or spec (a spec file), not ${options.api === undefined ? 'neither' : 'both'}.`,
    );
  }
  if (options.spec === undefined) {
    if (options.previousSecret !== undefined) {
      throw new CheckOptionsError('invalid_option', 'previousSecret (a second --secret) is supported for APIs given by their spec.');
    }
    try {
      const adapter = apiAdapter(options.api!);
      return { adapter, battery: batteryOf(adapter) };
    } catch (error) {
      throw new CheckOptionsError('unknown_api', (error as Error).message);
    }
  }
  let spec: SpecApi;
  try {
    spec = await loadSpecApi(options.spec, { builtInNames: apiNames, ...(options.name === undefined ? {} : { name: options.name }) });
  } catch (error) {
    if (error instanceof SpecError) throw new CheckOptionsError('invalid_spec', error.message);
    throw error;
  }
  const { hmac, description, refusalStatus } = spec;
  const battery: Battery = hmac
    ? (ctx) =>
        hmacBattery(ctx, hmac, {
          ...(options.previousSecret === undefined ? {} : { previousSecret: options.previousSecret }),
          ...(refusalStatus === undefined ? {} : { refusalStatus }),
        })
    : (ctx) => {
        if (description.scheme !== 'api-key') throw new TypeError(`${spec.adapter.name}: no check cases for the ${description.scheme} scheme.`);
        return apiKeySchemeCases(ctx, description, refusalStatus);
      };
  return { adapter: spec.adapter, battery };
}

/** The URL signatures cover, in the form that goes on the wire (`http://host:1` → `http://host:1/`). */
const signedUrlOf = (options: Pick<CheckReceiverOptions, 'url' | 'publicUrl'>) => new URL(options.publicUrl ?? options.url).href;

async function resolve(options: ResolveOptions): Promise<{ adapter: ApiAdapter; credentials: Credentials; battery: Battery }> {
  const { adapter, battery } = await apiOf(options);
  if (!URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol)) {
    throw new CheckOptionsError('invalid_url', `The receiver URL "${options.url}" is not an http(s) URL.`);
  }
  if (options.publicUrl !== undefined && (!URL.canParse(options.publicUrl) || !/^https?:$/.test(new URL(options.publicUrl).protocol))) {
    throw new CheckOptionsError('invalid_url', `The public URL "${options.publicUrl}" is not an http(s) URL.`);
  }
  try {
    const given = {
      ...(options.secret === undefined ? {} : { secret: options.secret }),
      ...(options.key === undefined ? {} : { key: options.key }),
      ...(options.keyId === undefined ? {} : { keyId: options.keyId }),
    };
    return { adapter, battery, credentials: await resolveCredentials(adapter, given) };
  } catch (error) {
    if (error instanceof ApiInputError) throw new CheckOptionsError('invalid_credentials', error.message);
    throw error;
  }
}

function contextFor(adapter: ApiAdapter, url: string, signedUrl: string, credentials: Credentials, data: Readonly<Record<string, unknown>> = {}): CaseContext {
  return {
    adapter,
    url,
    signedUrl,
    credentials,
    sampleEvent: adapter.events.find((event) => event !== 'test') ?? adapter.events[0]!,
    payload: (event) => adapter.payload(event, Object.hasOwn(data, event) ? structuredClone(data[event]) : undefined),
    sign: async (body, other) => {
      const delivery = await adapter.send({ event: '', body, credentials: other ?? credentials, url: signedUrl });
      return { url, body: delivery.body, headers: delivery.headers };
    },
  };
}

/** Network errors that mean nothing answers at the URL at all (`bad port`: a port fetch never connects to, such as 9). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'bad port']);

function summarise(results: readonly CaseResult[]): CheckSummary {
  const count = (verdict: CaseResult['verdict']) => results.filter((result) => result.verdict === verdict).length;
  const [passed, failed, warned, info] = [count('pass'), count('fail'), count('warn'), count('info')];
  const graded = passed + failed + warned;
  return { total: results.length, passed, failed, warned, info, score: graded === 0 ? 100 : Math.round((passed / graded) * 100) };
}

/**
 * Sends `api`'s battery to the receiver at `url` (genuine deliveries of every event, the same
 * in odd JSON forms, forgeries of its signature scheme, a replay) and grades every answer.
 * Resolves with the report (it never throws on a bad receiver); throws a
 * {@link CheckOptionsError} with a stable `code` on bad options, before sending anything, and a
 * {@link ReceiverUnreachableError} (`receiver_unreachable`) at the first connection refused.
 *
 * @example
 * const report = await checkReceiver({ api: 'sidclaw', url: 'http://127.0.0.1:3000/webhooks', secret });
 * expect(report.results.filter((r) => r.verdict === 'fail')).toEqual([]);
 */
export async function checkReceiver(given: CheckReceiverOptions): Promise<CheckReport> {
  const { adapter, credentials, battery } = await resolve(given);
  // The form that goes on the wire (`http://host:1` → `http://host:1/`): signatures over @target-uri must match it.
  const options = { ...given, url: new URL(given.url).href };
  const timeoutMs = options.timeoutMs ?? adapter.deliveryTimeoutMs;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new CheckOptionsError('invalid_option', `timeoutMs must be a positive integer, not ${timeoutMs}.`);
  if (!Number.isInteger(concurrency) || concurrency <= 0)
    throw new CheckOptionsError('invalid_option', `concurrency must be a positive integer, not ${concurrency}.`);
  const unknownEvents = Object.keys(options.data ?? {}).filter((event) => !adapter.events.includes(event));
  if (unknownEvents.length > 0) {
    throw new CheckOptionsError(
      'invalid_option',
      `data names events ${adapter.title} does not send: ${unknownEvents.join(', ')}. Its events: ${adapter.events.join(', ')}.`,
    );
  }
  const all = battery(contextFor(adapter, options.url, signedUrlOf(options), credentials, options.data));
  const cases = selectCases(all, options.only, options.skip);
  if (cases.length === 0) {
    throw new CheckOptionsError('no_cases', `No ${adapter.title} case matches --only/--skip. Cases: ${all.map((c) => c.id).join(', ')}.`);
  }

  const started = performance.now();
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  let unreachable: ReceiverUnreachableError | undefined;
  const worker = async () => {
    while (next < cases.length && unreachable === undefined) {
      const index = next++;
      const testCase = cases[index]!;
      const probes = await testCase.build();
      const answers = [];
      // A replay's second request must follow the first one's answer.
      for (const probe of probes) {
        const answer = await sendProbe(probe, timeoutMs);
        // Nothing listening: every other case would fail the same way; stop at the first.
        if (answer.status === null && UNREACHABLE.has(answer.error ?? '')) {
          unreachable ??= new ReceiverUnreachableError(options.url, answer.error!);
          return;
        }
        answers.push(answer);
      }
      results[index] = grade(testCase, answers, timeoutMs);
      options.onResult?.(results[index], ++done, cases.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  if (unreachable) throw unreachable;
  const summary = summarise(results);
  const diagnosis = diagnose(results);
  return {
    api: adapter.name,
    url: options.url,
    timeoutMs,
    results,
    summary,
    ok: summary.failed === 0,
    durationMs: performance.now() - started,
    ...(diagnosis === undefined ? {} : { diagnosis }),
  };
}
