import { isWebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { PIPEVEST_REQUEST_COMPONENTS, type PipevestRequestKind } from '../../src/pipevest/components.ts';
import { verifyHttpMessage, type KeyInput } from '../../src/signatures/index.ts';
import { bearerToken } from '../shared/bearer-token.ts';
import { pipevestError } from './errors.ts';

/** What the mock checks every request against. */
export interface RequestPolicy {
  /** True for a bearer token the mock accepts. */
  tokenAccepted(token: string): boolean;
  /** The only accepted `X-Client-Id`. */
  readonly clientId: string;
  /** The client's public key and the `keyid` it is announced with. */
  readonly clientKeyId: string;
  readonly clientPublicKey: KeyInput;
  /**
   * Base URLs clients reach this API at through a proxy (e.g. `http://127.0.0.1:4010` for a
   * `prism proxy` on that port); the operation path and query are appended to each.
   */
  publicBaseUrls(): Iterable<string>;
}

/** Oldest accepted `created`; the document's signatures live 100 s, so 300 s leaves room for skew. */
const MAX_AGE_SECONDS = 300;

/**
 * The URLs the client may have signed as `@target-uri`, in the order tried: the URL the request
 * arrived at; the one `X-Forwarded-Proto`/`-Host`/`-Prefix` describe (a reverse proxy in front
 * of the mock); then each configured public base URL with the operation path. A proxy such as
 * `prism proxy` forwards to the mock's own host and path (it drops `Host`), so the URL the
 * client signed is only known from configuration.
 */
function candidateUrls(request: Request, operationPath: string, policy: RequestPolicy): string[] {
  const received = new URL(request.url);
  const urls = [request.url];
  const forwardedHost = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (forwardedHost) {
    const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || received.protocol.slice(0, -1);
    const prefix = (request.headers.get('x-forwarded-prefix') ?? '').replace(/\/+$/, '');
    urls.push(`${proto}://${forwardedHost}${prefix}${operationPath}${received.search}`);
  }
  for (const base of policy.publicBaseUrls()) urls.push(`${base.replace(/\/+$/, '')}${operationPath}${received.search}`);
  return [...new Set(urls)];
}

/**
 * Authenticates a request as the document describes: `Authorization: Bearer`, `X-Client-Id`,
 * and an RFC 9421 Ed25519 signature by the client's key (capitalised component names, as the
 * document writes them, accepted) covering every component the document lists for this kind
 * of request, with `keyid`, `created` and `expires`; on writes with a body also the
 * `Content-Digest` over the body. Returns the 401 answer, or undefined when all is well.
 */
export async function authenticate(
  request: Request,
  body: Uint8Array,
  kind: PipevestRequestKind,
  operationPath: string,
  policy: RequestPolicy,
): Promise<Response | undefined> {
  const token = bearerToken(request);
  if (token === undefined) return pipevestError(401, 'invalid_token', 'Authorization: Bearer <token> is required.');
  if (!policy.tokenAccepted(token)) return pipevestError(401, 'invalid_token', 'The bearer token is unknown or has expired.');
  const clientId = request.headers.get('x-client-id');
  if (clientId === null || clientId.trim() === '') return pipevestError(401, 'invalid_client', 'The X-Client-Id header is required.');
  if (clientId !== policy.clientId) return pipevestError(401, 'invalid_client', `Unknown client id "${clientId}".`);

  const options = {
    key: (keyid: string | undefined) => (keyid === policy.clientKeyId ? policy.clientPublicKey : undefined),
    algorithms: ['ed25519'] as const,
    requiredComponents: PIPEVEST_REQUEST_COMPONENTS[kind],
    requiredParams: ['keyid', 'expires'] as const,
    maxAge: MAX_AGE_SECONDS,
    ...(kind === 'write' ? { body } : {}),
  };
  const urls = candidateUrls(request, operationPath, policy);
  let failure: unknown;
  for (const url of urls) {
    try {
      await verifyHttpMessage({ method: request.method, url, headers: request.headers }, options);
      return undefined;
    } catch (error) {
      // Only a mismatch can depend on the URL: any other failure (the digest, the coverage, the
      // times) is the real reason, whatever URL is tried next.
      if (!isWebhookVerificationError(error, 'signature_mismatch')) {
        failure = error;
        break;
      }
      failure ??= error;
    }
  }
  if (isWebhookVerificationError(failure, 'digest_mismatch')) {
    return pipevestError(401, 'digest_mismatch', `Content-Digest does not match the request body: ${failure.message}`);
  }
  if (isWebhookVerificationError(failure)) {
    const tried = failure.code === 'signature_mismatch' ? ` (@target-uri tried: ${urls.join(', ')})` : '';
    return pipevestError(401, 'invalid_signature', `${failure.code}: ${failure.message}${tried}`);
  }
  throw failure;
}
