// Without the optional peer @faker-js/faker, a trigger without data fails naming the package to install.
import { describe, expect, it } from 'vitest';
import * as validators from '../../generated/sidclaw/zod.gen.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { lazyFakePayloads, MissingFakerError } from '../../src/webhooks/fake-payloads.ts';

const registry = eventRegistryFrom(validators);

describe('lazyFakePayloads', () => {
  it('names @faker-js/faker and how to install it when it cannot be loaded; a later load is retried', async () => {
    // What Vite's stub for a missing optional peer dependency throws when the chunk is imported.
    let installed = false;
    const load = async () => {
      if (!installed) throw new Error('Could not resolve "@faker-js/faker" imported by "hookspec". Is it installed?');
      return import('../../generated/sidclaw/@faker-js/faker.gen.ts');
    };
    const fake = lazyFakePayloads(load, registry);
    const failed = await fake('approval.requested').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(MissingFakerError);
    expect((failed as MissingFakerError).code).toBe('missing_faker');
    expect((failed as Error).message).toContain('npm install -D @faker-js/faker');
    expect((failed as Error).message).toContain('trigger(event, data)');
    installed = true;
    expect(await fake('approval.requested')).toMatchObject({ event: 'approval.requested' });
  });

  it('passes any other load failure on as it is', async () => {
    const broken = new SyntaxError('Unexpected token in faker.gen.ts');
    const fake = lazyFakePayloads(() => Promise.reject(broken), registry);
    await expect(fake('approval.requested')).rejects.toBe(broken);
  });
});
