/**
 * Receivers written from a provider's own library or declaration, for the tests of APIs given
 * by their spec: each answers 204 to a delivery it verifies and 400 to anything else, and keeps
 * what it accepted. Servers bind 127.0.0.1 port 0; `close()` stops them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';

export interface TestReceiver {
  readonly url: string;
  readonly accepted: Array<{ headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

type Verifier = (body: string, headers: IncomingHttpHeaders) => boolean | Promise<boolean>;

export async function startReceiver(verify: Verifier): Promise<TestReceiver> {
  const accepted: TestReceiver['accepted'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let ok = false;
      try {
        ok = await verify(body, req.headers);
      } catch {
        ok = false;
      }
      if (ok) accepted.push({ headers: req.headers, body });
      res.writeHead(ok ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    accepted,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const flat = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

/** A receiver built on the `standardwebhooks` package; several secrets (rotation) are tried in turn. `reserialise` is the classic bug. */
export function standardWebhooksVerifier(secrets: readonly string[], { reserialise = false } = {}): Verifier {
  return (body, headers) => {
    const text = reserialise ? JSON.stringify(JSON.parse(body)) : body;
    for (const secret of secrets) {
      try {
        new Webhook(secret).verify(text, flat(headers));
        return true;
      } catch {
        // try the next secret
      }
    }
    return false;
  };
}

/** A receiver written from a Fern declaration: hex HMAC-SHA256 over `<timestamp>.<body>`, unix seconds within `tolerance`. */
export function fernVerifier(secret: string, { signature, timestamp, tolerance }: { signature: string; timestamp: string; tolerance: number }): Verifier {
  return (body, headers) => {
    const ts = String(headers[timestamp] ?? '');
    const given = String(headers[signature] ?? '');
    if (!/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > tolerance) return false;
    const expected = Buffer.from(createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex'));
    return given.length === expected.length && timingSafeEqual(Buffer.from(given), expected);
  };
}

/**
 * A receiver built on `@octokit/webhooks-methods` (GitHub's `X-Hub-Signature-256`), which also
 * requires `X-GitHub-Delivery` and refuses one it has seen, as GitHub's docs advise for replays.
 */
export function githubVerifier(secret: string): Verifier {
  const seen = new Set<string>();
  return async (body, headers) => {
    const id = headers['x-github-delivery'];
    if (typeof id !== 'string' || id === '' || seen.has(id)) return false;
    if (!(await octokitVerify(secret, body, String(headers['x-hub-signature-256'] ?? '')))) return false;
    seen.add(id);
    return true;
  };
}
