import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSidclawProxyClient, type SidclawClient } from 'hookspec/sidclaw';
import { App } from './App.tsx';

// The mock runs under `vite` (development) and in a build made with VITE_MOCK=1; a plain
// production build leaves msw, the handlers and the mock's fake key out.
const mocking = import.meta.env.DEV || import.meta.env.VITE_MOCK === '1';

async function connect(): Promise<{ sidclaw: SidclawClient; resetMock?: () => void }> {
  if (mocking) {
    const { worker, mock, sidclaw } = await import('./mocks/browser.ts');
    await worker.start({ onUnhandledFrame: 'bypass' });
    return { sidclaw, resetMock: () => mock.reset() };
  }
  // In production the page holds no key: your backend's /api/sidclaw/* adds it (see
  // examples/frameworks/hono/app.ts) and checks who may manage webhooks.
  return { sidclaw: createSidclawProxyClient({ baseUrl: '/api/sidclaw' }) };
}

// Render once the worker is ready, so the first requests are already answered by it.
void connect().then(({ sidclaw, resetMock }) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App sidclaw={sidclaw} resetMock={resetMock} />
    </StrictMode>,
  );
});
