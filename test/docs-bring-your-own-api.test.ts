// docs/bring-your-own-api.md: its spec is the example file, byte for byte, and its code runs:
// a receiver on the provider's own library, graded by checkReceiver with the spec's battery.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAcmeReceiver } from '../examples/bring-your-own-api/check-receiver.ts';
import { startAcmeReceiver } from '../examples/bring-your-own-api/receiver.ts';

const page = readFileSync('docs/bring-your-own-api.md', 'utf8');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PREVIOUS = `whsec_${Buffer.from('the secret before the rotation!!').toString('base64')}`;
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

const urlOf = (server: Server) => {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks`;
};

describe('docs/bring-your-own-api.md', () => {
  it('shows the example spec verbatim', () => {
    const [, file, text] = page.match(/<!-- spec: (\S+) -->\n```yaml\n([\s\S]*?)```/) ?? [];
    expect(file).toBe('examples/bring-your-own-api/acme-notify.yaml');
    expect(text).toBe(readFileSync(file!, 'utf8'));
  });

  it("its receiver passes every case of check, the previous secret's included", async () => {
    const server = await startAcmeReceiver([SECRET, PREVIOUS]);
    servers.push(server);
    const report = await checkAcmeReceiver(urlOf(server), SECRET, PREVIOUS);
    expect(report.results.length).toBeGreaterThan(10);
    expect(report.results.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual([]);
    expect(report.results.find((r) => r.id === 'genuine/previous-secret')?.verdict).toBe('pass');
  });

  it('a receiver that forgot the previous secret fails exactly that case', async () => {
    const server = await startAcmeReceiver([SECRET]);
    servers.push(server);
    const report = await checkAcmeReceiver(urlOf(server), SECRET, PREVIOUS);
    expect(report.results.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual(['genuine/previous-secret']);
  });
});
