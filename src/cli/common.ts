import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { apiNames, apis } from '../apis/index.ts';
import { secretValues } from './api-source.ts';

/** `<api>`, limited to the wired APIs (commander lists them when the value is wrong). */
/** `[api]`: a built-in API, or absent when `--spec <file>` names the API (see api-source.ts). */
export const apiArgument = () => new Argument('[api]', `the API: ${apiNames.join(', ')} (or --spec <file> in its place)`);

export const jsonOption = () => new Option('--json', 'print machine-readable JSON on stdout');

export const secretOption = (what = 'the shared secret (HMAC APIs) or X-API-Key (proven)') =>
  new Option('-s, --secret <secret>', what).env('HOOKSPEC_SECRET').argParser(secretValues);

export const keyOption = () =>
  new Option('-k, --key <key>', 'an Ed25519 key (pipevest): PEM or JWK text, a base64url private seed, @file, or "mock" for the mock server\'s test key pair')
    .env('HOOKSPEC_KEY')
    // Shown once an API that signs with a key pair is wired in.
    .hideHelp(!Object.values(apis).some((adapter) => adapter.credential.option === 'key'));

export const keyIdOption = () =>
  new Option('--key-id <id>', "the keyid the signature names (pipevest; default: the mock server's key id, as --key mock needs)").hideHelp(
    !Object.values(apis).some((adapter) => adapter.credential.option === 'key'),
  );

/** An `Examples:` block after the generated help. */
export function withExamples(command: Command, examples: readonly string[], notes: readonly string[] = []): Command {
  const lines = ['', 'Examples:', ...examples.map((example) => `  $ ${example}`)];
  if (notes.length > 0) lines.push('', ...notes);
  return command.addHelpText('after', lines.join('\n'));
}

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
