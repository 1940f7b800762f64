// Post-processor for `openapi-ts` (see openapi-ts.config.ts), run once per API with the API's
// output folder as its argument. It does four things:
//
// 1. The faker plugin passes a spec's `pattern` to `faker.helpers.fromRegExp()` as a string, and
//    faker reads `^` and `$` in a string as literal characters, so an anchored pattern such as
//    `^[0-9a-f]{64}$` produced fakes that fail their own schema. Rewriting the argument as a
//    RegExp literal restores the anchors.
// 2. Marks every call in the initialisers of `zod.gen.ts`'s top-level exports `/* @__PURE__ */`
//    (zod's constructors have no side effects), so a bundler drops the schemas an application
//    does not use instead of keeping the whole API.
// 3. Writes `webhook-validators.gen.ts`: event type → payload validator, read from the freshly
//    generated `zod.gen.ts` (each `z<Operation>WebhookRequest`'s `body` and its `event`
//    literal), with named imports, so a verifier bundles the webhook schemas only.
// 4. Writes `operations.gen.ts`: every operation of the spec as data, for the mock server's spec
//    checker (scripts/write-operations.ts).
// 5. Writes `webhook-events.gen.ts`: the webhook event types as a plain array, so a browser form
//    or a `switch` can list them without loading any schema.
// 6. Writes `apis.gen.ts` in the output root: every API of the spec folder with its delivery
//    description, validators and fake-data loader, which the registry (src/apis/) is built from;
//    and `api-operations.gen.ts`: every API's operation table, for the mock's spec checker.
//    Every job writes the same file (the list comes from the spec folder, not from the jobs done).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { webhookValidatorsOf } from '../src/webhooks/event-registry.ts';
import { writeOperations } from './write-operations.ts';
import { specApiNames } from '../src/apis/spec-files.ts';
import { writeApiIndex } from './write-api-index.ts';

const PURE = '/* @__PURE__ */ ';
const outputDir = resolve(process.argv[2] ?? '');
/** The spec this folder was generated from (default `openapi/<folder name>.yaml`). */
const specFile = process.argv[3] ?? join('openapi', `${basename(outputDir)}.yaml`);

function fixFakerPatterns(file: string): void {
  if (!existsSync(file)) return;
  const source = readFileSync(file, 'utf8');
  const fixed = source.replace(/fromRegExp\('((?:[^'\\]|\\.)*)'\)/g, (_match, literal: string) => {
    const pattern = literal.replace(/\\(.)/g, '$1');
    return `fromRegExp(/${pattern.replace(/\//g, '\\/')}/)`;
  });
  if (fixed !== source) writeFileSync(file, fixed);
}

/** Inserts a pure mark before each call chain in the initialisers of top-level `export const`s. */
function markPureCalls(source: string): string {
  const file = ts.createSourceFile('zod.gen.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const starts = new Set<number>();
  const visit = (node: ts.Node): void => {
    // Code inside a function (e.g. `z.lazy(() => …)`) runs later, not at module load.
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node)) starts.add(node.getStart(file));
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer) visit(declaration.initializer);
    }
  }
  let marked = source;
  for (const start of [...starts].sort((a, b) => b - a)) {
    if (source.slice(Math.max(0, start - PURE.length), start) === PURE) continue;
    marked = marked.slice(0, start) + PURE + marked.slice(start);
  }
  return marked;
}

// The output folder may be a scratch folder outside the project (the drift check), where `zod`
// does not resolve; resolve it from here instead.
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'zod' || specifier.startsWith('zod/')) {
      return nextResolve(specifier, { ...context, parentURL: import.meta.url });
    }
    return nextResolve(specifier, context);
  },
});

/** The body field naming the event type: the delivery description's envelope's, when generation wrote one. */
async function eventFieldOf(deliveryFile: string): Promise<string | undefined> {
  if (!existsSync(deliveryFile)) return undefined;
  const { delivery } = (await import(pathToFileURL(deliveryFile).href)) as { delivery?: { envelope?: { event?: string } } };
  return delivery?.envelope?.event;
}

async function writeWebhookValidators(zodFile: string, file: string): Promise<void> {
  const zodModule = (await import(pathToFileURL(zodFile).href)) as Record<string, unknown>;
  const webhooks = webhookValidatorsOf(zodModule, await eventFieldOf(join(dirname(file), 'delivery.gen.ts')));
  const exportName = new Map<unknown, string>();
  for (const [name, value] of Object.entries(zodModule)) if (!exportName.has(value)) exportName.set(value, name);

  const imports = new Set<string>();
  const lines = webhooks.map(({ name, event, body }) => {
    // The payload schema itself when zod.gen.ts exports it, else the request validator's `body`.
    const bodyName = exportName.get(body);
    imports.add(bodyName ?? name);
    return `    '${event.replace(/[\\']/g, '\\$&')}': ${bodyName ?? `${name}.shape.body`}`;
  });
  const source = [
    `// This file is auto-generated by scripts/post-generate.ts from zod.gen.ts`,
    ``,
    ...(imports.size > 0 ? [`import { ${[...imports].sort().join(', ')} } from './zod.gen.ts';`, ``] : []),
    `/**`,
    ` * Event type → validator of its payload: the \`body\` of each \`z<Operation>WebhookRequest\`, keyed`,
    ` * by the constant the spec gives its event field.`,
    ` */`,
    `export const webhookValidators = {`,
    lines.join(',\n'),
    `} as const;`,
    ``,
  ].join('\n');
  writeFileSync(file, source);
  writeWebhookEvents(
    webhooks.map(({ event }) => event),
    join(dirname(file), 'webhook-events.gen.ts'),
  );
}

function writeWebhookEvents(events: string[], file: string): void {
  const source = [
    `// This file is auto-generated by scripts/post-generate.ts from zod.gen.ts`,
    ``,
    `/** Every event type the spec's \`webhooks\` send, keyed as in \`webhook-validators.gen.ts\`. */`,
    `export const webhookEvents = [`,
    events.map((event) => `    '${event.replace(/[\\']/g, '\\$&')}'`).join(',\n'),
    `] as const;`,
    ``,
  ].join('\n');
  writeFileSync(file, source);
}

fixFakerPatterns(join(outputDir, '@faker-js', 'faker.gen.ts'));
const zodFile = join(outputDir, 'zod.gen.ts');
if (existsSync(zodFile)) {
  writeFileSync(zodFile, markPureCalls(readFileSync(zodFile, 'utf8')));
  await writeWebhookValidators(zodFile, join(outputDir, 'webhook-validators.gen.ts'));
  // The output folder is named after the API (generated/<api>), and the spec after it too.
  const zodExports = new Set(Object.keys((await import(pathToFileURL(zodFile).href)) as object));
  writeOperations(specFile, zodExports, join(outputDir, 'operations.gen.ts'));
}
writeApiIndex(dirname(outputDir), specApiNames(dirname(specFile)));
