/**
 * RFC 9421 component identifiers (`"@method"`, `"content-digest"`, `"@query-param";name="Pet"`,
 * `"example-dict";key="a"` …): parsing, validation and serialisation.
 * @module
 */
import { parseItem, serializeItem, type BareItem, type Item, type Parameters } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { BoundedCache } from './bounded-cache.ts';

/** A covered component: its name (lowercase on the wire) and its parameters, in order. */
export interface ComponentIdentifier {
  readonly name: string;
  readonly params: ReadonlyMap<string, BareItem>;
}

/** How callers name components when signing or stating requirements. */
export type ComponentInput = string | { readonly name: string; readonly params?: Readonly<Record<string, string | true>> };

/** Derived components this library can compute. */
export const DERIVED_COMPONENTS: ReadonlySet<string> = new Set([
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@request-target',
  '@path',
  '@query',
  '@query-param',
  '@status',
]);

const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const SIGNATURE_INPUT = 'signature-input';

function malformed(message: string, cause?: unknown): WebhookVerificationError {
  return new WebhookVerificationError('malformed_header', message, { header: SIGNATURE_INPUT, cause });
}

/**
 * Parses a component written as a plain name with optional parameters (`@query-param;name="Pet"`,
 * `Content-Digest`), as a structured-field string item (`"example-dict";key="a"`), or as an object.
 * Names are lowercased.
 *
 * @example
 * parseComponentInput('@query-param;name="Pet"'); // { name: '@query-param', params: Map { 'name' => 'Pet' } }
 */
export function parseComponentInput(input: ComponentInput): ComponentIdentifier {
  if (typeof input !== 'string') {
    const params: Parameters = new Map(Object.entries(input.params ?? {}));
    return checkComponentIdentifier({ name: input.name.toLowerCase(), params });
  }
  let parsed = parsedInputs.get(input);
  if (parsed === undefined) {
    parsed = parseComponentText(input);
    parsedInputs.set(input, parsed);
  }
  return parsed;
}

/** Parsed string inputs (callers pass the same component lists on every message). */
const parsedInputs = new BoundedCache<string, ComponentIdentifier>(256);

function parseComponentText(input: string): ComponentIdentifier {
  const text = input.trim();
  const quoted = text.startsWith('"') ? text : quoteName(text);
  let item: Item;
  try {
    item = parseItem(quoted);
  } catch (cause) {
    throw malformed(`Component "${input}" is not a valid component identifier (e.g. "@method", "content-digest", "@query-param;name=\\"id\\"").`, cause);
  }
  return componentFromItem(item);
}

function quoteName(text: string): string {
  const semicolon = text.indexOf(';');
  const name = semicolon < 0 ? text : text.slice(0, semicolon);
  const rest = semicolon < 0 ? '' : text.slice(semicolon);
  return `"${name.replace(/["\\]/g, '\\$&')}"${rest}`;
}

/**
 * Turns a parsed Signature-Input item into a validated identifier, lowercasing the name
 * (RFC 9421 requires lowercase; some providers document capitalised names).
 *
 * @example
 * componentFromItem(['Content-Digest', new Map()]).name; // 'content-digest'
 */
export function componentFromItem(item: Item): ComponentIdentifier {
  const [name, params] = item;
  if (typeof name !== 'string') {
    throw malformed('A covered component is not a quoted string: each component must look like "name" with optional ;parameters.');
  }
  return checkComponentIdentifier({ name: name.toLowerCase(), params });
}

/** A covered component read from Signature-Input, with its serialised (lowercase) identifier. */
export interface CoveredComponent {
  readonly id: ComponentIdentifier;
  readonly serialized: string;
}

/** Parameterless components by name as received (the same few names arrive on every message). */
const plainCovered = new BoundedCache<string, CoveredComponent>(256);

/**
 * Validates a Signature-Input item and returns it with its serialised lowercase identifier.
 *
 * @example
 * coveredComponent(['Content-Digest', new Map()]).serialized; // '"content-digest"'
 */
export function coveredComponent(item: Item): CoveredComponent {
  const [name, params] = item;
  if (typeof name === 'string' && params.size === 0) {
    let covered = plainCovered.get(name);
    if (covered === undefined) {
      const id = componentFromItem(item);
      covered = { id, serialized: serializeComponentIdentifier(id) };
      plainCovered.set(name, covered);
    }
    return covered;
  }
  const id = componentFromItem(item);
  return { id, serialized: serializeComponentIdentifier(id) };
}

function isTrue(value: BareItem | undefined): boolean {
  return value === true;
}

function checkComponentIdentifier(id: ComponentIdentifier): ComponentIdentifier {
  const { name, params } = id;
  if (name === '@signature-params') {
    throw malformed('"@signature-params" must not be listed as a covered component.');
  }
  const derived = name.startsWith('@');
  if (derived && !DERIVED_COMPONENTS.has(name)) {
    throw new WebhookVerificationError(
      'unsupported_component',
      `Derived component "${name}" is not supported (supported: ${[...DERIVED_COMPONENTS].join(', ')}).`,
      {
        header: SIGNATURE_INPUT,
      },
    );
  }
  if (!derived && !FIELD_NAME.test(name)) {
    throw malformed(`"${name}" is not a valid HTTP field name.`);
  }
  for (const [param, value] of params) {
    checkParameter(name, derived, param, value);
  }
  if (name === '@query-param' && typeof params.get('name') !== 'string') {
    throw malformed('"@query-param" needs a ;name="…" parameter naming the query parameter.');
  }
  if (params.has('bs') && (params.has('sf') || params.has('key'))) {
    throw malformed(`Component "${name}" combines ;bs with ;sf or ;key, which RFC 9421 forbids.`);
  }
  return id;
}

function checkParameter(name: string, derived: boolean, param: string, value: BareItem): void {
  const flag = param === 'req' || (!derived && (param === 'sf' || param === 'bs'));
  const text = (param === 'name' && name === '@query-param') || (!derived && param === 'key');
  if (flag && !isTrue(value)) throw malformed(`Parameter ;${param} of "${name}" must be a boolean flag.`);
  if (text && typeof value !== 'string') throw malformed(`Parameter ;${param} of "${name}" must be a string.`);
  if (!flag && !text) {
    throw new WebhookVerificationError(
      'unsupported_component',
      `Component parameter ;${param} on "${name}" is not supported (supported: ;sf, ;key, ;bs, ;req on fields; ;req on derived components; ;name on @query-param).`,
      { header: SIGNATURE_INPUT },
    );
  }
}

/** Serialised identifiers of parameterless components, by name (they repeat on every message). */
const bareNames = new BoundedCache<string, string>(256);

/**
 * Serialises an identifier the way it appears in the signature base and in Signature-Input.
 *
 * @example
 * serializeComponentIdentifier({ name: '@query-param', params: new Map([['name', 'Pet']]) }); // '"@query-param";name="Pet"'
 */
export function serializeComponentIdentifier(id: ComponentIdentifier): string {
  try {
    if (id.params.size > 0) return serializeItem([id.name, id.params as Parameters]);
    let serialized = bareNames.get(id.name);
    if (serialized === undefined) {
      serialized = serializeItem([id.name, new Map()]);
      bareNames.set(id.name, serialized);
    }
    return serialized;
  } catch (cause) {
    throw malformed(`Component "${id.name}" cannot be serialised as a structured-field string (non-ASCII or invalid parameter).`, cause);
  }
}
