/**
 * Nesting depth of parsed JSON, checked before a schema validates it: validators recurse, so a
 * body nested 10,000 deep would overflow the stack (a 500, or a crash) instead of a precise 400.
 * @module
 */

/** Deeper than this is refused; real webhook payloads and state files stay far below it. */
export const MAX_JSON_DEPTH = 64;

/**
 * The path (`data.a[0].b`) at which `value` nests deeper than `maxDepth` objects and arrays, or
 * undefined when it does not. Iterative, so it cannot overflow the stack itself.
 *
 * @example
 * tooDeepAt(JSON.parse('[[[1]]]'), 2); // '[0][0]'
 */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return path || '(top level)';
    if (Array.isArray(current)) {
      for (const [index, item] of current.entries()) stack.push({ value: item, depth: depth + 1, path: `${path}[${index}]` });
    } else for (const [key, item] of Object.entries(current)) stack.push({ value: item, depth: depth + 1, path: path === '' ? key : `${path}.${key}` });
  }
  return undefined;
}

/** A message for a value nested too deep, or undefined. */
export function jsonDepthProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const at = tooDeepAt(value, maxDepth);
  return at === undefined ? undefined : `${at.length > 200 ? `${at.slice(0, 200)}…` : at}: nested deeper than ${maxDepth} levels of objects and arrays.`;
}
