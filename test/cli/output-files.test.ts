// `--output FORMAT=FILE` on the BUILT command: one run writes several reports from one set of
// answers, each file equal to what a `--format` run prints; a file is written whole after the
// report exists (also when findings make the run exit 1), and never when the run fails first.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo', '--profile', 'fixtures/demo/profiles.json', 'northwind.example', 'megacorp.example', 'shop.example'];
const DIFF = ['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', '--profile', 'fixtures/diff/profiles.json'];
const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'gitlab'] as const;

let dir = '';
const out = (name: string) => path.join(dir, name);
const read = (name: string) => readFileSync(out(name), 'utf8');

beforeAll(() => {
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'authaudit-output-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('several reports from one run', () => {
  it('writes every format to its file, each equal to what a --format run prints; stdout keeps --format', async () => {
    const run = await runBuiltCli([...DEMO, '--format', 'markdown', ...FORMATS.flatMap((f) => ['--output', `${f}=${out(`report.${f}`)}`])]);
    expect(run.stderr).toBe('');
    // findings at or above --fail-on: exit 1, and the files are written all the same
    expect(run.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(FORMATS.map((f) => `report.${f}`).sort());
    for (const format of FORMATS) {
      const alone = await runBuiltCli([...DEMO, '--format', format]);
      expect(read(`report.${format}`), format).toBe(alone.stdout);
      if (format === 'markdown') expect(run.stdout).toBe(alone.stdout);
    }
  });

  it('diff: the pull-request comment and the Code Quality report from one run', async () => {
    const run = await runBuiltCli([...DIFF, '--output', `markdown=${out('authaudit.md')}`, '--output', `gitlab=${out('gl-code-quality.json')}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe((await runBuiltCli(DIFF)).stdout);
    expect(read('authaudit.md')).toBe((await runBuiltCli([...DIFF, '--format', 'markdown'])).stdout);
    expect(read('gl-code-quality.json')).toBe((await runBuiltCli([...DIFF, '--format', 'gitlab'])).stdout);
  });

  it('a value without "=" is a file in the --format format', async () => {
    const run = await runBuiltCli([...DEMO, '--format', 'json', '--output', out('report.json')]);
    expect(run.code).toBe(1);
    expect(read('report.json')).toBe(run.stdout);
    expect(JSON.parse(read('report.json'))).toMatchObject({ command: 'audit' });
  });

  it('files never hold colour, even when stdout is coloured', async () => {
    const run = await runBuiltCli([...DEMO, '--output', `text=${out('report.txt')}`], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(run.stdout).toContain('\u001b[');
    expect(read('report.txt')).not.toContain('\u001b[');
    expect(read('report.txt')).toBe((await runBuiltCli(DEMO)).stdout);
  });

  it('replaces a report left by an earlier run', async () => {
    await runBuiltCli(['northwind.example', '--zone', 'fixtures/demo', '--format', 'json', '--output', out('r.json')]);
    await runBuiltCli([...DEMO, '--format', 'json', '--output', out('r.json')]);
    expect(JSON.parse(read('r.json'))).toMatchObject({ domains: [{ domain: 'northwind.example' }, { domain: 'megacorp.example' }, { domain: 'shop.example' }] });
    expect(readdirSync(dir)).toEqual(['r.json']);
  });
});

describe('--quiet', () => {
  it('with --output, stdout gets nothing and the files get the reports', async () => {
    const run = await runBuiltCli([...DEMO, '--quiet', '--output', `json=${out('r.json')}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    expect(JSON.parse(read('r.json'))).toMatchObject({ command: 'audit' });
  });

  it('without --output, stdout keeps a report: the short text one (verdicts and What to change), any other format whole', async () => {
    const quiet = await runBuiltCli([...DEMO, '--quiet']);
    const full = await runBuiltCli(DEMO);
    expect(quiet.stdout.startsWith('Verdict\n')).toBe(true);
    expect(full.stdout.startsWith(quiet.stdout.split('\n\n')[0] ?? '')).toBe(true);
    expect(quiet.stdout.length).toBeLessThan(full.stdout.length);
    const json = await runBuiltCli([...DEMO, '--quiet', '--format', 'json']);
    expect(json.stdout).toBe((await runBuiltCli([...DEMO, '--format', 'json'])).stdout);
  });
});

describe('no file when the run fails before a report exists', () => {
  it.each([
    ['a --zone path that is not there (exit 2)', ['shop.example', '--zone', 'fixtures/missing'], 2],
    ['a bad --ip (exit 2)', ['shop.example', '--zone', 'fixtures/demo', '--ip', 'not-an-ip'], 2],
    ['DNS unusable: no resolver answers (exit 3)', ['lookup', 'example.com', 'A', '--resolver', '127.0.0.1:9', '--timeout', '200'], 3],
  ])('%s: no report file and no temporary file', async (_name, args, code) => {
    const run = await runBuiltCli([...args, '--output', `json=${out('r.json')}`, '--output', `gitlab=${out('gl.json')}`]);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(/^authaudit: /);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('bad --output values: exit 2, one line naming the value, nothing written', () => {
  it.each([
    ['an unknown format', () => ['yaml=report.yaml'], () => "--output 'yaml=report.yaml': unknown format 'yaml'"],
    ['an empty file name after the format', () => ['json='], () => "--output 'json=': no file name after 'json='"],
    ['an empty value', () => [''], () => "--output '': no file name"],
    ['a folder that is not there', () => [`json=${out('nope/r.json')}`], () => `--output 'json=${out('nope/r.json')}': cannot write into '${out('nope')}': no such folder`],
    ['a folder where the file should be', () => [`json=${dir}`], () => `--output 'json=${dir}': '${dir}' is a folder, not a file`],
    ['two --output to one file', () => [`json=${out('r.json')}`, `sarif=${dir}/./r.json`], () => `--output 'sarif=${dir}/./r.json': another --output writes '${dir}/./r.json' too`],
  ])('%s', async (_name, values, message) => {
    // values and messages name the run's folder, made before each test
    const run = await runBuiltCli([...DEMO, ...values().flatMap((v) => ['--output', v])]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(run.stderr.startsWith(`authaudit: ${message()}`), run.stderr).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
