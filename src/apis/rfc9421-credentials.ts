/**
 * `--key` and `--key-id` of an `rfc9421` API: the key pair read at scheme level (`mock` is the
 * description's test key), a bad key a usage error, and the keyid signatures name by default.
 * @module
 */
import { Rfc9421KeyError, type Rfc9421KeyPair, readRfc9421KeyPair } from '../schemes/rfc9421-key-pair.ts';
import type { Rfc9421Delivery } from './delivery-description.ts';
import { ApiInputError } from './errors.ts';

/** The key pair `--key` gives for an API of `description`. */
export function keyPairOf(description: Rfc9421Delivery, key: string): Rfc9421KeyPair {
  try {
    return readRfc9421KeyPair(key, description.rfc9421['test-key']?.['private-key']);
  } catch (error) {
    if (!(error instanceof Rfc9421KeyError)) throw error;
    throw new ApiInputError('invalid_credentials', `--key is ${error.message}.`);
  }
}

/** The keyid signatures name: `--key-id`, else the test key's (the mock's delivery key). */
export function keyIdOf(description: Rfc9421Delivery, keyId: string | undefined): string {
  const id = keyId ?? description.rfc9421['test-key']?.['key-id'];
  if (id === undefined) throw new ApiInputError('invalid_credentials', `${description.provider ?? 'This API'}'s signatures name their key: pass --key-id.`);
  return id;
}
