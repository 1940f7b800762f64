// Hono 4 on @hono/node-server (examples/frameworks/hono/): c.req.raw straight into the handlers.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { REPORT_LISTENING, startApp } from './running-app.ts';

describeRecipe('hono', async ({ scratch, env }) =>
  startApp({ command: process.execPath, args: [...REPORT_LISTENING.node, join('apps', 'hono', 'app.ts')], cwd: scratch, env }),
);
