// A mock that starts from known endpoints: a typed seed, with the fixture builder filling the id,
// the secret, `created_at` and `description: null`. In a page, add `storage: sessionStorage`.
import { createSidclawMock, sidclawEndpointFixture, type SidclawMockSnapshot, type StateStorage } from 'hookspec/mocks/sidclaw';

// What the page shows on first load and after `mock.reset()`.
export const seed: SidclawMockSnapshot = {
  endpoints: [
    sidclawEndpointFixture({ url: 'https://example.com/hooks/slack', events: ['approval.requested'], description: 'Slack approvals' }),
    sidclawEndpointFixture({ url: 'http://localhost:3000/hooks', events: ['trace.completed'] }),
  ],
};

export function createSeededMock(storage?: StateStorage) {
  return createSidclawMock({ baseUrl: 'https://sidclaw.test', state: { seed, storage } });
}
