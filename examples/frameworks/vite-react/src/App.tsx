import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { sidclawEventTypes, type EventType, type SidclawClient, type WebhookEndpoint } from 'hookspec/sidclaw';

interface Props {
  /** The mock's client under `vite`; in production, your backend's /api/sidclaw (no key in the page). */
  sidclaw: SidclawClient;
  /** Present when the mock runs: forgets its endpoints. */
  resetMock?: () => void;
}

export function App({ sidclaw, resetMock }: Props) {
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[]>([]);
  const [url, setUrl] = useState('https://example.com/hooks');
  const [events, setEvents] = useState<EventType[]>(['approval.requested']);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    const { data, error } = await sidclaw.listWebhooks();
    if (error) return setError(error.message ?? error.error);
    setEndpoints(data.data);
  }, [sidclaw]);
  useEffect(() => void refresh(), [refresh]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setSecret(undefined);
    const { data, error } = await sidclaw.createWebhook({ body: { url, events } });
    if (error) return setError(error.message ?? error.error);
    setError(undefined);
    // The only time the API shows the secret: keep it now.
    setSecret(data.data.secret);
    await refresh();
  }

  async function remove(id: string) {
    const { error } = await sidclaw.deleteWebhook({ path: { id } });
    if (error) return setError(error.message ?? error.error);
    await refresh();
  }

  const toggle = (type: EventType) => setEvents((current) => (current.includes(type) ? current.filter((e) => e !== type) : [...current, type]));

  return (
    <main>
      <h1>SidClaw webhooks</h1>
      <form onSubmit={create}>
        <label>
          URL <input name="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <fieldset>
          <legend>Events</legend>
          {sidclawEventTypes.map((type) => (
            <label key={type}>
              <input type="checkbox" name="events" value={type} checked={events.includes(type)} onChange={() => toggle(type)} /> {type}
            </label>
          ))}
        </fieldset>
        <button type="submit">Create endpoint</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {secret && (
        <p>
          Signing secret (shown once): <output aria-label="secret">{secret}</output>
        </p>
      )}
      <ul aria-label="endpoints">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id}>
            <span>{endpoint.url}</span> [{endpoint.events.join(', ')}]{' '}
            <button type="button" onClick={() => remove(endpoint.id)}>
              Delete {endpoint.url}
            </button>
          </li>
        ))}
      </ul>
      {resetMock && (
        <button
          type="button"
          onClick={() => {
            resetMock();
            return refresh();
          }}
        >
          Reset mock
        </button>
      )}
    </main>
  );
}
