// Violations were capped by count only: 10,000 of them with 15.5 KB query strings made a 157 MB
// list. Each text field a request controls is now cut to MAX_VIOLATION_FIELD_CHARS.
import { describe, expect, it } from 'vitest';
import { MAX_VIOLATION_FIELD_CHARS, createViolationLog } from '../../mocks/violations/violation-log.ts';

describe('violation log', () => {
  it('keeps each field of a violation within the size bound, saying how much was cut', () => {
    const log = createViolationLog(10);
    const query = `?q=${'x'.repeat(15_500)}`;
    log.add({
      api: 'sidclaw',
      operationId: 'listWebhooks',
      method: 'GET',
      path: `/sidclaw/api/v1/webhooks${query}`,
      location: `query.${'y'.repeat(5000)}`,
      message: `unexpected ${'z'.repeat(20_000)}`,
      status: 200,
      source: 'hookspec',
    });
    const [kept] = log.list();
    const size = JSON.stringify(kept).length;
    expect(size).toBeLessThan(4 * (MAX_VIOLATION_FIELD_CHARS + 100));
    expect(kept!.path).toMatch(/… \(\d+ more characters\)$/);
    expect(kept!.path.startsWith('/sidclaw/api/v1/webhooks?q=xxx')).toBe(true);
    expect(kept!.status).toBe(200);
  });
});
