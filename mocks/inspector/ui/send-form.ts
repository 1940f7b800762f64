import { h, uid } from './dom.ts';
import { getJson, postJson } from './http.ts';
import type { ApiOverview } from './overview-view.ts';

/**
 * Send an event: pick API and event, edit the prefilled data, send. The server validates the
 * body against the spec first; its issues are shown under the field and nothing is sent.
 */
export function createSendForm() {
  const apiSelect = h('select', { id: uid('send-api'), name: 'api' });
  const eventSelect = h('select', { id: uid('send-event'), name: 'event' });
  const errorsId = uid('send-errors');
  const body = h('textarea', { id: uid('send-body'), name: 'data', rows: 12, spellcheck: 'false', 'aria-describedby': errorsId });
  const bodyLabel = h('label', { for: body.id }, 'Data');
  const errors = h('div', { id: errorsId, class: 'field-errors', role: 'alert' });
  const status = h('p', { role: 'status', class: 'muted' });
  let apis: ApiOverview[] = [];

  const currentApi = () => apis.find((api) => api.api === apiSelect.value);
  function showErrors(lines: string[]) {
    body.setAttribute('aria-invalid', String(lines.length > 0));
    errors.replaceChildren(
      ...(lines.length === 0
        ? []
        : [
            h(
              'ul',
              {},
              lines.map((line) => h('li', {}, line)),
            ),
          ]),
    );
  }
  // The field is emptied while a sample loads, and only the newest choice's sample fills it: a
  // quick change of event must never leave another event's data in the field to be sent.
  let latestPrefill = 0;
  async function prefill() {
    const api = currentApi();
    if (!api || !eventSelect.value) return;
    const request = ++latestPrefill;
    body.value = '';
    const sample = await getJson<{ data: unknown }>(`/_mock/${api.api}/events/${encodeURIComponent(eventSelect.value)}/sample`);
    if (request !== latestPrefill) return;
    body.value = JSON.stringify(sample.data, null, 2);
    showErrors([]);
  }
  function fillEvents() {
    const api = currentApi();
    eventSelect.replaceChildren(...(api?.events ?? []).map((event) => h('option', { value: event }, event)));
    bodyLabel.textContent = `Data (the body's "${api?.dataKey ?? 'data'}"; the mock adds the rest)`;
    void prefill();
  }
  apiSelect.addEventListener('change', fillEvents);
  eventSelect.addEventListener('change', () => void prefill());

  const form = h(
    'form',
    { class: 'send', 'aria-labelledby': 'send-heading', novalidate: true },
    h('h2', { id: 'send-heading' }, 'Send an event'),
    h(
      'div',
      { class: 'row' },
      h('label', { for: apiSelect.id }, 'API'),
      apiSelect,
      h('label', { for: eventSelect.id }, 'Event'),
      eventSelect,
      h('button', { type: 'button', onclick: () => void prefill() }, 'New sample'),
    ),
    bodyLabel,
    body,
    errors,
    h('button', { type: 'submit' }, 'Send event'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    let data: unknown;
    try {
      data = JSON.parse(body.value);
    } catch (error) {
      return showErrors([`Not JSON: ${(error as Error).message}`]);
    }
    const answer = await postJson(`/_mock/${apiSelect.value}/send`, { event: eventSelect.value, data });
    if (answer.status === 422) {
      return showErrors((answer.body?.issues ?? []).map((issue) => `${issue.path || '(data)'}: ${issue.message}`));
    }
    if (answer.status !== 202) return showErrors([answer.body?.message ?? `The mock answered ${answer.status}.`]);
    showErrors([]);
    const count = answer.body?.deliveries?.length ?? 0;
    status.textContent =
      count === 0 ? 'Valid, but no registered endpoint subscribes to this event: nothing sent.' : `Sent to ${count} endpoint${count === 1 ? '' : 's'}.`;
  });

  return {
    element: form,
    setApis(next: ApiOverview[]) {
      const first = apis.length === 0;
      apis = next;
      if (!first) return;
      apiSelect.replaceChildren(...apis.map((api) => h('option', { value: api.api }, api.api)));
      fillEvents();
    },
  };
}
