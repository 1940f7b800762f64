import { attemptView } from './attempt-view.ts';
import { h, uid } from './dom.ts';
import { stateLabel, type ViewDelivery, type ViewState } from './delivery-model.ts';

export interface DeliveriesViewOptions {
  heading: string;
  states: ViewState[];
  /** Buttons for the open delivery (redeliver, discard); none for `hookspec listen`. */
  actions?: (delivery: ViewDelivery) => HTMLElement[];
}

/**
 * The live list of deliveries with filters by API, state and event, and the open delivery's
 * attempts. It renders what it is given (`upsert`/`remove`); the data stays on the server.
 */
export function createDeliveriesView(options: DeliveriesViewOptions) {
  const deliveries = new Map<string, ViewDelivery>();
  let openKey: string | undefined;
  const filterApi = h('select', { id: uid('filter-api') }, h('option', { value: '' }, 'All'));
  const filterState = h(
    'select',
    { id: uid('filter-state') },
    h('option', { value: '' }, 'All'),
    options.states.map((state) => h('option', { value: state }, stateLabel[state])),
  );
  const filterEvent = h('select', { id: uid('filter-event') }, h('option', { value: '' }, 'All'));
  const filters = h(
    'div',
    { class: 'filters', role: 'group', 'aria-label': 'Filter deliveries' },
    h('label', { for: filterApi.id }, 'API'),
    filterApi,
    h('label', { for: filterState.id }, 'State'),
    filterState,
    h('label', { for: filterEvent.id }, 'Event'),
    filterEvent,
  );
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'deliveries' },
    h('caption', { class: 'visually-hidden' }, options.heading),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Event', 'API', 'Endpoint', 'State', 'Attempts', 'Created'].map((name) => h('th', { scope: 'col' }, name)),
      ),
    ),
    tbody,
  );
  const detailId = uid('detail');
  const detail = h('section', { class: 'detail', id: detailId, 'aria-label': 'Delivery detail', hidden: true });
  for (const select of [filterApi, filterState, filterEvent]) select.addEventListener('change', render);

  function syncOptions(select: HTMLSelectElement, values: string[]) {
    const known = new Set([...select.options].map((option) => option.value));
    for (const value of values) if (!known.has(value)) select.append(h('option', { value }, value));
  }

  function render() {
    syncOptions(filterApi, [...new Set([...deliveries.values()].map((d) => d.api))].sort());
    syncOptions(filterEvent, [...new Set([...deliveries.values()].map((d) => d.event))].sort());
    const shown = [...deliveries.values()]
      .filter(
        (d) =>
          (!filterApi.value || d.api === filterApi.value) &&
          (!filterState.value || d.state === filterState.value) &&
          (!filterEvent.value || d.event === filterEvent.value),
      )
      .sort((a, b) => b.createdAt - a.createdAt);
    count.textContent = `${shown.length} of ${deliveries.size} deliveries`;
    tbody.replaceChildren(
      ...shown.map((d) =>
        h(
          'tr',
          { 'data-key': d.key, 'data-state': d.state, class: d.key === openKey ? 'open' : '' },
          h(
            'td',
            {},
            h(
              'button',
              { type: 'button', class: 'link', 'aria-controls': detailId, 'aria-expanded': String(d.key === openKey), onclick: () => open(d.key) },
              d.event,
            ),
          ),
          h('td', {}, d.api),
          h('td', {}, h('code', {}, d.endpoint)),
          h('td', { class: `state ${d.state}` }, stateLabel[d.state]),
          h('td', {}, String(d.attempts.length)),
          h('td', {}, new Date(d.createdAt).toLocaleTimeString()),
        ),
      ),
    );
    renderDetail();
  }

  function renderDetail() {
    const d = openKey === undefined ? undefined : deliveries.get(openKey);
    detail.hidden = d === undefined;
    if (!d) return void detail.replaceChildren();
    detail.replaceChildren(
      h('h3', { tabindex: -1 }, `${d.event} → ${d.endpoint}`),
      h(
        'p',
        {},
        h('span', { class: `state ${d.state}` }, stateLabel[d.state]),
        ` · ${d.api} · id `,
        h('code', {}, d.id),
        d.nextRetryAt ? ` · next retry ${new Date(d.nextRetryAt).toLocaleTimeString()}` : '',
      ),
      h('div', { class: 'actions' }, options.actions?.(d) ?? []),
      ...(d.attempts.length === 0 ? [h('p', { class: 'muted' }, 'No attempt yet.')] : [...d.attempts].reverse().map(attemptView)),
      h('button', { type: 'button', onclick: () => open(undefined) }, 'Close'),
    );
  }

  function open(key: string | undefined) {
    openKey = key;
    render();
    if (key) (detail.querySelector('h3') as HTMLElement | null)?.focus();
  }

  return {
    element: h('section', { 'aria-labelledby': 'deliveries-heading' }, h('h2', { id: 'deliveries-heading' }, options.heading), filters, count, table, detail),
    upsert(delivery: ViewDelivery) {
      deliveries.set(delivery.key, delivery);
      render();
    },
    remove(key: string) {
      deliveries.delete(key);
      if (openKey === key) openKey = undefined;
      render();
    },
    replaceAll(list: ViewDelivery[]) {
      deliveries.clear();
      for (const d of list) deliveries.set(d.key, d);
      if (openKey !== undefined && !deliveries.has(openKey)) openKey = undefined;
      render();
    },
  };
}
