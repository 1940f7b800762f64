import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// The mock runs under `vite` (development) and in a build made with VITE_MOCK=1; a normal
// production build leaves msw and the handlers out, and talks to VITE_SIDCLAW_URL.
const mocking = import.meta.env.DEV || import.meta.env.VITE_MOCK === '1';

async function enableMocking() {
  if (!mocking) return undefined;
  const { worker, mock, sidclawBaseUrl } = await import('./mocks/browser.ts');
  await worker.start({ onUnhandledFrame: 'bypass' });
  return { baseUrl: sidclawBaseUrl, reset: () => mock.reset() };
}

// Render once the worker is ready, so the first requests are already answered by it.
void enableMocking().then((mocked) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App
        baseUrl={mocked?.baseUrl ?? import.meta.env.VITE_SIDCLAW_URL}
        apiKey={mocked ? 'sk_live_abc123' : import.meta.env.VITE_SIDCLAW_KEY}
        resetMock={mocked?.reset}
      />
    </StrictMode>,
  );
});
