// The FileSource over a git commit (src/diff/git-tree-source.ts), on repositories the test builds:
// kind, list and read answer what the commit holds (not the working tree), paths are the strings
// the working-tree source would get (relative to the working folder, or absolute), paths outside
// the repository and paths not at the commit say so, links stored in the tree are followed inside it.
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitSourceError, openGitTree, type GitTreeSource } from '../../src/diff/git-tree-source.js';
import { joinTxt } from '../../src/model/txt.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { FileSourceError } from '../../src/zone/file-source.js';
import { gitSandbox, SPF_AT_COMMIT_2, zoneRepository, type GitSandbox, type ZoneRepository } from '../helpers/git-fixture.js';

let box: GitSandbox;
let fixture: ZoneRepository;
let links: string;

/** The reason a FileSource call gives, or a failure when it does not throw one. */
function reason(call: () => unknown): string {
  try {
    call();
  } catch (err) {
    if (err instanceof FileSourceError) return err.reason;
    throw err;
  }
  throw new Error('no FileSourceError');
}

const open = (ref: string, paths: string[], cwd = fixture.repo): Promise<GitTreeSource> => openGitTree(ref, paths, { cwd, env: box.env });

beforeAll(() => {
  box = gitSandbox();
  fixture = zoneRepository(box);
  // a second repository with links, an odd name and a submodule entry
  links = path.join(box.root, 'links');
  mkdirSync(links);
  box.git(links, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  box.write(links, { 'zones/a.zone': 'zone a\n', ':odd/x.zone': 'odd x\n', 'sub/deeper/b.inc': 'b\n' });
  symlinkSync('zones/a.zone', path.join(links, 'current.zone'));
  symlinkSync('zones', path.join(links, 'live'));
  symlinkSync('../sub/deeper', path.join(links, 'zones/shared'));
  symlinkSync('loop2', path.join(links, 'zones/loop1'));
  symlinkSync('loop1', path.join(links, 'zones/loop2'));
  symlinkSync('../outside.zone', path.join(links, 'escape.zone'));
  box.git(links, ['add', '-A']);
  // a submodule's entry (a gitlink) without its repository: `add -A` would stage its removal
  box.git(links, ['update-index', '--add', '--cacheinfo', `160000,${fixture.noZones},vendor`]);
  box.git(links, ['commit', '-q', '-m', 'links'], '2024-02-01T00:00:00Z');
  box.write(links, { 'zones/a.zone': 'changed in the working tree\n' });
});

afterAll(() => box.remove());

describe('a commit as a FileSource', () => {
  it('kind, list and read answer from the commit, not the working tree', async () => {
    const source = await open('v2', ['zones']);
    expect(source.label).toBe(`v2 (${fixture.zonesAdded.slice(0, 7)})`);
    expect({ ref: source.ref, commit: source.commit }).toEqual({ ref: 'v2', commit: fixture.zonesAdded });
    expect(['zones', 'zones/db.example.com', 'zones/includes', 'zones/db.new.example'].map((p) => source.kind(p))).toEqual(['folder', 'file', 'folder', null]);
    expect(source.list('zones')).toEqual(['db.example.com', 'db.old.example', 'includes', 'named.conf.local']);
    expect(source.list('zones/includes')).toEqual(['spf.inc']);
    expect(source.read('zones/includes/spf.inc').toString('latin1')).toBe(SPF_AT_COMMIT_2);
    expect(readFileSync(path.join(fixture.repo, 'zones/includes/spf.inc'), 'latin1')).not.toBe(SPF_AT_COMMIT_2);
  });

  it('paths not at the commit, folders read as files and files listed as folders say why', async () => {
    const source = await open('v2', ['zones']);
    expect(reason(() => source.read('zones/db.new.example'))).toBe('no such file');
    expect(reason(() => source.read('zones'))).toBe('is a folder, not a file');
    expect(reason(() => source.list('zones/db.example.com'))).toBe('is a file, not a folder');
    expect(reason(() => source.list('zones/nothing'))).toBe('no such folder');
    expect(reason(() => source.read('zones/db.example.com/x'))).toBe('no such file');
    const before = await open('v1', ['zones']);
    expect(before.kind('zones')).toBeNull();
    expect(reason(() => before.list('zones'))).toBe('no such folder');
  });

  it('a path from a subfolder or an absolute one names the same file', async () => {
    const fromDocs = await open('v2', ['../zones'], path.join(fixture.repo, 'docs'));
    expect(fromDocs.list('../zones')).toEqual(['db.example.com', 'db.old.example', 'includes', 'named.conf.local']);
    expect(fromDocs.read('../zones/includes/spf.inc').toString('latin1')).toBe(SPF_AT_COMMIT_2);
    const absolute = path.join(fixture.repo, 'zones/includes/spf.inc');
    expect(fromDocs.read(absolute).toString('latin1')).toBe(SPF_AT_COMMIT_2);
    expect(fromDocs.repositoryPath(absolute)).toBe('zones/includes/spf.inc');
  });

  it('paths outside the repository: refused when opening, null and a reason afterwards', async () => {
    const outside = path.join(box.root, 'elsewhere.zone');
    await expect(open('v2', [outside])).rejects.toThrow(new GitSourceError(`--base-ref v2: ${outside} is outside the git repository ${fixture.repo}, so git has no version of it`));
    await expect(open('v2', ['../zones'])).rejects.toThrow(GitSourceError);
    const source = await open('v2', ['zones']);
    expect(source.kind(outside)).toBeNull();
    expect(reason(() => source.read(outside))).toBe(`outside the git repository ${fixture.repo}`);
    expect(reason(() => source.list('..'))).toBe(`outside the git repository ${fixture.repo}`);
  });

  it('reads beyond the paths it was opened with (an $INCLUDE elsewhere, named.conf naming files)', async () => {
    const source = await open('v2', ['zones/db.example.com']);
    expect(source.read('zones/includes/spf.inc').toString('latin1')).toBe(SPF_AT_COMMIT_2);
    expect(source.list('.')).toEqual(['README.md', 'docs', 'zones']);
    expect(source.list('zones')).toEqual(['db.example.com', 'db.old.example', 'includes', 'named.conf.local']);
    expect(source.kind('docs/README.md')).toBe('file');
    expect(source.kind('zones/db.new.example')).toBeNull();
    expect(source.kind('nothing/here')).toBeNull();
  });

  it('the zone reader through it: records at the commit, sources naming the paths as given', async () => {
    const source = await open('v2', ['zones']);
    const zone = await loadZoneResolver(['zones'], { source });
    expect(zone.zones()).toEqual(['example.com', 'old.example']);
    const spf = await zone.query('_spf.example.com', 'TXT');
    expect(spf.kind === 'records' && spf.records.map((r) => [joinTxt(r.strings), r.source])).toEqual([['v=spf1 ip4:192.0.2.0/28 -all', { file: 'zones/includes/spf.inc', line: 3 }]]);
  });

  it('a commit id as the ref is shown once, abbreviated', async () => {
    expect((await open(fixture.zonesAdded, ['zones'])).label).toBe(fixture.zonesAdded.slice(0, 7));
    expect((await open(fixture.zonesAdded.slice(0, 10), ['zones'])).label).toBe(fixture.zonesAdded.slice(0, 7));
  });
});

describe('links, odd names and submodules in the tree', () => {
  it('links stored in the tree are followed inside the commit', async () => {
    const source = await open('HEAD', ['current.zone', 'live'], links);
    expect(source.kind('current.zone')).toBe('file');
    expect(source.read('current.zone').toString()).toBe('zone a\n');
    expect(source.kind('live')).toBe('folder');
    expect(source.list('live')).toEqual(['a.zone', 'loop1', 'loop2', 'shared']);
    expect(source.read('live/a.zone').toString()).toBe('zone a\n');
    expect(source.read('live/shared/b.inc').toString()).toBe('b\n');
  });

  it('a link loop and a link out of the repository are unreadable, with the reason', async () => {
    const source = await open('HEAD', ['zones', 'escape.zone'], links);
    expect(source.kind('zones/loop1')).toBeNull();
    expect(reason(() => source.read('zones/loop1'))).toBe('too many levels of symbolic links');
    expect(reason(() => source.read('escape.zone'))).toBe('a symbolic link to ../outside.zone, outside the git repository');
  });

  it('names are taken as written (no pathspec magic in ":odd")', async () => {
    const source = await open('HEAD', [':odd'], links);
    expect(source.list(':odd')).toEqual(['x.zone']);
    expect(source.read(':odd/x.zone').toString()).toBe('odd x\n');
  });

  it('a submodule is a folder whose files are not in the tree', async () => {
    const source = await open('HEAD', ['vendor'], links);
    expect(source.kind('vendor')).toBe('folder');
    expect(reason(() => source.list('vendor'))).toBe("is a git submodule: its files are not in this repository's tree");
    expect(reason(() => source.read('vendor/x.zone'))).toBe("inside the git submodule vendor, whose files are not in this repository's tree");
  });
});

describe('what openGitTree refuses', () => {
  it('a ref git does not have, with the fetch to run', async () => {
    await expect(open('origin/release', ['zones'])).rejects.toThrow(
      '--base-ref origin/release: git has no commit by that name here; fetch it first (git fetch --depth=1 origin release, or fetch-depth: 0 in actions/checkout)',
    );
  });

  it('a folder outside any repository, and git missing', async () => {
    const plain = path.join(box.root, 'plain');
    mkdirSync(plain);
    await expect(open('main', ['zones'], plain)).rejects.toThrow(`--base-ref reads the base version through git, but ${plain} is not inside a git repository`);
    const git = path.join(box.root, 'no-git-here', 'git');
    await expect(openGitTree('main', ['zones'], { cwd: fixture.repo, env: box.env, git })).rejects.toThrow(`but '${git}' is not installed (or not on PATH)`);
  });

  it.each([[''], ['-x'], ['--upload-pack=x'], ['a\nb']])('%j is not a ref', async (ref) => {
    await expect(open(ref, ['zones'])).rejects.toThrow(/is not a git ref$/);
  });
});
