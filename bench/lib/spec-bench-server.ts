// The hookspec mock server hosting only an API given by its spec (`hookspec mock --spec`), for
// `npm run bench:mock`'s spec-only rows. SPEC names the file.
import { startMockServer } from '../../mocks/server.ts';
import { loadSpecApi } from '../../src/apis/load-spec-api.ts';

const spec = await loadSpecApi(process.env.SPEC ?? 'test/fixtures/specs/acme-notify.yaml');
const server = await startMockServer({ port: Number(process.env.PORT ?? 0), log: false, apis: [], specs: [spec] });
console.log(`hookspec spec mock on ${server.url}`);
