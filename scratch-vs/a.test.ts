import { expect, inject, it } from 'vitest';
it('calls', async () => {
  const { baseUrls } = inject('hookspec');
  expect(process.env.HOOKSPEC_SIDCLAW_URL).toBe(baseUrls.sidclaw);
  const r = await fetch(`${baseUrls.sidclaw}/api/v1/webhooks/x/deliveries?limit=500`, { headers: { authorization: 'Bearer sk_live_abc123' } });
  expect(r.status).toBe(404);
});
