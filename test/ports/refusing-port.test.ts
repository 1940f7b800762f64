// The port the "nothing listening" tests send to: refused every time, and no one else can take it meanwhile.
import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { refusingPort } from '../support/refusing-port.ts';

/** The error code of listening on `port` at `host` (undefined when it worked; the server is closed again). */
async function listenError(port: number, host?: string): Promise<string | undefined> {
  const server = createServer();
  const code = await new Promise<string | undefined>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    server.listen(port, host, () => resolve(undefined));
  });
  if (code === undefined) await new Promise((resolve) => server.close(resolve));
  return code;
}

describe('refusingPort', () => {
  it('refuses connections', async () => {
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    const error = await fetch(`http://127.0.0.1:${refusing.port}/`).catch((caught: Error) => caught);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  it('cannot be taken by another server while it is held, on 127.0.0.1 or on every address', async () => {
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    expect(await listenError(refusing.port, '127.0.0.1')).toBe('EADDRINUSE');
    expect(await listenError(refusing.port)).toBe('EADDRINUSE');
  });

  it('is released by close()', async () => {
    const refusing = await refusingPort();
    await refusing.close();
    expect(await listenError(refusing.port, '127.0.0.1')).toBeUndefined();
  });
});
