// The hookspec mock server under load in `npm run bench:mock`: npm start's server with its
// request log off and no cap on endpoints (a create row registers thousands; the default cap
// of 100 would measure the 400 answer instead). npm start's own start-up is measured apart.
import { startMockServer } from '../../mocks/server.ts';

// HOOKSPEC_CHECK_SPEC=0 turns spec violation checking off, as for npm start.
const checkSpec = process.env.HOOKSPEC_CHECK_SPEC !== '0';
const server = await startMockServer({ port: Number(process.env.PORT ?? 0), log: false, checkSpec, limits: { maxEndpoints: Number.MAX_SAFE_INTEGER } });
console.log(`hookspec mock server on ${server.url}`);
