/**
 * What the inspector needs to know about each mocked API beyond the common mock interface:
 * where its generated schemas live, which part of a delivery body `trigger(event, data)`
 * replaces, the body built around it, and its registered endpoints in one shape.
 * @module
 */
import type { MockedApi } from '../registry.ts';
import { apiAdapter, generatedOf } from '../../src/apis/index.ts';
import { buildEnvelope } from '../../src/apis/envelope.ts';
import type { SpecMockState } from '../shared/spec-mock.ts';
import type { ExchangeMockState } from '../exchange/state.ts';
import { exchangeEnvelope } from '../../src/exchange/sign-delivery.ts';
import type { PipevestMockState } from '../pipevest/state.ts';
import type { ProvenMockState } from '../proven/state.ts';
import { provenEnvelope } from '../../src/proven/sign-delivery.ts';
import type { ProvenonceMockState } from '../provenonce/state.ts';
import { provenonceEnvelope } from '../../src/provenonce/sign-delivery.ts';
import type { SidclawMockState } from '../sidclaw/state.ts';
import { sidclawEnvelope } from '../../src/sidclaw/sign-delivery.ts';
import { sidclawMockCredentials } from '../sidclaw/credentials.ts';
import { pipevestEnvelope } from '../../src/pipevest/sign-delivery.ts';

/** A registered receiving endpoint, the same shape for every API. */
export interface EndpointView {
  id: string | null;
  url: string;
  /** The events it subscribes to (`*` style groups as the API names them). */
  events: string[];
  active: boolean;
  /** The signing secret or API key the mock sends it, if the API has one per endpoint. */
  secret: string | null;
}

export interface ApiView {
  /** The generated zod module (webhook payload schemas). */
  zod(): Promise<Record<string, unknown>>;
  /** The generated faker module (fake payloads). */
  faker(): Promise<Record<string, unknown>>;
  /** The field of the delivery body that `trigger(event, data)` sets. */
  dataKey: string;
  /** The body `trigger(event, data)` sends, to validate before sending. */
  envelope(event: string, data: unknown): Record<string, unknown>;
  endpoints(state: unknown): EndpointView[];
}

export const apiViews: Record<MockedApi, ApiView> = {
  sidclaw: {
    zod: () => import('../../generated/sidclaw/zod.gen.ts'),
    faker: () => import('../../generated/sidclaw/@faker-js/faker.gen.ts'),
    dataKey: 'data',
    envelope: (event, data) => sidclawEnvelope(crypto.randomUUID(), event, {}, data, sidclawMockCredentials.tenantId),
    endpoints: (state) =>
      [...(state as SidclawMockState).endpoints.values()].map(({ endpoint, secret }) => ({
        id: endpoint.id,
        url: endpoint.url,
        events: [...endpoint.events],
        active: endpoint.is_active,
        secret,
      })),
  },
  provenonce: {
    zod: () => import('../../generated/provenonce/zod.gen.ts'),
    faker: () => import('../../generated/provenonce/@faker-js/faker.gen.ts'),
    dataKey: 'data',
    envelope: (event, data) => provenonceEnvelope(event, {}, data),
    endpoints: (state) =>
      [...(state as ProvenonceMockState).partners.entries()].map(([partner, registration]) => ({
        id: partner,
        url: registration.webhook_url,
        events: [...registration.events],
        active: true,
        secret: registration.webhook_secret,
      })),
  },
  exchange: {
    zod: () => import('../../generated/exchange/zod.gen.ts'),
    faker: () => import('../../generated/exchange/@faker-js/faker.gen.ts'),
    dataKey: 'data',
    envelope: (event, data) => exchangeEnvelope(event, {}, data),
    endpoints: (state) =>
      [...(state as ExchangeMockState).webhooks.values()].map(({ webhook, secretKey }) => ({
        id: webhook.id,
        url: webhook.url,
        events: [...webhook.events],
        active: webhook.isActive,
        secret: secretKey,
      })),
  },
  proven: {
    zod: () => import('../../generated/proven/zod.gen.ts'),
    faker: () => import('../../generated/proven/@faker-js/faker.gen.ts'),
    dataKey: 'webhook',
    envelope: (event, data) => provenEnvelope(event, {}, data),
    endpoints: (state) =>
      (state as ProvenMockState).endpoints.map(({ url, apiKey }) => ({ id: null, url, events: ['*'], active: true, secret: apiKey ?? null })),
  },
  pipevest: {
    zod: () => import('../../generated/pipevest/zod.gen.ts'),
    faker: () => import('../../generated/pipevest/@faker-js/faker.gen.ts'),
    dataKey: 'data',
    envelope: (event, data) => pipevestEnvelope(event, {}, data),
    endpoints: (state) => {
      const webhook = (state as PipevestMockState).webhook;
      return webhook
        ? [{ id: webhook.webhookId, url: webhook.url, events: [...webhook.subscriptions], active: webhook.status === 'ACTIVE', secret: null }]
        : [];
    },
  },
};

/**
 * The view of `api`: its own, or for an API that has only its spec, one built from the registry
 * (its generated modules, its envelope) over the spec mock's endpoint list.
 */
export function apiView(api: string): ApiView {
  if (Object.hasOwn(apiViews, api)) return apiViews[api as MockedApi];
  const generated = generatedOf(api);
  if (generated === undefined) throw new Error(`No API "${api}" in the registry.`);
  const description = apiAdapter(api).description;
  return {
    zod: async () => generated.validators,
    faker: generated.faker,
    dataKey: description.envelope.data ?? 'data',
    envelope: (event, data) => buildEnvelope(description, { event, data }),
    endpoints: (state) => (state as SpecMockState).endpoints.map(({ url, apiKey }) => ({ id: null, url, events: ['*'], active: true, secret: apiKey ?? null })),
  };
}
