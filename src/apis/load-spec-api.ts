/**
 * A spec file read as an API (`--spec <file>`): the file reading and naming around
 * {@link specApiOf}, kept apart so that code built from an already-parsed document
 * (`hookspec/webhooks`) imports no file system.
 * @module
 */
import { readSpec, type SpecDocument } from '../spec/read-spec.ts';
import { SpecError } from '../spec/spec-error.ts';
import { RESERVED_API_NAMES, type SpecApi, specApiOf } from './from-spec.ts';

/**
 * Reads `file` as an API: the spec, its delivery description and everything built from them.
 * `name` overrides the file's base name. A {@link SpecError} names the file, the path and what
 * is allowed when the spec cannot be used.
 *
 * @example
 * const { adapter } = await loadSpecApi('acme-notify.yaml');
 * const delivery = await adapter.send({ event: 'invoice.paid', body, credentials: { secret }, url });
 */
export async function loadSpecApi(file: string, options: { name?: string; builtInNames?: readonly string[] } = {}): Promise<SpecApi> {
  const read = await readSpec(file);
  const spec = { ...read, name: options.name ?? read.name };
  checkName(spec, options.builtInNames ?? []);
  return specApiOf(spec);
}

function checkName({ file, name }: SpecDocument, builtIn: readonly string[]): void {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(name)) {
    throw new SpecError(
      'name_taken',
      file,
      '',
      `the API name "${name}" must be lower-case letters, digits and dashes, starting with a letter (set one with --name).`,
    );
  }
  const taken = [...builtIn, ...RESERVED_API_NAMES];
  if (taken.includes(name)) {
    throw new SpecError(
      'name_taken',
      file,
      '',
      `the API name "${name}" is taken (built-in APIs and mock words: ${taken.join(', ')}); set another with --name.`,
    );
  }
}
