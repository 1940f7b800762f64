import { inBrowserPage } from '../net/in-browser-page.ts';

/**
 * Why a POST from a browser page to another origin failed, where fetch says only "Failed to
 * fetch": the receiver did not allow the page's origin (CORS). Undefined outside a page or for
 * a same-origin URL.
 */
export function crossOriginHint(url: string): string | undefined {
  if (!inBrowserPage() || !URL.canParse(url)) return undefined;
  const page = (globalThis as { location?: { origin?: string } }).location?.origin;
  const target = new URL(url).origin;
  if (page === undefined || target === page) return undefined;
  return (
    `sent from a browser page (${page}) to another origin (${target}): a page can reach a receiver only if the receiver allows ` +
    "the page's origin with CORS headers, which webhook receivers do not. A provider posts from its servers; for real " +
    'deliveries run the mock server (npx hookspec mock), which sends them from Node.'
  );
}
