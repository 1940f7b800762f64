/**
 * The `Examples:` of the commands' help, from the registry: which API an example uses, the
 * credential and the event it passes, so an API added as a spec shows up in every help text and
 * none is named here.
 * @module
 */
import { type ApiAdapter, apis } from '../apis/index.ts';

/** APIs that sign with a shared secret (HMAC). */
export const signsWithSecret = (adapter: ApiAdapter) => adapter.credential.option === 'secret' && adapter.description.scheme !== 'api-key';
/** APIs that sign with a key pair (`--key`). */
export const signsWithKey = (adapter: ApiAdapter) => adapter.credential.option === 'key';
/** APIs that send a shared key in a header, unsigned. */
export const sendsApiKey = (adapter: ApiAdapter) => adapter.description.scheme === 'api-key';

/**
 * Picks the APIs of one help's examples: each call the first registered API `test` holds for
 * that no earlier example of the help used (or, when every such API was used, the first), so
 * the examples spread over the registry. Undefined when no API fits: the example is left out.
 */
export function apiPicker(): (test?: (adapter: ApiAdapter) => boolean) => ApiAdapter | undefined {
  const used = new Set<string>();
  return (test = () => true) => {
    const fitting = Object.values(apis).filter((adapter) => test(adapter) && adapter.events.length > 0);
    const adapter = fitting.find(({ name }) => !used.has(name)) ?? fitting[0];
    if (adapter !== undefined) used.add(adapter.name);
    return adapter;
  };
}

/** The example lines whose API was found (`line` runs only for those). */
export function examples(...lines: Array<[ApiAdapter | undefined, (adapter: ApiAdapter) => string]>): string[] {
  return lines.flatMap(([adapter, line]) => (adapter === undefined ? [] : [line(adapter)]));
}

/** An HMAC secret an example signs with, in the form the API's `secret-encoding` reads. */
const EXAMPLE_SECRETS = { utf8: 'whsec_test', base64: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec-base64': 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } as const;

/**
 * The credential option of a runnable example: a test secret for an HMAC API, the mock server's
 * key pair for one that signs with a key, a test key for one that sends a key in a header.
 */
export function exampleCredential(adapter: ApiAdapter): string {
  const { description } = adapter;
  if (signsWithKey(adapter)) return '--key mock';
  if (description.scheme === 'hmac') return `--secret ${EXAMPLE_SECRETS[description.hmac['secret-encoding']]}`;
  if (sendsApiKey(adapter)) return '--secret key_test';
  return `--secret ${EXAMPLE_SECRETS['whsec-base64']}`;
}

/** The event of an example: the API's first documented one. */
export const exampleEvent = (adapter: ApiAdapter): string => adapter.events[0]!;

/** A delivery body of `event` in the API's envelope, with empty data: `{"event":"…","data":{}}`. */
export function exampleBody(adapter: ApiAdapter, event = exampleEvent(adapter)): string {
  const { event: eventField, data } = adapter.description.envelope;
  return JSON.stringify({ ...(eventField === undefined ? {} : { [eventField]: event }), ...(data === undefined ? {} : { [data]: {} }) });
}

/** Where an example's public key comes from: the key URL the spec names, if any. */
export function publicKeyFrom(adapter: ApiAdapter): string {
  const { description } = adapter;
  const url = description.scheme === 'rfc9421' ? description.rfc9421['key-url'] : undefined;
  return url === undefined ? `the public key ${adapter.title} gives` : `the public key from GET ${url}`;
}

/** The environment variable an example reads an API's secret from: `$ACME_WEBHOOK_SECRET`. */
export const secretVariable = (adapter: ApiAdapter) => `$${adapter.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_WEBHOOK_SECRET`;
