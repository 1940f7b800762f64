// Koa 3 with @koa/router (examples/frameworks/koa/): the raw body read from ctx.req.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { REPORT_LISTENING, startApp } from './running-app.ts';

describeRecipe('koa', async ({ scratch, env }) =>
  startApp({ command: process.execPath, args: [...REPORT_LISTENING.node, join('apps', 'koa', 'app.ts')], cwd: scratch, env }),
);
