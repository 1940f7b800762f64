// Creates clients in a real page and reports, for each, the ClientConfigError code it threw
// (or "ok"): a secret key is refused, a public one and an explicit opt-in are not.
import { ClientConfigError } from '../../../src/client/client-error.ts';
import { createExchangeClient, createExchangeProxyClient } from '../../../src/exchange/client.ts';
import { createSidclawClient } from '../../../src/sidclaw/client.ts';

const outcome = (create: () => unknown) => {
  try {
    create();
    return 'ok';
  } catch (error) {
    return error instanceof ClientConfigError ? error.code : String(error);
  }
};

document.querySelector('#status')!.textContent = JSON.stringify({
  sidclawSecret: outcome(() => createSidclawClient({ apiKey: 'sk_live_abc123' })),
  sidclawAllowed: outcome(() => createSidclawClient({ apiKey: 'sk_live_abc123', dangerouslyAllowBrowser: true })),
  exchangeSecret: outcome(() => createExchangeClient({ apiKey: `sk_personal_${'a'.repeat(32)}` })),
  exchangePublic: outcome(() => createExchangeClient({ apiKey: `pk_${'b'.repeat(32)}` })),
  exchangeProxy: outcome(() => createExchangeProxyClient({ baseUrl: '/api/exchange' })),
});
