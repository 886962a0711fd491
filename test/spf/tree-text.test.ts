// The SPF tree as a person reads it: runs of address ranges summarised by default, every term with
// --tree, and IPv6 totals as prefix lengths rather than 30-digit counts.
import { describe, expect, it } from 'vitest';
import { ip6Extent } from '../../src/spf/render-text.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];

describe('IPv6 totals read as prefixes', () => {
  it.each([
    [0n, 0, 'no IPv6 addresses'],
    [1n, 1, '1 IPv6 address'],
    [1n << 80n, 1, '1 IPv6 CIDR block, a /48'],
    [1n << 96n, 2, '2 IPv6 CIDR blocks, together as large as one /32'],
    [(1n << 88n) + (1n << 80n), 2, '2 IPv6 CIDR blocks, together larger than one /40'],
  ])('%s addresses in %s blocks: %s', (count, ranges, text) => {
    expect(ip6Extent(count, ranges)).toBe(text);
  });
});

describe('the compact tree and --tree (built command)', () => {
  it('summarises four or more ip4/ip6 terms in a row as one line and says how to see them', async () => {
    const run = await runBuiltCli(['spf', 'megacorp.example', ...DEMO]);
    expect(run.stdout).toContain('\n            4 ip4 ranges (ip4:198.51.100.0/28 … ip4:198.51.100.48/28)\n            ~all\n');
    expect(run.stdout).toContain('(runs of ip4/ip6 terms are summarised: --tree lists every term)');
    // the numbered lookups are always shown
    for (let n = 1; n <= 10; n++) expect(run.stdout).toContain(`· lookup ${n} of 10`);
    expect(run.stdout).toContain('Authorized to pass: 385 IPv4 addresses in 9 CIDR blocks; 5 IPv6 CIDR blocks, together larger than one /39');
  });

  it('--tree lists every term, for spf and for audit', async () => {
    for (const args of [['spf', 'megacorp.example', '--tree'], ['megacorp.example', '--tree']]) {
      const run = await runBuiltCli([...args, ...DEMO]);
      expect(run.stdout).toContain('\n            ip4:198.51.100.0/28\n            ip4:198.51.100.16/28\n            ip4:198.51.100.32/28\n            ip4:198.51.100.48/28\n');
      expect(run.stdout).not.toContain('ranges (');
      expect(run.stdout).not.toContain('--tree lists every term');
    }
  });

  it('a run is broken where a term has something to say, and by a change of qualifier', async () => {
    const run = await runBuiltCli(['spf', 'acme.example', '--zone', 'fixtures/flatten/world']);
    // -ip4:203.0.113.66 (qualifier -) and ip4:203.0.113.0/24 stay on their own lines: two terms, two qualifiers
    expect(run.stdout).toContain('\n    -ip4:203.0.113.66\n    ip4:203.0.113.0/24\n    mx  · lookup 1 of 10');
    expect(run.stdout).toContain('6 ip4 ranges and 5 ip6 ranges (ip4:40.92.0.0/15 … ip6:2a01:111:f403:f000::/52)');
  });
});
