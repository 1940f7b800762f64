// The SidClaw API in MSW's service worker: the app runs with no backend.
import { setupWorker } from 'msw/browser';
import { createSidclawMock } from 'hookspec/mocks/sidclaw';

// The worker answers requests to this page's origin under /sidclaw: the client's baseUrl.
export const sidclawBaseUrl = `${location.origin}/sidclaw`;

// `storage` keeps the endpoints across reloads (without it, every reload starts empty);
// `mock.reset()` forgets them.
export const mock = createSidclawMock({ baseUrl: sidclawBaseUrl, state: { storage: sessionStorage } });

export const worker = setupWorker(...mock.handlers);
