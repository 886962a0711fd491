// The one test of the packed build: `npm pack` (its `prepare` builds dist/), then the tarball
// installed into an empty project with `npm install --offline <tarball>` (no registry: the npm cache
// `npm ci` filled, and the lockfile a registry would have given, test/helpers/consumer-project.ts).
// The installed command must run the bundled demo as the repository's build does, and a TypeScript
// user's .mts file must type-check against the installed declarations and run.
import { mkdirSync, mkdtempSync, symlinkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';
import { demoArgs, productionDependencies, run, writeConsumerProject, type Run } from '../helpers/consumer-project.js';
import { auditDomain, loadZoneResolver } from '../../src/index.js';

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

let work = '';
let tarball = '';
let app = '';
let install: Run;

/** Every file under `dir`, relative to it, with / separators. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'authaudit-pack-'));
  const pack = await run('npm', ['pack', '--pack-destination', work], REPO_ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  tarball = path.join(work, `authaudit-${VERSION}.tgz`);
  app = path.join(work, 'app');
  mkdirSync(app);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  writeConsumerProject(app, `file:${tarball}`, { resolved: `file:${tarball}`, integrity });
  install = await run('npm', ['install', '--offline', tarball], app);
}, 300_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('packs the build, the launcher, the demo zones, the README and the licence, and nothing else', async () => {
    const list = await run('tar', ['-tzf', tarball], work);
    const files = list.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    expect(files.filter((f) => !/^(dist|bin|fixtures\/demo)\//.test(f)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    // every module and declaration the build wrote, and no source map (its sources are not packed)
    // nor the incremental build's state
    const built = filesUnder(path.join(REPO_ROOT, 'dist'))
      .filter((f) => /\.(js|d\.ts)$/.test(f))
      .map((f) => `dist/${f}`);
    expect(files.filter((f) => f.startsWith('dist/')).sort()).toEqual(built.sort());
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('bin/authaudit.js');
    expect(files.filter((f) => f.startsWith('fixtures/demo/')).sort()).toEqual(filesUnder(path.join(REPO_ROOT, 'fixtures/demo')).map((f) => `fixtures/demo/${f}`).sort());
  });
});

describe('the tarball installed into an empty project, offline', () => {
  it('installs authaudit and its production dependencies only', () => {
    expect(install.code, install.stderr).toBe(0);
    expect(readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.')).flatMap((d) => (d.startsWith('@') ? readdirSync(path.join(app, 'node_modules', d)).map((s) => `${d}/${s}`) : [d])).sort()).toEqual(
      ['authaudit', ...productionDependencies()].sort(),
    );
  });

  it('npx authaudit --version prints the package version', async () => {
    const version = await run('npx', ['--offline', 'authaudit', '--version'], app);
    expect(version).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('audits the bundled demo zones exactly as the repository build does', async () => {
    const args = demoArgs('node_modules/authaudit/fixtures/demo');
    const installed = await run('npx', ['--offline', 'authaudit', ...args], app);
    const repository = await runBuiltCli(args, { cwd: app });
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('northwind.example');
    expect(installed).toEqual(repository);
  });

  it('a TypeScript user: a .mts file importing the public API type-checks against the installed types, and runs', async () => {
    const consumer = `import { auditDomain, loadZoneResolver, ZoneResolver, type DomainAudit, type Resolver } from 'authaudit';

const resolver: Resolver = await loadZoneResolver(['node_modules/authaudit/fixtures/demo']);
const audit: DomainAudit = await auditDomain('megacorp.example', resolver);
// the declarations are types, not any: a verdict is not a number
// @ts-expect-error
const wrong: number = audit.verdict;
void wrong;
console.log(JSON.stringify({ zoneResolver: resolver instanceof ZoneResolver, verdict: audit.verdict, findings: audit.findings.map((f) => f.id) }));
`;
    writeFileSync(path.join(app, 'consumer.mts'), consumer);
    mkdirSync(path.join(work, 'types'));
    symlinkSync(path.join(REPO_ROOT, 'node_modules/@types/node'), path.join(work, 'types/node'), 'dir');
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          // the installed declarations are checked too, not trusted
          skipLibCheck: false,
          // the user's own @types/node (the declarations name NodeJS.ProcessEnv), and no other
          // @types package of the repository: what the declarations import must be installed with them
          typeRoots: [path.join(work, 'types')],
          types: ['node'],
          outDir: 'out',
          noEmitOnError: true,
        },
        files: ['consumer.mts'],
      }),
    );
    const check = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], app);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.code).toBe(0);
    const ran = await run(process.execPath, ['out/consumer.mjs'], app);
    expect(ran.code, ran.stderr).toBe(0);
    const expected = await auditDomain('megacorp.example', await loadZoneResolver([path.join(REPO_ROOT, 'fixtures/demo')]));
    expect(JSON.parse(ran.stdout)).toEqual({ zoneResolver: true, verdict: expected.verdict, findings: expected.findings.map((f) => f.id) });
  });
});
