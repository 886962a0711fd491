// Seeded fuzzing of the key-record parser: any text gives a result (never a throw), every offset
// lies inside the text, and each tag's offsets point at its name and value.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseKeyRecord } from '../../src/dkim/parse-key-record.js';
import { decodePublicKey } from '../../src/dkim/decode-public-key.js';

const piece = fc.constantFrom('v', 'k', 'p', 'h', 's', 't', 'n', 'x', '=', ';', ' ', '\t', '\r\n ', '\n', 'DKIM1', 'rsa', 'ed25519', 'sha256', ':', 'MIGf', 'AAAA', '==', '\u001b', 'é');
const noise = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const ws = fc.constantFrom('', ' ', '\t', '\r\n ');
const tagSpec = fc
  .tuple(ws, fc.constantFrom('v', 'k', 'p', 'h', 's', 't', 'n', 'x1'), ws, ws, fc.constantFrom('DKIM1', 'rsa', 'ed25519', 'sha1:sha256', 'email', 'y', 'AAAA', 'MIGf MA0G', ''), ws)
  .map(([a, n, b, c, v, d]) => `${a}${n}${b}=${c}${v}${d}`);
const structured = fc.uniqueArray(tagSpec, { maxLength: 6, selector: (t) => t.trim().split('=')[0]?.trim() }).map((specs) => specs.join(';'));
const recordText = fc.oneof(noise, structured);

describe('parseKeyRecord on arbitrary text', () => {
  test('never throws; offsets stay inside the text; tags point at themselves', () => {
    let sawValid = 0;
    let sawInvalid = 0;
    fc.assert(
      fc.property(recordText, (text) => {
        const { record, errors } = parseKeyRecord(text);
        decodePublicKey(record);
        for (const e of errors) {
          expect(e.position).toBeGreaterThanOrEqual(0);
          expect(e.position).toBeLessThanOrEqual(text.length);
        }
        for (const t of record.tags) {
          expect(text.startsWith(t.name, t.position)).toBe(true);
          expect(text.startsWith(t.value, t.valuePosition)).toBe(true);
        }
        if (errors.length === 0) sawValid++;
        else sawInvalid++;
      }),
      { seed: 6376, numRuns: 2000 },
    );
    // the generator reaches both sides of the parser
    expect(sawValid).toBeGreaterThan(10);
    expect(sawInvalid).toBeGreaterThan(10);
  });
});
