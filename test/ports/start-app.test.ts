// The framework apps run on PORT=0 and the tests take the port from the "listening on" line the
// Node preload makes them print: here with a plain node:http app that prints nothing itself.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPORT_LISTENING, startApp } from '../frameworks/running-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'hookspec-start-app-'));
const appFile = join(dir, 'app.mjs');
writeFileSync(
  appFile,
  [
    "import { createServer } from 'node:http';",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of the child's script, not a template
    "createServer((req, res) => res.end(`port ${req.socket.localPort} from env ${process.env.PORT}`)).listen(Number(process.env.PORT), '127.0.0.1');",
  ].join('\n'),
);

describe('startApp', () => {
  it('starts the app on port 0 and answers at the port it printed', async () => {
    const app = await startApp({ command: process.execPath, args: [...REPORT_LISTENING.node, appFile], cwd: dir, env: {} });
    onTestFinished(app.stop);
    const port = Number(new URL(app.origin).port);
    expect(port).toBeGreaterThan(0);
    expect(app.output()).toContain(`listening on http://127.0.0.1:${port}`);
    expect(await (await fetch(app.origin)).text()).toBe(`port ${port} from env 0`);
  });

  it('an app that prints no address fails to start with its output, and is stopped', async () => {
    const error = await startApp({ command: process.execPath, args: [appFile], cwd: dir, env: {}, startTimeoutMs: 2_000 }).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/printed no "listening on <url>"/);
  });
});
