/**
 * Test credentials of the Provenonce mock. Which keys the mock accepts:
 *
 * - every key matching the spec's `ApiKey` pattern (`pvp_…` or `pvt_…` followed by letters,
 *   digits, `_` or `-`; the generated `zApiKey`) is a known partner;
 * - the document's literal placeholders `pvp_...` and `pvt_...` are partners too, so its curl
 *   examples (`Authorization: Bearer pvp_...`) run unchanged against the mock although the dots
 *   fall outside the pattern;
 * - `suspendedKey` is well formed but answers 403 `AUTH_FORBIDDEN`, like a suspended partner.
 *
 * Any other key is a partner that does not exist (403 `AUTH_FORBIDDEN`); no `Authorization`
 * header is 401 `AUTH_MISSING`. Each accepted key is its own partner with its own configuration.
 */
export const provenonceMockCredentials = {
  /** A production-style partner key. */
  partnerKey: 'pvp_hookspec_partner',
  /** A test-mode partner key (a different partner from `partnerKey`). */
  testKey: 'pvt_hookspec_partner',
  /** The placeholder the document's curl examples use. */
  documentKey: 'pvp_...',
  /** The document's other placeholder (`Authorization: Bearer pvt_...`). */
  documentTestKey: 'pvt_...',
  /** Well formed, but the partner is suspended: every operation answers 403 `AUTH_FORBIDDEN`. */
  suspendedKey: 'pvp_suspended',
} as const;
