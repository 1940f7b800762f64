/**
 * Test credentials of the Pipevest mock. TEST KEYS ONLY (see src/pipevest/mock-keys.ts).
 *
 * - The bearer token and client id are the document's own example values (`123456`), so its
 *   curl examples name the same credentials.
 * - The key pairs live in src/pipevest/mock-keys.ts (`hookspec/pipevest` exports them, no msw
 *   needed) and are re-exported here.
 */
import { pipevestMockKeys } from '../../src/pipevest/mock-keys.ts';

export { pipevestMockKeys, type PipevestTestKeyPair } from '../../src/pipevest/mock-keys.ts';

/** The credentials the mock accepts, as single-line strings (the mock server prints them). */
export const pipevestMockCredentials = Object.freeze({
  /** `Authorization: Bearer 123456`, the document's example token (tokens issued by POST /auth work too, for 3600 s). */
  bearerToken: '123456',
  /** `X-Client-Id: 123456`, the document's example. */
  clientId: '123456',
  /** The `keyid` requests are signed with. */
  keyId: pipevestMockKeys.client.keyId,
  /**
   * The client's private key as one line: the base64url seed (JWK `d`) of RFC 9421's test-key-ed25519. It works wherever an
   * Ed25519 key is taken (`privateKey` of createPipevestClient, `--key`, signHttpMessage); `pipevestMockKeys.client` has PEM and JWK too.
   */
  privateKeySeed: pipevestMockKeys.client.privateKeySeed,
  /** The `keyid` of the mock's webhook signatures (its public key: GET /webhooks/key). */
  webhookKeyId: pipevestMockKeys.delivery.keyId,
});
