// One receiver instance for test/redis: the example of docs/quick-starts.md, run by plain Node from the built
// package (`hookspec/*` resolves to dist/ through the package's own exports). Prints its port.
import { startSharedReceiver } from '../../examples/sidclaw-receiver-redis.ts';

const [secret, redisUrl] = process.argv.slice(2);
const server = await startSharedReceiver(secret!, redisUrl!, 0);
server.once('listening', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
