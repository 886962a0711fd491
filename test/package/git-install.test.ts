// `npm install <git URL>`: npm clones the repository, installs its dependencies there, runs its
// `prepare` script (the build: dist/ is not in git) and installs what `npm pack` makes of it. Tested
// with a git+file:// URL of a local repository holding what this checkout would commit (the files
// git tracks or would track, as they are in the working tree), offline, from the npm cache that
// `npm ci` filled (test/helpers/consumer-project.ts).
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitSandbox, type GitSandbox } from '../helpers/git-fixture.js';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';
import { demoArgs, run, writeConsumerProject, type Run } from '../helpers/consumer-project.js';

let box: GitSandbox;
let work = '';
let source = '';
let commit = '';
let app = '';
let install: Run;

beforeAll(async () => {
  box = gitSandbox();
  work = mkdtempSync(path.join(tmpdir(), 'authaudit-git-install-'));
  // the repository as this checkout would commit it: tracked and untracked files git does not
  // ignore, regular files only (node_modules can be a symlink git does not ignore)
  source = path.join(box.root, 'authaudit');
  const listed = box.git(REPO_ROOT, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean);
  for (const file of listed) {
    const from = path.join(REPO_ROOT, file);
    if (file.split('/')[0] === 'node_modules' || !existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
    copyFileSync(from, path.join(source, file));
  }
  box.git(source, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  commit = box.commit(source, 'authaudit as this checkout holds it', '2024-03-01T00:00:00Z');
  const url = `git+file://${source}#${commit}`;
  app = path.join(work, 'app');
  mkdirSync(app);
  // a user who reviewed it lets authaudit's prepare script (the build) run
  writeConsumerProject(app, url, { resolved: url }, true);
  install = await run('npm', ['install', '--offline', url], app);
}, 300_000);

afterAll(() => {
  box?.remove();
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('npm install git+file://…#<commit>, offline', () => {
  it('the repository holds no build', () => {
    const tracked = box.git(source, ['ls-tree', '-r', '--name-only', commit]).split('\n');
    expect(tracked).toContain('src/index.ts');
    expect(tracked.filter((f) => f.startsWith('dist/') || f.startsWith('node_modules/'))).toEqual([]);
  });

  it("installs, and npm's run of prepare built dist/ with the declarations", () => {
    expect(install.code, install.stderr).toBe(0);
    expect(install.stderr).not.toContain('install scripts not yet covered');
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'bin/authaudit.js', 'fixtures/demo/profiles.json']) {
      expect(existsSync(path.join(app, 'node_modules/authaudit', file)), file).toBe(true);
    }
    // installed as packed: the package's files only
    expect(existsSync(path.join(app, 'node_modules/authaudit/src'))).toBe(false);
  });

  it('the installed command runs the demo as the repository build does', async () => {
    const version = await run('npx', ['--offline', 'authaudit', '--version'], app);
    expect(version.code, version.stderr).toBe(0);
    const args = demoArgs('node_modules/authaudit/fixtures/demo');
    const installed = await run('npx', ['--offline', 'authaudit', ...args], app);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed).toEqual(await runBuiltCli(args, { cwd: app }));
  });
});
