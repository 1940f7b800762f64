/**
 * `hookspec trigger <api> <event> --mock <url>`: a running mock server delivers the event to
 * the endpoints registered with it (`POST /_mock/<api>/events`), and each delivery's first
 * attempt is printed once the mock has made it (`GET /_mock/<api>/deliveries`).
 * @module
 */
import type { DeliveryRecord } from '../../delivery/types.ts';
import { CheckFailedError, UsageError, messageOf } from '../errors.ts';
import { formatMs, truncate, type Output } from '../output.ts';

export interface FirstAttempt {
  readonly id: string;
  readonly url: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly timeMs: number | null;
  readonly error?: string;
  readonly body?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** fetch against the mock; a mock that cannot be reached is a set-up error (exit 2). */
async function callMock(mock: string, path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, mock), { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new UsageError(`the mock server at ${mock} cannot be reached (${cause ?? messageOf(error)}): start it with hookspec mock, or check --mock.`);
  }
}

/** Asks the mock to deliver `event`; waits for each delivery's first attempt (at most `timeoutMs` past the request). */
export async function triggerViaMock(api: string, event: string, mock: string, data: unknown, timeoutMs: number): Promise<FirstAttempt[]> {
  const answer = await callMock(mock, `/_mock/${api}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data === undefined ? { event } : { event, data }),
  });
  const text = await answer.text();
  if (answer.status === 404) throw new UsageError(`the mock server at ${mock} does not host ${api} (${truncate(text, 200)}).`);
  if (!answer.ok) throw new UsageError(`the mock server refused the event: ${answer.status} ${truncate(text, 300)}`);
  const { deliveries } = JSON.parse(text) as { deliveries: Array<{ id: string; url: string }> };
  if (deliveries.length === 0) {
    throw new UsageError(`no endpoint registered with the mock is subscribed to ${event}: register one first (the ${api} API's webhook operations).`);
  }
  const wanted = new Set(deliveries.map((delivery) => delivery.id));
  const deadline = Date.now() + timeoutMs + 2_000;
  for (;;) {
    const listed = await callMock(mock, `/_mock/${api}/deliveries`);
    const { data } = (await listed.json()) as { data: DeliveryRecord[] };
    const mine = data.filter((record) => wanted.has(record.id));
    const attempted = mine.filter((record) => record.attemptLog.length > 0);
    if (attempted.length === wanted.size || Date.now() > deadline) {
      return deliveries.map(({ id, url }) => {
        const first = mine.find((record) => record.id === id)?.attemptLog[0];
        if (first === undefined) return { id, url, ok: false, status: null, timeMs: null, error: 'no attempt yet' };
        const ok = first.status !== null && first.status >= 200 && first.status < 300;
        return {
          id,
          url,
          ok,
          status: first.status,
          timeMs: first.durationMs,
          ...(first.error === undefined ? {} : { error: first.error }),
          ...(first.responseBody === undefined || first.responseBody === '' ? {} : { body: first.responseBody }),
        };
      });
    }
    await sleep(50);
  }
}

/** Prints each first attempt; throws (exit 1) when one did not get a 2xx. */
export function reportFirstAttempts(out: Output, api: string, event: string, mock: string, attempts: readonly FirstAttempt[]): void {
  const failed = attempts.filter((attempt) => !attempt.ok).length;
  if (out.json) {
    out.jsonLine({ api, event, mock, ok: attempts.length - failed, failed, deliveries: attempts });
  } else {
    out.line(`${out.bold('→')} ${mock} delivers ${api} ${out.bold(event)} to ${attempts.length} endpoint${attempts.length === 1 ? '' : 's'}`);
    for (const attempt of attempts) {
      const time = attempt.timeMs === null ? '' : ` in ${formatMs(attempt.timeMs)}`;
      const outcome = attempt.status === null ? `no response${time}: ${attempt.error}` : `${attempt.status}${time}`;
      out.line(
        `${attempt.ok ? out.green('✓') : out.red('✗')} ${attempt.ok ? out.green(outcome) : out.red(outcome)}  ${attempt.url}${out.dim(`  delivery ${attempt.id}`)}`,
      );
      if (!attempt.ok && attempt.body) out.line(`  ${truncate(attempt.body.split('\n', 1)[0]!, 200)}`);
    }
    if (failed > 0) out.line(out.dim(`The mock retries on its schedule: GET ${new URL(`/_mock/${api}/deliveries`, mock).href}`));
  }
  if (failed > 0) throw new CheckFailedError(`${failed} of ${attempts.length} first attempts did not get a 2xx.`, { reported: true });
}
