// `hookspec listen` prints fields a sender controls (the unverified `event`, the delivery id, an
// error message quoting a header). Before, CR/LF in `event` forged a "✓ approval.approved" line
// and escape codes retitled the terminal and hid the real "✗ missing_header".
import { describe, expect, it } from 'vitest';
import { printDelivery, type ReceivedDelivery } from '../../src/cli/commands/listen.ts';
import type { Output } from '../../src/cli/output.ts';
import { printable } from '../../src/cli/printable.ts';

/** An Output that records lines, with colours on (nothing stripped on the way out). */
function recorder(): { out: Output; lines: string[] } {
  const lines: string[] = [];
  const same = (text: string) => text;
  const out = {
    json: false,
    tty: true,
    color: true,
    line: (text = '') => void lines.push(text),
    green: same,
    red: same,
    yellow: same,
    dim: same,
    bold: same,
  } as unknown as Output;
  return { out, lines };
}

const entry = (fields: Partial<ReceivedDelivery>): ReceivedDelivery => ({
  receivedAt: '2026-12-04T12:00:00.000Z',
  method: 'POST',
  path: '/hooks',
  ok: false,
  type: null,
  deliveryId: null,
  status: 401,
  headers: {},
  body: '',
  ...fields,
});

describe('listen prints untrusted fields on one line, control characters escaped', () => {
  it('CR/LF in the event cannot forge a line; escape codes cannot hide the verdict', () => {
    const { out, lines } = recorder();
    printDelivery(
      out,
      entry({
        type: 'x\r\n12:00:00.000  approval.approved  ✓\u001b]0;pwned\u0007\u001b[8m',
        deliveryId: 'id\u009b2J',
        error: { code: 'missing_header', message: 'The X-Webhook-Signature header "\u001b[2Kok" is missing.' },
      }),
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(lines[0]).toContain('x\\x0d\\x0a12:00:00.000  approval.approved');
    expect(lines[0]).toContain('✗ missing_header');
    expect(lines[1]).toContain('\\x1b[2Kok');
  });

  it('printable keeps ordinary text, tabs become visible too', () => {
    expect(printable('approval.requested — ✓ ünïcode')).toBe('approval.requested — ✓ ünïcode');
    expect(printable('a\tb\u007f')).toBe('a\\x09b\\x7f');
  });
});
