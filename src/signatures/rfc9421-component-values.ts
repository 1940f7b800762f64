/**
 * RFC 9421 component values: derived components (`@method`, `@authority`, `@query-param` …) and
 * HTTP fields (plain, `;sf`, `;key`, `;bs`), with `;req` taken from the related request.
 * @module
 */
import type { InnerList, Item } from 'structured-headers';
import { isInnerList, parseDictionary, parseItem, parseList, serializeDictionary, serializeInnerList, serializeItem, serializeList } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { BoundedCache } from './bounded-cache.ts';
import { canonicalFieldLine, createFieldReader, isHttpRequestLike, type FieldReader, type HttpMessageLike, type HttpRequestLike } from './http-message.ts';
import type { ComponentIdentifier } from './rfc9421-component-identifier.ts';

/** The structured-field type of a header, needed to re-serialise it for `;sf`. */
export type StructuredFieldType = 'item' | 'list' | 'dictionary';

/** Structured fields known without configuration (RFC 9421, RFC 9530, RFC 9218, RFC 9211, RFC 9209). */
export const DEFAULT_STRUCTURED_FIELD_TYPES: Readonly<Record<string, StructuredFieldType>> = Object.freeze({
  signature: 'dictionary',
  'signature-input': 'dictionary',
  'accept-signature': 'dictionary',
  'content-digest': 'dictionary',
  'repr-digest': 'dictionary',
  'want-content-digest': 'dictionary',
  'want-repr-digest': 'dictionary',
  priority: 'dictionary',
  'cache-status': 'list',
  'proxy-status': 'list',
});

/** Options for resolving component values. */
export interface ComponentValueOptions {
  /** The request that triggered a signed response; needed for components with `;req`. */
  request?: HttpRequestLike;
  /** Extra `field name → type` entries for `;sf` on fields not in {@link DEFAULT_STRUCTURED_FIELD_TYPES}. */
  structuredFieldTypes?: Readonly<Record<string, StructuredFieldType>>;
}

/** Returns the value of one component (one signature base line each). */
export type ComponentResolver = (id: ComponentIdentifier) => string;

interface MessageView {
  readonly message: HttpMessageLike;
  readonly fields: FieldReader;
  url?: URL;
}

function malformed(message: string, header?: string, cause?: unknown): WebhookVerificationError {
  return new WebhookVerificationError('malformed_header', message, { header: header ?? 'signature-input', cause });
}

/**
 * Creates a resolver for the component values of one message. Field readers and the parsed URL
 * are cached, so resolving several components (or several signatures) costs little.
 *
 * @example
 * const values = createComponentResolver({ method: 'POST', url: 'https://example.com/foo', headers: {} });
 * values({ name: '@path', params: new Map() }); // '/foo'
 */
export function createComponentResolver(message: HttpMessageLike, options: ComponentValueOptions = {}): ComponentResolver {
  const target: MessageView = { message, fields: createFieldReader(message.headers) };
  let related: MessageView | undefined;
  const sfTypes = options.structuredFieldTypes;
  return (id) => {
    let view = target;
    if (id.params.has('req')) {
      if (isHttpRequestLike(message)) throw malformed(`Component "${id.name}";req is only valid on a response signature.`);
      if (options.request === undefined) {
        throw new WebhookVerificationError(
          'unsupported_component',
          `Component "${id.name}";req refers to the request that triggered this response: pass it as options.request.`,
          { header: 'signature-input' },
        );
      }
      related ??= { message: options.request, fields: createFieldReader(options.request.headers) };
      view = related;
    }
    return id.name.charCodeAt(0) === 0x40 ? derivedValue(id, view) : fieldValue(id, view, sfTypes);
  };
}

function requestOf(view: MessageView, name: string): HttpRequestLike {
  if (isHttpRequestLike(view.message)) return view.message;
  throw malformed(`Derived component "${name}" only exists on requests (use ;req on a response).`);
}

/** Parsed request URLs by text: a receiver sees the same few endpoint URLs on every message. Read only. */
const parsedUrls = new BoundedCache<string, URL>(64);

function urlOf(view: MessageView, name: string): URL {
  if (view.url !== undefined) return view.url;
  const { url } = requestOf(view, name);
  try {
    if (url instanceof URL) view.url = url;
    else {
      let parsed = parsedUrls.get(url);
      if (parsed === undefined) {
        parsed = new URL(url);
        parsedUrls.set(url, parsed);
      }
      view.url = parsed;
    }
  } catch (cause) {
    throw malformed(`The request URL "${String(url)}" is not absolute: pass the full URL (scheme and host) so "${name}" can be derived.`, undefined, cause);
  }
  return view.url;
}

