import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINIMUM_NODE_VERSION, isSupportedNode } from '../../src/cli/node-version.ts';
import { OLD_NODE_VERSION, oldNode } from '../support/old-node.ts';
import { cliPath, ensureBuilt, root } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

describe('the Node.js version guard of the CLI', () => {
  it('requires the version package.json engines names', () => {
    const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(engines.node).toBe(`>=${MINIMUM_NODE_VERSION.replace(/\.0$/, '')}`);
  });

  it('compares versions numerically', () => {
    expect([
      isSupportedNode('20.20.2'),
      isSupportedNode('22.11.9'),
      isSupportedNode('22.12.0'),
      isSupportedNode('22.9.0'),
      isSupportedNode('24.1.0'),
      isSupportedNode('100.0.0'),
    ]).toEqual([false, false, true, false, true, true]);
  });

  it('on an older Node (20, brought by the test), dist/cli.js exits 2 with one line naming the required version', async () => {
    const node = await oldNode();
    expect(isSupportedNode(OLD_NODE_VERSION), `Node ${OLD_NODE_VERSION} is older than ${MINIMUM_NODE_VERSION}`).toBe(false);
    const result = spawnSync(node, [cliPath, 'sign', 'sidclaw', '--secret', 's', '--data', '{}'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `hookspec: Node.js 22.12.0 or newer is required (package.json engines: >=22.12); this is Node.js ${OLD_NODE_VERSION}. Install a current Node.js LTS and run it again.\n`,
    );
  }, 300_000);
});
