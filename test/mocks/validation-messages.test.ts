// Validation errors from the mocks in words: the field named and what it allows, derived from
// the zod issue and the spec's description of the field; the document's body format kept, and
// the zod issue paths in the `x-mock-issues` header for tools.
import { setupServer } from 'msw/node';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSidclawMock, sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';
import { createExchangeMock, exchangeMockCredentials } from '../../mocks/exchange/index.ts';
import { describeIssues, summarizeIssues } from '../../mocks/shared/zod-issues.ts';
import { zErrorResponse as zSidclawError } from '../../generated/sidclaw/zod.gen.ts';

const sidclawUrl = 'http://sidclaw.test';
const exchangeUrl = 'http://exchange.test/api/v1';
const server = setupServer(...createSidclawMock({ baseUrl: sidclawUrl }).handlers, ...createExchangeMock({ baseUrl: exchangeUrl }).handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterAll(() => server.close());

const createSidclawWebhook = (body: unknown) =>
  fetch(`${sidclawUrl}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('mock validation messages', () => {
  it('SidClaw: the URL rule in the words of the spec, once, with the documented { error, message } body', async () => {
    const response = await createSidclawWebhook({ url: 'ftp://example.com/hook', events: ['approval.requested'] });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(zSidclawError.strict().parse(body)).toEqual({
      error: 'validation_error',
      message:
        'url must be HTTPS URL to receive events (or http://localhost in development); got "ftp://example.com/hook"' +
        ' (the mock also accepts loopback http:// receivers: localhost, 127.0.0.1, [::1])',
    });
    expect(body.message).not.toMatch(/\^|\\\//); // no regular expression in the message
    // The mock's loopback rule wraps the spec's rule: its issue is a custom one, on the same path.
    expect(JSON.parse(response.headers.get('x-mock-issues')!)).toEqual([{ path: ['url'], code: 'custom' }]);
  });

  it('SidClaw: missing field, enum values and array minimum in words, each with its zod path', async () => {
    const missing = await createSidclawWebhook({ events: ['approval.lost'] });
    expect((await missing.json()).message).toBe(
      'url is required (the mock also accepts loopback http:// receivers: localhost, 127.0.0.1, [::1]); events[0] must be one of "approval.requested", "approval.approved", "approval.denied", "approval.expired", "trace.completed", "agent.suspended", "agent.revoked", "policy.updated"',
    );
    expect(JSON.parse(missing.headers.get('x-mock-issues')!)).toEqual([
      { path: ['url'], code: 'custom' },
      { path: ['events', 0], code: 'invalid_value' },
    ]);
    const empty = await createSidclawWebhook({ url: 'https://example.com/hook', events: [], description: 5 });
    expect((await empty.json()).message).toBe('events must list at least one item; description must be a string, not 5');
  });

  it('SidClaw: a URL that fails both the format and the pattern ("not a url", "") is listed once in x-mock-issues', async () => {
    for (const url of ['not a url', '']) {
      const response = await createSidclawWebhook({ url, events: ['approval.requested'] });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.headers.get('x-mock-issues')!)).toEqual([{ path: ['url'], code: 'custom' }]);
    }
  });

  it('Exchange: its own body format ({ error, code, message }) with the words in message', async () => {
    const response = await fetch(`${exchangeUrl}/partner/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${exchangeMockCredentials.branchKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'not a url', events: ['order.created'] }),
    });
    const body = await response.json();
    expect([response.status, body.error, body.code]).toEqual([400, 'bad_request', 'validation_error']);
    expect(body.message).toMatch(/^url must be /);
    expect(body.message).toContain('got "not a url"');
  });

  it('derives bounds, formats and patterns generically when the spec gives no description', () => {
    const schema = z.object({
      name: z.string().min(3).max(5),
      count: z.number().int().min(1).max(100),
      tags: z.array(z.string()).max(2),
      id: z.uuid(),
      code: z.string().regex(/^[A-Z]{3}$/),
    });
    const input = { name: 'ab', count: 101, tags: ['a', 'b', 'c'], id: 'x', code: 'abc' };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(summarizeIssues(result.error, { input }).map(({ message }) => message)).toEqual([
      'name must have at least 3 characters',
      'count must be at most 100',
      'tags must have at most 2 items',
      'id must be a UUID; got "x"',
      'code must match /^[A-Z]{3}$/; got "abc"',
    ]);
    expect(describeIssues(result.error, { input })).toBe(
      summarizeIssues(result.error, { input })
        .map(({ message }) => message)
        .join('; '),
    );
  });
});
