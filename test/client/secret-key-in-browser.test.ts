/**
 * A secret key in a browser page is refused (`secret_key_in_browser`) unless
 * `dangerouslyAllowBrowser` is given; a public key (Exchange's `pk_`) passes; Node, which has
 * `navigator` but no `window` or `document`, never triggers it. The same in real Chromium:
 * test/browser/secret-key-page.test.ts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientConfigError } from '../../src/client/client-error.ts';
import { createExchangeClient } from '../../src/exchange/client.ts';
import { createPipevestClient } from '../../src/pipevest/client.ts';
import { createProvenonceClient } from '../../src/provenonce/client.ts';
import { createSidclawClient } from '../../src/sidclaw/client.ts';

const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const secretBranchKey = `sk_branch_${'a'.repeat(32)}`;
const publicKey = `pk_${'b'.repeat(32)}`;

const refused = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return error instanceof ClientConfigError ? { code: error.code, message: error.message } : { thrown: String(error) };
  }
  return undefined;
};

afterEach(() => vi.unstubAllGlobals());

describe('in Node (navigator, no window or document)', () => {
  it('a secret key is accepted: a server holds it', () => {
    expect(typeof navigator).toBe('object');
    expect(refused(() => createSidclawClient({ apiKey: 'sk_live_abc123' }))).toBeUndefined();
    expect(refused(() => createExchangeClient({ apiKey: secretBranchKey }))).toBeUndefined();
    expect(refused(() => createProvenonceClient({ apiKey: 'pvp_test_key' }))).toBeUndefined();
    expect(refused(() => createPipevestClient({ apiKey: '123456', clientId: '123456', privateKey }))).toBeUndefined();
  });
});

describe('with window, document and navigator (a page)', () => {
  const asPage = () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
  };

  it('refuses a secret key of every client, naming the fix', () => {
    asPage();
    const sidclaw = refused(() => createSidclawClient({ apiKey: 'sk_live_abc123' }));
    expect(sidclaw?.code).toBe('secret_key_in_browser');
    expect(sidclaw?.message).toContain('createSidclawProxyClient');
    expect(sidclaw?.message).toContain('dangerouslyAllowBrowser: true');
    expect(refused(() => createExchangeClient({ apiKey: secretBranchKey }))?.code).toBe('secret_key_in_browser');
    expect(refused(() => createProvenonceClient({ apiKey: 'pvp_test_key' }))?.code).toBe('secret_key_in_browser');
    expect(refused(() => createPipevestClient({ apiKey: '123456', clientId: '123456', privateKey }))?.code).toBe('secret_key_in_browser');
  });

  it('a public pk_ key needs no option; dangerouslyAllowBrowser lets a fake secret key through', () => {
    asPage();
    expect(refused(() => createExchangeClient({ apiKey: publicKey }))).toBeUndefined();
    expect(refused(() => createSidclawClient({ apiKey: 'sk_live_abc123', dangerouslyAllowBrowser: true }))).toBeUndefined();
    expect(refused(() => createExchangeClient({ apiKey: secretBranchKey, dangerouslyAllowBrowser: true }))).toBeUndefined();
  });

  it('a key of the wrong format is still reported as such first', () => {
    asPage();
    expect(refused(() => createSidclawClient({ apiKey: 'nope' }))?.code).toBe('invalid_api_key');
  });
});
