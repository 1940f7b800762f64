// Next.js App Router (examples/frameworks/nextjs/): route handlers under app/api/webhooks/, built
// with `next build` and served by `next start`.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { startApp } from './running-app.ts';
import { buildNextApp } from './scratch-project.ts';

describeRecipe(
  'nextjs',
  async ({ scratch, env }) => {
    const app = await buildNextApp(scratch);
    const next = join(scratch, 'node_modules', 'next', 'dist', 'bin', 'next');
    return startApp({
      command: process.execPath,
      args: (port) => [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
      cwd: app,
      env: (port) => ({ ...env, PIPEVEST_WEBHOOK_URL: `http://127.0.0.1:${port}/api/webhooks/pipevest`, NEXT_TELEMETRY_DISABLED: '1' }),
    });
  },
  { paths: { sidclaw: '/api/webhooks/sidclaw', pipevest: '/api/webhooks/pipevest' } },
);
