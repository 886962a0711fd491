// The RFC 9989 DNS Tree Walk (§4.10) and the organizational domain it gives (§4.10.2).
import { describe, expect, it } from 'vitest';
import { MAX_TREE_WALK_QUERIES, treeWalkTargets, walkDmarcTree } from '../../src/org-domain/tree-walk.js';
import { organizationalDomain } from '../../src/org-domain/organizational-domain.js';
import { recording, timeout, zone } from '../dmarc/zone.js';

describe('the names the walk queries (§4.10 steps 4-8)', () => {
  it.each([
    ['example.com', ['example.com', 'com']],
    ['a.mail.example.com', ['a.mail.example.com', 'mail.example.com', 'example.com', 'com']],
    ['com', ['com']],
    ['7.6.5.4.3.2.1', ['7.6.5.4.3.2.1', '6.5.4.3.2.1', '5.4.3.2.1', '4.3.2.1', '3.2.1', '2.1', '1']],
    // eight labels: the second query jumps to seven labels
    ['8.7.6.5.4.3.2.1', ['8.7.6.5.4.3.2.1', '7.6.5.4.3.2.1', '6.5.4.3.2.1', '5.4.3.2.1', '4.3.2.1', '3.2.1', '2.1', '1']],
    // twelve labels: the same jump, never more than eight names
    ['c.b.a.9.8.7.6.5.4.3.2.1', ['c.b.a.9.8.7.6.5.4.3.2.1', '7.6.5.4.3.2.1', '6.5.4.3.2.1', '5.4.3.2.1', '4.3.2.1', '3.2.1', '2.1', '1']],
    ['Example.COM.', ['example.com', 'com']],
    ['', []],
  ])('%s -> %j', (name, targets) => {
    expect(treeWalkTargets(name)).toEqual(targets);
    expect(treeWalkTargets(name).length).toBeLessThanOrEqual(MAX_TREE_WALK_QUERIES);
  });
});

const ZONE = `
_dmarc.example.com.          TXT "v=DMARC1; p=reject"
_dmarc.sub.example.com.      TXT "v=DMARC1; p=none"
_dmarc.psd.                  TXT "v=DMARC1; p=reject; psd=y"
_dmarc.orgdomain.psd.        TXT "v=DMARC1; p=quarantine"
_dmarc.deep.cut.example.org. TXT "v=DMARC1; p=quarantine; psd=n"
_dmarc.example.org.          TXT "v=DMARC1; p=reject"
_dmarc.two.example.net.      TXT "v=DMARC1; p=reject"
_dmarc.two.example.net.      TXT "v=DMARC1; p=none"
_dmarc.example.net.          TXT "v=DMARC1; p=quarantine"
_dmarc.self.psd2.            TXT "v=DMARC1; p=reject; psd=y"
_dmarc.7.6.5.4.3.2.test.     TXT "v=DMARC1; p=reject; psd=n"
_dmarc.x.7.6.5.4.3.2.test.   TXT "v=DMARC1; p=none"
`;

