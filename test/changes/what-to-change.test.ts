// What to change: the findings' record edits as one list to publish — deduplicated, combined per
// record, limited to the owner's zones, in publishing order, each with its zone-file line.
import { describe, expect, it } from 'vitest';
import { whatToChange, zoneLine } from '../../src/changes/what-to-change.js';
import { emptyEvidence, type Finding, type RecordEdit } from '../../src/findings/types.js';
import { removeDmarcTag, setDmarcTag } from '../../src/dmarc/edit-record.js';

function f(id: string, ...edits: RecordEdit[]): Finding {
  return { id, severity: 'error', message: id, evidence: emptyEvidence(), fix: null, edits };
}
const replace = (name: string, current: string, value: string): RecordEdit => ({ action: 'replace', name, type: 'TXT', current, value });
const add = (name: string, type: string, value: string): RecordEdit => ({ action: 'add', name, type, current: null, value });
const remove = (name: string, current: string): RecordEdit => ({ action: 'remove', name, type: 'TXT', current, value: null });

const SPF = 'v=spf1 include:_spf.esp.example ~all';

describe('deduplicated and combined', () => {
  it('one edit asked for by two findings is one change clearing both', () => {
    const edit = add('mail.example.com', 'A', '192.0.2.1');
    const { changes } = whatToChange('example.com', [f('ptr-not-confirmed', edit), f('predict-rejection', edit), f('predict-rejection', edit)]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.clears).toEqual(['ptr-not-confirmed', 'predict-rejection']);
  });

  it('two findings changing one SPF record become one replacement with the terms of both (RFC 7208 §4.6.1)', () => {
    const { changes } = whatToChange('example.com', [
      f('predict-rejection', replace('example.com', SPF, 'v=spf1 ip4:192.0.2.1 include:_spf.esp.example ~all')),
      f('predict-deferral', replace('example.com', SPF, 'v=spf1 ip6:2001:db8::1 include:_spf.esp.example ~all')),
    ]);
    expect(changes.map((c) => [c.action, c.value, c.clears])).toEqual([
      ['replace', 'v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 include:_spf.esp.example ~all', ['predict-rejection', 'predict-deferral']],
    ]);
  });

  /** Two findings' replacements of one DMARC record, p set to quarantine and sp removed, combined (the sp one first when asked). */
  const combinedDmarc = (dmarc: string, spFirst = false): string[] => {
    const p = f('dmarc-policy-none', replace('_dmarc.example.com', dmarc, setDmarcTag(dmarc, 'p', 'quarantine')));
    const sp = f('dmarc-subdomain-policy-weaker', replace('_dmarc.example.com', dmarc, removeDmarcTag(dmarc, 'sp')));
    return whatToChange('example.com', spFirst ? [sp, p] : [p, sp]).changes.map((c) => c.value);
  };

  it('two findings changing one DMARC record become one replacement tag by tag (RFC 7489 §6.4)', () => {
    expect(combinedDmarc('v=DMARC1; p=none; sp=none; rua=mailto:d@example.com')).toEqual(['v=DMARC1; p=quarantine; rua=mailto:d@example.com']);
  });

  it('a DMARC record written with a repeated tag: the change to the first one, the one receivers read, is kept', () => {
    expect(combinedDmarc('v=DMARC1; p=none; p=reject; sp=none', true)).toEqual(['v=DMARC1; p=quarantine; p=reject']);
  });

  it('DMARC records are combined tag by tag whatever the case and spacing of v= (RFC 7489 §6.4)', () => {
    expect(combinedDmarc('V = DMARC1;p=none;sp=none;rua=mailto:d@example.com')).toEqual(['V = DMARC1;p=quarantine;rua=mailto:d@example.com']);
  });

  it('an SPF record added where one is published replaces it: never a second SPF record (RFC 7208 §4.5)', () => {
    const { changes } = whatToChange('example.com', [f('predict-rejection', add('example.com', 'TXT', 'v=spf1 ip4:192.0.2.1 ~all'))], SPF);
    expect(changes.map((c) => [c.action, c.current, c.value])).toEqual([['replace', SPF, 'v=spf1 ip4:192.0.2.1 ~all']]);
  });
});

