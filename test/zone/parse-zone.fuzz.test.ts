// Bad input gives a ZoneFileError naming a position, never another exception or a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';

const PIECES = [
  '@', 'www', 'a.b.', '*', '.', ' ', '\t', '\n', '\r\n', '(', ')', ';c', '"', '"q s"', '\\', '\\"', '\\065', '\\999', '\\1',
  '$TTL', '$ORIGIN', '$FOO', 'IN', 'CH', '60', '1h', '99999999999', 'A', 'AAAA', 'MX', 'TXT', 'SPF', 'CNAME',
  'NS', 'SOA', 'PTR', 'CAA', 'TYPE1', 'TYPE65280', '\\#', '4', 'c0000201', '192.0.2.1', '2001:db8::1', '0', '10',
  'x'.repeat(70), '\xe9', '\xff',
];

describe('the reader on arbitrary input', () => {
  it('either parses or throws a ZoneFileError with a position inside the text', () => {
    const outcomes = { parsed: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.array(fc.constantFrom(' ', '\n', ''), { maxLength: 40 }), (pieces, gaps) => {
        const text = pieces.map((p, i) => p + (gaps[i] ?? ' ')).join('');
        try {
          parseZoneText(text, { file: 'f.zone', origin: 'example.test', defaultTtl: 1 });
          outcomes.parsed++;
        } catch (err) {
          if (!(err instanceof ZoneFileError)) throw err;
          expect(err.file).toBe('f.zone');
          expect(err.line).toBeGreaterThanOrEqual(1);
          expect(err.line).toBeLessThanOrEqual(text.split('\n').length);
          expect(err.column).toBeGreaterThanOrEqual(1);
          outcomes.rejected++;
        }
      }),
      { seed: 20240101, numRuns: 1500 },
    );
    // The generator must reach both paths, or this test proves nothing.
    expect(outcomes.parsed).toBeGreaterThan(50);
    expect(outcomes.rejected).toBeGreaterThan(50);
  });
});
