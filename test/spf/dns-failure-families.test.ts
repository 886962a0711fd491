// The `spf-dns-failure` finding for an `a` or `mx` host names each address question that failed and the
// clients that get temperror: receivers ask A for IPv4 clients and AAAA for IPv6 ones (RFC 7208 §5.3,
// §5.4), and ask MX hosts in preference order until one matches, so a failed question reaches only its
// own family, and for `mx` only the clients no earlier host matched (§5). Every claim is checked
// against check_host() itself on the same zone.
import { describe, expect, it } from 'vitest';
import { spfFindings, SPF_FINDINGS } from '../../src/spf/findings.js';
import { checkHost } from '../../src/spf/check-host.js';
import type { Finding } from '../../src/findings/types.js';
import type { Resolver } from '../../src/dns/types.js';
import type { SpfExpansion } from '../../src/spf/expand-types.js';
import { termView } from '../../src/spf/tree-json.js';
import { A_TERM, MX_TERM, MixedFailures, expandWith, fails, zone } from './dns-failure-families.zones.js';

function dnsFailures(tree: SpfExpansion): Finding[] {
  return spfFindings(tree).filter((f) => f.id === 'spf-dns-failure');
}

function only(tree: SpfExpansion): Finding {
  const found = dnsFailures(tree);
  expect(found).toHaveLength(1);
  return found[0] as Finding;
}

async function resultFor(resolver: Resolver, ip: string): Promise<string> {
  return (await checkHost(ip, 'example.com', 'postmaster@example.com', 'example.com', { resolver })).result;
}

const TIMEOUT = (name: string) => `timeout (${name} is configured to fail with timeout)`;

describe("an `a` term: a failed address question is temperror for its own family only (RFC 7208 §5.3)", () => {
  it('A fails only: temperror for IPv4 clients reaching the term; IPv6 clients are not affected', async () => {
    const { tree, resolver } = await expandWith(A_TERM, [fails('h.example', ['A'])]);
    const f = only(tree);
    expect(f.message).toBe(
      `the A question for h.example (for 'a:h.example' in example.com) failed: ${TIMEOUT('h.example')}; ` +
        'receivers give temperror to IPv4 clients reaching this term, and defer or reject their mail; ' +
        'IPv6 clients are not affected by it (its AAAA question answered) (RFC 7208 §5, §5.3)',
    );
    expect(f.fix).toMatch(/^Make h\.example answer A questions reliably: it answers AAAA questions, so its servers mishandle A ones \(RFC 4074\)/);
    expect(await resultFor(resolver, '192.0.2.1')).toBe('temperror');
    expect(await resultFor(resolver, '10.0.0.1')).toBe('temperror');
    expect(await resultFor(resolver, '2001:db8:1::1')).toBe('pass');
    expect(await resultFor(resolver, '2001:db8::5')).toBe('pass');
  });

  it('AAAA fails only: temperror for IPv6 clients reaching the term; IPv4 clients are not affected', async () => {
    const { tree, resolver } = await expandWith(A_TERM, [fails('h.example', ['AAAA'])]);
    const f = only(tree);
    expect(f.message).toBe(
      `the AAAA question for h.example (for 'a:h.example' in example.com) failed: ${TIMEOUT('h.example')}; ` +
        'receivers give temperror to IPv6 clients reaching this term, and defer or reject their mail; ' +
        'IPv4 clients are not affected by it (its A question answered) (RFC 7208 §5, §5.3)',
    );
    expect(await resultFor(resolver, '2001:db8:1::1')).toBe('temperror');
    expect(await resultFor(resolver, '192.0.2.1')).toBe('pass');
    expect(await resultFor(resolver, '198.51.100.1')).toBe('fail');
  });

  it('both fail: each question named, temperror for IPv4 and IPv6 clients', async () => {
    const { tree, resolver } = await expandWith(A_TERM, [fails('h.example', ['A', 'AAAA'])]);
    const f = only(tree);
    expect(f.message).toBe(
      `the A and AAAA questions for h.example (for 'a:h.example' in example.com) failed: ${TIMEOUT('h.example')}; ` +
        'receivers give temperror to IPv4 and IPv6 clients reaching this term, and defer or reject their mail (RFC 7208 §5, §5.3)',
    );
    expect(f.fix).toBe('Make h.example answer A and AAAA questions reliably (check its authoritative servers), or stop referring to it.');
    expect(await resultFor(resolver, '10.0.0.1')).toBe('temperror');
    expect(await resultFor(resolver, '2001:db8::5')).toBe('temperror');
  });

  it('names each failure when the two questions failed differently', async () => {
    const resolver = new MixedFailures(zone(A_TERM), [
      { name: 'h.example', type: 'A', failure: 'servfail' },
      { name: 'h.example', type: 'AAAA', failure: 'timeout' },
    ]);
    const { tree } = await expandWith(resolver);
    expect(only(tree).message).toBe(
      "the A and AAAA questions for h.example (for 'a:h.example' in example.com) failed: A servfail (A h.example: servfail), AAAA timeout (AAAA h.example: timeout); " +
        'receivers give temperror to IPv4 and IPv6 clients reaching this term, and defer or reject their mail (RFC 7208 §5, §5.3)',
    );
    expect(await resultFor(resolver, '192.0.2.1')).toBe('temperror');
    expect(await resultFor(resolver, '2001:db8:1::1')).toBe('temperror');
  });
});

