import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatJsonPath, lineColumn, readJson } from '../../src/model/json-source.js';

const errorAt = (text: string) => {
  const r = readJson(text);
  if (r.ok) throw new Error('expected a syntax error');
  return { ...lineColumn(text, r.offset), message: r.message };
};

describe('the config JSON reader', () => {
  it('reads what JSON.parse reads, to the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const r = readJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.source.value).toEqual(JSON.parse(text));
      }),
      { seed: 7208, numRuns: 300 },
    );
  });

  it('points at a missing comma by line and column', () => {
    expect(errorAt('{\n  "domains": ["a.example"]\n  "failOn": "error"\n}')).toEqual({ line: 3, column: 3, message: 'expected "," or "}" after a property, found "\\""' });
  });

  it('points at a trailing comma', () => {
    expect(errorAt('{\n  "ignore": ["x",]\n}')).toMatchObject({ line: 2, column: 18, message: 'trailing comma before "]"' });
  });

  it('reports an unterminated string where it starts, and the end of an empty file', () => {
    expect(errorAt('{"a": "oops}')).toMatchObject({ line: 1, column: 7, message: 'unterminated string' });
    expect(errorAt('')).toMatchObject({ line: 1, column: 1, message: 'expected a value, found end of file' });
  });

  it('refuses a duplicate key (JSON.parse would silently keep the last)', () => {
    expect(errorAt('{"failOn": "error",\r\n "failOn": "never"}')).toMatchObject({ line: 2, column: 2, message: 'duplicate key "failOn"' });
  });

  it('refuses comments and single quotes, which JSON does not have', () => {
    expect(errorAt('{ // hi\n}').message).toMatch(/property name/);
    expect(errorAt("{'a': 1}").message).toMatch(/property name in double quotes/);
  });

  it('treats __proto__ as an ordinary key', () => {
    const r = readJson('{"__proto__": {"polluted": true}}');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.source.value as object)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
  });

  it('skips a leading byte-order mark and does not count it as a column', () => {
    const text = '\ufeff{"a": }';
    expect(errorAt(text)).toMatchObject({ line: 1, column: 7 });
  });

  it('remembers where every value and key starts', () => {
    const text = '{\n  "domains": [\n    "a.example",\n    {"domain": 5}\n  ]\n}';
    const r = readJson(text);
    if (!r.ok) throw new Error(r.message);
    expect(lineColumn(text, r.source.valueOffset(['domains', 1, 'domain']))).toEqual({ line: 4, column: 16 });
    expect(lineColumn(text, r.source.keyOffset(['domains', 1, 'domain'])!)).toEqual({ line: 4, column: 6 });
    expect(lineColumn(text, r.source.valueOffset(['domains', 1, 'selectors']))).toEqual({ line: 4, column: 5 });
  });

  it('formats JSON paths', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['domains', 2, 'selectors', 0])).toBe('$.domains[2].selectors[0]');
    expect(formatJsonPath(['$schema', 'a b'])).toBe('$.$schema["a b"]');
  });
});
