/**
 * The `keyid` that `--key mock` signs with, per API that signs with a key pair, for the help
 * of `--key`. Read off a signature the API's adapter makes with that key (RFC 9421 names the key
 * in `Signature-Input`), so the help states what the command really sends; the registry has no
 * field for the mock server's key.
 * @module
 */
import { type ApiAdapter, apis } from '../apis/index.ts';
import { signsWithKey } from './help-examples.ts';

/** `keyid="…"` of an RFC 9421 `Signature-Input`. */
const KEY_ID = /;\s*keyid="([^"]*)"/;

async function mockKeyIdOf(adapter: ApiAdapter): Promise<string | undefined> {
  try {
    const headers = await adapter.sign('{}', { key: 'mock' }, { method: 'POST', url: 'http://localhost/' });
    const input = Object.entries(headers).find(([name]) => name.toLowerCase() === 'signature-input')?.[1];
    return input === undefined ? undefined : KEY_ID.exec(input)?.[1];
  } catch {
    // An API without a mock key pair: its help names none.
    return undefined;
  }
}

/** API name → the keyid of its mock key pair, for the APIs that sign with a key and have one. */
export async function mockKeyIds(): Promise<ReadonlyMap<string, string>> {
  const found = await Promise.all(
    Object.values(apis)
      .filter(signsWithKey)
      .map(async (adapter) => [adapter.name, await mockKeyIdOf(adapter)] as const),
  );
  return new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}
