import { apiOperations } from '../../generated/api-operations.gen.ts';
import type { ZodType } from 'zod';

/** One security scheme of a requirement, as generated from the spec. */
export interface SchemeSpec {
  readonly name: string;
  readonly type: string;
  readonly scheme?: string;
  readonly in?: string;
  readonly parameter?: string;
  readonly keyFormat?: ZodType;
}

/** One operation, as `generated/<api>/operations.gen.ts` describes it. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly in: string; readonly required: boolean; readonly type: string }>;
  readonly pathSchema?: ZodType;
  readonly querySchema?: ZodType;
  readonly headerSchema?: ZodType;
  /** Alternatives (any one will do), each a list of schemes that must all be present. */
  readonly security: ReadonlyArray<ReadonlyArray<SchemeSpec>>;
  readonly requestBody?: { readonly required: boolean; readonly mediaTypes: readonly string[]; readonly schema?: ZodType };
  readonly responses: Readonly<Record<string, { readonly mediaTypes: readonly string[]; readonly schema?: ZodType }>>;
}

/** Every API's operations, from its generated table. */
export const specOperations: Readonly<Record<string, readonly OperationSpec[]>> = apiOperations;

/** An operation and the path parameters a request carried for it. */
export interface MatchedOperation {
  readonly operation: OperationSpec;
  readonly pathParams: Record<string, string>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A lookup from (method, pathname) to the operation, for one API served under `prefix`
 * (`/sidclaw`, `/pipevest/v1`). Literal paths win over templated ones, as OpenAPI says.
 */
export function operationMatcher(operations: readonly OperationSpec[], prefix: string) {
  const compiled = operations
    .map((operation) => {
      const names: string[] = [];
      const pattern = operation.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          if (!part.startsWith('{')) return escapeRegExp(part);
          names.push(part.slice(1, -1));
          return '([^/]+)';
        })
        .join('');
      return { operation, names, regex: new RegExp(`^${escapeRegExp(prefix)}${pattern}/?$`), literal: names.length === 0 };
    })
    .sort((a, b) => Number(b.literal) - Number(a.literal));
  return (method: string, pathname: string): MatchedOperation | undefined => {
    for (const { operation, names, regex } of compiled) {
      if (operation.method !== method) continue;
      const match = regex.exec(pathname);
      if (!match) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, index) => {
        pathParams[name] = safeDecode(match[index + 1]!);
      });
      return { operation, pathParams };
    }
    return undefined;
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
