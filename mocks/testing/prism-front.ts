/**
 * Prism as the second opinion: `prism proxy` in front of one API of the mock server, and a thin
 * forwarder in front of Prism that reads each answer's `sl-violations` header into
 * {@link SpecViolation}s, so Prism's findings land in the same report as the mock's own.
 * Needs `@stoplight/prism-cli` (an optional peer dependency) installed.
 * @module
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readRequestBody } from '../node-fetch-bridge.ts';
import { operationMatcher, specOperations } from '../violations/operation-table.ts';
import type { SpecViolation } from '../violations/types.ts';
import { createViolationLog } from '../violations/violation-log.ts';

export interface PrismFront {
  /** Where clients send requests: the spec's paths hang directly off it. */
  readonly url: string;
  violations(): SpecViolation[];
  clear(): number;
  stop(): Promise<void>;
}

/** One entry of Prism's `sl-violations` header. */
interface PrismViolation {
  location?: Array<string | number>;
  message?: string;
  severity?: string;
}

/** The spec documents ship with the package (`openapi/<api>.yaml`). */
export function specPath(api: string): string {
  return join(dirname(createRequire(import.meta.url).resolve('hookspec/package.json')), 'openapi', `${api}.yaml`);
}

/** Prism's `['request', 'query', 'limit']` as the mock writes it: `query.limit`; `['response', 'body', 'data', 0]` → `response.body.data[0]`. */
export function prismLocation(location: ReadonlyArray<string | number> = [], message = ''): string {
  const [side, ...rest] = location.map(String);
  // A missing header is reported on `header` itself; its name is only in the message.
  const missing = /required property '([^']+)'/.exec(message)?.[1];
  if (missing && rest.length === 1 && rest[0] === 'header') rest.push(missing.toLowerCase());
  const text = rest.map((part, index) => (/^\d+$/.test(part) && index > 0 ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`)).join('');
  if (text === '') return side ?? 'request';
  return side === 'response' ? `response.${text}` : text;
}

export async function startPrismFront(api: string, upstream: string, options: { host?: string } = {}): Promise<PrismFront> {
  let startPrism: typeof import('../prism/start-prism.ts').startPrism;
  try {
    ({ startPrism } = await import('../prism/start-prism.ts'));
  } catch (error) {
    throw new Error(
      `The Prism second opinion needs @stoplight/prism-cli: install it next to hookspec (npm i -D @stoplight/prism-cli). (${(error as Error).message})`,
    );
  }
  const prism = await startPrism(specPath(api), { mode: 'proxy', upstream });
  const log = createViolationLog();
  const match = operationMatcher(specOperations[api] ?? [], '');
  const host = options.host ?? '127.0.0.1';

  const front = createServer((req, res) => {
    void (async () => {
      const body = (await readRequestBody(req, 1024 * 1024)) ?? Buffer.alloc(0);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'connection')) as Record<string, string>;
      const answer = await fetch(`${prism.url}${req.url}`, {
        method: req.method,
        headers,
        body: body.length > 0 ? (body as Uint8Array<ArrayBuffer>) : undefined,
        redirect: 'manual',
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      const reported = answer.headers.get('sl-violations');
      if (reported) {
        const url = new URL(req.url ?? '/', 'http://front');
        for (const violation of JSON.parse(reported) as PrismViolation[]) {
          log.add({
            api,
            operationId: match(req.method ?? 'GET', url.pathname)?.operation.operationId ?? '(unknown)',
            method: req.method ?? 'GET',
            path: `/${api}${url.pathname}${url.search}`,
            location: prismLocation(violation.location, violation.message),
            message: `${violation.message ?? 'violation'}${violation.severity && violation.severity !== 'Error' ? ` (${violation.severity})` : ''}`,
            status: answer.status,
            source: 'prism',
          });
        }
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'content-length' && name !== 'connection') out[name] = value;
      });
      res.writeHead(answer.status, { ...out, 'content-length': String(bytes.byteLength) });
      res.end(bytes);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'prism_front', message: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(0, host, () => resolve());
  });
  const address = front.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    violations: () => log.list(),
    clear: () => log.clear(),
    async stop() {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await prism.stop();
    },
  };
}
