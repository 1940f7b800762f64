import { client as sidclawClient } from '../generated/sidclaw/client.gen.ts';
import type { ApiMock, ApiMockOptions } from './shared/api-mock.ts';
import { createSidclawMock } from './sidclaw/index.ts';
import { sidclawTryIt } from './sidclaw/try-it.ts';
import { client as provenonceClient } from '../generated/provenonce/client.gen.ts';
import { client as exchangeClient } from '../generated/exchange/client.gen.ts';
import { createProvenonceMock } from './provenonce/index.ts';
import { createExchangeMock } from './exchange/index.ts';
import { createProvenMock } from './proven/index.ts';
import { client as pipevestClient } from '../generated/pipevest/client.gen.ts';
import { createPipevestMock } from './pipevest/index.ts';
import type { ApiName } from '../src/apis/index.ts';
import { createRegisteredApiMock } from './spec/registered-api-mock.ts';

/** One entry per API the mock server hosts. */
export interface MockEntry {
  /** The path of the spec's server URL (`/api/v1`, `/v1`, or empty). */
  readonly basePath: string;
  /** `never`: each factory types its own seed; the server's seeds come from a file and are checked at run time. */
  create(options: ApiMockOptions<never>): ApiMock<unknown>;
  /** The commands `npm start` prints to try this API (the first hosted API that has them is shown). */
  tryIt?(urls: { serverUrl: string; baseUrl: string }): string;
}

/** The path part of a generated client's default base URL, taken from the spec's `servers`. */
const pathOf = (baseUrl: unknown) => new URL(String(baseUrl)).pathname.replace(/\/+$/, '');

export const mockRegistry = {
  sidclaw: { basePath: pathOf(sidclawClient.getConfig().baseUrl), create: createSidclawMock, tryIt: sidclawTryIt },
  provenonce: { basePath: pathOf(provenonceClient.getConfig().baseUrl), create: createProvenonceMock },
  exchange: { basePath: pathOf(exchangeClient.getConfig().baseUrl), create: createExchangeMock },
  // The Proven spec has no `servers` and no operations: the mock only sends deliveries.
  proven: { basePath: '', create: createProvenMock },
  pipevest: { basePath: pathOf(pipevestClient.getConfig().baseUrl), create: createPipevestMock },
} satisfies Record<ApiName, MockEntry>; // one entry per API of the shared descriptor (src/apis/), no more, no fewer

export type MockedApi = keyof typeof mockRegistry;
export const mockedApis = Object.keys(mockRegistry) as MockedApi[];

/**
 * The entry of `api`: its own mock, or for an API that has only its spec (registered with the
 * registry, no `mocks/<api>/`) the spec-only mock, which sends deliveries and answers no operation.
 */
export function mockEntry(api: string): MockEntry {
  if (Object.hasOwn(mockRegistry, api)) return mockRegistry[api as MockedApi];
  return { basePath: '', create: (options) => createRegisteredApiMock(api, options) };
}
