/**
 * Where a command's API comes from: a built-in `<api>` name, or `--spec <file>` in its place
 * (any OpenAPI 3.1 webhook API that declares its scheme). With `--spec`, the positional
 * arguments after `<api>` shift left: `hookspec trigger --spec acme.yaml invoice.paid --to …`.
 * @module
 */
import { Option } from 'commander';
import { apiAdapter, apiNames, resolveCredentials, type ApiAdapter, type Credentials } from '../apis/index.ts';
import type { SpecApi } from '../apis/from-spec.ts';
import { loadSpecApi } from '../apis/load-spec-api.ts';
import { SpecError } from '../spec/spec-error.ts';
import { UsageError } from './errors.ts';

export interface ApiSourceOptions {
  spec?: string;
  name?: string;
  /** `--secret`, given once or twice (current, then previous). */
  secret?: string | string[];
  key?: string;
  keyId?: string;
}

export const specOption = () =>
  new Option('--spec <file>', 'an OpenAPI 3.1 spec with webhooks and x-hookspec-delivery (or x-fern-webhook-signature), in place of <api>');
export const nameOption = () => new Option('--name <name>', "the API's name with --spec (default: the spec file's base name)");

/** Reads a spec as an API; an unusable spec is a usage error naming the file, the path and what is allowed. */
export async function loadSpecForCommand(file: string, name: string | undefined): Promise<SpecApi> {
  try {
    return await loadSpecApi(file, { builtInNames: apiNames, ...(name === undefined ? {} : { name }) });
  } catch (error) {
    if (error instanceof SpecError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The API a command works on and the positional arguments that follow it. `given` are the
 * command's positionals as commander passed them (`[api, …rest]`); `rest` names what follows
 * `<api>`, for the usage message.
 */
export async function resolveApiSource(
  given: ReadonlyArray<string | undefined>,
  options: ApiSourceOptions,
  rest: readonly string[],
): Promise<{ adapter: ApiAdapter; spec?: SpecApi; args: string[] }> {
  const present = given.filter((value): value is string => value !== undefined);
  if (options.spec !== undefined) {
    if (present.length > rest.length) {
      throw new UsageError(`Give either <api> or --spec, not both ("${present[0]}" and --spec ${options.spec}).`);
    }
    if (present.length < rest.length)
      throw new UsageError(
        `Missing ${rest
          .slice(present.length)
          .map((name) => `<${name}>`)
          .join(' ')}.`,
      );
    const spec = await loadSpecForCommand(options.spec, options.name);
    return { adapter: spec.adapter, spec, args: present };
  }
  if (options.name !== undefined) throw new UsageError('--name names the API of a --spec; give --spec <file> with it.');
  const [api, ...args] = present;
  if (api === undefined) throw new UsageError(`Give <api> (${apiNames.join(', ')}) or --spec <file>.`);
  if (args.length < rest.length)
    throw new UsageError(
      `Missing ${rest
        .slice(args.length)
        .map((name) => `<${name}>`)
        .join(' ')}.`,
    );
  return { adapter: apiAdapter(api), args };
}

/** The credentials of a command: `--secret` once, or twice for rotation (current, then previous). */
export async function commandCredentials(adapter: ApiAdapter, options: ApiSourceOptions, { rotation }: { rotation: boolean }): Promise<Credentials> {
  const secrets = options.secret === undefined ? [] : Array.isArray(options.secret) ? options.secret : [options.secret];
  if (secrets.length > 2) throw new UsageError('--secret may be given at most twice: the current secret, then the previous one.');
  if (secrets.length === 2 && !rotation) throw new UsageError('Signing takes one --secret; two (current, then previous) are for receivers and check.');
  const credentials = await resolveCredentials(adapter, { ...options, ...(secrets[0] === undefined ? { secret: undefined } : { secret: secrets[0] }) });
  return secrets.length === 2 ? { ...credentials, secrets } : credentials;
}

/** `--secret` repeatable: one value stays a string, a second makes a list. */
export function secretValues(value: string, previous: string | string[] | undefined): string | string[] {
  if (previous === undefined) return value;
  return [...(Array.isArray(previous) ? previous : [previous]), value];
}
