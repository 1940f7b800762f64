// createPipevestKeyResolver's decisions, called directly: which key answers it accepts, what its
// errors say (code, header, cause, the key endpoint's status), and the exact refetch cooldown.
import { describe, expect, it } from 'vitest';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { createPipevestKeyResolver, type PipevestKeyResolver, type PipevestKeyResolverOptions } from '../../src/pipevest/key-resolver.ts';

const { keyId, publicKeyPem } = pipevestMockKeys.delivery;

/** The error a resolver call rejects with: the back-off error, whose cause is the fetch's own error. */
async function failureOf(call: Promise<unknown>): Promise<WebhookVerificationError & { cause: WebhookVerificationError }> {
  try {
    await call;
  } catch (error) {
    return error as WebhookVerificationError & { cause: WebhookVerificationError };
  }
  throw new Error('expected a rejection');
}

/** Asks the resolver for a keyid as the verifier does (the algorithm and parameters are not used). */
const ask = (resolver: PipevestKeyResolver, keyid: string | undefined): Promise<unknown> => Promise.resolve(resolver(keyid, undefined, {} as never));

const fromAnswer = (answer: unknown) => createPipevestKeyResolver({ fetchKey: async () => answer as never });

/** A client whose generated SDK call answers `result`. */
const fromClient = (result: { data?: unknown; error?: unknown; response?: { status: number } }) =>
  createPipevestKeyResolver({ client: { getWebhookPublicKey: async () => result } } as unknown as PipevestKeyResolverOptions);

describe('createPipevestKeyResolver: the key answer', () => {
  it('accepts an answer without algorithm, and one with ed25519', async () => {
    expect(await ask(fromAnswer({ keyId, publicKey: publicKeyPem }), keyId)).toBe(publicKeyPem);
    expect(await ask(fromAnswer({ keyId, algorithm: 'ed25519', publicKey: publicKeyPem }), undefined)).toBe(publicKeyPem);
  });

  it('refuses an answer that does not match the spec, with unknown_key on signature-input and the cause kept', async () => {
    const error = await failureOf(ask(fromAnswer({ keyId, algorithm: 'rsa', publicKey: publicKeyPem }), keyId));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.code).toBe('unknown_key');
    expect(error.header).toBe('signature-input');
    expect(error.cause).toBeInstanceOf(WebhookVerificationError);
    expect(error.cause.code).toBe('unknown_key');
    expect(error.cause.header).toBe('signature-input');
    expect(error.cause.message).toBe("Could not get the Pipevest webhook key: the answer does not match the spec's WebhookPublicKey.");
    expect(error.cause.cause).toBeDefined();
  });

  it('refuses an answer with an empty keyId or an empty publicKey', async () => {
    for (const answer of [{ keyId: '', publicKey: publicKeyPem }, { keyId, publicKey: '' }, { publicKey: publicKeyPem }]) {
      const error = await failureOf(ask(fromAnswer(answer), keyId));
      expect(error.code).toBe('unknown_key');
      expect(error.cause.message).toBe('Could not get the Pipevest webhook key: the answer has no keyId or no publicKey.');
    }
  });

  it('a fetch that throws a plain error becomes unknown_key with that message and cause', async () => {
    const cause = new Error('ECONNREFUSED');
    const error = await failureOf(ask(createPipevestKeyResolver({ fetchKey: () => Promise.reject(cause) }), keyId));
    expect(error.cause.code).toBe('unknown_key');
    expect(error.cause.message).toBe('Could not get the Pipevest webhook key: ECONNREFUSED');
    expect(error.cause.cause).toBe(cause);
    const odd = await failureOf(ask(createPipevestKeyResolver({ fetchKey: () => Promise.reject('down') }), keyId));
    expect(odd.cause.message).toBe('Could not get the Pipevest webhook key: down');
  });
});

describe('createPipevestKeyResolver: through the generated client', () => {
  it('uses the data of a successful answer', async () => {
    const resolver = fromClient({ data: { keyId, algorithm: 'ed25519', publicKey: publicKeyPem }, response: { status: 200 } });
    expect(await ask(resolver, keyId)).toBe(publicKeyPem);
    expect(resolver.knownKeyIds()).toEqual([keyId]);
  });

  it('refuses an answer with an error even when it has data, and one with neither', async () => {
    const withError = await failureOf(
      ask(fromClient({ data: { keyId, publicKey: publicKeyPem }, error: { error: 'stale' }, response: { status: 200 } }), keyId),
    );
    expect(withError.cause.message).toBe('Could not get the Pipevest webhook key: GET /webhooks/key answered 200 (stale).');
    const empty = await failureOf(ask(fromClient({ response: { status: 204 } }), keyId));
    expect(empty.cause.message).toBe('Could not get the Pipevest webhook key: GET /webhooks/key answered 204.');
  });

  it("names the status, and the spec's error field only when the error body has one", async () => {
    const cases: [Parameters<typeof fromClient>[0], string][] = [
      [{ error: { error: 'key_unavailable' }, response: { status: 503 } }, 'answered 503 (key_unavailable).'],
      [{ error: { detail: 'no error field' }, response: { status: 500 } }, 'answered 500.'],
      [{ error: 'plain text body', response: { status: 502 } }, 'answered 502.'],
      [{ error: new Error('fetch failed') }, 'answered nothing.'],
    ];
    for (const [result, ending] of cases) {
      const error = await failureOf(ask(fromClient(result), keyId));
      expect(error.cause.message).toBe(`Could not get the Pipevest webhook key: GET /webhooks/key ${ending}`);
    }
  });
});

describe('createPipevestKeyResolver: the refetch cooldown', () => {
  it('refetches for an unknown keyid again exactly when the cooldown has passed, not a millisecond before', async () => {
    let clock = 1_000_000;
    const resolver = createPipevestKeyResolver({ now: () => clock, refetchCooldownMs: 1_000, fetchKey: async () => ({ keyId, publicKey: publicKeyPem }) });
    expect(await ask(resolver, keyId)).toBe(publicKeyPem);
    expect(resolver.fetchCount).toBe(1);
    expect(await ask(resolver, 'unknown')).toBeUndefined();
    expect(resolver.fetchCount).toBe(2);
    clock += 999;
    expect(await ask(resolver, 'unknown')).toBeUndefined();
    expect(resolver.fetchCount).toBe(2);
    clock += 1;
    expect(await ask(resolver, 'unknown')).toBeUndefined();
    expect(resolver.fetchCount).toBe(3);
    // A known keyid, and no keyid (the current key), never cause a fetch.
    clock += 5_000;
    expect(await ask(resolver, keyId)).toBe(publicKeyPem);
    expect(await ask(resolver, undefined)).toBe(publicKeyPem);
    expect(resolver.fetchCount).toBe(3);
  });
});
