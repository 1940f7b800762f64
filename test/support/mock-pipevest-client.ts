import { pipevestMockCredentials, pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { createPipevestClient, type PipevestClientOptions } from '../../src/pipevest/client.ts';

/** A Pipevest client with the mock's test credentials (bearer token, client id, signing key), no retries. */
export function mockPipevestClient(options: Partial<PipevestClientOptions> = {}) {
  return createPipevestClient({
    apiKey: pipevestMockCredentials.bearerToken,
    clientId: pipevestMockCredentials.clientId,
    privateKey: pipevestMockKeys.client.privateKeyPem,
    retries: 0,
    ...options,
  });
}
