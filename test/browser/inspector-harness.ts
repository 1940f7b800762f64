/**
 * The inspector's browser tests: a mock server with short retries, a local receiver whose
 * answer a test switches, and headless Chromium with every request off 127.0.0.1 refused and
 * recorded (the page and the API references must work with no network).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../scripts/chromium-path.ts';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface InspectorHarness {
  server: MockServer;
  /** `http://localhost:<port>` (the mocks accept plain http for localhost receivers). */
  receiverUrl: string;
  received: Received[];
  /** The status the receiver answers with. */
  answer: { status: number };
  /** Requests the browser tried to send off the machine. */
  external: string[];
  open(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startInspectorHarness(): Promise<InspectorHarness> {
  const received: Received[] = [];
  const answer = { status: 200 };
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': 'application/json', 'x-receiver': 'test' }).end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const receiverUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  const server = await startMockServer({ port: 0, log: () => {}, delivery: { maxAttempts: 3, backoff: { baseMs: 100, maxMs: 200 } } });
  let browser: Browser | undefined;
  const external: string[] = [];
  try {
    browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  } catch (error) {
    await server.close();
    receiver.close();
    throw error;
  }
  return {
    server,
    receiverUrl,
    received,
    answer,
    external,
    async open(path = '/') {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue();
        external.push(url);
        return route.abort();
      });
      await page.goto(`${server.url}${path}`);
      return page;
    },
    async close() {
      await browser?.close();
      await server.close({ timeoutMs: 1000 });
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** Registers a SidClaw endpoint through the mock's API, as a client would. */
export async function registerSidclawEndpoint(harness: InspectorHarness, path: string, events: string[]): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${harness.server.baseUrls.sidclaw}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${harness.receiverUrl}${path}`, events }),
  });
  if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { data: { id: string; secret: string } }).data;
}
