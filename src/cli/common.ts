import { Argument, InvalidArgumentError, Option } from 'commander';
import { type ApiAdapter, apiNames, apis } from '../apis/index.ts';
import { secretValues } from './api-source.ts';
import { signsWithKey, signsWithSecret } from './help-examples.ts';

/** The names of the APIs `test` holds for, for help texts (`sidclaw, provenonce, exchange`); read when a command is built. */
export const apisWhere = (test: (adapter: ApiAdapter) => boolean): string => apiNames.filter((name) => test(apis[name]!)).join(', ');

/** APIs that send a timestamp a receiver checks against a tolerance. */
export const sendsTimestamp = (adapter: ApiAdapter) =>
  adapter.description.scheme === 'rfc9421' || (adapter.description.scheme === 'hmac' && adapter.description.hmac.timestamp !== undefined);
/** APIs whose signatures cover the URL the sender addressed. */
export const signsTargetUrl = (adapter: ApiAdapter) =>
  (adapter.description.scheme === 'rfc9421' && adapter.description.rfc9421.components.includes('@target-uri')) ||
  (adapter.description.scheme === 'hmac' && adapter.description.hmac['payload-format'].components.includes('notification-url'));

/**
 * What `--secret` is, per API: `secretRole` for the APIs that sign with a shared secret,
 * `keyRole(header)` for those that send a key in a header.
 * @example secretHelp('the secret to sign with', (header) => `the ${header} to send`)
 */
export function secretHelp(secretRole: string, keyRole: (header: string) => string): string {
  const parts: string[] = [];
  const hmac = apisWhere(signsWithSecret);
  if (hmac !== '') parts.push(`${secretRole} (${hmac})`);
  for (const name of apiNames) {
    const description = apis[name]!.description;
    if (description.scheme === 'api-key') parts.push(`${keyRole(description['api-key'].header)} (${name})`);
  }
  return parts.join(' or ');
}

/** What `--signature-header` is for: every API that signs with an HMAC header reads it. */
export const signatureHeaderHelp = () =>
  `header carrying the signature, when the provider sends it under another name than its spec's (${apisWhere((adapter) => adapter.description.scheme === 'hmac')})`;

/** `<api>`, limited to the wired APIs (commander lists them when the value is wrong). */
/** `[api]`: a built-in API, or absent when `--spec <file>` names the API (see api-source.ts). */
export const apiArgument = () => new Argument('[api]', `the API: ${apiNames.join(', ')} (or --spec <file> in its place)`);

export const jsonOption = () => new Option('--json', 'print machine-readable JSON on stdout');

export const secretOption = (what = secretHelp('the shared secret', (header) => header)) =>
  new Option('-s, --secret <secret>', what).env('HOOKSPEC_SECRET').argParser(secretValues);

/** Where `--key mock` comes from: `keyid …; public key at GET /_mock/<api>/webhook-key`, per API whose spec has a test key. */
function mockKeyHelp(): string {
  const keys = Object.values(apis).flatMap((adapter) => {
    const { description } = adapter;
    const testKey = description.scheme === 'rfc9421' ? description.rfc9421['test-key'] : undefined;
    return testKey === undefined ? [] : [[adapter.name, testKey['key-id']] as const];
  });
  return keys.map(([name, keyId]) => `${keys.length > 1 ? `${name}: ` : ''}keyid ${keyId}; public key at GET /_mock/${name}/webhook-key`).join('; ');
}

export function keyOption(): Option {
  const mock = mockKeyHelp();
  return (
    new Option(
      '-k, --key <key>',
      `an Ed25519 key (${apisWhere(signsWithKey)}): PEM or JWK text, a base64url private seed, @file, or "mock" for the mock server's webhook test key pair${mock === '' ? '' : ` (${mock})`}`,
    )
      .env('HOOKSPEC_KEY')
      // Shown once an API that signs with a key pair is wired in.
      .hideHelp(apisWhere(signsWithKey) === '')
  );
}

export const keyIdOption = () =>
  new Option('--key-id <id>', `the keyid the signature names (${apisWhere(signsWithKey)}; default: the mock server's key id, as --key mock needs)`).hideHelp(
    apisWhere(signsWithKey) === '',
  );

export { withExamples } from './common-help.ts';

/** A positive integer option value. */
export function positiveInteger(name: string, { allowZero = false } = {}) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < (allowZero ? 0 : 1)) {
      throw new InvalidArgumentError(`${name} must be ${allowZero ? 'a whole number ≥ 0' : 'a whole number ≥ 1'}.`);
    }
    return number;
  };
}

/** A port number (0 picks a free one). */
export function portNumber(value: string): number {
  const port = positiveInteger('--port', { allowZero: true })(value);
  if (port > 65_535) throw new InvalidArgumentError('--port must be at most 65535.');
  return port;
}

/** An absolute http(s) URL. */
export function httpUrl(name: string) {
  return (value: string): string => {
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      throw new InvalidArgumentError(`${name} must be an http:// or https:// URL.`);
    }
    // Normalised (`http://host:1` → `http://host:1/`): signatures over the target URI need the form that goes on the wire.
    return new URL(value).href;
  };
}

/** Resolves signal handling for long-running commands: resolves once SIGINT or SIGTERM arrives. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** `--allowed-host <name>`, repeatable: a Host name the local server answers besides its loopback names. */
export const allowedHostOption = () =>
  new Option('--allowed-host <name>', 'also answer requests addressed to this host name (repeatable; other names get 403, against DNS rebinding)')
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([], 'loopback names and the --host address');
