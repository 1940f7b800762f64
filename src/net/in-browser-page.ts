/**
 * True in a browser page: `window`, `document` and `navigator` all exist. Node (which has
 * `navigator` since 21), Deno, Bun and workers lack at least one of them.
 */
export function inBrowserPage(): boolean {
  const global = globalThis as { window?: unknown; document?: unknown; navigator?: unknown };
  return typeof global.window === 'object' && typeof global.document === 'object' && typeof global.navigator === 'object';
}