describe('the organizational domain (§4.10.2)', () => {
  const z = zone(ZONE);
  it.each([
    // no psd anywhere: the record with the fewest labels
    ['a.b.sub.example.com', 'example.com', 'fewest-labels', 'exhausted'],
    ['sub.example.com', 'example.com', 'fewest-labels', 'exhausted'],
    ['example.com', 'example.com', 'fewest-labels', 'exhausted'],
    // psd=y above: the name one label below it, towards the start, even without a record there
    ['mail.shop.psd', 'shop.psd', 'psd-y', 'psd-y'],
    ['www.orgdomain.psd', 'orgdomain.psd', 'psd-y', 'psd-y'],
    // psd=n stops the walk and names the organizational domain, above records are not read
    ['a.deep.cut.example.org', 'deep.cut.example.org', 'psd-n', 'psd-n'],
    ['deep.cut.example.org', 'deep.cut.example.org', 'psd-n', 'psd-n'],
    // several records at one level are discarded and the walk goes on
    ['two.example.net', 'example.net', 'fewest-labels', 'exhausted'],
    // psd=y at the start does not stop the walk or count as a public suffix above (step 2)
    ['self.psd2', 'self.psd2', 'fewest-labels', 'exhausted'],
    // no record anywhere: the name itself
    ['nothing.example', 'nothing.example', 'no-record', 'exhausted'],
    // eight labels: the jump lands on seven, which has psd=n; the record at x.7… is never read
    ['y.x.7.6.5.4.3.2.test', '7.6.5.4.3.2.test', 'psd-n', 'psd-n'],
  ])('%s -> %s (%s, walk stopped by %s)', async (name, org, rule, stop) => {
    const walk = await walkDmarcTree(name, z);
    expect(walk.orgDomain).toBe(org);
    expect(walk.orgDomainRule).toBe(rule);
    expect(walk.stop).toBe(stop);
    expect(walk.complete).toBe(true);
  });

  it('reads the answers in order and stops at the first psd tag', async () => {
    const walk = await walkDmarcTree('mail.shop.psd', z);
    expect(walk.steps.map((s) => [s.domain, s.outcome])).toEqual([
      ['mail.shop.psd', 'none'],
      ['shop.psd', 'none'],
      ['psd', 'record'],
    ]);
  });

  it('skips the eighth label on the way up (the x.7… record is not among the steps)', async () => {
    const walk = await walkDmarcTree('y.x.7.6.5.4.3.2.test', z);
    expect(walk.steps.map((s) => s.domain)).toEqual(['y.x.7.6.5.4.3.2.test', '7.6.5.4.3.2.test']);
  });

  it('shows several records at one level as "multiple"', async () => {
    const walk = await walkDmarcTree('two.example.net', z);
    expect(walk.steps[0]?.outcome).toBe('multiple');
    expect(walk.steps[0]?.records).toHaveLength(2);
  });
});

describe('queries', () => {
  it('sends every query of the walk together, at most eight', async () => {
    const r = recording(zone(ZONE));
    await walkDmarcTree('l.k.j.i.h.g.f.e.d.c.b.a', r);
    expect(r.asked).toHaveLength(8);
    expect(r.maxInFlight).toBe(8);
    expect(r.asked[1]).toBe('_dmarc.g.f.e.d.c.b.a TXT');
  });
});

describe('DNS failures', () => {
  it('cut the walk short and mark the result incomplete', async () => {
    const z = zone(ZONE, [timeout('_dmarc.example.com')]);
    const walk = await walkDmarcTree('a.sub.example.com', z);
    expect(walk.stop).toBe('failure');
    expect(walk.failedAt).toBe('example.com');
    expect(walk.complete).toBe(false);
    // what was read so far: sub.example.com's record
    expect(walk.orgDomain).toBe('sub.example.com');
  });
});

describe('organizationalDomain(name, method)', () => {
  const z = zone(ZONE);
  it('by the PSL needs no DNS', async () => {
    const r = await organizationalDomain('mail.shop.psd', 'psl');
    expect(r).toMatchObject({ domain: 'shop.psd', method: 'psl', complete: true, walk: null });
  });
  it('by the tree walk asks the DNS', async () => {
    const r = await organizationalDomain('a.b.sub.example.com', 'treewalk', z);
    expect(r.domain).toBe('example.com');
    expect(r.walk?.steps.map((s) => s.domain)).toEqual(['a.b.sub.example.com', 'b.sub.example.com', 'sub.example.com', 'example.com', 'com']);
  });
  it('the two can differ', async () => {
    expect((await organizationalDomain('deep.cut.example.org', 'psl')).domain).toBe('example.org');
    expect((await organizationalDomain('deep.cut.example.org', 'treewalk', z)).domain).toBe('deep.cut.example.org');
  });
});
