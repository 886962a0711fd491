// The GitHub Action (action.yml) runs one script, action/run.mjs, in the workspace. These tests run
// that script as the runner would: in a shallow clone (actions/checkout fetches one commit) of a
// repository whose pull request changes zone files (fixtures/diff/base on main, fixtures/diff/head
// on the branch), with the GITHUB_* variables of a pull_request event, the inputs as the step in
// action.yml passes them (INPUT_* from its `env:`, defaults from its `inputs:`), and temporary
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. The built CLI (`npm run build` first; `npm test`
// does) and git over file:// only: nothing leaves the machine.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gitSandbox, type GitSandbox } from '../helpers/git-fixture.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const SCRIPT = path.join(REPO_ROOT, 'action/run.mjs');

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }> };
}
const ACTION = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;
const RUN_STEP = ACTION.runs.steps.find((s) => s.id === 'run');

let box: GitSandbox;
let origin = '';
let base = '';
let head = '';
let runs = 0;

/** A fresh clone as actions/checkout makes it for the pull request: one commit, the branch's head. */
function shallowClone(name: string): string {
  const clone = path.join(box.root, name);
  box.git(box.root, ['clone', '-q', '--depth', '1', '--branch', 'change', `file://${origin}`, clone]);
  return clone;
}

const hasCommit = (clone: string, commit: string): boolean => {
  try {
    box.git(clone, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
};

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2] as string, i + 1);
      outputs[block[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** RUNNER_TEMP of the run: the reports go to authaudit/ in it unless report-dir says otherwise. */
  runnerTemp: string;
}

interface RunOptions {
  inputs?: Record<string, string>;
  /** The event payload (GITHUB_EVENT_PATH); default: the pull request from `change` into main. */
  event?: object;
  eventName?: string;
  /** Extra variables; undefined removes one. */
  env?: NodeJS.ProcessEnv;
}

/** Run action/run.mjs in `clone` with the environment the composite step gives it. */
function runAction(clone: string, options: RunOptions = {}): Promise<ActionRun> {
  const dir = path.join(box.root, `run-${++runs}`);
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const event = options.event ?? { number: 7, pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: 'change', sha: head } } };
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event));
  // the inputs as action.yml's step passes them: `INPUT_X: ${{ inputs.x }}`, the default when not given
  const inputs: NodeJS.ProcessEnv = {};
  for (const [variable, expression] of Object.entries(RUN_STEP?.env ?? {})) {
    const name = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)?.[1] as string;
    inputs[variable] = options.inputs?.[name] ?? ACTION.inputs[name]?.default ?? '';
  }
  const merged: NodeJS.ProcessEnv = {
    ...box.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'change',
    GITHUB_WORKSPACE: clone,
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    RUNNER_TEMP: path.join(dir, 'temp'),
    GITHUB_ACTION_PATH: REPO_ROOT,
    ...inputs,
    ...options.env,
  };
  const env = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT], { cwd: clone, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      const summaryFile = path.join(dir, 'summary.md');
      resolve({ code, stdout, stderr, outputs: readOutputs(path.join(dir, 'output')), summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '', runnerTemp: path.join(dir, 'temp') });
    });
  });
}

/** A report output: a path that exists and holds something. */
function reportAt(file: string | undefined): string {
  expect(file).toBeTruthy();
  expect(statSync(file as string).size).toBeGreaterThan(0);
  return readFileSync(file as string, 'utf8');
}

const OUTPUT_NAMES = Object.keys(ACTION.outputs).sort();