describe("never someone else's zone", () => {
  it('edits outside the organizational domain are to ask for, not to publish', () => {
    const plan = whatToChange('shop.example.com', [
      f('predict-rejection', add('77.113.0.203.in-addr.arpa', 'PTR', 'mail.example.com.'), add('mail.example.com', 'A', '203.0.113.77')),
      f('spf-include-without-spf', replace('esp.example', 'v=spf1 -all', 'v=spf1 ip4:198.51.100.0/24 -all')),
    ]);
    expect(plan.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual(['add A mail.example.com']);
    expect(plan.elsewhere).toEqual(['add PTR at 77.113.0.203.in-addr.arpa: mail.example.com.', 'replace TXT at esp.example: v=spf1 ip4:198.51.100.0/24 -all']);
  });
});

describe('in the order to publish them', () => {
  it('new records first, an include target before the record including it, removals last', () => {
    const merged = 'v=spf1 include:_spf2.example.com ip4:192.0.2.1 -all';
    const { changes } = whatToChange('example.com', [
      f('spf-multiple-records', replace('example.com', SPF, merged), remove('example.com', 'v=spf1 ip4:192.0.2.1 -all')),
      f('spf-too-many-lookups', replace('_spf2.example.com', 'v=spf1 a -all', 'v=spf1 ip4:192.0.2.9 -all')),
      f('dkim-none-found', add('s1._domainkey.example.com', 'TXT', 'v=DKIM1; p=<key>')),
    ]);
    expect(changes.map((c) => `${c.action} ${c.name}`)).toEqual([
      'add s1._domainkey.example.com',
      'replace _spf2.example.com',
      'replace example.com',
      'remove example.com',
    ]);
  });
});

describe('zone-file lines', () => {
  it('TXT data is split into character-strings of at most 255 bytes (RFC 1035 §3.3.14), quoted and escaped', () => {
    const long = `v=spf1 ${Array.from({ length: 40 }, (_, i) => `ip4:192.0.2.${i}`).join(' ')} -all`;
    const line = zoneLine('example.com', 'TXT', long);
    const strings = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    expect(strings.length).toBeGreaterThan(1);
    expect(strings.every((s) => s.length <= 255)).toBe(true);
    expect(strings.join('')).toBe(long);
    expect(zoneLine('example.com', 'TXT', 'say "hi"\\')).toBe('example.com. IN TXT "say \\"hi\\"\\\\"');
    expect(zoneLine('mail.example.com', 'A', '192.0.2.1')).toBe('mail.example.com. IN A 192.0.2.1');
  });
});

describe('record edits go through the parsers', () => {
  it('DMARC tags are set and removed where the tag list has them', () => {
    expect(setDmarcTag('v=DMARC1; p=none; rua=mailto:a@b.c', 'p', 'reject')).toBe('v=DMARC1; p=reject; rua=mailto:a@b.c');
    expect(setDmarcTag('v=DMARC1;P = none', 'p', 'reject')).toBe('v=DMARC1;P = reject');
    expect(setDmarcTag('v=DMARC1; p=none;', 'sp', 'reject')).toBe('v=DMARC1; p=none; sp=reject');
    expect(removeDmarcTag('v=DMARC1; p=reject; sp=none; rua=mailto:a@b.c', 'sp')).toBe('v=DMARC1; p=reject; rua=mailto:a@b.c');
    expect(removeDmarcTag('v=DMARC1; p=reject; sp=none', 'sp')).toBe('v=DMARC1; p=reject');
    expect(removeDmarcTag('v=DMARC1; p=reject', 'np')).toBe('v=DMARC1; p=reject');
  });
});
