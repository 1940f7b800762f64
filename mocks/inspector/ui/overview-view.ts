import { h, uid } from './dom.ts';
import { getJson, postJson } from './http.ts';
import { maskedValue, plainValue } from './secret.ts';
import type { ReferenceOperation as Operation } from '../reference-build.ts';

export interface ApiOverview {
  api: string;
  baseUrl: string | null;
  credentials: Array<{ role: string; value: string; secret: boolean }>;
  endpoints: Array<{ id: string | null; url: string; events: string[]; active: boolean; secret: string | null }>;
  events: string[];
  dataKey: string;
  scenario: { rateLimit?: { retryAfterSeconds?: number }; serverError?: { status?: number }; latencyMs?: number };
  /** The API reference page; null for an API given by its spec at run time (no reference is built for it). */
  docs: string | null;
}

/** Links each operation to its place in the API reference (loaded after the card shows: a source checkout builds the reference on first use). */
function operationList(api: ApiOverview): HTMLElement {
  const list = h('ul', { class: 'operations' }, h('li', { class: 'muted' }, 'Loading operations…'));
  getJson<{ data: Operation[] }>(`/_mock/${api.api}/operations`).then(
    ({ data }) =>
      list.replaceChildren(
        ...(data.length === 0
          ? [h('li', { class: 'muted' }, 'No operations: this API only sends webhooks (see the reference).')]
          : data.map((op) => {
              const operation = [h('code', {}, `${op.method} ${op.path}`), ` ${op.summary}`];
              return h('li', {}, api.docs === null ? operation : h('a', { href: `${api.docs}${op.anchor}` }, operation));
            })),
      ),
    () => list.replaceChildren(h('li', { class: 'error' }, 'The API reference could not be built.')),
  );
  return list;
}

/** Rate limit, server error and latency switches of one API (POST /_mock/<api>/scenario). */
function scenarioForm(api: ApiOverview, onChange: () => void): HTMLElement {
  const rate = h('input', { type: 'checkbox', id: uid('rate'), checked: api.scenario.rateLimit !== undefined });
  const error = h(
    'select',
    { id: uid('error') },
    h('option', { value: '' }, 'off'),
    ['500', '502', '503', '504'].map((status) => h('option', { value: status }, status)),
  );
  error.value = api.scenario.serverError ? String(api.scenario.serverError.status ?? 500) : '';
  const latency = h('input', { type: 'number', id: uid('latency'), min: 0, step: 100, value: api.scenario.latencyMs ?? 0 });
  const form = h(
    'form',
    { class: 'scenario', 'aria-label': `${api.api} failure scenarios` },
    h('span', {}, rate, h('label', { for: rate.id }, 'Rate limit (429)')),
    h('span', {}, h('label', { for: error.id }, 'Server error'), error),
    h('span', {}, h('label', { for: latency.id }, 'Latency (ms)'), latency),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await postJson(`/_mock/${api.api}/scenario`, {
      ...(rate.checked ? { rateLimit: { retryAfterSeconds: 1 } } : {}),
      ...(error.value ? { serverError: { status: Number(error.value) } } : {}),
      ...(Number(latency.value) > 0 ? { latencyMs: Number(latency.value) } : {}),
    });
    onChange();
  });
  return form;
}

/** One card per API: base URL, credentials, endpoints and subscriptions, operations, switches. */
export function apiCard(api: ApiOverview, onChange: () => void): HTMLElement {
  const headingId = uid('api');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': headingId, 'data-api': api.api },
    h(
      'h3',
      { id: headingId },
      api.api,
      ' ',
      api.docs === null ? h('span', { class: 'small muted' }, 'from its spec') : h('a', { href: api.docs, class: 'small' }, `${api.api} API reference`),
    ),
    h('dl', {}, h('dt', {}, 'Mock base URL'), h('dd', {}, api.baseUrl ? plainValue(api.baseUrl, `${api.api} base URL`) : 'none (sends webhooks only)')),
    h('h4', {}, 'Test credentials'),
    h(
      'dl',
      { class: 'credentials' },
      api.credentials.map(({ role, value, secret }) => [
        h('dt', {}, role),
        h('dd', {}, secret ? maskedValue(value, `${api.api} ${role}`) : plainValue(value, `${api.api} ${role}`)),
      ]),
    ),
    h('h4', {}, 'Registered endpoints'),
    api.endpoints.length === 0
      ? h('p', { class: 'muted' }, 'None yet: register one through the API.')
      : h(
          'ul',
          { class: 'endpoints' },
          api.endpoints.map((endpoint) =>
            h(
              'li',
              {},
              h('code', {}, endpoint.url),
              endpoint.active ? '' : ' (inactive)',
              h('div', { class: 'muted' }, 'Subscribed to: ', endpoint.events.join(', ') || 'nothing'),
              endpoint.secret ? h('div', {}, 'Secret: ', maskedValue(endpoint.secret, `secret of ${endpoint.url}`)) : null,
            ),
          ),
        ),
    h('details', {}, h('summary', {}, 'Operations'), operationList(api)),
    h('details', {}, h('summary', {}, 'Failure scenarios'), scenarioForm(api, onChange)),
  );
}
