import { createDeliveriesView } from './deliveries-view.ts';
import { applyDelta, fromEngineRecord, type EngineDelta, type EngineRecord, type ViewDelivery } from './delivery-model.ts';
import { h } from './dom.ts';
import { getJson, postJson } from './http.ts';
import { apiCard, type ApiOverview } from './overview-view.ts';
import { createSendForm } from './send-form.ts';

/** The mock server's page: overview, send form, live deliveries; everything read from /_mock/. */
export async function mockApp(root: HTMLElement): Promise<void> {
  const message = h('p', { role: 'status', class: 'muted' });
  const act = async (url: string, done: string) => {
    const answer = await postJson(url);
    message.textContent = answer.status < 300 ? done : (answer.body?.message ?? `The mock answered ${answer.status}.`);
  };
  const deliveries = createDeliveriesView({
    heading: 'Deliveries',
    states: ['pending', 'retrying', 'delivered', 'failed'],
    actions: (d: ViewDelivery) =>
      [
        d.state === 'delivered' || d.state === 'failed'
          ? h(
              'button',
              { type: 'button', onclick: () => act(`/_mock/${d.api}/deliveries/${encodeURIComponent(d.id)}/redeliver`, 'Redelivering.') },
              'Redeliver',
            )
          : null,
        d.state === 'failed'
          ? h(
              'button',
              {
                type: 'button',
                class: 'danger',
                onclick: () => act(`/_mock/${d.api}/dead-letters/${encodeURIComponent(d.id)}/discard`, 'Dead letter discarded.'),
              },
              'Discard dead letter',
            )
          : null,
      ].filter((button): button is HTMLButtonElement => button !== null),
  });
  const sendForm = createSendForm();
  const cards = h('div', { class: 'cards' });
  const reset = h('button', { type: 'button', class: 'danger', onclick: () => act('/_mock/reset', 'Every mock was reset.') }, 'Reset all mocks');
  // The state file `hookspec mock --state` loads, as GET /_mock/state exports it.
  const exportState = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        const response = await fetch('/_mock/state');
        if (!response.ok) {
          message.textContent = `The mock answered ${response.status} to GET /_mock/state.`;
          return;
        }
        const link = h('a', { href: URL.createObjectURL(await response.blob()), download: 'hookspec-state.json' });
        link.click();
        URL.revokeObjectURL(link.href);
        message.textContent = 'State exported as hookspec-state.json.';
      },
    },
    'Export state',
  );

  root.replaceChildren(
    h('header', {}, h('h1', {}, 'hookspec mock server'), h('div', { class: 'actions' }, exportState, reset), message),
    h(
      'main',
      {},
      h('section', { 'aria-labelledby': 'overview-heading' }, h('h2', { id: 'overview-heading' }, 'APIs'), cards),
      sendForm.element,
      deliveries.element,
    ),
  );

  let overview: ApiOverview[] = [];
  async function loadOverview() {
    overview = (await getJson<{ apis: ApiOverview[] }>('/_mock/overview')).apis;
    cards.replaceChildren(...overview.map((api) => apiCard(api, loadOverview)));
    sendForm.setApis(overview);
  }
  // The records as last seen, so a live change (a delta) can be applied to one.
  const records = new Map<string, EngineRecord>();
  async function loadDeliveries() {
    const lists = await Promise.all(
      overview.map(async ({ api }) => (await getJson<{ data: EngineRecord[] }>(`/_mock/${api}/deliveries`)).data.map((r) => ({ api, record: r }))),
    );
    records.clear();
    for (const { api, record } of lists.flat()) records.set(`${api}/${record.id}`, record);
    deliveries.replaceAll(lists.flat().map(({ api, record }) => fromEngineRecord(api, record)));
  }

  // The stream first, so nothing that happens while the lists load is missed.
  const stream = new EventSource('/_mock/stream');
  stream.addEventListener('delivery', (event) => {
    const { api, delta } = JSON.parse((event as MessageEvent).data) as { api: string; delta: EngineDelta };
    const key = `${api}/${delta.id}`;
    const record = applyDelta(records.get(key), delta);
    records.set(key, record);
    deliveries.upsert(fromEngineRecord(api, record));
  });
  stream.addEventListener('removed', (event) => {
    const { api, id } = JSON.parse((event as MessageEvent).data) as { api: string; id: string };
    records.delete(`${api}/${id}`);
    deliveries.remove(`${api}/${id}`);
  });
  stream.addEventListener('state', () => void loadOverview());
  // After a reconnect (server restarted) the lists may have changed while the page was away.
  stream.addEventListener('open', () => void loadOverview().then(loadDeliveries));
  await loadOverview();
  await loadDeliveries();
  document.body.dataset.ready = 'true';
}
