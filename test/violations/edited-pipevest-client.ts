import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';

/** A signing Pipevest client whose requests `edit` changes after they are signed (to break the spec on purpose). */
export function editedPipevestClient(baseUrl: string, edit: (headers: Headers) => void = () => {}) {
  return mockPipevestClient({
    privateKey: pipevestMockKeys.client.privateJwk,
    baseUrl,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      edit(headers);
      return fetch(new Request(request, { headers }));
    },
  });
}
