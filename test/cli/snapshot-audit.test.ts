// Snapshot tests of the BUILT command (`npm run build` first; `npm test` does): `node
// bin/authaudit.js` on the demo zones and the diff fixtures, in every report format, with the exit
// codes. JSON is checked against fixtures/schemas/authaudit-report.schema.json and SARIF against
// the SARIF 2.1.0 schema. Output holds no times and no absolute paths (zone paths are relative).
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportValidator, sarifValidator } from '../report/schemas.js';
import { REPO_ROOT as ROOT, runBuiltCli, type CliRun } from '../helpers/run-cli.js';

const snapshot = (name: string) => `./snapshots/${name}`;

/** Run the built CLI from the repository root, with colour off and no CI or terminal settings. */
// at the default width (no COLUMNS): the text snapshots show what a pipe or a file gets
const authaudit = (args: string[]): Promise<CliRun> => runBuiltCli(args, { env: { COLUMNS: undefined } });

/** A run that printed a report: nothing on stderr (a crash exits 1 too, and must never become a snapshot). */
async function report(args: string[]): Promise<CliRun> {
  const run = await authaudit(args);
  expect(run.stderr).toBe('');
  expect(run.stdout.length).toBeGreaterThan(0);
  return run;
}

const DEMO = ['--zone', 'fixtures/demo', '--profile', 'fixtures/demo/profiles.json'];
const SAMPLE = ['northwind.example', 'megacorp.example', 'shop.example'];
const DIFF = ['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', '--profile', 'fixtures/diff/profiles.json'];

beforeAll(() => {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
});

describe('authaudit audit (built) on the demo zones', () => {
  it('text: a verdict per domain, findings by severity with fixes, the SPF tree', async () => {
    const run = await report([...DEMO, ...SAMPLE]);
    expect(run.code).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot(snapshot('audit-demo.txt'));
  });

  it('JSON: matches the report schema, every domain with every field', async () => {
    const run = await report([...DEMO, ...SAMPLE, '--format', 'json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { command: string; domains: Array<Record<string, unknown>> };
    const validate = reportValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // the schema describes audit documents, so a domain without its verdict does not pass
    const broken = structuredClone(json);
    delete broken.domains[0]?.['verdict'];
    expect(validate(broken)).toBe(false);
    expect(json.command).toBe('audit');
    const keys = ['domain', 'verdict', 'summary', 'findings', 'changes', 'changesElsewhere', 'spf', 'dmarc', 'dkim', 'mx', 'ptr', 'mtaSts', 'tlsRpt', 'smtp', 'bimi', 'dnssec', 'profiles', 'predictions'];
    for (const d of json.domains) expect(Object.keys(d)).toEqual(keys);
    expect(run.stdout).not.toContain(ROOT);
    await expect(run.stdout).toMatchFileSnapshot(snapshot('audit-demo.json'));
  });

  it('SARIF: valid SARIF 2.1.0 whose locations point at the zone-file lines', async () => {
    const run = await report([...DEMO, ...SAMPLE, '--format', 'sarif']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const lookups = sarif.runs[0]?.results.find((r) => r.ruleId === 'spf-too-many-lookups');
    expect(lookups?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'fixtures/demo/cloudrelay.example.zone' }, region: { startLine: 15 } });
    await expect(run.stdout).toMatchFileSnapshot(snapshot('audit-demo.sarif'));
  });

  it('Markdown: a verdict table, then the findings', async () => {
    const run = await report([...DEMO, ...SAMPLE, '--format', 'markdown']);
    expect(run.code).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot(snapshot('audit-demo.md'));
  });

  it.each([
    [['northwind.example', '--zone', 'fixtures/demo'], 0],
    [['shop.example', ...DEMO], 1],
    [['shop.example', ...DEMO, '--fail-on', 'never'], 0],
    [['cafe.example', '--zone', 'fixtures/demo'], 0],
    [['cafe.example', '--zone', 'fixtures/demo', '--fail-on', 'warning'], 1],
    [['shop.example', '--zone', 'fixtures/missing'], 2],
    [['shop.example', '--zone', 'fixtures/demo', '--ip', 'not-an-ip'], 2],
    [['shop.example', '--zone', 'fixtures/demo', '--profile', 'fixtures/demo/README.md'], 2],
  ])('exit code of %j is %i', async (args, code) => {
    const run = await authaudit(args);
    expect(run.code).toBe(code);
    if (code === 2) expect(run.stderr).toMatch(/^authaudit: /);
    else expect(run.stderr).toBe('');
  });
});

describe('authaudit diff (built) on fixtures/diff', () => {
  it.each([
    ['text', 'diff.txt'],
    ['markdown', 'diff.md'],
  ])('%s', async (format, file) => {
    const run = await report([...DIFF, '--format', format]);
    expect(run.code).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot(snapshot(file));
  });

  it('JSON: schema-valid; findings are what the change introduces', async () => {
    const run = await report([...DIFF, '--format', 'json']);
    const json = JSON.parse(run.stdout) as { findings: Array<{ id: string }>; resolved: Array<{ id: string }> };
    const validate = reportValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.findings.map((f) => f.id)).toContain('spf-too-many-lookups');
    await expect(run.stdout).toMatchFileSnapshot(snapshot('diff.json'));
  });

  it('SARIF: only the introduced findings, valid SARIF 2.1.0', async () => {
    const run = await report([...DIFF, '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual(['predict-rejection', 'predict-rejection', 'predict-rejection-risk', 'spf-too-many-lookups']);
  });

  it.each([
    [[...DIFF], 1],
    [[...DIFF, '--ignore', 'spf-too-many-lookups,predict-*'], 0],
    [['diff', '--base', 'fixtures/diff/head', '--head', 'fixtures/diff/head', '--offline', '--fail-on', 'info'], 0],
    [['diff', '--base', 'fixtures/diff/base'], 2],
  ])('exit code of %j is %i', async (args, code) => {
    const run = await authaudit(args);
    expect(run.code).toBe(code);
    expect(run.stderr === '').toBe(code !== 2);
  });
});

describe('text from DNS is escaped (a TXT record holding ANSI escape sequences)', () => {
  const ANSI = ['ansi.example', '--zone', 'test/cli/snapshots/zones/ansi.example.zone'];

  it('text report: the sequences are shown as \\x1b[..., never sent raw', async () => {
    const run = await report(ANSI);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stdout).toContain('\\x1b[2J\\x1b[31mNo');
    await expect(run.stdout).toMatchFileSnapshot(snapshot('audit-ansi.txt'));
  });

  it.each(['markdown', 'github'])('%s report: no raw control characters either', async (format) => {
    const run = await report([...ANSI, '--format', format]);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('JSON keeps the record exactly as served (JSON escapes it)', async () => {
    const run = await report([...ANSI, '--format', 'json']);
    const json = JSON.parse(run.stdout) as { domains: Array<{ spf: { record: string } }> };
    expect(json.domains[0]?.spf.record).toContain('\u001b[2J');
  });
});
