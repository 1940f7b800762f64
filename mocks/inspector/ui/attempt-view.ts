import { h, type Child } from './dom.ts';
import type { ViewAttempt } from './delivery-model.ts';

/** JSON bodies pretty-printed; anything else as it came. */
function pretty(body: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return undefined;
  }
}

function headerTable(headers: Record<string, string>, caption: string): HTMLElement {
  const names = Object.keys(headers).sort();
  if (names.length === 0) return h('p', { class: 'muted' }, 'No headers recorded.');
  return h(
    'table',
    { class: 'headers' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Header'), h('th', { scope: 'col' }, 'Value'))),
    h(
      'tbody',
      {},
      names.map((name) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, h('code', {}, headers[name]!)))),
    ),
  );
}

/** A body shown pretty-printed, with the raw bytes one click away. */
export function bodyView(body: string, label: string): HTMLElement {
  const formatted = pretty(body);
  if (body === '') return h('p', { class: 'muted' }, 'Empty body.');
  return h(
    'div',
    { class: 'body' },
    formatted === undefined ? null : h('details', { open: true }, h('summary', {}, `${label}, pretty`), h('pre', { tabindex: 0 }, formatted)),
    h('details', { open: formatted === undefined }, h('summary', {}, `${label}, raw`), h('pre', { tabindex: 0, class: 'raw' }, body)),
  );
}

/** One attempt: the request as sent, then the answer (or why none came). */
export function attemptView(attempt: ViewAttempt): HTMLElement {
  const ok = attempt.verdict ? attempt.verdict.ok : attempt.response !== null && attempt.response.status >= 200 && attempt.response.status < 300;
  const outcome: Child = attempt.verdict
    ? attempt.verdict.ok
      ? '✓ verified'
      : `✗ ${attempt.verdict.code ?? 'rejected'}`
    : attempt.response
      ? `${ok ? '✓' : '✗'} ${attempt.response.status}`
      : `✗ ${attempt.error ?? 'no answer'}`;
  return h(
    'article',
    { class: `attempt ${ok ? 'ok' : 'bad'}`, 'data-attempt': attempt.number },
    h(
      'h4',
      {},
      `Attempt ${attempt.number} `,
      h('span', { class: 'outcome' }, outcome),
      h(
        'span',
        { class: 'muted' },
        ` · ${new Date(attempt.startedAt).toLocaleTimeString()}${attempt.durationMs === null ? '' : ` · ${attempt.durationMs} ms`}`,
      ),
    ),
    h(
      'section',
      { class: 'request' },
      h('h5', {}, 'Request'),
      h('p', {}, h('code', {}, `${attempt.request.method} ${attempt.request.url}`)),
      headerTable(attempt.request.headers, `Request headers of attempt ${attempt.number}`),
      bodyView(attempt.request.body, 'Request body'),
    ),
    h(
      'section',
      { class: 'response' },
      h('h5', {}, attempt.verdict ? 'Answer and verdict' : 'Response'),
      attempt.verdict && !attempt.verdict.ok ? h('p', { class: 'error' }, `${attempt.verdict.code}: ${attempt.verdict.message ?? ''}`) : null,
      attempt.response
        ? [
            h('p', {}, 'Status ', h('code', {}, String(attempt.response.status))),
            attempt.response.headers ? headerTable(attempt.response.headers, `Response headers of attempt ${attempt.number}`) : null,
            attempt.response.body === undefined ? null : bodyView(attempt.response.body, 'Response body'),
          ]
        : h('p', { class: 'error' }, attempt.error ?? 'No answer.'),
    ),
  );
}
