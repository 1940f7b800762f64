/** What the deliveries view shows, the same for the mock server and `hookspec listen`. */
export interface ViewAttempt {
  number: number;
  startedAt: number;
  durationMs: number | null;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  /** Null when no answer arrived. */
  response: { status: number; headers?: Record<string, string>; body?: string } | null;
  /** Why no answer arrived (network error, timeout). */
  error?: string;
  /** `hookspec listen`: the verification verdict. */
  verdict?: { ok: boolean; code?: string; message?: string };
}

export type ViewState = 'pending' | 'retrying' | 'delivered' | 'failed' | 'verified' | 'rejected';

export interface ViewDelivery {
  /** Unique across APIs. */
  key: string;
  api: string;
  id: string;
  event: string;
  endpoint: string;
  state: ViewState;
  createdAt: number;
  nextRetryAt?: number | null;
  attempts: ViewAttempt[];
}

export const stateLabel: Record<ViewState, string> = {
  pending: 'pending',
  retrying: 'retrying',
  delivered: '✓ delivered',
  failed: '✗ dead-lettered',
  verified: '✓ verified',
  rejected: '✗ rejected',
};

/** A delivery record of the mock's engine (`GET /_mock/<api>/deliveries`), as the view shows it. */
export interface EngineRecord {
  id: string;
  eventType: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: number;
  nextRetryAt: number | null;
  body: string;
  attemptLog: Array<{
    number: number;
    startedAt: number;
    durationMs: number;
    status: number | null;
    error?: string;
    responseBody?: string;
    requestHeaders: Record<string, string>;
    responseHeaders?: Record<string, string>;
  }>;
}

export function fromEngineRecord(api: string, record: EngineRecord): ViewDelivery {
  const retrying = record.state === 'pending' && record.attempts > 0;
  return {
    key: `${api}/${record.id}`,
    api,
    id: record.id,
    event: record.eventType,
    endpoint: record.url,
    state: retrying ? 'retrying' : record.state,
    createdAt: record.createdAt,
    nextRetryAt: record.nextRetryAt,
    attempts: record.attemptLog.map((attempt) => ({
      number: attempt.number,
      startedAt: attempt.startedAt,
      durationMs: attempt.durationMs,
      request: { method: 'POST', url: record.url, headers: attempt.requestHeaders ?? {}, body: record.body },
      response: attempt.status === null ? null : { status: attempt.status, headers: attempt.responseHeaders ?? {}, body: attempt.responseBody ?? '' },
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
    })),
  };
}

/** What a live `delivery` event carries (see live-stream.ts): the record without its log, the latest attempt, the body when new. */
export type EngineDelta = Omit<EngineRecord, 'attemptLog' | 'body'> & { attempt?: EngineRecord['attemptLog'][number]; body?: string };

/** Attempts the page keeps per delivery, as the mock does. */
const MAX_VIEW_ATTEMPTS = 50;

/** The record after a live change: fields replaced, the attempt appended once, the body kept from before. */
export function applyDelta(previous: EngineRecord | undefined, delta: EngineDelta): EngineRecord {
  const { attempt, body, ...fields } = delta;
  let attemptLog = previous?.attemptLog ?? [];
  if (attempt !== undefined && !attemptLog.some((entry) => entry.number === attempt.number)) attemptLog = [...attemptLog, attempt].slice(-MAX_VIEW_ATTEMPTS);
  return { ...fields, body: body ?? previous?.body ?? '', attemptLog };
}
