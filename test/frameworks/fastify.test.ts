// Fastify 5 (examples/frameworks/fastify/): a raw-body content-type parser in the webhook scope.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { REPORT_LISTENING, startApp } from './running-app.ts';

describeRecipe('fastify', async ({ scratch, env }) =>
  startApp({ command: process.execPath, args: [...REPORT_LISTENING.node, join('apps', 'fastify', 'app.ts')], cwd: scratch, env }),
);