function derivedValue(id: ComponentIdentifier, view: MessageView): string {
  switch (id.name) {
    case '@method':
      return checkDerived(requestOf(view, id.name).method, id.name);
    case '@target-uri':
      return urlOf(view, id.name).href;
    case '@authority':
      return urlOf(view, id.name).host;
    case '@scheme':
      return urlOf(view, id.name).protocol.slice(0, -1);
    case '@request-target': {
      const url = urlOf(view, id.name);
      return url.pathname + url.search;
    }
    case '@path':
      return urlOf(view, id.name).pathname || '/';
    case '@query':
      return urlOf(view, id.name).search || '?';
    case '@query-param':
      return queryParamValue(urlOf(view, id.name), String(id.params.get('name')));
    case '@status':
      return statusOf(view);
    default:
      throw new WebhookVerificationError('unsupported_component', `Derived component "${id.name}" is not supported.`, {
        header: 'signature-input',
      });
  }
}

function checkDerived(value: string, name: string): string {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw malformed(`The value of "${name}" must be printable ASCII without spaces.`);
  }
  return value;
}

function statusOf(view: MessageView): string {
  if (isHttpRequestLike(view.message)) throw malformed('"@status" must not be used in a request signature.');
  const { status } = view.message;
  if (!Number.isInteger(status) || status < 100 || status > 999) throw malformed(`Response status ${status} is not a three-digit code.`);
  return String(status);
}

/**
 * Encodes a decoded query name or value with the application/x-www-form-urlencoded
 * percent-encode set (everything but ASCII alphanumerics and `*-._`; space as `%20`).
 *
 * @example
 * formUrlEncode('with plus whitespace'); // 'with%20plus%20whitespace'
 */
export function formUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryParamValue(url: URL, encodedName: string): string {
  const values: string[] = [];
  for (const [name, value] of new URLSearchParams(url.search)) {
    if (formUrlEncode(name) === encodedName) values.push(formUrlEncode(value));
  }
  if (values.length === 0) {
    throw malformed(`The covered query parameter "${encodedName}" is not in the request URL.`);
  }
  if (values.length > 1) {
    // RFC 9421 section 2.2.8: a parameter name that occurs several times MUST NOT be included.
    throw malformed(`The query parameter "${encodedName}" occurs ${values.length} times, so it cannot be covered by name: cover "@query" instead.`);
  }
  return values[0] as string;
}

function fieldValue(id: ComponentIdentifier, view: MessageView, sfTypes: Readonly<Record<string, StructuredFieldType>> | undefined): string {
  const { name, params } = id;
  const lines = view.fields(name);
  if (lines === undefined) {
    throw new WebhookVerificationError(
      'missing_header',
      `The covered header "${name}" is missing from the message: a proxy may have removed it, or the message is not the one that was signed.`,
      { header: name },
    );
  }
  if (params.has('bs')) {
    return lines.map((line) => `:${btoa(canonicalFieldLine(line, name))}:`).join(', ');
  }
  const combined = lines.length === 1 ? canonicalFieldLine(lines[0] as string, name) : lines.map((line) => canonicalFieldLine(line, name)).join(', ');
  if (params.size === 0) return combined;
  if (params.has('key')) return dictionaryMember(name, combined, String(params.get('key')));
  if (params.has('sf')) return reserialize(name, combined, sfTypes?.[name] ?? DEFAULT_STRUCTURED_FIELD_TYPES[name]);
  return combined;
}

function dictionaryMember(name: string, value: string, key: string): string {
  let member: Item | InnerList | undefined;
  try {
    member = parseDictionary(value).get(key);
  } catch (cause) {
    throw malformed(`The "${name}" header is not a structured-field dictionary, so ;key="${key}" cannot be read.`, name, cause);
  }
  if (member === undefined) throw malformed(`The "${name}" dictionary has no member "${key}" although the signature covers it.`, name);
  return isInnerList(member) ? serializeInnerList(member) : serializeItem(member);
}

function reserialize(name: string, value: string, type: StructuredFieldType | undefined): string {
  if (type === undefined) {
    throw new WebhookVerificationError(
      'unsupported_component',
      `"${name}";sf needs the structured-field type of "${name}": pass it in options.structuredFieldTypes.`,
      { header: 'signature-input' },
    );
  }
  try {
    if (type === 'dictionary') return serializeDictionary(parseDictionary(value));
    if (type === 'list') return serializeList(parseList(value));
    return serializeItem(parseItem(value));
  } catch (cause) {
    throw malformed(`The "${name}" header is not a valid structured-field ${type}.`, name, cause);
  }
}
