/** A receiver Proven delivers to: its URL, and the `X-API-Key` to send, if any (the header is optional). */
export interface ProvenEndpoint {
  url: string;
  apiKey?: string;
}

/**
 * The Proven mock's state: the endpoints every triggered event goes to. Proven configures them
 * on its side (the document shows no API for it), so the caller pushes to this array.
 */
export interface ProvenMockState {
  endpoints: ProvenEndpoint[];
}

export function createProvenState(endpoints: readonly ProvenEndpoint[] = []): ProvenMockState {
  return { endpoints: endpoints.map((endpoint) => ({ ...endpoint })) };
}
