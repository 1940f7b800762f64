import type { Faker } from '@faker-js/faker';
import type { Json } from './read-spec.ts';
import { isRef, resolveRef } from './resolve-ref.ts';

/** How deep optional structure is filled; required structure always is, up to MAX_DEPTH. */
const OPTIONAL_DEPTH = 4;
const MAX_DEPTH = 16;

/** The first example a schema gives (`example`, `examples[0]`, `default`, `const`), if any. */
export function exampleOf(schema: Json): { value: unknown } | undefined {
  if ('const' in schema) return { value: schema.const };
  if (schema.example !== undefined) return { value: schema.example };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  if (schema.default !== undefined) return { value: schema.default };
  return undefined;
}

/** The first example of a media type object (`example`, or the first of `examples`). */
export function mediaExampleOf(file: string, document: Json, media: Json | undefined): { value: unknown } | undefined {
  if (!media) return undefined;
  if (media.example !== undefined) return { value: media.example };
  const first = Object.values((media.examples ?? {}) as Json)[0];
  if (first === undefined) return undefined;
  const example = resolveRef<Json>(file, document, first);
  return example.value === undefined ? undefined : { value: example.value };
}

/**
 * Fake data for a JSON Schema of an OpenAPI 3.1 document: the schema's own examples where it has
 * them, otherwise values by type and format from faker (`@faker-js/faker`, the optional peer the
 * generated factories of the five APIs use too). Local `$ref`s are followed; recursion stops at a
 * fixed depth, keeping only what is required.
 */
export function fakeValue(file: string, document: Json, schema: unknown, faker: Faker, depth = 0): unknown {
  const node = resolveRef<Json>(file, document, schema ?? {});
  if (typeof node !== 'object' || node === null) return node === false ? undefined : {};
  const example = exampleOf(node);
  if (example) return structuredClone(example.value);
  if (Array.isArray(node.enum) && node.enum.length > 0) return faker.helpers.arrayElement(node.enum);
  const alternatives = (node.oneOf ?? node.anyOf) as unknown[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) return fakeValue(file, document, alternatives[0], faker, depth + 1);
  if (Array.isArray(node.allOf)) {
    return Object.assign({}, ...node.allOf.map((part) => fakeValue(file, document, part, faker, depth + 1)));
  }
  const type = typeOf(node);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return faker.datatype.boolean();
    case 'integer':
    case 'number':
      return numberOf(node, type, faker);
    case 'string':
      return stringOf(node, faker);
    case 'array': {
      const min = typeof node.minItems === 'number' ? node.minItems : 1;
      const count = depth >= OPTIONAL_DEPTH ? min : Math.max(min, 1);
      return Array.from({ length: Math.min(count, 20) }, () => fakeValue(file, document, node.items ?? {}, faker, depth + 1));
    }
    default:
      return objectOf(file, document, node, faker, depth);
  }
}

function typeOf(node: Json): string {
  const type = node.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (node.properties || node.additionalProperties) return 'object';
  if (node.items) return 'array';
  return 'object';
}

function objectOf(file: string, document: Json, node: Json, faker: Faker, depth: number): Json {
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const value: Json = {};
  if (depth > MAX_DEPTH) return value;
  for (const [name, property] of Object.entries((node.properties ?? {}) as Json)) {
    if (!required.has(name) && (depth >= OPTIONAL_DEPTH || isRef(property))) continue;
    const fake = fakeValue(file, document, property, faker, depth + 1);
    if (fake !== undefined) value[name] = fake;
  }
  return value;
}

function numberOf(node: Json, type: string, faker: Faker): number {
  const min = typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + 1 : 0;
  const max = typeof node.maximum === 'number' ? node.maximum : typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum - 1 : min + 1000;
  return type === 'integer' ? faker.number.int({ min: Math.ceil(min), max: Math.floor(max) }) : faker.number.float({ min, max, fractionDigits: 2 });
}

function stringOf(node: Json, faker: Faker): string {
  switch (node.format) {
    case 'date-time':
      return faker.date.recent().toISOString();
    case 'date':
      return faker.date.recent().toISOString().slice(0, 10);
    case 'uuid':
      return faker.string.uuid();
    case 'email':
      return faker.internet.email();
    case 'uri':
    case 'url':
      return faker.internet.url();
    case 'ipv4':
      return faker.internet.ipv4();
    case 'ipv6':
      return faker.internet.ipv6();
    case 'hostname':
      return faker.internet.domainName();
  }
  if (typeof node.pattern === 'string') {
    try {
      return faker.helpers.fromRegExp(new RegExp(node.pattern));
    } catch {
      // A pattern faker cannot expand: fall through to a plain word.
    }
  }
  const min = typeof node.minLength === 'number' ? node.minLength : 1;
  const max = typeof node.maxLength === 'number' ? node.maxLength : Math.max(min, 16);
  return faker.string.alphanumeric({ length: { min, max: Math.min(max, Math.max(min, 32)) } });
}
