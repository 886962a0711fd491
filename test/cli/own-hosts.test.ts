// The BUILT command (`npm run build` first; `npm test` does) on fixtures/own-hosts: the reverse DNS
// of a domain's own SPF and MX hosts in the audit's text (PTR lines, findings, What to change) and
// in its JSON (valid against fixtures/schemas/authaudit-report.schema.json).
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportValidator } from '../report/schemas.js';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

const WORLD = ['--zone', 'fixtures/own-hosts'];

beforeAll(() => {
  if (!existsSync(`${REPO_ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
});

describe('authaudit audit (built): reverse DNS of the domain\'s own hosts', () => {
  it('text: a PTR line per own host address with its role, the findings, the A record in What to change', async () => {
    const run = await runBuiltCli(['acme.example', 'brick.example', ...WORLD]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // both lack DMARC (an error of its own)
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('  PTR '))).toEqual([
      '  PTR    192.0.2.10 -> mx1.acme.example: pass (mx1.acme.example by SPF mx; mx1.acme.example MX 10)',
      '  PTR    192.0.2.11: none (mx2.acme.example by SPF mx; mx2.acme.example MX 20)',
      '  PTR    192.0.2.20: none (relay.acme.example by SPF a:relay.acme.example)',
      '  PTR    192.0.2.30 -> mail.brick.example: fail (out.brick.example by SPF a:out.brick.example)',
      '  PTR    192.0.2.40: none (in.brick.example MX 10)',
    ]);
    expect(lines.filter((l) => /without-fcrdns/.test(l)).map((l) => l.trim())).toEqual([
      'warning spf-host-without-fcrdns  mx2.acme.example',
      'warning spf-host-without-fcrdns  relay.acme.example',
      '1. add A at mail.brick.example  clears spf-host-without-fcrdns',
      'warning spf-host-without-fcrdns  out.brick.example',
      'info    mx-host-without-fcrdns  in.brick.example',
    ]);
    expect(run.stdout).toContain('zone file: mail.brick.example. IN A 192.0.2.30');
    expect(run.stdout).not.toContain('198.51.100.5:'); // the provider's host is never checked
  });

  it('text: the addresses past the cap are counted', async () => {
    const run = await runBuiltCli(['many.example', ...WORLD]);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('  PTR '))).toHaveLength(17);
    expect(run.stdout).toContain("  PTR    4 more addresses of the domain's own hosts not checked (at most 16)\n");
  });

  it('JSON: schema-valid, each own host address with its roles and the findings', async () => {
    const run = await runBuiltCli(['acme.example', 'brick.example', ...WORLD, '--format', 'json']);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { domains: Array<{ domain: string; ptr: Array<{ address: string; result: string; roles: Array<{ role: string; host: string; term: string | null }> }>; findings: Array<{ id: string; severity: string }>; changes: Array<{ name: string; type: string; value: string }> }> };
    const validate = reportValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // a role without its host does not pass the schema
    const broken = structuredClone(json) as unknown as { domains: Array<{ ptr: Array<{ roles: Array<Record<string, unknown>> }> }> };
    delete broken.domains[0]?.ptr[0]?.roles[0]?.['host'];
    expect(validate(broken)).toBe(false);
    const [acme, brick] = json.domains;
    expect(acme?.ptr.map((p) => [p.address, p.result, p.roles.map((r) => `${r.role} ${r.host} ${r.term ?? ''}`.trim())])).toEqual([
      ['192.0.2.10', 'pass', ['spf mx1.acme.example mx', 'mx mx1.acme.example']],
      ['192.0.2.11', 'none', ['spf mx2.acme.example mx', 'mx mx2.acme.example']],
      ['192.0.2.20', 'none', ['spf relay.acme.example a:relay.acme.example']],
    ]);
    expect(acme?.findings.filter((f) => f.id.endsWith('-without-fcrdns')).map((f) => `${f.id} ${f.severity}`)).toEqual(['spf-host-without-fcrdns warning', 'spf-host-without-fcrdns warning']);
    expect(brick?.findings.filter((f) => f.id.endsWith('-without-fcrdns')).map((f) => `${f.id} ${f.severity}`)).toEqual(['spf-host-without-fcrdns warning', 'mx-host-without-fcrdns info']);
    expect(brick?.changes.map((c) => `${c.name} ${c.type} ${c.value}`)).toEqual(['mail.brick.example A 192.0.2.30']);
  });
});
