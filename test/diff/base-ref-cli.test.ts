// `authaudit diff --base-ref` through the BUILT CLI (`npm run build` first; `npm test` does), in a
// git repository the test builds (test/helpers/git-fixture.ts): commit 1 has no zones, commit 2
// adds zones/ as BIND keeps them (named.conf.local with `directory` and an absolute path,
// db.example.com with $ORIGIN and an $INCLUDE in a subfolder, db.old.example), commit 3 puts
// example.com's SPF past 10 lookups, removes old.example and adds new.example. Offline: the zone
// files are the whole world; git runs over local paths and file:// only.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitSandbox, zoneRepository, type GitSandbox, type ZoneRepository } from '../helpers/git-fixture.js';
import { reportValidator } from '../report/schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/authaudit.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let box: GitSandbox;
let fixture: ZoneRepository;

function authaudit(args: string[], cwd: string = fixture.repo, env: NodeJS.ProcessEnv = box.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

interface Side {
  paths: string[];
  ref: string | null;
  commit: string | null;
  missing: string[];
  zones: string[];
}

interface DiffJson {
  base: Side;
  head: Side;
  findings: Array<{ id: string; evidence: { domain: string; file: string | null } }>;
  resolved: Array<{ id: string }>;
  domains: Array<{ domain: string; introduced: Array<{ id: string }>; resolved: Array<{ id: string }> }>;
}

/** A JSON report: valid against the report schema, and nothing on stderr. */
function report(run: Run): DiffJson {
  expect(run.stderr).toBe('');
  const json = JSON.parse(run.stdout) as DiffJson;
  const validate = reportValidator();
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  return json;
}

/** One line on stderr, `authaudit: …`, exit 2, nothing on stdout. */
function usageError(run: Run): string {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^authaudit: [^\n]+\n$/);
  return run.stderr;
}

const introducedIn = (json: DiffJson, domain: string): string[] => (json.domains.find((d) => d.domain === domain)?.introduced ?? []).map((f) => f.id).sort();

beforeAll(() => {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  box = gitSandbox();
  fixture = zoneRepository(box);
});

afterAll(() => box.remove());

describe('diff --base-ref: the base is the --head paths at a git ref', () => {
  it('a ref before the zones existed: an empty base, everything in head is new', async () => {
    const run = await authaudit(['diff', '--base-ref', 'v1', '--head', 'zones', '--offline', '--format', 'json']);
    const json = report(run);
    expect(run.code).toBe(1);
    expect(json.base).toEqual({ paths: ['zones'], ref: 'v1', commit: fixture.noZones, missing: ['zones'], zones: [] });
    expect(json.head).toMatchObject({ paths: ['zones'], ref: null, commit: null, missing: [], zones: ['example.com', 'new.example'] });
    expect(json.domains.map((d) => d.domain)).toEqual(['example.com', 'new.example']);
    expect(introducedIn(json, 'example.com')).toContain('spf-too-many-lookups');
    // offline, the base has no zones at all: every name was NXDOMAIN there
    expect(json.resolved.map((f) => f.id)).toContain('mx-domain-nxdomain');
  });

  it('the text report says where the base came from and that the zones are added', async () => {
    const run = await authaudit(['diff', '--base-ref', 'v1', '--head', 'zones', '--offline']);
    const short = fixture.noZones.slice(0, 7);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      `DNS change: base zones at v1 (${short}) -> head zones in the working tree (offline)`,
      `  not at v1 (${short}): zones (added by this change)`,
    ]);
  });

  it('a changed zone: spf-too-many-lookups is introduced, exit 1 with --fail-on error, 0 when it is ignored', async () => {
    const args = ['diff', '--base-ref', 'v2', '--head', 'zones', '--offline', '--fail-on', 'error', 'example.com'];
    const run = await authaudit([...args, '--format', 'json']);
    const json = report(run);
    expect(run.code).toBe(1);
    expect(json.findings.map((f) => f.id)).toEqual(['spf-too-many-lookups']);
    expect(json.base).toEqual({ paths: ['zones'], ref: 'v2', commit: fixture.zonesAdded, missing: [], zones: ['example.com', 'old.example'] });
    // the base read the included file as it was at v2 (one host, 1 lookup), not the working tree's
    expect(json.domains[0]).toMatchObject({ spf: { lookups: { base: 1, head: 11, delta: 10 } } });
    expect((await authaudit([...args, '--ignore', 'spf-too-many-lookups'])).code).toBe(0);
  });

  it('a removed zone and an added one are both compared by default', async () => {
    const run = await authaudit(['diff', '--base-ref', 'v2', '--head', 'zones', '--offline', '--format', 'json']);
    const json = report(run);
    expect(json.domains.map((d) => d.domain)).toEqual(['example.com', 'new.example', 'old.example']);
    expect(json.head.zones).toEqual(['example.com', 'new.example']);
    // old.example is only in the base: offline it no longer exists, and its mail would bounce
    expect(introducedIn(json, 'old.example')).toContain('mx-domain-nxdomain');
    expect(json.domains.find((d) => d.domain === 'new.example')?.resolved.map((f) => f.id)).toContain('mx-domain-nxdomain');
  });

  it('Markdown names the ref and its commit', async () => {
    const run = await authaudit(['diff', '--base-ref', 'v2', '--head', 'zones', '--offline', '--format', 'markdown']);
    expect(run.stdout).toContain(`Base \`zones\` at \`v2 (${fixture.zonesAdded.slice(0, 7)})\` → head \`zones\` in the working tree (offline: the zone files only).`);
  });

  it('a bad zone file at the base ref: exit 2, naming the ref and the file:line', async () => {
    const stderr = usageError(await authaudit(['diff', '--base-ref', 'broken', '--head', 'zones', '--offline']));
    expect(stderr).toMatch(new RegExp(`^authaudit: the base at broken \\(${fixture.broken.slice(0, 7)}\\): zones/includes/spf\\.inc:4:\\d+: .*192\\.0\\.2\\.300`));
  });

  it('the config\'s "zones" is the default --head, relative to the config file', async () => {
    const json = report(await authaudit(['diff', '--base-ref', 'v2', '--offline', '--format', 'json']));
    expect(json.head.paths).toEqual(['zones']);
    expect(json.base).toMatchObject({ ref: 'v2', zones: ['example.com', 'old.example'] });
    // from a subfolder: outside the working folder the path is absolute (as for "zone" and
    // "overlay"), and it is read at the ref all the same
    const sub = report(await authaudit(['diff', '--base-ref', 'v2', '--offline', '--format', 'json', '--config', '../authaudit.config.json'], path.join(fixture.repo, 'docs')));
    const zones = path.join(fixture.repo, 'zones');
    expect(sub.base).toMatchObject({ paths: [zones], zones: ['example.com', 'old.example'] });
    expect(sub.findings.find((f) => f.id === 'spf-too-many-lookups')?.evidence.file).toBe(path.join(zones, 'includes/spf.inc'));
  });

  it('head paths missing in the working tree: a removal, not an error', async () => {
    const clone = path.join(box.root, 'removed');
    box.git(box.root, ['clone', '-q', fixture.repo, clone]);
    rmSync(path.join(clone, 'zones'), { recursive: true });
    const run = await authaudit(['diff', '--base-ref', 'HEAD', '--head', 'zones', '--offline', '--format', 'json'], clone);
    const json = report(run);
    expect(run.code).toBe(1);
    expect(json.head).toEqual({ paths: ['zones'], ref: null, commit: null, missing: ['zones'], zones: [] });
    expect(json.domains.map((d) => d.domain)).toEqual(['example.com', 'new.example']);
    const text = await authaudit(['diff', '--base-ref', 'HEAD', '--head', 'zones', '--offline'], clone);
    expect(text.stdout).toContain('  not in the working tree: zones (removed by this change)\n');
  });

  it('a path in neither version is exit 2: a typo must not pass as "nothing changed"', async () => {
    const stderr = usageError(await authaudit(['diff', '--base-ref', 'v2', '--head', 'zonse', '--offline']));
    expect(stderr).toContain('zonse: not in the working tree and not at v2');
  });
});

