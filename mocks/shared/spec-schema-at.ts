/**
 * Finds the spec's JSON Schema of one field, following a zod issue path through the generated
 * `schemas.gen.ts` (`properties`, `items`, `$ref`s and `anyOf`/`oneOf` branches), so an error
 * message can quote what the spec says about that field.
 */

/** The parts of a generated JSON Schema this walk reads. */
export interface JsonSchemaNode {
  readonly $ref?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
}

/** A request body's schema and the generated module its `$ref`s point into. */
export interface SpecSchema {
  readonly root: JsonSchemaNode;
  /** The generated `schemas.gen.ts` namespace: `#/components/schemas/X` is its `XSchema` export. */
  readonly schemas: Readonly<Record<string, unknown>>;
}

function resolve(node: JsonSchemaNode | undefined, schemas: SpecSchema['schemas']): JsonSchemaNode | undefined {
  for (let depth = 0; node?.$ref && depth < 8; depth++) {
    node = schemas[`${node.$ref.split('/').pop()}Schema`] as JsonSchemaNode | undefined;
  }
  return node;
}

function step(node: JsonSchemaNode, key: PropertyKey, schemas: SpecSchema['schemas']): JsonSchemaNode | undefined {
  const resolved = resolve(node, schemas);
  if (!resolved) return undefined;
  const direct = typeof key === 'number' ? resolved.items : resolved.properties?.[String(key)];
  if (direct) return direct;
  for (const branch of [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])]) {
    const found = step(branch, key, schemas);
    if (found) return found;
  }
  return undefined;
}

/** The description the spec gives the field at `path` (its own, else its `$ref` target's). */
export function specDescriptionAt(spec: SpecSchema, path: readonly PropertyKey[]): string | undefined {
  let node: JsonSchemaNode | undefined = spec.root;
  for (const key of path) {
    node = node && step(node, key, spec.schemas);
    if (!node) return undefined;
  }
  return node.description ?? resolve(node, spec.schemas)?.description;
}