beforeAll(() => {
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
  box = gitSandbox();
  origin = path.join(box.root, 'origin');
  mkdirSync(origin);
  box.git(origin, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  cpSync(path.join(REPO_ROOT, 'fixtures/diff/base'), path.join(origin, 'zones'), { recursive: true });
  box.write(origin, { 'README.md': '# zones\n' });
  base = box.commit(origin, 'The zones as they are served', '2024-02-01T00:00:00Z');
  box.git(origin, ['checkout', '-q', '-b', 'change']);
  box.write(origin, { zones: null });
  cpSync(path.join(REPO_ROOT, 'fixtures/diff/head'), path.join(origin, 'zones'), { recursive: true });
  head = box.commit(origin, 'acme.example sends through bulkmail; widgets.example drops ptr', '2024-02-02T00:00:00Z');
});

afterAll(() => box?.remove());

describe('action.yml', () => {
  it('is a composite action whose last step runs action/run.mjs with every input but node-version through the environment', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(RUN_STEP?.run).toBe('node "$GITHUB_ACTION_PATH/action/run.mjs"');
    const passed = Object.values(RUN_STEP?.env ?? {}).map((e) => /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(e)?.[1]);
    expect(passed.sort()).toEqual(Object.keys(ACTION.inputs).filter((i) => i !== 'node-version').sort());
    // no input is pasted into a command line (script injection); node-version only goes to setup-node
    for (const step of ACTION.runs.steps) expect(step.run ?? '').not.toContain('inputs.');
    expect(ACTION.runs.steps[0]?.with?.['node-version']).toBe('${{ inputs.node-version }}');
  });

  it('pins the actions it uses by commit SHA', () => {
    const uses = ACTION.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('each output is the script output of the same name', () => {
    for (const [name, output] of Object.entries(ACTION.outputs)) expect(output.value).toBe(`\${{ steps.run.outputs.${name} }}`);
  });
});

describe('a pull request, in a shallow checkout', () => {
  let clone = '';
  let first: ActionRun;

  beforeAll(async () => {
    clone = shallowClone('pull-request');
    // what makes the fetch necessary: one commit, not the base
    expect(box.git(clone, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(hasCommit(clone, base)).toBe(false);
    first = await runAction(clone, { inputs: { zones: 'zones', args: '--offline' } });
  });

  it('fetches the base commit from the event and keeps the clone shallow', () => {
    expect(first.stdout).toContain(`fetching the base ${base} (the pull request's base commit) from origin: the checkout is shallow`);
    expect(hasCommit(clone, base)).toBe(true);
    expect(box.git(clone, ['rev-parse', '--is-shallow-repository'])).toBe('true');
  });

  it('exits 1 (an error introduced) and sets every output: the status, the counts, the reports, the base', () => {
    expect(first.code).toBe(1);
    expect(Object.keys(first.outputs).sort()).toEqual(OUTPUT_NAMES);
    expect(first.outputs).toMatchObject({ 'exit-status': '1', error: '', introduced: '1', resolved: '3', 'base-commit': base });
    const dir = path.join(first.runnerTemp, 'authaudit');
    expect(first.outputs).toMatchObject({ markdown: path.join(dir, 'authaudit.md'), sarif: path.join(dir, 'authaudit.sarif'), json: path.join(dir, 'authaudit.json') });
    expect(readdirSync(dir).sort()).toEqual(['authaudit.json', 'authaudit.md', 'authaudit.sarif']);
    expect(first.stdout).toContain('::error title=authaudit::This DNS change introduces findings at or above the fail-on level');
  });

  it('the JSON report is the diff of the zones at the base commit and in the working tree', () => {
    const json = JSON.parse(reportAt(first.outputs['json'])) as {
      command: string;
      base: { ref: string; commit: string; paths: string[] };
      head: { paths: string[]; commit: string | null };
      findings: Array<{ id: string }>;
      resolved: Array<{ id: string }>;
    };
    expect(json.command).toBe('diff');
    expect(json.base).toMatchObject({ ref: base, commit: base, paths: ['zones'] });
    expect(json.head).toMatchObject({ paths: ['zones'], commit: null });
    expect(json.findings.map((f) => f.id)).toEqual(['spf-too-many-lookups']);
    expect(json.resolved.map((f) => f.id).sort()).toEqual(['dmarc-policy-none', 'spf-neutral-all', 'spf-ptr']);
  });

  it('the Markdown report is the comment, and the job summary', () => {
    const markdown = reportAt(first.outputs['markdown']);
    expect(markdown.split('\n')[0]).toBe('## authaudit: DNS change review');
    expect(markdown).toContain(`Base \`zones\` at \`${base.slice(0, 7)}\``);
    expect(markdown).toContain('This change introduces 1 finding and resolves 3.');
    expect(first.summary).toBe(`${markdown}\n`);
  });

  it('the SARIF report locates the introduced finding on its zone-file line, relative to the repository', () => {
    const sarif = JSON.parse(reportAt(first.outputs['sarif'])) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(['spf-too-many-lookups']);
    expect(results[0]?.locations[0]?.physicalLocation).toMatchObject({ artifactLocation: { uri: 'zones/bulkmail.example.zone' }, region: { startLine: 10 } });
  });

  it('with fail-on never it exits 0 with the same counts, and does not fetch a base it has', async () => {
    const run = await runAction(clone, { inputs: { zones: 'zones', args: '--offline', 'fail-on': 'never' } });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('fetching');
    expect(run.outputs).toMatchObject({ 'exit-status': '0', error: '', introduced: '1', resolved: '3', 'base-commit': base });
  });

  it('passes the config file and the extra arguments (quoted words included) to authaudit', async () => {
    writeFileSync(path.join(clone, 'review.config.json'), JSON.stringify({ zones: ['zones'], ignore: ['spf-too-many-lookups'] }));
    const run = await runAction(clone, { inputs: { config: 'review.config.json', args: `--offline  'acme.example'` } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'exit-status': '0', introduced: '0', resolved: '1' });
    const json = JSON.parse(reportAt(run.outputs['json'])) as { domains: Array<{ domain: string }>; head: { paths: string[] } };
    expect(json.domains.map((d) => d.domain)).toEqual(['acme.example']);
    // the config's "zones" is the default head
    expect(json.head.paths).toEqual(['zones']);
  });
});

describe('the base-ref input', () => {
  it('names a branch the shallow clone does not have: it is fetched and its commit compared', async () => {
    const clone = shallowClone('branch-base');
    const run = await runAction(clone, { inputs: { zones: 'zones', args: '--offline', 'base-ref': 'main' }, eventName: 'workflow_dispatch', event: {}, env: { GITHUB_BASE_REF: undefined } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'exit-status': '1', introduced: '1', 'base-commit': base });
    expect((JSON.parse(reportAt(run.outputs['json'])) as { base: { commit: string } }).base.commit).toBe(base);
  });
});

describe('when there is no report, the outputs say why and no report file is left', () => {
  let clone = '';
  beforeAll(() => {
    clone = shallowClone('failures');
  });

  /** No report output, no file in the report folder (not an empty one, not an earlier run's). */
  function noReports(run: ActionRun, dir: string): void {
    expect(Object.keys(run.outputs).sort()).toEqual(OUTPUT_NAMES);
    expect(run.outputs).toMatchObject({ markdown: '', sarif: '', json: '', introduced: '', resolved: '' });
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(run.stdout).toContain(`::error title=authaudit::${run.outputs['error']}`);
    expect(run.summary).toContain(run.outputs['error']);
  }

  it('a zones path in neither version: exit 2, the error authaudit gave, and the reports of an earlier run removed', async () => {
    const dir = mkdtempSync(path.join(box.root, 'reports-'));
    // an earlier run's reports, all three, must not pass for this run's
    writeFileSync(path.join(dir, 'authaudit.md'), '## an earlier review\n');
    writeFileSync(path.join(dir, 'authaudit.sarif'), '{"version":"2.1.0","runs":[]}\n');
    writeFileSync(path.join(dir, 'authaudit.json'), '{"findings":[],"resolved":[]}\n');
    const run = await runAction(clone, { inputs: { zones: 'no-such-zones', args: '--offline', 'report-dir': dir } });
    expect(run.code).toBe(2);
    expect(run.outputs['exit-status']).toBe('2');
    expect(run.outputs['error']).toMatch(/^authaudit: .*no-such-zones/);
    expect(run.outputs['base-commit']).toBe(base);
    noReports(run, dir);
  });

  it('a base commit origin does not have: exit 2, naming the commit', async () => {
    const missing = 'f'.repeat(40);
    const run = await runAction(clone, { inputs: { zones: 'zones', args: '--offline' }, event: { pull_request: { base: { sha: missing } } } });
    expect(run.code).toBe(2);
    expect(run.outputs['exit-status']).toBe('2');
    expect(run.outputs['error']).toContain(`the base ${missing} (the pull request's base commit) is not in the clone and cannot be fetched from origin: `);
    noReports(run, path.join(run.runnerTemp, 'authaudit'));
  });

  it('an event without a pull request and no base-ref input: exit 2, saying to set base-ref', async () => {
    const run = await runAction(clone, { inputs: { zones: 'zones' }, eventName: 'workflow_dispatch', event: { inputs: {} }, env: { GITHUB_BASE_REF: undefined } });
    expect(run.code).toBe(2);
    expect(run.outputs['error']).toBe('no base to compare with: the workflow_dispatch event names no pull request base commit; set the base-ref input');
    noReports(run, path.join(run.runnerTemp, 'authaudit'));
  });

  it('an unterminated quote in args: exit 2 before anything runs', async () => {
    const run = await runAction(clone, { inputs: { zones: 'zones', args: `--offline 'acme.example` } });
    expect(run.code).toBe(2);
    expect(run.outputs['error']).toBe("the args input has an unterminated ' quote");
    noReports(run, path.join(run.runnerTemp, 'authaudit'));
  });
});
