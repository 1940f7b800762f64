/** JSON over the mock's control routes; the page keeps no state the server does not have. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** A control route's JSON answer: the fields the page reads, when present. */
export interface ControlAnswer {
  message?: string;
  issues?: Array<{ path: string; message: string }>;
  deliveries?: unknown[];
  [field: string]: unknown;
}

export async function postJson(url: string, body?: unknown): Promise<{ status: number; body: ControlAnswer | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? '{}' : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
