// The SidClaw API in MSW's service worker: the app runs with no backend.
import { setupWorker } from 'msw/browser';
import { createSidclawClient } from 'hookspec/sidclaw';
import { createSidclawMock, sidclawMockCredentials } from 'hookspec/mocks/sidclaw';

// The worker answers requests to this page's origin under /sidclaw: the client's baseUrl.
const baseUrl = `${location.origin}/sidclaw`;

// `storage` keeps the endpoints across reloads (without it, every reload starts empty);
// `mock.reset()` goes back to the seed (here: none).
export const mock = createSidclawMock({ baseUrl, state: { storage: sessionStorage } });

export const worker = setupWorker(...mock.handlers);

// The mock's key is fake, so this page may hold it; a real key stays on your server.
export const sidclaw = createSidclawClient({ apiKey: sidclawMockCredentials.adminKey, baseUrl, dangerouslyAllowBrowser: true });
