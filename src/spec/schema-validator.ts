import { type ZodType, z } from 'zod';
import type { Json } from './read-spec.ts';

const COMPONENT_REF = /^#\/components\/schemas\//;

/** A deep copy of `node` with `#/components/schemas/X` refs pointing at `#/$defs/X`. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (typeof node !== 'object' || node === null) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' ? value.replace(COMPONENT_REF, '#/$defs/') : rebase(value);
  }
  return copy;
}

/**
 * Builds validators from the schemas of one OpenAPI 3.1 document at run time, with zod's own
 * JSON Schema reader (`z.fromJSONSchema`): OpenAPI 3.1 schemas are JSON Schema 2020-12, and the
 * document's `components.schemas` become `$defs` so that `$ref`s resolve. One per document;
 * validators are cached per schema object.
 */
export function schemaValidators(document: Json) {
  const defs = rebase(((document.components as Json | undefined)?.schemas ?? {}) as Json) as Json;
  const cache = new WeakMap<object, ZodType>();
  return (schema: Json): ZodType => {
    let validator = cache.get(schema);
    if (validator === undefined) {
      validator = z.fromJSONSchema({ ...(rebase(schema) as Json), $defs: defs } as Parameters<typeof z.fromJSONSchema>[0]);
      cache.set(schema, validator);
    }
    return validator;
  };
}
