// What to change in the built command's reports: right after each domain's verdict in text, and as
// `changes` (and `changesElsewhere`) in each domain's JSON; --ignore leaves out what only the ignored
// findings asked for.
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo', '--profile', 'fixtures/demo/profiles.json'];

interface Change {
  name: string;
  type: string;
  action: string;
  value: string;
  current: string | null;
  zoneLine: string;
  clears: string[];
}

async function changesOf(args: string[]): Promise<{ changes: Change[]; changesElsewhere: string[] }> {
  const run = await runBuiltCli([...args, '--format', 'json']);
  const report = JSON.parse(run.stdout) as { domains: { changes: Change[]; changesElsewhere: string[] }[] };
  return report.domains[0]!;
}

describe('What to change (built command, demo zones)', () => {
  it('opens each domain after its verdict, numbered in publishing order', async () => {
    const run = await runBuiltCli([...DEMO, 'ledger.example']);
    const section = run.stdout.slice(run.stdout.indexOf('ledger.example: FAIL'));
    expect(section.split('\n')[2]).toBe('What to change (publish in this order)');
    const steps = section.split('\n').filter((l) => /^ {2}\d+\. /.test(l)).map((l) => l.replace(/ {2}clears .*/, ''));
    expect(steps).toEqual([
      '  1. add A at mta.ledger.example',
      '  2. add TXT at <rsa-selector>._domainkey.ledger.example',
      '  3. add AAAA at mta.ledger.example',
      '  4. replace TXT at ledger.example (the record there now)',
      '  5. remove TXT at ledger.example (this record)',
    ]);
    expect(section).toContain('Outside your zones');
    expect(section).toContain('- add PTR at 5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.4.0.0.8.b.d.0.1.0.0.2.ip6.arpa: mta.ledger.example.');
  });

  it('two SPF records: the merged one replaces the first, the other is removed, never a second record added', async () => {
    const { changes } = await changesOf([...DEMO, 'ledger.example']);
    const spf = changes.filter((c) => c.name === 'ledger.example');
    expect(spf.map((c) => c.action)).toEqual(['replace', 'remove']);
    expect(spf[0]?.current).toBe('v=spf1 include:_spf.mailgiant.example ~all');
    expect(spf[0]?.value).toBe('v=spf1 ip6:2001:db8:40::25 include:_spf.mailgiant.example ip4:192.0.2.40 ip6:2001:db8:40::/64 ~all');
    expect(spf[0]?.clears).toContain('spf-multiple-records');
    expect(spf[1]?.value).toBe('v=spf1 ip4:192.0.2.40 ip6:2001:db8:40::/64 -all');
    expect(changes.some((c) => c.action === 'add' && c.type === 'TXT' && c.value.startsWith('v=spf1'))).toBe(false);
  });

  it('DMARC and type 99 fixes as exact record edits, each with its zone-file line', async () => {
    const { changes } = await changesOf(['--zone', 'fixtures/demo', 'cafe.example']);
    expect(changes).toEqual([
      {
        name: '_dmarc.cafe.example',
        type: 'TXT',
        action: 'replace',
        value: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@cafe.example',
        current: 'v=DMARC1; p=none; rua=mailto:dmarc@cafe.example',
        zoneLine: '_dmarc.cafe.example. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@cafe.example"',
        clears: ['dmarc-policy-none'],
      },
      {
        name: 'cafe.example',
        type: 'SPF',
        action: 'remove',
        value: 'v=spf1 include:_spf.mailgiant.example ~all',
        current: null,
        zoneLine: 'cafe.example. IN SPF "v=spf1 include:_spf.mailgiant.example ~all"',
        clears: ['spf-type99-record'],
      },
    ]);
  });

  it('--ignore leaves out the changes only ignored findings asked for', async () => {
    const { changes } = await changesOf(['--zone', 'fixtures/demo', 'cafe.example', '--ignore', 'dmarc-*']);
    expect(changes.map((c) => c.clears)).toEqual([['spf-type99-record']]);
  });

  it('a domain with nothing to change has no section', async () => {
    const run = await runBuiltCli([...DEMO, 'northwind.example']);
    expect(run.stdout).not.toContain('What to change');
    expect((await changesOf([...DEMO, 'northwind.example'])).changes).toEqual([]);
  });
});

describe('--quiet (built command)', () => {
  it('text: the verdict lines and What to change only', async () => {
    const run = await runBuiltCli([...DEMO, '--quiet', 'northwind.example', 'cafe.example']);
    const full = await runBuiltCli([...DEMO, 'northwind.example', 'cafe.example']);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(full.stdout.split('\n').slice(0, 3));
    expect(run.stdout).toContain('cafe.example: AT RISK\n\nWhat to change (publish in this order)\n  1. replace TXT at _dmarc.cafe.example');
    // a domain with nothing to change is its verdict line only; no findings, no tree, no summaries
    expect(run.stdout).not.toContain('northwind.example: PASS');
    for (const part of ['SPF for ', 'Warnings (', '  DMARC  ', 'Predicted replies']) expect(run.stdout).not.toContain(part);
  });

  it('JSON is the same with and without --quiet', async () => {
    const args = [...DEMO, 'cafe.example', '--format', 'json'];
    const [quiet, loud] = await Promise.all([runBuiltCli([...args, '--quiet']), runBuiltCli(args)]);
    expect(quiet.stdout).toBe(loud.stdout);
  });
});
