// `--format gitlab` on the BUILT command: a GitLab Code Quality report that matches
// fixtures/schemas/gitlab-codequality.schema.json, whose fingerprints are the same from one run to
// the next and unique within a report, and whose locations are zone-file lines given relative to
// the repository root (the working folder when the run is not in a git checkout).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';
import { gitlabValidator } from '../report/schemas.js';
import type { GitlabIssue } from '../../src/report/gitlab.js';
import type { JsonFinding } from '../../src/report/json.js';

const DEMO = ['--zone', 'fixtures/demo', '--profile', 'fixtures/demo/profiles.json', 'northwind.example', 'megacorp.example', 'shop.example'];
const DIFF = ['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', '--profile', 'fixtures/diff/profiles.json'];

const temporary: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'authaudit-gitlab-'));
  temporary.push(dir);
  return dir;
};

beforeAll(() => {
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
});
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function gitlab(args: string[], cwd?: string): Promise<{ code: number; issues: GitlabIssue[] }> {
  const run = await runBuiltCli([...args, '--format', 'gitlab'], { cwd });
  expect(run.stderr).toBe('');
  const issues = JSON.parse(run.stdout) as GitlabIssue[];
  const validate = gitlabValidator();
  expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
  return { code: run.code, issues };
}

const fingerprints = (issues: GitlabIssue[]) => issues.map((i) => i.fingerprint);

/** One run: the JSON report on stdout and the GitLab report through --output, to compare. */
async function jsonAndGitlab(args: string[]): Promise<{ json: JsonFinding[]; issues: GitlabIssue[] }> {
  const file = path.join(tempDir(), 'gl.json');
  const run = await runBuiltCli([...args, '--format', 'json', '--output', `gitlab=${file}`]);
  const json = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
  return { json, issues: JSON.parse(readFileSync(file, 'utf8')) as GitlabIssue[] };
}

/** Line `n` (1-based) of a file under the repository root. */
const lineOf = (file: string, n: number) => readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n')[n - 1] ?? '';

/**
 * Every finding the JSON report places in a zone file is an issue at that file and line, and that
 * line holds the record (its opening, as written in the zone file); every other issue points at the
 * config file's place, line 1. `json` and `issues` come from one run.
 */
function expectZoneLines(json: JsonFinding[], issues: GitlabIssue[]): void {
  const placed = json.filter((f) => f.evidence.file !== null);
  expect(placed.length).toBeGreaterThan(0);
  for (const f of placed) {
    const issue = issues.find((i) => i.check_name === f.id && i.location.path === f.evidence.file);
    expect(issue?.location.lines.begin, f.id).toBe(f.evidence.line);
    expect(lineOf(f.evidence.file ?? '', f.evidence.line ?? 0)).toContain(`"${(f.evidence.record ?? '').slice(0, 12)}`);
  }
  for (const i of issues.filter((i) => !json.some((f) => f.id === i.check_name && f.evidence.file === i.location.path))) {
    expect(i.location).toEqual({ path: 'authaudit.config.json', lines: { begin: 1 } });
  }
}

