/**
 * Test credentials of the Exchange mock. Every key matching the spec's `ApiKey` pattern
 * (`sk_branch_`, `sk_personal_` or `pk_` followed by 32 letters or digits; the generated
 * `zApiKey`) is accepted:
 *
 * - `sk_branch_…` and `sk_personal_…` are secret keys and may register webhooks;
 * - `pk_…` keys are public and read-only: `POST /partner/webhooks` answers 403.
 *
 * No `Authorization` header, or a key of any other format, answers 401. The document's curl
 * example sends the placeholder `Bearer <token>`: put one of these keys in its place.
 */
export const exchangeMockCredentials = {
  /** Branch secret key: may register webhooks. */
  branchKey: 'sk_branch_hookspecMockBranchKey0123456789a',
  /** Personal secret key: may register webhooks. */
  personalKey: 'sk_personal_hookspecMockPersonalKey012345678',
  /** Public key: read-only, so registering a webhook answers 403. */
  publicKey: 'pk_hookspecMockPublicKey0123456789a',
} as const;
