// An rfc9421 API takes its `--key mock` and default `--key-id` from its description's test key;
// one that declares none asks for both up front, with usage errors.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatedApis } from '../../generated/apis.gen.ts';
import { defineApi, resolveCredentials } from '../../src/apis/index.ts';

const { 'test-key': _testKey, ...withoutTestKey } = generatedApis.pipevest.delivery.rfc9421;
const keyless = defineApi('keyless', { ...generatedApis.pipevest, delivery: { ...generatedApis.pipevest.delivery, rfc9421: withoutTestKey } });
const withTestKey = defineApi('with-test-key', generatedApis.pipevest);
const privatePem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('rfc9421 credentials from the description', () => {
  it('with a test key: mock signs under its keyid by default', async () => {
    const credentials = await resolveCredentials(withTestKey, { key: 'mock' });
    const delivery = await withTestKey.send({
      event: 'WEBHOOK.CREATED',
      body: '{"event":"WEBHOOK.CREATED","data":{}}',
      credentials,
      url: 'http://127.0.0.1/hooks',
    });
    expect(delivery.headers['signature-input']).toContain(`keyid="${generatedApis.pipevest.delivery.rfc9421['test-key']['key-id']}"`);
  });

  it('without one: mock is no key, and a key needs --key-id', async () => {
    await expect(resolveCredentials(keyless, { key: 'mock' })).rejects.toMatchObject({
      code: 'invalid_credentials',
      message: expect.stringContaining('no test key'),
    });
    await expect(resolveCredentials(keyless, { key: privatePem })).rejects.toMatchObject({
      code: 'invalid_credentials',
      message: expect.stringContaining('--key-id'),
    });
    await expect(resolveCredentials(keyless, { key: privatePem, keyId: 'partner-7' })).resolves.toEqual({ key: privatePem, keyId: 'partner-7' });
  });
});
