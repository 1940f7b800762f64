// hookspec check explains what it saw: the receiver's answer, an instant refusal told apart from
// a timeout, a body parser before the webhook route, nothing listening (one typed error), and
// advice that goes beyond the provider's document says so.
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { checkReceiver, ReceiverUnreachableError, type CheckReport } from '../../src/check/index.ts';
import { describeAnswer, grade } from '../../src/check/grade.ts';
import { ignoresTimestampReceiver } from './fixtures/ignores-timestamp.ts';
import { serveFetch, type ServedReceiver } from './serve-fetch.ts';
import { refusingPort } from '../support/refusing-port.ts';

const secret = 'whsec_check_fixture';
const served: ServedReceiver[] = [];
afterAll(async () => {
  await Promise.all(served.map((receiver) => receiver.close()));
});

async function check(handler: (request: Request) => Promise<Response>): Promise<CheckReport> {
  const receiver = await serveFetch(handler);
  served.push(receiver);
  return checkReceiver({ api: 'sidclaw', url: receiver.url, secret });
}

const genuine = (report: CheckReport) => report.results.filter((result) => result.group === 'genuine');

describe('the receiver’s answer', () => {
  it('a refusal shows its status and error code, or the first line of its body', () => {
    expect(describeAnswer({ status: 401, timeMs: 2, body: '{"error":"signature_mismatch","message":"…"}' }, 3000)).toBe('401 signature_mismatch');
    expect(describeAnswer({ status: 500, timeMs: 2, body: 'Internal Server Error\nat handler (app.js:1)' }, 3000)).toBe('500 Internal Server Error');
    expect(describeAnswer({ status: 200, timeMs: 2, body: '{"received":true}' }, 3000)).toBe('200');
  });

  it('a genuine delivery answered 500 at once is a refusal, not a timeout; silence is a timeout', () => {
    const accept = {
      id: 'genuine/x',
      group: 'genuine',
      sent: 'a genuine x delivery',
      expect: 'accept',
      advice: 'Check the credentials.',
      build: async () => [],
    } as const;
    const instant = grade(accept, [{ status: 500, timeMs: 3, body: '{"error":"boom"}' }], 10_000);
    expect(instant.answer).toBe('500 boom');
    expect(instant.advice).toMatch(/^Refused at once: 500 boom in 3 ms, so not a timeout\./);
    expect(instant.advice).not.toMatch(/in time/);
    const silent = grade(accept, [{ status: null, timeMs: 10_000, error: 'timeout' }], 10_000);
    expect(silent.advice).toMatch(/^No answer within 10 s: answer first/);
  });

  it('the --json report keeps the start of each body (bounded)', async () => {
    const report = await check(async () => new Response(`{"error":"nope","detail":"${'x'.repeat(5000)}"}`, { status: 400 }));
    const body = genuine(report)[0]!.answers[0]!.body!;
    expect(body.startsWith('{"error":"nope"')).toBe(true);
    expect(body.length).toBe(1000);
  });
});

describe('a body parser before the webhook route', () => {
  it('every genuine delivery refused like the forgeries: named once, with the fixes per framework', async () => {
    const report = await check(async () => Response.json({ error: 'signature_mismatch' }, { status: 401 }));
    expect(report.diagnosis).toMatchObject({
      code: 'body_parsed_before_route',
      message: expect.stringContaining('a body parser ran before your webhook route'),
    });
    expect(report.diagnosis!.fixes.join('\n')).toMatch(/Express: .*express\.raw/);
    expect(report.diagnosis!.fixes.join('\n')).toMatch(/Next\.js/);
  });

  it('an answer saying body_already_parsed names it for certain', async () => {
    const report = await check(async () => Response.json({ error: 'body_already_parsed' }, { status: 400 }));
    expect(report.diagnosis?.message).toMatch(/^A body parser ran before your webhook route: the receiver answered body_already_parsed/);
  });

  it('a receiver with one flaw gets no such diagnosis', async () => {
    expect((await check(ignoresTimestampReceiver(secret))).diagnosis).toBeUndefined();
  });
});

describe('nothing listening', () => {
  it('checkReceiver stops at the first connection refused with a typed error', async () => {
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    const url = `http://127.0.0.1:${refusing.port}/webhooks`;
    const error = await checkReceiver({ api: 'sidclaw', url, secret }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReceiverUnreachableError);
    expect(error).toMatchObject({ code: 'receiver_unreachable', network: 'ECONNREFUSED', url });
  });

  it('a port fetch never connects to (9) is unreachable too', async () => {
    await expect(checkReceiver({ api: 'sidclaw', url: 'http://127.0.0.1:9/webhooks', secret })).rejects.toMatchObject({
      code: 'receiver_unreachable',
      network: 'bad port',
    });
  });
});

describe("advice beyond the provider's document", () => {
  // SidClaw's spec says so (receiver-checks: [signature]); the words come from it, not from code.
  const BEYOND_SIDCLAW_DOCUMENT = "Beyond SidClaw's document (it asks only for the signature check), hookspec advises: ";

  it("SidClaw's timestamp and id advice says SidClaw's document asks only for the signature", async () => {
    const report = await check(ignoresTimestampReceiver(secret));
    const timestamp = report.results.find((result) => result.id === 'forgery/timestamp-too-old')!;
    expect(timestamp.advice!.startsWith(BEYOND_SIDCLAW_DOCUMENT)).toBe(true);
  });

  it('the replay and id-missing advice says so too; the signature advice does not', async () => {
    const report = await check(async () => new Response('ok'));
    const advice = (id: string) => report.results.find((result) => result.id === id)!.advice!;
    expect(advice('forgery/id-missing').startsWith(BEYOND_SIDCLAW_DOCUMENT)).toBe(true);
    expect(advice('replay/same-delivery-twice').startsWith(BEYOND_SIDCLAW_DOCUMENT)).toBe(true);
    expect(advice('forgery/signature-missing')).not.toMatch(/^Beyond/);
  });
});
