// A domain that does not exist (its own name answers NXDOMAIN) gets one finding and a short report,
// not one finding per check saying the same absence (RFC 8020 §2: nothing exists below it either).
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];

interface DomainJson {
  domain: string;
  verdict: string;
  findings: { id: string; message: string }[];
  spf: unknown;
  dmarc: unknown;
  dkim: unknown;
  mx: unknown;
  changes: unknown[];
}

describe('a domain that does not exist (built command)', () => {
  it('text: the verdict, "not audited" and the one finding, nothing per check', async () => {
    const run = await runBuiltCli(['ghost.shop.example', ...DEMO], { env: { COLUMNS: undefined } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    await expect(run.stdout).toMatchFileSnapshot('snapshots/audit-nonexistent.txt');
    expect(run.stdout).not.toMatch(/spf-none|dkim-none-found|mx-domain-nxdomain|SPF for/);
  });

  it('JSON: the same fields as any domain, one finding, every check null; the domain beside it audited in full', async () => {
    const run = await runBuiltCli(['ghost.shop.example', 'shop.example', ...DEMO, '--format', 'json']);
    const domains = (JSON.parse(run.stdout) as { domains: DomainJson[] }).domains;
    const [ghost, shop] = domains;
    expect(ghost).toMatchObject({ domain: 'ghost.shop.example', verdict: 'fail', spf: null, dmarc: null, dkim: null, mx: null, changes: [] });
    expect(ghost?.findings.map((f) => f.id)).toEqual(['domain-nonexistent']);
    // the parent's DMARC policy for names that do not exist is what receivers apply to mail claiming it
    expect(ghost?.findings[0]?.message).toContain('the DMARC policy shop.example sets for names that do not exist: reject');
    expect(shop?.spf).not.toBeNull();
  });

  it('an existing name with no mail records is still audited in full', async () => {
    // _dmarc.shop.example exists (a TXT record), so it is not a nonexistent domain
    const run = await runBuiltCli(['_dmarc.shop.example', ...DEMO, '--format', 'json']);
    const [entry] = (JSON.parse(run.stdout) as { domains: DomainJson[] }).domains;
    expect(entry?.findings.map((f) => f.id)).not.toContain('domain-nonexistent');
    expect(entry?.spf).not.toBeNull();
  });
});
