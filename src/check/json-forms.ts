/**
 * Valid JSON that `JSON.stringify` would not write: the bodies `check` signs to catch receivers
 * that verify a re-serialised body instead of the bytes that arrived.
 * @module
 */

/** A number written exactly as given (`1.0`, `1e2`), which `JSON.stringify` would rewrite. */
export class RawNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export interface JsonStyle {
  /** Indentation per level (default: none). */
  readonly indent?: string;
  /** Line break (default `\n` when indenting). */
  readonly newline?: string;
  /** Between a key and its value (default `:`). */
  readonly colon?: string;
  /** Write every ASCII letter in strings (keys too) as a `\u00XX` escape. */
  readonly escapeLetters?: boolean;
  /** Write object keys in reverse order. */
  readonly reverseKeys?: boolean;
}

const escapeLetters = (quoted: string) => quoted.replace(/[A-Za-z]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Serialises `value` in `style`; parses back to the same value as `JSON.stringify(value)` does. */
export function writeJson(value: unknown, style: JsonStyle, depth = 0): string {
  const newline = style.indent === undefined ? '' : (style.newline ?? '\n');
  const pad = (level: number) => (style.indent === undefined ? '' : newline + style.indent.repeat(level));
  if (value instanceof RawNumber) return value.text;
  if (typeof value === 'string') return style.escapeLetters ? escapeLetters(JSON.stringify(value)) : JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => pad(depth + 1) + writeJson(item, style, depth + 1)).join(',')}${pad(depth)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (style.reverseKeys) entries.reverse();
    if (entries.length === 0) return '{}';
    const key = (k: string) => (style.escapeLetters ? escapeLetters(JSON.stringify(k)) : JSON.stringify(k));
    const members = entries.map(([k, v]) => `${pad(depth + 1)}${key(k)}${style.colon ?? ':'}${writeJson(v, style, depth + 1)}`);
    return `{${members.join(',')}${pad(depth)}}`;
  }
  return JSON.stringify(value);
}

/** One body form: its case name, what it contains, and how it is written. */
export interface JsonForm {
  readonly name: string;
  readonly sent: string;
  /** Writes a payload in this form. */
  write(payload: Record<string, unknown>): string;
}

/** Text outside ASCII, in several scripts and outside the Basic Multilingual Plane. */
const NON_ASCII = 'Grüße aus Köln — 東京 ✓ 🚀';

/** The forms `check` sends; each is valid JSON and parses to what the sender meant. */
export const JSON_FORMS: readonly JsonForm[] = Object.freeze([
  {
    name: 'whitespace',
    sent: 'indented with tabs, CRLF line breaks, spaces around colons',
    write: (payload) => `${writeJson(payload, { indent: '\t', newline: '\r\n', colon: ' : ' })}\r\n`,
  },
  {
    name: 'unicode-escapes',
    sent: 'every letter in strings as a \\u00XX escape',
    write: (payload) => writeJson(payload, { escapeLetters: true }),
  },
  {
    name: 'non-ascii',
    sent: `plus a field of non-ASCII text as UTF-8 (${NON_ASCII})`,
    write: (payload) => writeJson({ ...payload, note: NON_ASCII }, {}),
  },
  {
    name: 'key-order',
    sent: 'object keys in reverse order at every level',
    write: (payload) => writeJson(payload, { reverseKeys: true }),
  },
  {
    name: 'numbers',
    sent: 'plus a field with the numbers 1.0, 1e2, -0.50 and 10E-1',
    write: (payload) => writeJson({ ...payload, amounts: ['1.0', '1e2', '-0.50', '10E-1'].map((text) => new RawNumber(text)) }, {}),
  },
]);
