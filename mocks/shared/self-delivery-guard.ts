import { unsafeReceiverProblem } from './receiver-url.ts';

/**
 * The mock server's control routes live under this path on every host name it answers
 * (`localhost`, `127.0.0.1`, a LAN name…), so the path, not the host, tells them apart.
 */
export const MOCK_CONTROL_PREFIX = '/_mock/';

/**
 * Why the mock must not deliver to `url` (undefined when it may). A receiver under `/_mock/`
 * is a mock server's own control route: delivering an event to `/_mock/<api>/events` triggers
 * the next delivery, a loop with no end. A scheme other than http(s) or a link-local/metadata
 * address is refused too (see `unsafeReceiverProblem`). Refused at registration and again at send time.
 */
export function selfDeliveryProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined; // the API's own URL check answers that
  const unsafe = unsafeReceiverProblem(url);
  if (unsafe) return unsafe;
  const { pathname } = new URL(url);
  if (pathname === MOCK_CONTROL_PREFIX.slice(0, -1) || pathname.startsWith(MOCK_CONTROL_PREFIX)) {
    return `url: ${pathname} is a mock server control route (${MOCK_CONTROL_PREFIX}…); delivering there would trigger deliveries in a loop. Register your receiver's own URL.`;
  }
  return undefined;
}

/**
 * The `fetch` of a mock's delivery engine: refuses a self-delivery before any request is
 * made (a URL that got into the state without the registration check, e.g. written directly).
 */
export function guardedFetch(send: typeof fetch = (input, init) => fetch(input, init)) {
  return (url: string, init: RequestInit): Promise<Response> => {
    const problem = selfDeliveryProblem(url);
    return problem ? Promise.reject(new Error(`Refused: ${problem}`)) : send(url, init);
  };
}
