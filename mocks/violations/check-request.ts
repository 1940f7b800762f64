import type { OperationSpec, SchemeSpec } from './operation-table.ts';
import type { Finding } from './types.ts';
import { jsonBodyFindings, shown, zodFindings } from './zod-findings.ts';

/** `application/json` from `application/json; charset=utf-8`. */
export const mediaTypeOf = (header: string | null) => (header === null ? undefined : header.split(';')[0]!.trim().toLowerCase() || undefined);

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/** Query and path values are strings on the wire; numbers and booleans are read as the spec types them. */
function typed(value: string, type: string): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

type Parameter = OperationSpec['parameters'][number];
interface ParametersByPlace {
  pathTypes: ReadonlyMap<string, string>;
  query: readonly Parameter[];
  header: readonly Parameter[];
}

/** An operation's parameters sorted by where they go, once per operation rather than per request. */
const byPlace = new WeakMap<OperationSpec, ParametersByPlace>();
function parametersOf(operation: OperationSpec): ParametersByPlace {
  let sorted = byPlace.get(operation);
  if (!sorted) {
    const where = (place: string) => operation.parameters.filter((p) => p.in === place);
    sorted = { pathTypes: new Map(where('path').map((p) => [p.name, p.type])), query: where('query'), header: where('header') };
    byPlace.set(operation, sorted);
  }
  return sorted;
}

function checkParameters(operation: OperationSpec, url: URL, headers: Headers, pathParams: Record<string, string>): Finding[] {
  const findings: Finding[] = [];
  const parameters = parametersOf(operation);
  if (operation.pathSchema) {
    const values = Object.fromEntries(Object.entries(pathParams).map(([name, value]) => [name, typed(value, parameters.pathTypes.get(name) ?? 'string')]));
    findings.push(...zodFindings(operation.pathSchema, values, 'path'));
  }
  if (operation.querySchema) {
    const values: Record<string, unknown> = {};
    for (const { name, type } of parameters.query) {
      const all = url.searchParams.getAll(name);
      if (all.length === 0) continue;
      values[name] = type === 'array' ? all : typed(all[all.length - 1]!, type);
    }
    findings.push(...zodFindings(operation.querySchema, values, 'query'));
  }
  if (operation.headerSchema) {
    const values: Record<string, string> = {};
    for (const { name } of parameters.header) {
      const value = headers.get(name);
      if (value !== null) values[name] = value;
    }
    findings.push(...zodFindings(operation.headerSchema, values, 'header', (key) => String(key).toLowerCase()));
  }
  return findings;
}

/** Why one scheme is not satisfied by the request, or undefined when it is. */
function schemeProblem(scheme: SchemeSpec, url: URL, headers: Headers): (Finding & { present: boolean }) | undefined {
  if (scheme.type === 'http') {
    const authorization = headers.get('authorization');
    const want = scheme.scheme === 'bearer' ? 'Bearer' : (scheme.scheme ?? 'Bearer');
    if (authorization === null)
      return { location: 'header.authorization', message: `required but missing (${scheme.name}: Authorization: ${want} …)`, present: false };
    const [given = '', ...rest] = authorization.trim().split(/\s+/);
    const credential = rest.join(' ');
    if (given.toLowerCase() !== want.toLowerCase() || credential === '') {
      return {
        location: 'header.authorization',
        message: `expected "${want} <credential>" (${scheme.name}), got ${shown(`${given} ${credential.slice(0, 4)}…`.trim())}`,
        present: true,
      };
    }
    if (scheme.keyFormat && !scheme.keyFormat.safeParse(credential).success) {
      const issue = scheme.keyFormat.safeParse(credential).error?.issues[0];
      const key = credential.length > 12 ? `${credential.slice(0, 12)}…` : credential;
      return {
        location: 'header.authorization',
        message: `the key "${key}" does not have the documented format of ${scheme.name}: ${issue?.message ?? 'invalid'}`,
        present: true,
      };
    }
    return undefined;
  }
  if (scheme.type === 'apiKey' && scheme.parameter) {
    const name = scheme.parameter;
    const present =
      scheme.in === 'header'
        ? headers.has(name)
        : scheme.in === 'query'
          ? url.searchParams.has(name)
          : (headers.get('cookie') ?? '').split(';').some((pair) => pair.trim().split('=')[0] === name);
    const where = scheme.in === 'header' ? `header.${name.toLowerCase()}` : `${scheme.in}.${name}`;
    return present ? undefined : { location: where, message: `required but missing (${scheme.name})`, present: false };
  }
  return undefined;
}

/** One finding when no alternative of the operation's security is satisfied. */
function checkSecurity(operation: OperationSpec, url: URL, headers: Headers): Finding[] {
  if (operation.security.length === 0) return [];
  const problems = operation.security.map((all) => all.map((scheme) => schemeProblem(scheme, url, headers)).filter((p) => p !== undefined));
  if (problems.some((list) => list.length === 0)) return [];
  // The alternative the client tried (a credential present but wrong) says most; else the first.
  const tried = problems.flat().find((p) => p.present) ?? problems[0]![0]!;
  const others =
    operation.security.length > 1
      ? ` (or ${operation.security
          .slice(1)
          .map((all) => all.map((s) => s.name).join('+'))
          .join(', ')})`
      : '';
  return [{ location: tried.location, message: `${tried.message}${tried.present ? '' : others}` }];
}

function checkBody(operation: OperationSpec, headers: Headers, body: Uint8Array): Finding[] {
  const spec = operation.requestBody;
  if (!spec) return body.byteLength > 0 ? [{ location: 'body', message: `the operation takes no request body, got ${body.byteLength} bytes` }] : [];
  if (body.byteLength === 0) return spec.required ? [{ location: 'body', message: `required but missing (${spec.mediaTypes.join(' or ')})` }] : [];
  const mediaType = mediaTypeOf(headers.get('content-type'));
  if (mediaType === undefined) return [{ location: 'header.content-type', message: `required with a body: ${spec.mediaTypes.join(' or ')}` }];
  if (!spec.mediaTypes.includes(mediaType)) {
    return [{ location: 'header.content-type', message: `${shown(mediaType)} is not a documented media type (${spec.mediaTypes.join(', ')})` }];
  }
  if (!isJson(mediaType) || !spec.schema) return [];
  return jsonBodyFindings(spec.schema, body, 'body');
}

/** Everything about a request that breaks its operation's spec. */
export function checkRequest(operation: OperationSpec, url: URL, headers: Headers, body: Uint8Array, pathParams: Record<string, string>): Finding[] {
  return [...checkParameters(operation, url, headers, pathParams), ...checkSecurity(operation, url, headers), ...checkBody(operation, headers, body)];
}
