// `authaudit bimi` through the built CLI on the bundled demo: offline, the record and DMARC are
// checked and the fetches are said to be off; the JSON holds to the report schema; bad options are
// one line and exit 2. (The HTTPS fetches against nginx are in test/interop/bimi-lab.test.ts.)
import { describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { reportValidator } from '../report/schemas.js';

const validate = reportValidator();
const DEMO = ['--zone', 'fixtures/demo'];

describe('authaudit bimi (built) on the demo zones', () => {
  it('clinic.example publishes BIMI with DMARC at enforcement; offline, nothing is fetched and the report says so', async () => {
    const r = await runBuiltCli(['bimi', 'clinic.example', ...DEMO, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = jsonOf(r) as { bimi: Record<string, unknown>; findings: { id: string }[] };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.bimi).toMatchObject({ status: 'published', result: null, fetched: false, dmarc: { met: true } });
    expect(doc.findings.map((f) => f.id)).toEqual(['bimi-fetch-off']);
  });
  it('northwind.example publishes none: one info finding, in text', async () => {
    const r = await runBuiltCli(['bimi', 'northwind.example', ...DEMO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bimi-none');
    expect(r.stdout).toContain('providers: no logo anywhere');
  });
  it('the audit carries BIMI for every domain, valid against the schema', async () => {
    const r = await runBuiltCli([...DEMO, 'clinic.example', 'northwind.example', '--format', 'json', '--fail-on', 'never']);
    const doc = jsonOf(r) as { domains: { domain: string; bimi: { status: string } }[] };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.domains.map((d) => [d.domain, d.bimi.status])).toEqual([['clinic.example', 'published'], ['northwind.example', 'none']]);
  });
  it.each([
    [['--bimi-roots', 'no/such.pem'], /^authaudit: --bimi-roots no\/such\.pem: no such file$/],
    [['--bimi-roots', 'README.md'], /^authaudit: --bimi-roots README\.md: holds no PEM certificate/],
    [['--bimi-selector', 'bad..name'], /BIMI selector/],
  ])('bad input %j: one line, exit 2', async (extra, message) => {
    const r = await runBuiltCli(['bimi', 'clinic.example', ...DEMO, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
