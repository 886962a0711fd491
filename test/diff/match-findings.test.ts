// Findings are matched by what they are about (id, domain, include path, the term pointed at),
// never by message, zone file or line; what is left is paired by id and domain as "changed".
import { describe, expect, it } from 'vitest';
import { finding, type Finding, type Severity } from '../../src/findings/types.js';
import { diffFindings, findingIdentity, pointedToken } from '../../src/diff/match-findings.js';

const def = (id: string, severity: Severity = 'warning') => ({ id, severity, title: id, rule: 'RFC 7208' });
const f = (id: string, evidence: Partial<Finding['evidence']>, message = `${id} message`, severity?: Severity): Finding =>
  finding(def(id), message, evidence, null, severity);

describe('pointedToken', () => {
  it.each([
    ['v=spf1 ptr ip4:192.0.2.1 ?all', 7, 'ptr'],
    ['v=spf1 ptr ip4:192.0.2.1 ?all', 25, '?all'],
    ['v=DMARC1; p=none; rua=mailto:d@example.com', 10, 'p=none'],
    ['v=spf1 -all', null, null],
    [null, 3, null],
  ] as const)('%j at %j is %j', (record, position, token) => {
    expect(pointedToken(record, position)).toBe(token);
  });
});

describe('findingIdentity', () => {
  const base = f('spf-ptr', { domain: 'Example.COM.', record: 'v=spf1 ptr -all', position: 7, path: ['example.com'], file: 'base/example.com.zone', line: 4 }, 'old wording');
  it('leaves out message, zone file and line, and compares names case-insensitively', () => {
    const moved = f('spf-ptr', { domain: 'example.com', record: 'v=spf1 ip4:192.0.2.9 ptr -all', position: 21, path: ['EXAMPLE.com'], file: 'head/example.com.zone', line: 9 }, 'new wording');
    expect(findingIdentity(moved)).toBe(findingIdentity(base));
  });
  it('tells apart another id, domain, include path or term', () => {
    const others = [
      f('spf-neutral-all', base.evidence),
      f('spf-ptr', { ...base.evidence, domain: 'other.example' }),
      f('spf-ptr', { ...base.evidence, path: ['example.com', 'provider.example'] }),
      f('spf-ptr', { ...base.evidence, record: 'v=spf1 ptr:example.net -all' }),
    ];
    for (const o of others) expect(findingIdentity(o)).not.toBe(findingIdentity(base));
  });
});

describe('diffFindings', () => {
  const ptr = f('spf-ptr', { domain: 'a.example', record: 'v=spf1 ptr ?all', position: 7 });
  const neutral = f('spf-neutral-all', { domain: 'a.example', record: 'v=spf1 ptr ?all', position: 11 });
  const lookups = (term: string) => f('spf-too-many-lookups', { domain: 'a.example', record: `v=spf1 ${term} -all`, position: 7 }, `at ${term}`, 'error');

  it('a finding in head only is introduced; in base only is resolved; in both is unchanged', () => {
    const d = diffFindings([ptr, neutral], [ptr, lookups('include:x.example')]);
    expect(d.introduced.map((x) => x.id)).toEqual(['spf-too-many-lookups']);
    expect(d.resolved.map((x) => x.id)).toEqual(['spf-neutral-all']);
    expect(d.unchanged.map((x) => x.id)).toEqual(['spf-ptr']);
    expect(d.changed).toEqual([]);
  });

  it('counts matter: one more of the same identity is introduced', () => {
    const d = diffFindings([ptr], [ptr, ptr]);
    expect(d.introduced).toHaveLength(1);
    expect(d.unchanged).toHaveLength(1);
  });

  it('the same problem about the same domain with moved evidence is changed, not introduced', () => {
    const before = lookups('include:b.example');
    const after = lookups('include:c.example');
    const d = diffFindings([before], [after]);
    expect(d.introduced).toEqual([]);
    expect(d.resolved).toEqual([]);
    expect(d.changed).toEqual([{ before, after }]);
  });

  it('a message that changes wording only is unchanged', () => {
    const reworded = f('spf-ptr', ptr.evidence, 'different words, same finding');
    expect(diffFindings([ptr], [reworded]).unchanged).toEqual([reworded]);
  });
});
