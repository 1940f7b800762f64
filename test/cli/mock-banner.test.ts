import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, startCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

it('hookspec mock says that loopback http:// receivers are accepted', async () => {
  const mock = startCli(['mock', '--port', '0', '--api', 'pipevest']);
  try {
    const line = await mock.waitForLine((text) => text.startsWith('Receivers:'));
    expect(line).toBe(
      "Receivers: every mock also accepts loopback http:// URLs (localhost, 127.0.0.1, [::1]) for local development; the specs keep each provider's own URL rule.",
    );
  } finally {
    expect(await mock.stop('SIGTERM')).toBe(0);
  }
});