describe('diff --base-ref: refs git does not have, and no git', () => {
  it('a shallow clone without the base commit: exit 2 with the fetch to run, which then works', async () => {
    const shallow = path.join(box.root, 'shallow');
    box.git(box.root, ['clone', '-q', '--depth', '1', `file://${fixture.repo}`, shallow]);
    const args = ['diff', '--base-ref', fixture.zonesAdded, '--head', 'zones', '--offline'];
    const stderr = usageError(await authaudit(args, shallow));
    const fetch = `git fetch --depth=1 origin ${fixture.zonesAdded}`;
    expect(stderr).toBe(`authaudit: --base-ref ${fixture.zonesAdded}: not in this shallow clone; fetch it first (${fetch}, or fetch-depth: 0 in actions/checkout)\n`);
    box.git(shallow, fetch.split(' ').slice(1));
    const after = await authaudit([...args, '--format', 'json'], shallow);
    expect(report(after).base.commit).toBe(fixture.zonesAdded);
  });

  it('an unknown ref: exit 2, naming it, with the fetch hint', async () => {
    const stderr = usageError(await authaudit(['diff', '--base-ref', 'origin/no-such-branch', '--head', 'zones', '--offline']));
    expect(stderr).toContain('--base-ref origin/no-such-branch: git has no commit by that name here; fetch it first (git fetch --depth=1 origin no-such-branch');
  });

  it('outside a git repository: exit 2', async () => {
    const plain = path.join(box.root, 'plain');
    mkdirSync(plain);
    cpSync(path.join(fixture.repo, 'zones'), path.join(plain, 'zones'), { recursive: true });
    const stderr = usageError(await authaudit(['diff', '--base-ref', 'main', '--head', 'zones', '--offline'], plain));
    expect(stderr).toBe(`authaudit: --base-ref reads the base version through git, but ${plain} is not inside a git repository\n`);
  });

  it('git not installed: exit 2', async () => {
    const stderr = usageError(await authaudit(['diff', '--base-ref', 'v2', '--head', 'zones', '--offline'], fixture.repo, { ...box.env, PATH: path.join(box.root, 'no-programs-here') }));
    expect(stderr).toBe("authaudit: --base-ref reads the base version through git, but 'git' is not installed (or not on PATH)\n");
  });
});

describe('diff: --base and --base-ref', () => {
  it.each([
    [['--base', 'zones', '--base-ref', 'v2', '--head', 'zones'], /give --base <zone path> or --base-ref <git ref>, not both/],
    [['--base', 'missing', '--head', 'zones'], /--base: cannot read 'missing': no such file or folder/],
    [['--base-ref', 'v2', '--head', '/'], /--base-ref v2: \/ is outside the git repository .*, so git has no version of it/],
    [['--base-ref=--upload-pack=touch x', '--head', 'zones'], /--base-ref '--upload-pack=touch x' is not a git ref/],
  ])('%j is exit 2', async (args, message) => {
    expect(usageError(await authaudit(['diff', ...args, '--offline']))).toMatch(message);
  });
});
