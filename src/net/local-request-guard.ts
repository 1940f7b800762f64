/**
 * The request checks of the local development servers (the mock server, `hookspec listen`):
 * a web page the developer opens must not be able to drive them. Two attacks are closed here:
 * - DNS rebinding: a page on `evil.example` whose name is re-pointed to 127.0.0.1 becomes
 *   same-origin with the server; only the server's own Host names are answered.
 * - Cross-site requests: a form or a no-cors `fetch` from another site can POST `text/plain`
 *   without a preflight; state changes under the control prefix must come from the same origin
 *   (or from a tool that sends no browser headers, such as curl) and carry JSON.
 * @module
 */
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** A refused request: the status and the `{ error, message }` body to answer with. */
export interface GuardRefusal {
  status: 403 | 415;
  error: 'host_not_allowed' | 'cross_site_request' | 'unsupported_media_type';
  message: string;
}

export interface LocalRequestGuardOptions {
  /** The address or name the server listens on (`127.0.0.1`, `0.0.0.0`, `localhost`). */
  boundHost: string;
  /** More Host names to answer (`--allowed-host`); `.example.test` allows the name and its subdomains. */
  allowedHosts?: readonly string[];
  /** The CLI flag named in the refusal message (default `--allowed-host`). */
  allowFlag?: string;
  /** Path prefix whose state-changing requests are checked for cross-site origin (the mock's `/_mock/`); none when absent. */
  controlPrefix?: string;
}

/** The request parts the guard reads. */
export interface GuardedRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/** The host name of a `Host` header value (`[::1]:4010` → `::1`), lower-cased; undefined when it cannot be read. */
export function hostNameOf(host: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const name = host.replace(/:\d*$/, '').toLowerCase();
  // A trailing dot names the same host (`localhost.`).
  return name === '' ? undefined : name.replace(/\.$/, '');
}

/** True for loopback names and addresses: `localhost`, `*.localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(name);
  return false;
}

/** Lower-cased allowed names: entries as given, without brackets or a trailing dot. */
function normaliseAllowed(names: readonly string[]): string[] {
  return names
    .map((name) =>
      name
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, ''),
    )
    .filter(Boolean);
}

/**
 * Builds the guard: `check(request)` returns why the request is refused, or undefined when it
 * may be answered.
 *
 * @example
 * const guard = createLocalRequestGuard({ boundHost: '127.0.0.1', controlPrefix: '/_mock/' });
 * const refusal = guard.check(req);
 * if (refusal) return void res.writeHead(refusal.status, { 'content-type': 'application/json' }).end(JSON.stringify(refusal));
 */
export function createLocalRequestGuard(options: LocalRequestGuardOptions) {
  const allowFlag = options.allowFlag ?? '--allowed-host';
  const bound = hostNameOf(options.boundHost) ?? options.boundHost.toLowerCase();
  const allowed = normaliseAllowed([...(options.allowedHosts ?? []), ...(WILDCARD_ADDRESSES.has(options.boundHost) ? [] : [bound])]);
  // Bound to every interface, the machine's own IP addresses are its names too; an IP literal cannot be rebound.
  const anyAddress = WILDCARD_ADDRESSES.has(options.boundHost);

  /** True when a request addressed to `name` is meant for this server. */
  const isOwnName = (name: string): boolean =>
    isLoopbackName(name) ||
    (anyAddress && isIP(name) !== 0) ||
    allowed.some((entry) => (entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry));

  function hostRefusal(host: string | undefined): GuardRefusal | undefined {
    // No Host (HTTP/1.0): not a browser, which always sends one.
    if (host === undefined || host === '') return undefined;
    const name = hostNameOf(host);
    if (name !== undefined && isOwnName(name)) return undefined;
    const shown = JSON.stringify((name ?? host).slice(0, 100));
    return {
      status: 403,
      error: 'host_not_allowed',
      message: `Host ${shown} is not a name of this server, so the request is refused (this blocks DNS rebinding from web pages). If you reach the server by that name on purpose, start it with ${allowFlag} ${name ?? host} (option allowedHosts).`,
    };
  }

  function crossSiteRefusal(request: GuardedRequest, host: string | undefined): GuardRefusal | undefined {
    const method = (request.method ?? 'GET').toUpperCase();
    if (options.controlPrefix === undefined || !STATE_CHANGING.has(method) || !(request.url ?? '').startsWith(options.controlPrefix)) return undefined;
    const site = header(request, 'sec-fetch-site');
    const origin = header(request, 'origin');
    const foreignOrigin = origin !== undefined && (origin === 'null' || !URL.canParse(origin) || new URL(origin).host !== (host ?? '').toLowerCase());
    if ((site !== undefined && site !== 'same-origin' && site !== 'none') || foreignOrigin) {
      return {
        status: 403,
        error: 'cross_site_request',
        message: `${method} ${options.controlPrefix}… changes the mock's state and is refused from another site (Origin ${JSON.stringify(origin ?? null)}, Sec-Fetch-Site ${JSON.stringify(site ?? null)}). Use the inspector page, curl or your test code.`,
      };
    }
    // A body a form or a no-cors fetch can send (text/plain, form encodings) must not be read as JSON.
    const hasBody = (header(request, 'content-length') ?? '0') !== '0' || header(request, 'transfer-encoding') !== undefined;
    if (hasBody && !isJsonContentType(header(request, 'content-type'))) {
      return {
        status: 415,
        error: 'unsupported_media_type',
        message: `${method} ${options.controlPrefix}… takes a JSON body: send it with Content-Type: application/json.`,
      };
    }
    return undefined;
  }

  return {
    /** Why the request is refused, or undefined when it may be answered. */
    check(request: GuardedRequest): GuardRefusal | undefined {
      const host = header(request, 'host');
      return hostRefusal(host) ?? crossSiteRefusal(request, host);
    },
  };
}

function header(request: GuardedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `application/json`, with parameters (`; charset=utf-8`) or a `+json` suffix type. */
export function isJsonContentType(value: string | undefined): boolean {
  const essence = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

/** Answers a refused request (JSON `{ error, message }`) and closes the connection: its body, if any, is not read. */
export function sendRefusal(res: ServerResponse, refusal: GuardRefusal): void {
  const text = JSON.stringify({ error: refusal.error, message: refusal.message });
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
    'cache-control': 'no-store',
  });
  res.end(text);
}
