// `npm start`: serves every API's spec with Prism on fixed local ports and prints the base URLs.
import { apis } from '../openapi-ts.config.ts';
import { startPrism, type PrismInstance } from './prism/start-prism.ts';

const firstPort = Number(process.env.PORT ?? 4010);
const started: PrismInstance[] = [];

async function main(): Promise<void> {
  console.log('hookspec: starting Prism for each API…');
  const instances = await Promise.all(apis.map((api, i) => startPrism(`openapi/${api}.yaml`, { port: firstPort + i })));
  started.push(...instances);
  console.log('\nhookspec mock (Prism, answers from each spec’s examples):');
  apis.forEach((api, i) => console.log(`  ${api.padEnd(11)} ${instances[i]!.url}`));
  console.log(`\nTry: curl ${instances[apis.indexOf('sidclaw')]!.url}/api/v1/webhooks -H "Authorization: Bearer sk_live_abc123"`);
  console.log('Stop with Ctrl+C.');
}

async function stop(): Promise<void> {
  await Promise.all(started.map((instance) => instance.stop()));
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

main().catch(async (error: unknown) => {
  console.error(`hookspec: could not start: ${error instanceof Error ? error.message : String(error)}`);
  await Promise.all(started.map((instance) => instance.stop()));
  process.exit(1);
});
