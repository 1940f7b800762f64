// Writes `operations.gen.ts` for one API: every operation of openapi/<api>.yaml as data (method,
// path, parameters, security schemes with their key format, request body media types, documented
// responses), each schema pointing at its validator in the freshly generated `zod.gen.ts`. The mock
// server's spec checker reads it, so nothing the spec defines is typed again by hand.
// Called by scripts/post-generate.ts; fails generation when a validator it needs is missing.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
const quote = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;

/** Follows a local `$ref` (`#/components/…`) to what it points at. */
function resolver(spec: Json) {
  return function resolve<T = Json>(node: unknown): T {
    let current = node as Json;
    for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
      if (hops > 20) throw new Error(`$ref loop at ${String(current.$ref)}`);
      const ref = current.$ref as string;
      if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
      current = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((at, key) => (at as Json)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec) as Json;
      if (current === undefined) throw new Error(`Unresolved $ref ${ref}`);
    }
    return current as T;
  };
}

/** The zod export that validates a schema: `z<Component>` for a `$ref`, else the fallback. */
function schemaName(schema: Json | undefined, fallback: string | undefined): string | undefined {
  const ref = typeof schema?.$ref === 'string' ? (schema.$ref as string) : undefined;
  const component = ref?.match(/^#\/components\/schemas\/([^/]+)$/)?.[1];
  return component ? `z${component}` : fallback;
}

/**
 * Writes `file` from the spec at `specFile`; `zodExports` are the names `zod.gen.ts` exports.
 * Throws when an operation needs a validator that `zod.gen.ts` does not have.
 */
export function writeOperations(specFile: string, zodExports: ReadonlySet<string>, file: string): void {
  const spec = parse(readFileSync(specFile, 'utf8')) as Json;
  const resolve = resolver(spec);
  const schemes = ((spec.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;
  const imports = new Set<string>();
  const use = (name: string | undefined, what: string): string => {
    if (name === undefined) return 'undefined';
    if (!zodExports.has(name)) throw new Error(`${specFile}: ${what} needs ${name}, which zod.gen.ts does not export.`);
    imports.add(name);
    return name;
  };

  const securityOf = (requirements: unknown): string => {
    const alternatives = (requirements ?? []) as Array<Record<string, unknown>>;
    return `[${alternatives
      .map((requirement) => {
        const all = Object.keys(requirement).map((name) => {
          const scheme = resolve(schemes[name]);
          if (!scheme) throw new Error(`${specFile}: unknown security scheme ${name}`);
          const format = typeof scheme['x-hookspec-key-format'] === 'string' ? schemaName({ $ref: scheme['x-hookspec-key-format'] }, undefined) : undefined;
          const fields = [`name: ${quote(name)}`, `type: ${quote(String(scheme.type))}`];
          if (scheme.scheme) fields.push(`scheme: ${quote(String(scheme.scheme).toLowerCase())}`);
          if (scheme.in) fields.push(`in: ${quote(String(scheme.in))}`);
          if (scheme.name) fields.push(`parameter: ${quote(String(scheme.name))}`);
          if (format) fields.push(`keyFormat: ${use(format, `security scheme ${name}`)}`);
          return `{ ${fields.join(', ')} }`;
        });
        return `[${all.join(', ')}]`;
      })
      .join(', ')}]`;
  };

  const entries: string[] = [];
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    const pathItem = resolve(item);
    for (const method of METHODS) {
      const operation = pathItem[method] as Json | undefined;
      if (!operation) continue;
      const id = String(operation.operationId);
      const op = pascal(id);
      const parameters = [...((pathItem.parameters ?? []) as unknown[]), ...((operation.parameters ?? []) as unknown[])].map((p) => resolve(p));
      const has = (where: string) => parameters.some((p) => p.in === where);
      const parameterLines = parameters.map((p) => {
        const schema = resolve((p.schema ?? {}) as Json);
        return `{ name: ${quote(String(p.name))}, in: ${quote(String(p.in))}, required: ${p.required === true}, type: ${quote(String(schema.type ?? 'string'))} }`;
      });
      const body = operation.requestBody ? resolve(operation.requestBody) : undefined;
      const bodyContent = (body?.content ?? {}) as Record<string, Json>;
      const bodySchema = Object.values(bodyContent)[0]?.schema as Json | undefined;
      const responses = Object.entries((operation.responses ?? {}) as Record<string, unknown>).map(([status, value]) => {
        const response = resolve(value);
        const content = (response.content ?? {}) as Record<string, Json>;
        const schema = Object.values(content)[0]?.schema as Json | undefined;
        // Inline success schemas are generated as `z<Op>Response`; inline error schemas get no validator.
        const fallback = schema && /^2/.test(status) ? `z${op}Response` : undefined;
        const validator = schema ? use(schemaName(schema, fallback), `${id} response ${status}`) : 'undefined';
        return `      ${quote(status)}: { mediaTypes: [${Object.keys(content).map(quote).join(', ')}], schema: ${validator} }`;
      });
      entries.push(
        [
          `  {`,
          `    operationId: ${quote(id)},`,
          `    method: ${quote(method.toUpperCase())},`,
          `    path: ${quote(path)},`,
          `    parameters: [${parameterLines.join(', ')}],`,
          `    pathSchema: ${has('path') ? use(`z${op}Path`, `${id} path parameters`) : 'undefined'},`,
          `    querySchema: ${has('query') ? use(`z${op}Query`, `${id} query parameters`) : 'undefined'},`,
          `    headerSchema: ${has('header') ? use(`z${op}Headers`, `${id} headers`) : 'undefined'},`,
          `    security: ${securityOf(operation.security ?? spec.security)},`,
          body
            ? `    requestBody: { required: ${body.required === true}, mediaTypes: [${Object.keys(bodyContent).map(quote).join(', ')}], schema: ${bodySchema ? use(schemaName(bodySchema, `z${op}Body`), `${id} request body`) : 'undefined'} },`
            : `    requestBody: undefined,`,
          `    responses: {`,
          responses.join(',\n'),
          `    },`,
          `  }`,
        ].join('\n'),
      );
    }
  }

  const source = [
    `// This file is auto-generated by scripts/post-generate.ts from the spec and zod.gen.ts`,
    ``,
    ...(imports.size > 0 ? [`import { ${[...imports].sort().join(', ')} } from './zod.gen.ts';`, ``] : []),
    `/**`,
    ` * Every operation of the spec as data: where it lives, what it takes (parameters, security`,
    ` * schemes and their key format, body media types) and what it may answer, each schema as its`,
    ` * generated validator.`,
    ` */`,
    `export const operations = [`,
    entries.join(',\n'),
    `] as const;`,
    ``,
  ].join('\n');
  writeFileSync(file, source);
}
