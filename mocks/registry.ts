import { client as sidclawClient } from '../generated/sidclaw/client.gen.ts';
import type { ApiMock, ApiMockOptions } from './shared/api-mock.ts';
import { createSidclawMock } from './sidclaw/index.ts';

/** One entry per API the mock server hosts. */
export interface MockEntry {
  /** The path of the spec's server URL (`/api/v1`, `/v1`, or empty). */
  readonly basePath: string;
  create(options: ApiMockOptions): ApiMock<unknown>;
}

/** The path part of a generated client's default base URL, taken from the spec's `servers`. */
const pathOf = (baseUrl: unknown) => new URL(String(baseUrl)).pathname.replace(/\/+$/, '');

export const mockRegistry = {
  sidclaw: { basePath: pathOf(sidclawClient.getConfig().baseUrl), create: createSidclawMock },
} satisfies Record<string, MockEntry>;

export type MockedApi = keyof typeof mockRegistry;
export const mockedApis = Object.keys(mockRegistry) as MockedApi[];
