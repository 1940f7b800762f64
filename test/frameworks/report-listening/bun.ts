// Preloaded into the Bun app by the tests (`bun --preload`): prints the URL Bun.serve bound, so
// the app runs on PORT=0 and the test reads the port it got (the example prints none).
const bun = (globalThis as unknown as { Bun: { serve: (options: unknown) => { url: URL } } }).Bun;
const serve = bun.serve;
bun.serve = (options) => {
  const server = serve.call(bun, options);
  console.log(`listening on ${server.url.origin}`);
  return server;
};
