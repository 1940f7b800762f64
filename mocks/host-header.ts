/**
 * The `Host` header check of the mock server: the server builds each request's URL from it,
 * so a value that is not `host[:port]` would otherwise fail deep inside as a URL error.
 * @module
 */

/** RFC 9110 `Host = uri-host [ ":" port ]`: an IP literal in brackets or a reg-name, no userinfo. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]+)(?::(\d{0,5}))?$/;

/** Why a `Host` header value is unusable, or undefined when it is fine (or absent: the server's own host is used). */
export function hostHeaderProblem(host: string | undefined): string | undefined {
  if (host === undefined || host === '') return undefined;
  const match = HOST.exec(host);
  const port = match?.[1];
  if (!match || (port !== undefined && port !== '' && Number(port) > 65535) || !URL.canParse(`http://${host}/`)) {
    return `The Host header ${JSON.stringify(host.slice(0, 100))} is not a host name or IP address with an optional port (1-65535).`;
  }
  return undefined;
}

/** 400 `bad_request` for a malformed `Host` header, or undefined when it is usable. */
export function malformedHostResponse(host: string | undefined): Response | undefined {
  const problem = hostHeaderProblem(host);
  return problem === undefined ? undefined : Response.json({ error: 'bad_request', message: problem }, { status: 400, headers: { connection: 'close' } });
}
