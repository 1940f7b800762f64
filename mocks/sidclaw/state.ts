import type { WebhookEndpoint } from '../../generated/sidclaw/types.gen.ts';

/** An endpoint as the mock stores it: what GET shows, plus the secret only creation reveals. */
export interface StoredSidclawEndpoint {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** The SidClaw mock's state: endpoints by id, in creation order. */
export interface SidclawMockState {
  endpoints: Map<string, StoredSidclawEndpoint>;
}

export function createSidclawState(): SidclawMockState {
  return { endpoints: new Map() };
}
