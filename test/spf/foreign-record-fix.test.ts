// A fix never asks the user to edit someone else's zone: a finding about a provider's record that
// the domain only includes says what to ask the provider and what to change in the user's own record.
import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { spfFindings } from '../../src/spf/findings.js';
import { zone } from './expand-zone.js';

const WORLD = zone(`
example.com. TXT "v=spf1 include:_spf.esp.example ptr -all"
_spf.esp.example. TXT "v=spf1 include:pool.esp.example ?all"
pool.esp.example. TXT "v=spf1 ip4:192.0.2.0/24 ptr ?all"
mail.example.com. A 192.0.2.7
sub.example.com. TXT "v=spf1 ?all"
`);

async function byDomain(root: string, id: string) {
  const findings = spfFindings(await expandSpf(root, WORLD));
  return findings.filter((f) => f.id === id);
}

describe('fixes for records outside the audited domain', () => {
  it("a provider's record: ask its operator, and what to change in the user's own record meanwhile", async () => {
    const ptr = (await byDomain('example.com', 'spf-ptr')).find((f) => f.evidence.domain === 'pool.esp.example');
    expect(ptr?.fix).toMatch(/^pool\.esp\.example is not in your zone: ask its operator \(the provider whose SPF record your record at example\.com reaches through _spf\.esp\.example\) to replace 'ptr'/);
    expect(ptr?.fix).toContain('In your own record meanwhile: remove the include of _spf.esp.example');
    expect(ptr?.edits ?? []).toEqual([]);
  });

  it("the user's own record keeps its direct fix", async () => {
    const ptr = (await byDomain('example.com', 'spf-ptr')).find((f) => f.evidence.domain === 'example.com');
    expect(ptr?.fix).toMatch(/^Replace 'ptr'/);
  });

  it('a record at another name of the same organizational domain is the user\'s own', async () => {
    const neutral = await byDomain('sub.example.com', 'spf-neutral-all');
    expect(neutral[0]?.fix).toMatch(/^Once every sender is listed/);
  });
});
