// Express 5 (examples/frameworks/express/): the recommended app, and an app where express.json() runs first.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRecipe } from './recipe-suite.ts';
import { REPORT_LISTENING, startApp, type RunningApp } from './running-app.ts';
import { scratchProject } from './scratch-project.ts';

describeRecipe('express', async ({ scratch, env }) =>
  startApp({ command: process.execPath, args: [...REPORT_LISTENING.node, join('apps', 'express', 'app.ts')], cwd: scratch, env }),
);

describe('express recipe: express.json() mounted before the webhook route', () => {
  let app: RunningApp | undefined;
  beforeAll(async () => {
    const scratch = await scratchProject();
    app = await startApp({
      command: process.execPath,
      args: [...REPORT_LISTENING.node, join('apps', 'express', 'json-first.ts')],
      cwd: scratch,
      env: { SIDCLAW_WEBHOOK_SECRET: 'whsec_json_first' },
    });
  }, 600_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 400 body_already_parsed with the fix, and handles nothing', async () => {
    const response = await fetch(`${app!.origin}/webhooks/sidclaw`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-webhook-id': 'd1',
        'x-webhook-timestamp': new Date().toISOString(),
        'x-webhook-signature': `sha256=${'0'.repeat(64)}`,
      },
      body: JSON.stringify({ id: 'd1', event: 'approval.requested' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('body_already_parsed');
    expect(body.message).toContain('mount the webhook route before app.use(express.json())');
    expect(body.message).toContain('express.raw({ type: "application/json" })');
    expect(app!.handled()).toEqual([]);
  });
});
