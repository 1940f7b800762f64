// Part of `npm run build`: writes the JSON Schema of `x-hookspec-delivery` (as a spec writes it,
// defaults optional) to dist/x-hookspec-delivery.schema.json, for editors and other tools.
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { deliveryExtension } from '../src/apis/delivery-description.ts';

const schema = {
  ...z.toJSONSchema(deliveryExtension, { io: 'input', target: 'draft-2020-12' }),
  title: 'x-hookspec-delivery',
  description: 'How one API delivers webhooks: the signature scheme and its fields, the envelope, the delivery timeout and the credential.',
};
await writeFile(new URL('../dist/x-hookspec-delivery.schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
console.log('x-hookspec-delivery.schema.json written');
