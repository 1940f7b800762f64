import { pipevestMockCredentials, pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { createPipevestClient } from '../../src/pipevest/client.ts';

/** A signing Pipevest client whose requests `edit` changes after they are signed (to break the spec on purpose). */
export function editedPipevestClient(baseUrl: string, edit: (headers: Headers) => void = () => {}) {
  return createPipevestClient({
    apiKey: pipevestMockCredentials.bearerToken,
    clientId: pipevestMockCredentials.clientId,
    privateKey: pipevestMockKeys.client.privateJwk,
    baseUrl,
    retries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      edit(headers);
      return fetch(new Request(request, { headers }));
    },
  });
}
