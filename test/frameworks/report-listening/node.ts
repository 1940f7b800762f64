// Preloaded into the Node apps by the tests (`node --import`): prints the address every server
// bound, so the apps run on PORT=0 and the tests read the port they got (the examples print none).
import { Server } from 'node:net';

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') console.log(`listening on http://${address.address}:${address.port}`);
  });
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;
