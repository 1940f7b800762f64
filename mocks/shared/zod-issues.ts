import type { ZodError } from 'zod';
import { specDescriptionAt, type SpecSchema } from './spec-schema-at.ts';

type Issue = ZodError['issues'][number];

/** `events[2].name`: how a reader names a field. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '') || 'body';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

const quote = (value: unknown) => (typeof value === 'string' ? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"` : JSON.stringify(value));
const article = (type: string) =>
  ({ array: 'an array', object: 'an object', boolean: 'true or false', string: 'a string', number: 'a number', int: 'a whole number' })[type] ?? type;
const plural = (count: number | bigint, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const formats: Record<string, string> = {
  url: 'a URL',
  email: 'an email address',
  uuid: 'a UUID',
  datetime: 'an ISO 8601 date-time',
  date: 'an ISO 8601 date',
};

/** A bound in words: "at least 1 item", "at most 100", "more than 0 characters". */
function bound(issue: Issue & { origin?: string; inclusive?: boolean }, which: 'least' | 'most', limit: number | bigint): string {
  const amount =
    issue.origin === 'array' || issue.origin === 'set' ? plural(limit, 'item') : issue.origin === 'string' ? plural(limit, 'character') : String(limit);
  if (issue.inclusive === false) return `${which === 'least' ? 'more' : 'fewer'} than ${amount}`;
  return `at ${which} ${amount}`;
}

/** A count of items or characters is had; a number is. */
const verb = (origin: string) => (origin === 'number' || origin === 'int' || origin === 'bigint' || origin === 'date' ? 'be' : 'have');

/** What one issue's field must be, in words, from the issue's data and the spec's description. */
function requirement(issue: Issue, input: unknown, spec: SpecSchema | undefined): string {
  const described =
    spec &&
    specDescriptionAt(spec, issue.path)
      ?.replace(/`/g, '')
      .replace(/\.\s*$/, '');
  const got = valueAt(input, issue.path);
  // A rule that wraps another (the mocks' receiver URL rule) passes the inner issue in `params`
  // and adds a note to its message: say what the inner rule allows, then the note.
  const inner = issue.code === 'custom' ? (issue.params?.issue as Issue | undefined) : undefined;
  if (inner && typeof inner.code === 'string') {
    const note = issue.message.startsWith(inner.message) ? issue.message.slice(inner.message.length) : '';
    return `${requirement({ ...inner, path: issue.path } as Issue, input, spec)}${note}`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return got === undefined ? 'is required' : `must be ${article(issue.expected)}, not ${quote(got)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${issue.values.map(quote).join(', ')}`;
    case 'too_small':
      return `must ${verb(issue.origin)} ${bound(issue, 'least', issue.minimum)}`.replace('have at least 1 item', 'list at least one item');
    case 'too_big':
      return `must ${verb(issue.origin)} ${bound(issue, 'most', issue.maximum)}`;
    case 'invalid_format':
      // A pattern means nothing to most readers: say what the spec says the field is.
      if (described) return `must be ${described}; got ${quote(got)}`;
      return issue.format === 'regex' && 'pattern' in issue
        ? `must match ${String(issue.pattern)}; got ${quote(got)}`
        : `must be ${formats[issue.format] ?? `a valid ${issue.format}`}; got ${quote(got)}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} the spec does not allow: ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** Each issue as a tool reads it: the zod path and code, and the sentence the message uses. */
export interface IssueSummary {
  path: PropertyKey[];
  code: Issue['code'];
  message: string;
}

/**
 * The issues in words: the field named and what it allows, from the issue (enum values,
 * bounds, format) and, for patterns, from the field's description in the spec.
 */
export function summarizeIssues(error: ZodError, options: { input?: unknown; spec?: SpecSchema } = {}): IssueSummary[] {
  const summaries = error.issues.map((issue) => ({
    path: issue.path,
    code: issue.code,
    message: `${fieldName(issue.path)} ${requirement(issue, options.input, options.spec)}`,
  }));
  // A URL that fails both `format: uri` and the pattern reads the same twice: say it once.
  return summaries.filter((summary, index) => summaries.findIndex((other) => other.message === summary.message) === index).slice(0, 5);
}

/** A short, readable summary of validation issues for an error body's message. */
export function describeIssues(error: ZodError, options: { input?: unknown; spec?: SpecSchema } = {}): string {
  return summarizeIssues(error, options)
    .map((issue) => issue.message)
    .join('; ');
}

/**
 * The zod issue paths and codes as a response header, for tools that point at the field,
 * while the body keeps the document's own error format.
 */
export function issuesHeader(error: ZodError): Record<string, string> {
  const all = error.issues.map(({ path, code }) => JSON.stringify({ path: path.map((key) => (typeof key === 'symbol' ? String(key) : key)), code }));
  // A URL failing both `format: uri` and the pattern is one issue to a reader: list it once.
  const issues = [...new Set(all)].slice(0, 5).map((issue) => JSON.parse(issue) as { path: Array<string | number>; code: string });
  // Header values are Latin-1: escape anything else.
  return { 'x-mock-issues': JSON.stringify(issues).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) };
}
