/**
 * Test credentials of the Proven mock. Proven has no management API, so nothing authenticates
 * to the mock; deliveries carry `X-API-Key` when the endpoint they go to has a key. This is the
 * shared key the document's delivery example shows: give it to an endpoint and to its receiver.
 */
export const provenMockCredentials = {
  /** The document's example `X-API-Key`. */
  apiKey: '24680AEIOUY',
} as const;
