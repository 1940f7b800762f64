/** The fixed JSON body of the reference servers in `npm run bench:mock` (the SidClaw list example). */
export const fixedListBody = JSON.stringify({
  data: [
    {
      id: 'wh-001',
      url: 'https://example.com/webhooks/sidclaw',
      events: ['approval.requested'],
      is_active: true,
      description: 'x',
      created_at: '2026-03-21T10:00:00.000Z',
    },
  ],
});
