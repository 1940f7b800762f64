import type { ZodType } from 'zod';
import type { Finding } from './types.ts';
import { jsonDepthProblem } from '../../src/net/json-depth.ts';

/** `data[0].id` from zod's path `['data', 0, 'id']`. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) current = current === null || typeof current !== 'object' ? undefined : (current as Record<PropertyKey, unknown>)[key];
  return current;
}

/** The value as a short quote for a message. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Validates `data` with a generated schema and turns each zod issue into a finding under
 * `prefix` (`body`, `query`, `response.body`), naming the value seen. A missing value is said
 * to be missing, not "expected string, received undefined".
 */
export function zodFindings(schema: ZodType, data: unknown, prefix: string, nameOf: (key: PropertyKey) => string = String): Finding[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const [first, ...rest] = issue.path;
    const location = first === undefined ? prefix : `${prefix}${pathText([nameOf(first), ...rest])}`;
    const value = valueAt(data, issue.path);
    const message = value === undefined && issue.code === 'invalid_type' ? 'required but missing' : `${issue.message} (got ${shown(value)})`;
    return { location, message };
  });
}

/** One decoder for every body, not one per request. */
const utf8 = new TextDecoder();

/** Parses a JSON body (its bytes as sent) and validates it: a body that is not JSON is one finding at `prefix`. */
export function jsonBodyFindings(schema: ZodType, body: Uint8Array, prefix: string): Finding[] {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    return [{ location: prefix, message: `not valid JSON: ${(error as Error).message}` }];
  }
  const tooDeep = jsonDepthProblem(value);
  if (tooDeep) return [{ location: prefix, message: tooDeep }];
  return zodFindings(schema, value, prefix);
}
