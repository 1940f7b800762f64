/**
 * The Pipevest mock server's Ed25519 test key pairs, here (not in hookspec/mocks/pipevest) so
 * that code without msw can sign requests to the mock and verify its webhook messages.
 * TEST KEYS ONLY: both private keys below are public knowledge (one is printed in RFC 9421);
 * never use them outside tests and local development.
 *
 * - `client` is RFC 9421's published `test-key-ed25519` (Appendix B.1.4), announced with the
 *   document's `keyid="staging-pipevest-ed25519"`. The mock verifies every request against its
 *   public half.
 * - `delivery` is a key pair generated once for this project: the mock signs webhook messages
 *   with it and returns its public half from `GET /webhooks/key`.
 */

/** An Ed25519 key pair in the forms the client, the verifier and Web Crypto accept. */
export interface PipevestTestKeyPair {
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly privateJwk: Readonly<JsonWebKey>;
  readonly publicJwk: Readonly<JsonWebKey>;
  /** The private key as one line: the base64url 32-byte seed (the JWK `d`), accepted wherever an Ed25519 key is. */
  readonly privateKeySeed: string;
}

/** RFC 9421 Appendix B.1.4 `test-key-ed25519`, as the client's default signing key. TEST ONLY. */
const clientKey: PipevestTestKeyPair = Object.freeze({
  keyId: 'staging-pipevest-ed25519',
  privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n',
  privateJwk: Object.freeze({
    kty: 'OKP',
    crv: 'Ed25519',
    x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs',
    d: 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU',
  }),
  publicJwk: Object.freeze({ kty: 'OKP', crv: 'Ed25519', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' }),
  privateKeySeed: 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU',
});

/** The mock's own webhook-signing key pair (generated once for this project). TEST ONLY. */
const deliveryKey: PipevestTestKeyPair = Object.freeze({
  keyId: 'pipevest-mock-webhooks-ed25519',
  privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHKCL8Rc9qg4ZCS85kGghBKzcHuUB1Zx/enPn6jY4ml2\n-----END PRIVATE KEY-----\n',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAYAR0d7bbgz2OorAbAKrwBhLk2lxFpXnlyH/Q3VChi/8=\n-----END PUBLIC KEY-----\n',
  privateJwk: Object.freeze({
    kty: 'OKP',
    crv: 'Ed25519',
    x: 'YAR0d7bbgz2OorAbAKrwBhLk2lxFpXnlyH_Q3VChi_8',
    d: 'coIvxFz2qDhkJLzmQaCEErNwe5QHVnH96c-fqNjiaXY',
  }),
  publicJwk: Object.freeze({ kty: 'OKP', crv: 'Ed25519', x: 'YAR0d7bbgz2OorAbAKrwBhLk2lxFpXnlyH_Q3VChi_8' }),
  privateKeySeed: 'coIvxFz2qDhkJLzmQaCEErNwe5QHVnH96c-fqNjiaXY',
});

/** The mock's key pairs: `client` signs requests to the mock, `delivery` signs the mock's webhook messages. TEST ONLY. */
export const pipevestMockKeys = Object.freeze({ client: clientKey, delivery: deliveryKey });
