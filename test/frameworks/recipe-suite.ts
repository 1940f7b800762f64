/**
 * What every framework recipe must do, sent from the installed package as an integrator's
 * provider would: a genuine SidClaw and Pipevest delivery (`hookspec trigger`) is handled once
 * with its typed payload, a replay is acknowledged without a second call, and a tampered body,
 * a wrong secret or key and a stale timestamp are refused with 401 and the documented code.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from './running-app.ts';
import { scratchProject } from './scratch-project.ts';

const run = promisify(execFile);

export interface RecipeContext {
  /** The scratch project: node_modules with the packed package and the stacks, apps/ with the examples. */
  scratch: string;
  /** The environment every app reads. */
  env: { SIDCLAW_WEBHOOK_SECRET: string; PIPEVEST_WEBHOOK_PUBLIC_KEY: string };
}

interface Sent {
  status: number | null;
  body: { error?: string; message?: string; received?: boolean; type?: string; handled?: boolean; duplicate?: boolean };
}

/** The Pipevest key pair the apps trust, and another one they do not. */
function keyFiles(scratch: string, stack: string) {
  const pem = (name: string) => {
    const pair = generateKeyPairSync('ed25519');
    const file = join(scratch, `${stack}-${name}.pem`);
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(file, privatePem);
    return { file, privatePem, publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  };
  return { trusted: pem('trusted'), other: pem('other') };
}

export function describeRecipe(
  stack: string,
  start: (context: RecipeContext) => Promise<RunningApp>,
  options: { paths?: { sidclaw: string; pipevest: string }; timeoutMs?: number } = {},
) {
  const paths = options.paths ?? { sidclaw: '/webhooks/sidclaw', pipevest: '/webhooks/pipevest' };
  const secret = `whsec_${stack}_recipe`;
  const tenant = `tn_${stack}`;
  const webhookId = `wh_${stack}`;
  let scratch: string;
  let app: RunningApp | undefined;
  let keys: ReturnType<typeof keyFiles>;
  let signatures: typeof import('hookspec/signatures');
  let pipevestPackage: typeof import('hookspec/pipevest');

  const cli = async (args: string[]) => {
    const bin = join(scratch, 'node_modules', 'hookspec', 'dist', 'cli.js');
    const result = await run(process.execPath, [bin, ...args, '--json'], { cwd: scratch, env: { ...process.env, NO_COLOR: '1' } }).catch(
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    try {
      return JSON.parse(result.stdout) as Record<string, unknown>;
    } catch {
      throw new Error(`hookspec ${args.join(' ')} printed no JSON.\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    }
  };
  const trigger = async (args: string[]) => {
    const out = (await cli(['trigger', ...args])) as { deliveries: Array<{ deliveryId: string; status: number | null; body: string }> };
    const [delivery] = out.deliveries;
    return { deliveryId: delivery!.deliveryId, status: delivery!.status, body: JSON.parse(delivery!.body) as Sent['body'] };
  };
  const sign = async (api: string, body: string, url: string, credential: string[]) =>
    (await cli(['sign', api, ...credential, '--data', body, '--url', url])) as { headers: Record<string, string>; body: string };
  const send = async (url: string, headers: Record<string, string>, body: string): Promise<Sent> => {
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Sent['body'] };
  };
  const handledBy = (id: string) => app!.handled().filter((line) => line.id === id);

  describe(`${stack} recipe (from the packed package)`, () => {
    beforeAll(async () => {
      scratch = await scratchProject();
      keys = keyFiles(scratch, stack);
      const installed = (entry: string) => pathToFileURL(join(scratch, 'node_modules', 'hookspec', 'dist', `${entry}.js`)).href;
      signatures = (await import(installed('signatures'))) as typeof signatures;
      pipevestPackage = (await import(installed('pipevest'))) as typeof pipevestPackage;
      app = await start({ scratch, env: { SIDCLAW_WEBHOOK_SECRET: secret, PIPEVEST_WEBHOOK_PUBLIC_KEY: keys.trusted.publicPem } });
    }, options.timeoutMs ?? 600_000);

    afterAll(async () => {
      await app?.stop();
    });

    describe('SidClaw (HMAC-SHA256)', () => {
      const url = () => app!.origin + paths.sidclaw;
      const body = (id: string) =>
        JSON.stringify({ id, event: 'approval.requested', timestamp: new Date().toISOString(), tenant_id: tenant, data: { approval_id: 'ap_1' } });

      it('handles a genuine delivery once, with the typed payload', async () => {
        const sent = await trigger([
          'sidclaw',
          'approval.requested',
          '--to',
          url(),
          '--secret',
          secret,
          '--data',
          '{"approval_id":"ap_1"}',
          '--set',
          `tenant_id=${tenant}`,
        ]);
        expect(sent.status).toBe(200);
        expect(sent.body).toEqual({ received: true, type: 'approval.requested', handled: true });
        await expect.poll(() => handledBy(sent.deliveryId)).toEqual([{ handled: 'approval.requested', id: sent.deliveryId, tenant }]);
      });

      it('acknowledges a replay without handling it again', async () => {
        const signed = await sign('sidclaw', body(`${stack}-replay`), url(), ['--secret', secret]);
        expect(await send(url(), signed.headers, signed.body)).toEqual({ status: 200, body: { received: true, type: 'approval.requested', handled: true } });
        expect(await send(url(), signed.headers, signed.body)).toEqual({ status: 200, body: { received: true, duplicate: true } });
        await expect.poll(() => handledBy(signed.headers['x-webhook-id']!)).toHaveLength(1);
        expect(handledBy(signed.headers['x-webhook-id']!)).toHaveLength(1);
      });

      it('refuses a tampered body: 401 signature_mismatch', async () => {
        const signed = await sign('sidclaw', body(`${stack}-tampered`), url(), ['--secret', secret]);
        const sent = await send(url(), signed.headers, signed.body.replace(tenant, 'tn_attacker'));
        expect(sent).toMatchObject({ status: 401, body: { error: 'signature_mismatch' } });
      });

      it('refuses a wrong secret: 401 signature_mismatch', async () => {
        const sent = await trigger(['sidclaw', 'approval.requested', '--to', url(), '--secret', 'whsec_wrong', '--data', '{}']);
        expect(sent).toMatchObject({ status: 401, body: { error: 'signature_mismatch' } });
      });

      it('refuses a stale timestamp: 401 timestamp_out_of_tolerance', async () => {
        const signed = await sign('sidclaw', body(`${stack}-stale`), url(), ['--secret', secret]);
        const hourAgo = new Date(Date.now() - 3600_000).toISOString();
        const sent = await send(url(), { ...signed.headers, 'x-webhook-timestamp': hourAgo }, signed.body);
        expect(sent).toMatchObject({ status: 401, body: { error: 'timestamp_out_of_tolerance' } });
      });
    });

    describe('Pipevest (RFC 9421 Ed25519 + Content-Digest)', () => {
      const url = () => app!.origin + paths.pipevest;
      const data = {
        webhookId,
        status: 'ACTIVE',
        url: 'https://example.com/hooks',
        subscriptions: ['ALL'],
        createdAt: 1_795_000_000,
        updatedAt: 1_795_000_000,
      };
      const body = JSON.stringify({ event: 'WEBHOOK.CREATED', data });

      it('handles a genuine delivery once, with the typed payload', async () => {
        const sent = await trigger(['pipevest', 'WEBHOOK.CREATED', '--to', url(), '--key', `@${keys.trusted.file}`, '--data', JSON.stringify(data)]);
        expect(sent.status).toBe(200);
        expect(sent.body).toEqual({ received: true, type: 'WEBHOOK.CREATED', handled: true });
        await expect.poll(() => handledBy(webhookId)).toEqual([{ handled: 'WEBHOOK.CREATED', id: webhookId }]);
      });

      it('refuses a tampered body: 401 digest_mismatch', async () => {
        const signed = await sign('pipevest', body, url(), ['--key', `@${keys.trusted.file}`]);
        const sent = await send(url(), signed.headers, signed.body.replace(webhookId, 'wh_attacker'));
        expect(sent).toMatchObject({ status: 401, body: { error: 'digest_mismatch' } });
      });

      it('refuses a message signed with another key: 401 signature_mismatch', async () => {
        const sent = await trigger(['pipevest', 'WEBHOOK.CREATED', '--to', url(), '--key', `@${keys.other.file}`, '--data', JSON.stringify(data)]);
        expect(sent).toMatchObject({ status: 401, body: { error: 'signature_mismatch' } });
      });

      it('refuses a signature created an hour ago: 401 signature_expired', async () => {
        const headers = { 'content-type': 'application/json', 'content-digest': signatures.createContentDigest(body, ['sha-256']) };
        const created = Math.floor(Date.now() / 1000) - 3600;
        const signed = await signatures.signHttpMessage(
          { method: 'POST', url: url(), headers },
          {
            key: keys.trusted.privatePem,
            algorithm: 'ed25519',
            keyid: 'k1',
            components: pipevestPackage.PIPEVEST_DELIVERY_COMPONENTS,
            created,
            expires: created + 100,
            includeAlg: false,
          },
        );
        const sent = await send(url(), { ...headers, 'signature-input': signed.headers['signature-input']!, signature: signed.headers.signature! }, body);
        expect(sent).toMatchObject({ status: 401, body: { error: 'signature_expired' } });
      });
    });

    it('handled nothing but the genuine deliveries', () => {
      expect(
        app!
          .handled()
          .map((line) => line.handled)
          .sort(),
      ).toEqual(['WEBHOOK.CREATED', 'approval.requested', 'approval.requested']);
    });

    // Last: check's genuine deliveries are handled too. Its payloads come from the repository's faker factories.
    it('passes every graded case of hookspec check, SidClaw and Pipevest', async () => {
      const { checkReceiver } = await import('../../src/check/index.ts');
      const reports = [
        await checkReceiver({ api: 'sidclaw', url: app!.origin + paths.sidclaw, secret }),
        await checkReceiver({ api: 'pipevest', url: app!.origin + paths.pipevest, key: keys.trusted.privatePem }),
      ];
      for (const report of reports) {
        expect(
          report.results.filter((result) => result.verdict === 'fail' || result.verdict === 'warn').map((r) => `${r.id}: ${r.answer}`),
          report.api,
        ).toEqual([]);
      }
    });
  });
}
