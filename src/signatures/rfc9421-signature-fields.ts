/**
 * Parsing and serialising the RFC 9421 `Signature-Input` and `Signature` fields
 * (structured-field dictionaries keyed by signature label).
 * @module
 */
import { isInnerList, parseDictionary, serializeDictionary, type Dictionary, type InnerList, type Item } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** A header value as frameworks give it (several lines are joined with `, `). */
export type FieldValue = string | readonly string[] | null | undefined;

function joinLines(value: FieldValue): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  return undefined;
}

function parseField(value: FieldValue, header: 'signature-input' | 'signature'): Dictionary {
  const text = joinLines(value);
  if (text === undefined || text.trim() === '') {
    throw new WebhookVerificationError(
      'missing_header',
      `The ${header === 'signature' ? 'Signature' : 'Signature-Input'} header is missing: the message is not signed, or a proxy removed the header.`,
      { header },
    );
  }
  try {
    return parseDictionary(text);
  } catch (cause) {
    throw new WebhookVerificationError(
      'malformed_header',
      `The ${header === 'signature' ? 'Signature' : 'Signature-Input'} header is not a valid structured-field dictionary (label=…): pass the raw header value.`,
      { header, cause },
    );
  }
}

/**
 * Parses `Signature-Input` into label → (covered components, parameters). Members that are not
 * Inner Lists throw `malformed_header`.
 *
 * @example
 * parseSignatureInput('sig1=("@method");created=1').get('sig1'); // [[['@method', Map {}]], Map { 'created' => 1 }]
 */
export function parseSignatureInput(value: FieldValue): Map<string, InnerList> {
  const dictionary = parseField(value, 'signature-input');
  for (const [label, member] of dictionary) {
    if (!isInnerList(member)) {
      throw new WebhookVerificationError(
        'malformed_header',
        `Signature-Input member "${label}" is not an inner list such as ("@method" "content-digest");created=….`,
        { header: 'signature-input' },
      );
    }
  }
  return dictionary as Map<string, InnerList>;
}

/**
 * Parses `Signature` into label → signature bytes. Members that are not byte sequences throw
 * `malformed_header`.
 *
 * @example
 * parseSignatureField('sig1=:AAEC:').get('sig1'); // Uint8Array [0, 1, 2]
 */
export function parseSignatureField(value: FieldValue): Map<string, Uint8Array> {
  const dictionary = parseField(value, 'signature');
  const out = new Map<string, Uint8Array>();
  for (const [label, member] of dictionary) {
    if (isInnerList(member) || !(member[0] instanceof ArrayBuffer)) {
      throw new WebhookVerificationError('malformed_header', `Signature member "${label}" is not a byte sequence (:base64:).`, {
        header: 'signature',
      });
    }
    out.set(label, new Uint8Array(member[0]));
  }
  return out;
}

/**
 * True when a string can be used as a signature label (a structured-field dictionary key).
 *
 * @example
 * isValidLabel('sig-b26'); // true
 * isValidLabel('Sig');     // false
 */
export function isValidLabel(label: string): boolean {
  return /^[a-z*][a-z0-9_\-.*]*$/.test(label);
}

/**
 * Adds a member to a (possibly absent) dictionary header value and serialises the result,
 * refusing to overwrite a label that is already there. `serializedMember`, when given, is the
 * member already serialised with structured-headers (saves re-serialising it).
 *
 * @example
 * appendDictionaryMember(undefined, 'sig1', [new Uint8Array([0, 1, 2]), new Map()], 'signature'); // 'sig1=:AAEC:'
 * appendDictionaryMember('a=1', 'sig1', [[['@method', new Map()]], new Map()]); // 'a=1, sig1=("@method")'
 */
export function appendDictionaryMember(
  existing: FieldValue,
  label: string,
  member: Item | InnerList,
  header = 'signature-input',
  serializedMember?: string,
): string {
  if (!isValidLabel(label)) {
    throw new WebhookVerificationError(
      'malformed_header',
      `Signature label "${label}" is not a structured-field key (lowercase letters, digits, _ - . *; starting with a letter or *).`,
      { header },
    );
  }
  const text = joinLines(existing);
  // A one-member dictionary serialises as key=member (RFC 8941 section 4.1.2).
  if (serializedMember !== undefined && (text === undefined || text.trim() === '')) return `${label}=${serializedMember}`;
  let dictionary: Dictionary = new Map();
  // A blank value parses as an empty dictionary.
  if (text !== undefined) {
    try {
      dictionary = parseDictionary(text);
    } catch (cause) {
      throw new WebhookVerificationError('malformed_header', `The existing ${header} header is not a valid dictionary.`, { header, cause });
    }
  }
  if (dictionary.has(label)) {
    throw new WebhookVerificationError('malformed_header', `The message already has a signature labelled "${label}": choose another label.`, {
      header,
    });
  }
  dictionary.set(label, member);
  try {
    return serializeDictionary(dictionary);
  } catch (cause) {
    throw new WebhookVerificationError('malformed_header', `The ${header} header cannot be serialised as a structured field.`, { header, cause });
  }
}