describe('an `mx` term: hosts are asked in preference order and the first match decides (RFC 7208 §5.4)', () => {
  it('MX host 2 of 3 fails: temperror for clients not matched by the earlier host', async () => {
    const { tree, resolver } = await expandWith(MX_TERM, [fails('m2.example', ['A', 'AAAA'])]);
    const f = only(tree);
    expect(f.message).toBe(
      `the A and AAAA questions for m2.example (MX host 2 of 3 in preference order for 'mx' in example.com) failed: ${TIMEOUT('m2.example')}; ` +
        'receivers give temperror to IPv4 and IPv6 clients reaching this term and not matched by an earlier MX host (m1.example), ' +
        'and defer or reject their mail (RFC 7208 §5, §5.4)',
    );
    expect(f.fix).toBe("Make m2.example answer A and AAAA questions reliably (check its authoritative servers), or replace 'mx' with ip4/ip6 terms for the hosts that send mail.");
    // m1 is asked first and matches its own addresses; everyone else meets m2's failure
    expect(await resultFor(resolver, '192.0.2.11')).toBe('pass');
    expect(await resultFor(resolver, '2001:db8::11')).toBe('pass');
    expect(await resultFor(resolver, '192.0.2.13')).toBe('temperror');
    expect(await resultFor(resolver, '198.51.100.1')).toBe('temperror');
  });

  it('MX host 2 of 3 fails AAAA only: IPv4 clients reach m3 as usual', async () => {
    const { tree, resolver } = await expandWith(MX_TERM, [fails('m2.example', ['AAAA'])]);
    const f = only(tree);
    expect(f.message).toContain(
      'receivers give temperror to IPv6 clients reaching this term and not matched by an earlier MX host (m1.example), and defer or reject their mail; ' +
        'IPv4 clients are not affected by it (its A question answered) (RFC 7208 §5, §5.4)',
    );
    expect(await resultFor(resolver, '2001:db8::11')).toBe('pass');
    expect(await resultFor(resolver, '2001:db8::99')).toBe('temperror');
    expect(await resultFor(resolver, '192.0.2.13')).toBe('pass');
    expect(await resultFor(resolver, '198.51.100.1')).toBe('fail');
  });

  it('the first host failing reaches every client of its family that gets to the term', async () => {
    const { tree } = await expandWith(MX_TERM, [fails('m1.example', ['A'])]);
    expect(only(tree).message).toContain("(MX host 1 of 3 in preference order for 'mx' in example.com) failed");
    expect(only(tree).message).toContain('receivers give temperror to IPv4 clients reaching this term, and defer');
  });

  it('a family whose question already failed at an earlier host never reaches a later one', async () => {
    const { tree, resolver } = await expandWith(MX_TERM, [fails('m1.example', ['AAAA']), fails('m2.example', ['AAAA'])]);
    const [first, second] = dnsFailures(tree);
    expect(first?.message).toContain('the AAAA question for m1.example (MX host 1 of 3');
    expect(second?.message).toBe(
      `the AAAA question for m2.example (MX host 2 of 3 in preference order for 'mx' in example.com) failed: ${TIMEOUT('m2.example')}; ` +
        'IPv6 clients never get this far: the AAAA question for m1.example, asked before it, fails first; ' +
        'IPv4 clients are not affected by it (its A question answered) (RFC 7208 §5, §5.4)',
    );
    expect(await resultFor(resolver, '2001:db8::12')).toBe('temperror'); // stopped at m1, not matched by m2
  });
});

describe('what stays as it was', () => {
  it('keeps the id, the severity and the evidence shape', async () => {
    const { tree } = await expandWith(MX_TERM, [fails('m2.example', ['AAAA'])]);
    const f = only(tree);
    expect(f.id).toBe('spf-dns-failure');
    expect(f.severity).toBe(SPF_FINDINGS['spf-dns-failure'].severity);
    expect(f.evidence).toEqual({ domain: 'example.com', record: 'v=spf1 mx -all', position: 7, path: ['example.com'], file: 'test.zone', line: 3 });
  });

  it("keeps the message of a term's own failed question (the MX question itself: every client)", async () => {
    const { tree } = await expandWith(MX_TERM, [fails('example.com', ['MX'])]);
    expect(only(tree).message).toBe(
      `the MX question for example.com (for 'mx' in example.com) failed: ${TIMEOUT('example.com')}; receivers give temperror and defer or reject the mail (RFC 7208 §4.4)`,
    );
  });

  it('reads a tree made before failures were kept per family as failing both families', async () => {
    const { tree } = await expandWith(A_TERM, [fails('h.example', ['AAAA'])]);
    for (const h of termView(tree.root.terms[0]!).hosts ?? []) {
      delete h.ip4Failure;
      delete h.ip6Failure;
    }
    expect(only(tree).message).toBe(
      `the AAAA question for h.example (for 'a:h.example' in example.com) failed: ${TIMEOUT('h.example')}; ` +
        'receivers give temperror to IPv4 and IPv6 clients reaching this term, and defer or reject their mail (RFC 7208 §5, §5.3)',
    );
  });

  it('finds the failed host in a tree read back from JSON', async () => {
    const { tree } = await expandWith(MX_TERM, [fails('m2.example', ['AAAA'])]);
    const copy = JSON.parse(JSON.stringify(tree)) as SpfExpansion;
    expect(only(copy).message).toBe(only(tree).message);
    expect(only(copy).message).toContain('MX host 2 of 3');
  });
});
