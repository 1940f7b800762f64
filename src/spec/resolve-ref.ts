import type { Json } from './read-spec.ts';
import { SpecError } from './spec-error.ts';

/** Reads one JSON pointer segment (`~1` is `/`, `~0` is `~`). */
const decodeSegment = (segment: string) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Follows local `$ref`s (`#/components/…`) from `node` to what they point at. A ref outside the
 * document, to nothing, or in a loop is a {@link SpecError} naming the ref.
 */
export function resolveRef<T = Json>(file: string, document: Json, node: unknown): T {
  let current = node;
  for (let hops = 0; isRef(current); hops++) {
    const ref = current.$ref;
    if (hops > 32) throw new SpecError('unresolved_ref', file, ref.slice(1), `$ref loop through ${ref}.`);
    if (!ref.startsWith('#/')) throw new SpecError('unresolved_ref', file, '', `only local $refs (#/…) are supported, got ${ref}.`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Json)[decodeSegment(key)] : undefined), document);
    if (current === undefined) throw new SpecError('unresolved_ref', file, ref.slice(1), `$ref ${ref} points at nothing.`);
  }
  return current as T;
}

export const isRef = (node: unknown): node is { $ref: string } =>
  typeof node === 'object' && node !== null && typeof (node as { $ref?: unknown }).$ref === 'string';
