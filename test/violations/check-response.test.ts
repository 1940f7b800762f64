// The answer check on its own: a body that is not JSON, and one that breaks the schema, each
// give one finding under response.body; a documented answer gives none.
import { expect, it } from 'vitest';
import { checkResponse } from '../../mocks/violations/check-response.ts';
import { specOperations } from '../../mocks/violations/operation-table.ts';

const listWebhooks = specOperations.sidclaw!.find((operation) => operation.operationId === 'listWebhooks')!;
const json = new Headers({ 'content-type': 'application/json' });
const bytes = (text: string) => new TextEncoder().encode(text);

it('a JSON answer is parsed and validated; bytes that are not JSON are said to be so', () => {
  expect(checkResponse(listWebhooks, 200, json, bytes('{"data":[]}'))).toEqual([]);
  expect(checkResponse(listWebhooks, 200, json, bytes('{"data":'))).toEqual([
    { location: 'response.body', message: expect.stringMatching(/^not valid JSON: /) },
  ]);
  expect(checkResponse(listWebhooks, 200, json, bytes('{"data":[{"id":1}]}'))).toContainEqual({
    location: 'response.body.data[0].id',
    message: expect.stringContaining('(got 1)'),
  });
});