describe('authaudit audit --format gitlab (demo zones)', () => {
  it('one issue per finding, severities mapped, check_name the finding id', async () => {
    const { code, issues } = await gitlab(DEMO);
    expect(code).toBe(1);
    const json = JSON.parse((await runBuiltCli([...DEMO, '--format', 'json'])).stdout) as { findings: JsonFinding[] };
    expect(issues.map((i) => i.check_name)).toEqual(json.findings.map((f) => f.id));
    const severity = { error: 'major', warning: 'minor', info: 'info' } as const;
    expect(issues.map((i) => i.severity)).toEqual(json.findings.map((f) => severity[f.severity]));
  });

  it('locations: zone-file lines relative to the repository root, else the config file at line 1', async () => {
    const { json, issues } = await jsonAndGitlab(DEMO);
    expect(issues.find((i) => i.check_name === 'spf-too-many-lookups')?.location).toEqual({ path: 'fixtures/demo/cloudrelay.example.zone', lines: { begin: 15 } });
    expectZoneLines(json, issues);
  });

  it('fingerprints: unique within the report and the same on the next run', async () => {
    const first = await gitlab(DEMO);
    expect(new Set(fingerprints(first.issues)).size).toBe(first.issues.length);
    expect(fingerprints((await gitlab(DEMO)).issues)).toEqual(fingerprints(first.issues));
  });

  it('paths stay relative to the repository root when run from a subfolder; fingerprints do not change', async () => {
    const repo = tempDir();
    execFileSync('git', ['init', '--quiet', repo]);
    cpSync(path.join(REPO_ROOT, 'fixtures/demo'), path.join(repo, 'dns', 'zones'), { recursive: true });
    const args = ['--zone', 'zones', '--profile', 'zones/profiles.json', 'northwind.example', 'megacorp.example', 'shop.example'];
    const fromSub = await gitlab(args, path.join(repo, 'dns'));
    const fromHere = await gitlab(DEMO);
    const moved = (p: string) => (p === 'authaudit.config.json' ? 'dns/authaudit.config.json' : p.replace('fixtures/demo/', 'dns/zones/'));
    expect(fromSub.issues.map((i) => i.location)).toEqual(fromHere.issues.map((i) => ({ ...i.location, path: moved(i.location.path) })));
    expect(fromSub.issues.find((i) => i.check_name === 'spf-too-many-lookups')?.location.path).toBe('dns/zones/cloudrelay.example.zone');
    expect(fingerprints(fromSub.issues)).toEqual(fingerprints(fromHere.issues));
  });

  it('outside a git checkout, paths are relative to the working folder', async () => {
    const dir = tempDir();
    cpSync(path.join(REPO_ROOT, 'fixtures/demo'), path.join(dir, 'zones'), { recursive: true });
    const { issues } = await gitlab(['--zone', 'zones', '--profile', 'zones/profiles.json', 'megacorp.example'], dir);
    expect(issues.find((i) => i.check_name === 'spf-too-many-lookups')?.location).toEqual({ path: 'zones/cloudrelay.example.zone', lines: { begin: 15 } });
  });

  it('findings no zone file holds point at the config file the run read', async () => {
    const { issues } = await gitlab(['--config', 'fixtures/cli/config-demo.json', 'megacorp.example']);
    const paths = new Set(issues.filter((i) => i.check_name.startsWith('predict-')).map((i) => i.location.path));
    expect([...paths]).toEqual(['fixtures/cli/config-demo.json']);
  });

  it('one issue for a reverse-DNS finding that two audited domains share (the same --ip)', async () => {
    const args = ['--zone', 'fixtures/demo', '--ip', '203.0.113.77', 'megacorp.example', 'shop.example'];
    const json = JSON.parse((await runBuiltCli([...args, '--format', 'json'])).stdout) as { findings: JsonFinding[] };
    expect(json.findings.filter((f) => f.id === 'ptr-none')).toHaveLength(2);
    const { issues } = await gitlab(args);
    expect(issues.filter((i) => i.check_name === 'ptr-none')).toHaveLength(1);
    expect(new Set(fingerprints(issues)).size).toBe(issues.length);
  });
});

describe('authaudit diff --format gitlab (fixtures/diff)', () => {
  it('the introduced findings, with the head zone-file line; fingerprints unique and stable', async () => {
    const first = await gitlab(DIFF);
    expect(first.code).toBe(1);
    expect(first.issues.map((i) => i.check_name).sort()).toEqual(['predict-rejection', 'predict-rejection', 'predict-rejection-risk', 'spf-too-many-lookups']);
    expect(new Set(fingerprints(first.issues)).size).toBe(first.issues.length);
    expect(fingerprints((await gitlab(DIFF)).issues)).toEqual(fingerprints(first.issues));
    const { json, issues } = await jsonAndGitlab(DIFF);
    expect(issues.find((i) => i.check_name === 'spf-too-many-lookups')?.location).toEqual({ path: 'fixtures/diff/head/bulkmail.example.zone', lines: { begin: 10 } });
    expectZoneLines(json, issues);
  });
});
