/**
 * A fetch that records every violation `prism proxy` reports in its `sl-violations` response
 * header, so a contract test can assert that none occurred.
 */
export function recordPrismViolations(): { fetch: typeof fetch; violations: string[] } {
  const violations: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const header = response.headers.get('sl-violations');
    if (header) violations.push(`${request.method} ${request.url}: ${header}`);
    return response;
  };
  return { fetch: recordingFetch, violations };
}
