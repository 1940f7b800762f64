import { describe, expect, it } from 'vitest';
import { JSON_FORMS, RawNumber, writeJson } from '../../src/check/json-forms.ts';

const payload = { id: 'd1', event: 'approval.requested', data: { n: 2, list: [1, 'a', null, true], nested: { z: 1, a: 'é' } } };

describe('the odd JSON forms check signs', () => {
  for (const form of JSON_FORMS) {
    it(`${form.name}: valid JSON, not what JSON.stringify writes, parsing back to the payload (plus its own field)`, () => {
      const text = form.write(payload);
      expect(text).not.toBe(JSON.stringify(payload));
      expect(JSON.parse(text)).toMatchObject(payload);
    });
  }

  it('writes each variation as asked', () => {
    expect(writeJson({ a: 'b' }, { escapeLetters: true })).toBe('{"\\u0061":"\\u0062"}');
    expect(writeJson({ a: 1, b: [2] }, { reverseKeys: true })).toBe('{"b":[2],"a":1}');
    expect(writeJson({ a: [1] }, { indent: '\t', newline: '\r\n', colon: ' : ' })).toBe('{\r\n\t"a" : [\r\n\t\t1\r\n\t]\r\n}');
    expect(writeJson([new RawNumber('1.0'), new RawNumber('1e2')], {})).toBe('[1.0,1e2]');
    expect(JSON.parse(JSON_FORMS.find((f) => f.name === 'numbers')!.write({})).amounts).toEqual([1, 100, -0.5, 1]);
  });
});
