/**
 * The frameworks and runtimes the recipes in examples/frameworks/ are tested on, pinned exactly.
 * They are installed into a scratch project next to the packed package (never into this
 * repository's devDependencies, so `npm ci` stays as fast as it was).
 */
export const stackPackages = {
  express: '5.3.0',
  fastify: '5.12.8',
  hono: '4.13.19',
  '@hono/node-server': '2.1.9',
  koa: '3.3.0',
  '@koa/router': '15.7.0',
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  // next build type-checks route handlers; it needs these three when the app has a tsconfig.
  typescript: '6.0.3',
  '@types/react': '19.3.3',
  '@types/node': '24.19.2',
  // The recipes type-check against these and the installed package's declarations.
  '@types/express': '5.0.6',
  '@types/koa': '3.0.3',
  '@types/bun': '1.4.5',
  deno: '2.9.6',
  bun: '1.4.5',
  wrangler: '4.164.0',
  // The Workers test runs the worker on workerd through miniflare's API (miniflare 4; wrangler
  // 4.164 brings a miniflare 5 beta of its own) after bundling it as wrangler does.
  miniflare: '4.20260730.0',
  esbuild: '0.28.2',
} as const;
