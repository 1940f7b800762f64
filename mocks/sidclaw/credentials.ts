/**
 * Test credentials of the SidClaw mock. The admin key is the one the document's own curl
 * examples use, so they run unchanged against the mock.
 */
export const sidclawMockCredentials = {
  /** Admin scope: every endpoint works. */
  adminKey: 'sk_live_abc123',
  /** A valid key without admin scope: every endpoint answers 403 `forbidden`. */
  readOnlyKey: 'sk_live_readonly',
  /** The tenant the mock's events belong to. */
  tenantId: 'tenant_hookspec_mock',
} as const;
