// Published vectors for the pieces of validation: NSEC3 hashing (RFC 5155 Appendix A), the
// canonical name order (RFC 4034 §6.1), the key tag (RFC 4034 Appendix B over a DNSKEY whose tag
// IANA publishes: the root's KSK-2017, 20326) and trust-anchor files.
import { describe, expect, it } from 'vitest';
import { toBase32Hex } from '../../src/zone/dnssec-rdata.js';
import { nsec3Hash } from '../../src/dnssec/denial.js';
import { compareCanonical, nsecCovers } from '../../src/dnssec/canonical-name.js';
import { keyTag } from '../../src/dnssec/key-tag.js';
import { dsMatchesKey } from '../../src/dnssec/ds-digest.js';
import { readTrustAnchor, rootTrustAnchor } from '../../src/dnssec/trust-anchor.js';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import type { DNSKEYRecord } from '../../src/model/records.js';

describe('RFC 5155 Appendix A: NSEC3 hashes (salt aabbccdd, 12 iterations)', () => {
  it.each([
    ['example', '0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM'],
    ['a.example', '35MTHGPGCU1QG68FAB165KLNSNK3DPVL'],
    ['ns1.example', '2T7B4G4VSA5SMI47K61MV5BV1A22BOJR'],
    ['*.w.example', 'R53BQ7CC2UVMUBFU5OCMM6PERS9TK9EN'],
  ])('%s -> %s', (name, hash) => {
    expect(toBase32Hex(nsec3Hash(name, Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd), 12))).toBe(hash);
  });
});

describe('RFC 4034 §6.1: canonical order', () => {
  const ordered = ['example', 'a.example', 'yljkjljk.a.example', 'Z.a.example', 'zABC.a.EXAMPLE', 'z.example', '\x01.z.example', '*.z.example', '\xc8.z.example'];
  // (authaudit's names hold each byte as one Latin-1 character: \001 and \200 of the RFC)
  it('sorts the RFC example as the RFC lists it', () => {
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareCanonical)).toEqual(ordered);
  });
  it('an NSEC covers the names strictly between its owner and next name, wrapping at the apex', () => {
    expect(nsecCovers('a.example', 'z.example', 'b.example')).toBe(true);
    expect(nsecCovers('a.example', 'z.example', 'a.example')).toBe(false);
    expect(nsecCovers('z.example', 'example', 'zz.example')).toBe(true);
  });
});

describe('keys and anchors', () => {
  // the root's KSK-2017 as published in the root zone
  const ksk2017 = parseZoneText(
    '. 172800 IN DNSKEY 257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=\n',
    { file: 'root.key', origin: '' },
  ).records[0] as DNSKEYRecord;
  it('the key tag of KSK-2017 is 20326, and the shipped DS names it', () => {
    expect(keyTag(ksk2017)).toBe(20326);
    expect(rootTrustAnchor().ds.some((ds) => dsMatchesKey(ds, ksk2017))).toBe(true);
  });
  it('the shipped root anchors are KSK-2017 and KSK-2024', () => {
    expect(rootTrustAnchor()).toMatchObject({ zone: '', source: 'IANA root anchors' });
    expect(rootTrustAnchor().ds.map((d) => d.keyTag)).toEqual([20326, 38696]);
  });
  it.each([
    ['lab. IN A 192.0.2.1\n', 'a.txt:1:1: a trust anchor holds DS or DNSKEY records only, not A'],
    ['; nothing\n', 'a.txt:1:1: no DS or DNSKEY record: a trust anchor names the keys of one zone (RFC 4033 §2)'],
    ['a. DS 1 13 2 AB\nb. DS 1 13 2 AB\n', 'a.txt:2:1: records for b and a: a trust anchor file holds the keys of one zone'],
    ['lab. DS 1 13 2 XY\n', "a.txt:1:16: bad digest 'XY' in the DS record"],
  ])('a bad anchor file is refused with its place: %j', (text, message) => {
    expect(() => readTrustAnchor(text, 'a.txt')).toThrow(message);
  });
});
