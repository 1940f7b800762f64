import { createDeliveriesView } from './deliveries-view.ts';
import type { ViewDelivery } from './delivery-model.ts';
import { h } from './dom.ts';
// A type only (what `hookspec listen` lists at GET /), erased from the page's bundle.
import type { ReceivedDelivery } from '../received-delivery.ts';
import { getJson } from './http.ts';

function fromReceived(api: string, entry: ReceivedDelivery, index: number): ViewDelivery {
  const at = Date.parse(entry.receivedAt);
  return {
    key: `${entry.receivedAt}#${index}`,
    api,
    id: entry.deliveryId ?? '-',
    event: entry.type ?? '?',
    endpoint: entry.path,
    state: entry.ok ? 'verified' : 'rejected',
    createdAt: at,
    attempts: [
      {
        number: 1,
        startedAt: at,
        durationMs: null,
        request: { method: entry.method, url: entry.path, headers: entry.headers, body: entry.body },
        response: { status: entry.status },
        verdict: entry.ok ? { ok: true } : { ok: false, code: entry.error?.code ?? 'rejected', message: entry.error?.message ?? '' },
      },
    ],
  };
}

/** `hookspec listen`'s page: what it received, with the verdict and error code per delivery. */
export async function listenApp(root: HTMLElement): Promise<void> {
  const summary = h('p', { role: 'status', class: 'muted' });
  const deliveries = createDeliveriesView({ heading: 'Received deliveries', states: ['verified', 'rejected'] });
  root.replaceChildren(h('header', {}, h('h1', {}, 'hookspec listen'), summary), h('main', {}, deliveries.element));
  let count = 0;
  let api = '';
  const stream = new EventSource('/_listen/stream');
  stream.addEventListener('delivery', (event) => {
    deliveries.upsert(fromReceived(api, JSON.parse((event as MessageEvent).data) as ReceivedDelivery, count++));
  });
  const state = await getJson<{ api: string; received: number; verified: number; deliveries: ReceivedDelivery[] }>('/?format=json');
  api = state.api;
  summary.textContent = `Verifying ${state.api} deliveries.`;
  deliveries.replaceAll(state.deliveries.map((entry) => fromReceived(api, entry, count++)));
  document.body.dataset.ready = 'true';
}
