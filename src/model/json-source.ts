// A strict JSON (RFC 8259) reader that remembers where every value and key starts, so a config
// error can name file:line:column for bad syntax and for a value that fails validation.
// Differences from JSON.parse, on purpose: a leading UTF-8 BOM is skipped, a duplicate key is an
// error (the second one would silently win), and `__proto__` is an ordinary key.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A path into a JSON document: object keys and array indexes, outermost first. */
export type JsonPath = ReadonlyArray<string | number>;

export interface JsonSource {
  value: JsonValue;
  /** Offset of the value at `path` (or of the nearest enclosing value that exists). */
  valueOffset(path: JsonPath): number;
  /** Offset of the key that names the member at `path`, when it is an object member. */
  keyOffset(path: JsonPath): number | null;
}

export type JsonReadResult = { ok: true; source: JsonSource } | { ok: false; offset: number; message: string };

/** `$.domains[2].name` style rendering of a path. */
export function formatJsonPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`))
      .join('')
  );
}

const pathKey = (path: JsonPath) => JSON.stringify(path);

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function readJson(text: string): JsonReadResult {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const describe = (at: number) => (at >= text.length ? 'end of file' : `${JSON.stringify(text[at])}`);
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const expect = (ch: string, what: string) => {
    if (text[i] !== ch) throw new Fail(i, `expected ${what}, found ${describe(i)}`);
    i++;
  };

  const readString = (): string => {
    const start = i;
    expect('"', 'a string');
    let out = '';
    for (;;) {
      if (i >= text.length) throw new Fail(start, 'unterminated string');
      const ch = text[i] as string;
      const code = ch.charCodeAt(0);
      if (ch === '"') {
        i++;
        return out;
      }
      if (code < 0x20) throw new Fail(i, 'control character in string (escape it, e.g. \\n)');
      if (ch !== '\\') {
        out += ch;
        i++;
        continue;
      }
      const esc = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (esc !== undefined && simple[esc] !== undefined) {
        out += simple[esc];
        i += 2;
      } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        throw new Fail(i, `invalid escape ${JSON.stringify(text.slice(i, i + 2))} in string`);
      }
    }
  };

  const readValue = (path: (string | number)[], depth: number): JsonValue => {
    ws();
    if (depth > 200) throw new Fail(i, 'nesting too deep');
    values.set(pathKey(path), i);
    const ch = text[i];
    if (ch === '{') {
      i++;
      const obj: { [key: string]: JsonValue } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        const keyAt = i;
        if (text[i] !== '"') throw new Fail(i, `expected a property name in double quotes, found ${describe(i)}`);
        const key = readString();
        if (Object.prototype.hasOwnProperty.call(obj, key)) throw new Fail(keyAt, `duplicate key ${JSON.stringify(key)}`);
        keys.set(pathKey([...path, key]), keyAt);
        ws();
        expect(':', '":" after the property name');
        const v = readValue([...path, key], depth + 1);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') throw new Fail(i, 'trailing comma before "}"');
          continue;
        }
        expect('}', '"," or "}" after a property');
        return obj;
      }
    }
    if (ch === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(readValue([...path, arr.length], depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') throw new Fail(i, 'trailing comma before "]"');
          continue;
        }
        expect(']', '"," or "]" after an array element');
        return arr;
      }
    }
    if (ch === '"') return readString();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    throw new Fail(i, `expected a value, found ${describe(i)}`);
  };

  try {
    const value = readValue([], 0);
    ws();
    if (i < text.length) throw new Fail(i, `unexpected ${describe(i)} after the JSON value`);
    const source: JsonSource = {
      value,
      valueOffset(path) {
        for (let n = path.length; n >= 0; n--) {
          const at = values.get(pathKey(path.slice(0, n)));
          if (at !== undefined) return at;
        }
        return 0;
      },
      keyOffset: (path) => keys.get(pathKey(path)) ?? null,
    };
    return { ok: true, source };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, offset: err.offset, message: err.message };
    throw err;
  }
}

/** 1-based line and column (in UTF-16 code units) of `offset`; CRLF, LF and CR end lines. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    const c = text[k];
    if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) {
      line++;
      lineStart = k + 1;
    }
  }
  // a leading BOM is invisible in editors: do not count it as a column
  const bom = line === 1 && text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0;
  return { line, column: Math.min(offset, text.length) - lineStart + 1 - bom };
}
