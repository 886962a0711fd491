// MX hosts without addresses through the BUILT command (`npm run build` first; `npm test` does):
// `authaudit spf` on fixtures/spf/mx-void.zone, whose record is "v=spf1 mx ip4:192.0.2.0/24 -all" and
// whose three MX hosts do not exist. Each host's address lookup is a void lookup (RFC 7208 §4.6.4, as
// pyspf and Mail::SPF count them): the third is over the limit of 2, so 192.0.2.1, which the ip4 term
// would pass, gets permerror.
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';
import { reportValidator } from '../report/schemas.js';

const ZONE = ['--zone', 'fixtures/spf/mx-void.zone'];
const RECEIVERS =
  "receivers that count each MX host's address lookup as a void lookup (pyspf, Mail::SPF; mailauth counts a host with no address at all) give permerror";

describe('authaudit spf: an mx term whose three hosts do not exist (built command)', () => {
  it('--ip: check_host gives permerror at the third host, before the ip4 term that would pass', async () => {
    const run = await runBuiltCli(['spf', 'mx-void.example', ...ZONE, '--ip', '192.0.2.1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('check_host(192.0.2.1, mx-void.example, postmaster@mx-void.example) HELO mx-void.example: permerror\n');
    expect(run.stdout).toContain(
      '  problem (mx-void.example, position 7): more than 2 void lookups (MX mx-void.example -> A gone3.mx-void.example: nxdomain) (RFC 7208 §4.6.4)\n',
    );
    expect(run.stdout).toContain('  DNS lookups spent: 1; void lookups: 3\n');
    expect(run.stdout).toContain('error   spf-too-many-void-lookups  mx-void.example');
    expect(run.stdout).toContain(RECEIVERS);
  });

  it('the tree: each host with its void lookup, the terms after it never reached, and the finding with its fix', async () => {
    const run = await runBuiltCli(['spf', 'mx-void.example', ...ZONE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '    mx  · lookup 1 of 10 · gone1.mx-void.example: no addresses (void lookup 1 of 2) · gone2.mx-void.example: no addresses (void lookup 2 of 2) · ' +
        'gone3.mx-void.example: no addresses (void lookup 3: over the limit of 2, receivers stop here with permerror)\n',
    );
    expect(run.stdout).toContain('    ip4:192.0.2.0/24  · never reached: receivers stopped with permerror before it\n');
    expect(run.stdout).toContain(
      "Void lookups (no such name, or no records): 3 of the 2 allowed: receivers give permerror at 'mx' (MX host gone3.mx-void.example) in mx-void.example\n",
    );
    expect(run.stdout).toContain('error   spf-too-many-void-lookups  mx-void.example');
    expect(run.stdout).toContain(`${RECEIVERS} there, after 2 (RFC 7208 §4.6.4)`);
    expect(run.stdout).toContain('      at  fixtures/spf/mx-void.zone:11\n');
    expect(run.stdout).toContain(
      "      fix Remove or fix the MX hosts gone1.mx-void.example, gone2.mx-void.example and gone3.mx-void.example (delete the MX records of hosts that no longer exist, or publish their addresses), or replace 'mx' by ip4/ip6 terms for the hosts that send mail.\n",
    );
    expect(run.stdout).toContain('info    spf-void-lookup  mx-void.example');
  });

  it('JSON: the result, the counts, the host where the limit is passed, and the findings; valid against the schema', async () => {
    const run = await runBuiltCli(['spf', 'mx-void.example', ...ZONE, '--ip', '192.0.2.1', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Record<string, unknown> & { tree: { terms: { text: string; hosts: unknown[] | null }[] } };
    const validate = reportValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({
      result: 'permerror',
      checkLookups: { total: 1, void: 3 },
      problem: { rule: 'RFC 7208 §4.6.4', position: 7 },
      lookups: { total: 1, void: 3, voidCrossing: { count: 3, term: 'mx', host: 'gone3.mx-void.example' } },
    });
    const mx = doc.tree.terms.find((t) => t.text === 'mx');
    expect(mx?.hosts).toMatchObject([
      { name: 'gone1.mx-void.example', voidNumber: 1, pastLimit: false },
      { name: 'gone2.mx-void.example', voidNumber: 2, pastLimit: false },
      { name: 'gone3.mx-void.example', voidNumber: 3, pastLimit: true },
    ]);
    expect((doc['findings'] as { id: string }[]).map((f) => f.id)).toEqual(['spf-too-many-void-lookups', 'spf-void-lookup']);
  });
});

describe('authaudit spf: one MX host that does not exist, then a good one (built command)', () => {
  it('the good host still matches: pass, with one void lookup', async () => {
    const run = await runBuiltCli(['spf', 'one.mx-void.example', ...ZONE, '--ip', '198.51.100.25']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HELO one.mx-void.example: pass\n');
    expect(run.stdout).toContain('  DNS lookups spent: 1; void lookups: 1\n');
  });
});

describe('authaudit spf: three MX hosts with IPv6 addresses only (built command)', () => {
  it('--ip with an IPv4 client: three void A lookups, permerror', async () => {
    const run = await runBuiltCli(['spf', 'v6.mx-void.example', ...ZONE, '--ip', '192.0.2.1']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('HELO v6.mx-void.example: permerror\n');
    expect(run.stdout).toContain('more than 2 void lookups (MX v6.mx-void.example -> A v6c.mx-void.example: nodata)');
  });

  it('--ip with an IPv6 client: no void lookup, the third host matches', async () => {
    const run = await runBuiltCli(['spf', 'v6.mx-void.example', ...ZONE, '--ip', '2001:db8::c']);
    expect(run.stdout).toContain('HELO v6.mx-void.example: pass\n');
    expect(run.stdout).toContain('  DNS lookups spent: 1; void lookups: 0\n');
  });

  it('the tree: past the limit for IPv4 clients only, a warning that says which receivers count it', async () => {
    const run = await runBuiltCli(['spf', 'v6.mx-void.example', ...ZONE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Void lookups (no such name, or no records): 0 of the 2 allowed\n');
    expect(run.stdout).toContain(
      "Void lookups for IPv4 clients (names with AAAA records only count too): 3 of the 2 allowed: receivers that count them give permerror at 'mx' (MX host v6c.mx-void.example) in v6.mx-void.example\n",
    );
    expect(run.stdout).toContain('warning spf-void-lookups-one-family  v6.mx-void.example');
    expect(run.stdout).toContain(`${RECEIVERS} there, after 2, to the IPv4 clients no earlier term matches (RFC 7208 §4.6.4)`);
  });
});
