/**
 * `x-hookspec-delivery` in the specs: every spec's description reads and names its own header;
 * `npm run lint:delivery` refuses a bad one naming the file, the path and the reason; a spec with
 * only Fern's `x-fern-webhook-signature` reads as the equivalent `hmac` description.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DeliveryDescriptionError, readDeliveryDescription } from '../../src/apis/read-delivery-description.ts';
import { specApiNames } from '../../src/apis/spec-files.ts';
import { root } from '../cli/helpers.ts';

const run = promisify(execFile);
const readSpec = (api: string) => parse(readFileSync(join(root, `openapi/${api}.yaml`), 'utf8')) as Record<string, unknown>;

/** The header each provider's document names for its credential. */
const documentedHeaders: Record<string, string> = {
  sidclaw: 'X-Webhook-Signature',
  provenonce: 'x-provenonce-signature',
  exchange: 'X-Signature',
  proven: 'X-API-Key',
};

describe('x-hookspec-delivery in the specs', () => {
  it('every spec has one that validates, naming its own header', () => {
    const descriptions = Object.fromEntries(
      specApiNames(join(root, 'openapi')).map((api) => [api, readDeliveryDescription(readSpec(api), `openapi/${api}.yaml`)]),
    );
    expect(Object.keys(descriptions)).toEqual(['exchange', 'pipevest', 'proven', 'provenonce', 'sidclaw']);
    for (const [api, header] of Object.entries(documentedHeaders)) {
      const description = descriptions[api]!;
      const named = description.scheme === 'hmac' ? description.hmac.header : description.scheme === 'api-key' ? description['api-key'].header : undefined;
      expect(named, api).toBe(header);
    }
    expect(descriptions.proven!.scheme).toBe('api-key');
    expect(descriptions.pipevest).toMatchObject({ scheme: 'rfc9421', rfc9421: { components: ['content-digest', 'content-type', '@method', '@target-uri'] } });
    expect(descriptions.provenonce!['timeout-ms']).toBe(3000);
    expect(descriptions.sidclaw).toMatchObject({ 'timeout-ms': 10_000, hmac: { 'message-id': { header: 'X-Webhook-ID' }, timestamp: { format: 'iso8601' } } });
  });

  it('a preset is one line', () => {
    expect(readDeliveryDescription({ 'x-hookspec-delivery': { scheme: 'standard-webhooks' } }, 'x.yaml')).toMatchObject({
      scheme: 'standard-webhooks',
      'timeout-ms': 10_000,
    });
  });

  it('names the file, the path and the reason of an invalid description', () => {
    const bad = { 'x-hookspec-delivery': { scheme: 'hmac', hmac: { header: 'X-Sig', algorithm: 'md5' } } };
    expect(() => readDeliveryDescription(bad, 'openapi/bad.yaml')).toThrow(DeliveryDescriptionError);
    expect(() => readDeliveryDescription(bad, 'openapi/bad.yaml')).toThrow(/^openapi\/bad\.yaml: x-hookspec-delivery\.hmac\.algorithm: .*sha256/);
    expect(() => readDeliveryDescription({ 'x-hookspec-delivery': { scheme: 'hmac' } }, 'a.yaml')).toThrow(/^a\.yaml: x-hookspec-delivery\.hmac: /);
    expect(() => readDeliveryDescription({}, 'b.yaml')).toThrow('b.yaml: x-hookspec-delivery.scheme: missing');
  });
});

describe("Fern's x-fern-webhook-signature", () => {
  const fern = {
    type: 'hmac',
    header: 'X-Fern-Signature',
    algorithm: 'sha512',
    encoding: 'base64',
    'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
    timestamp: { header: 'X-Fern-Timestamp', format: 'unix-seconds', tolerance: 60 },
  };
  const expected = {
    scheme: 'hmac',
    hmac: {
      header: 'X-Fern-Signature',
      algorithm: 'sha512',
      encoding: 'base64',
      'signature-prefix': '',
      'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
      timestamp: { header: 'X-Fern-Timestamp', format: 'unix-seconds', tolerance: 60 },
      'secret-encoding': 'utf8',
    },
  };

  it('at the document root reads as the equivalent hmac description', () => {
    expect(readDeliveryDescription({ 'x-fern-webhook-signature': fern }, 'f.yaml')).toMatchObject(expected);
  });

  it('per webhook reads the same, beside the rest of x-hookspec-delivery', () => {
    const document = {
      'x-hookspec-delivery': { 'timeout-ms': 5000 },
      webhooks: { a: { post: { 'x-fern-webhook-signature': fern } }, b: { post: { 'x-fern-webhook-signature': fern } } },
    };
    expect(readDeliveryDescription(document, 'f.yaml')).toMatchObject({ ...expected, 'timeout-ms': 5000 });
  });

  it('refuses an asymmetric one and webhooks that disagree', () => {
    expect(() => readDeliveryDescription({ 'x-fern-webhook-signature': { ...fern, type: 'asymmetric' } }, 'f.yaml')).toThrow(
      'f.yaml: x-fern-webhook-signature: x-fern-webhook-signature type "asymmetric" is not supported',
    );
    const webhooks = { a: { post: { 'x-fern-webhook-signature': fern } }, b: { post: { 'x-fern-webhook-signature': { ...fern, header: 'Other' } } } };
    expect(() => readDeliveryDescription({ webhooks }, 'f.yaml')).toThrow(/webhooks declare different/);
  });
});

describe('npm run lint:delivery', () => {
  let scratch: string | undefined;
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('passes on the specs and refuses a spec whose extension does not validate', async () => {
    await run(process.execPath, [join(root, 'scripts/check-delivery-specs.ts')], { cwd: root });
    scratch = mkdtempSync(join(tmpdir(), 'hookspec-delivery-'));
    mkdirSync(join(scratch, 'openapi'));
    writeFileSync(join(scratch, 'openapi/broken.yaml'), 'openapi: 3.1.0\nx-hookspec-delivery:\n  scheme: api-key\n  api-key: {}\n');
    const failure = await run(process.execPath, [join(root, 'scripts/check-delivery-specs.ts')], { cwd: scratch }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^openapi\/broken\.yaml: x-hookspec-delivery\.api-key\.header: /);
  });
});
