// The zone files as they were at a git commit (`diff --base-ref <ref>`), read through git itself:
// no second checkout, no worktree, no temporary copy. `openGitTree` asks git for the repository
// (`rev-parse --show-toplevel`), the commit (`rev-parse --verify --quiet <ref>^{commit}`), the
// files under the given paths at that commit (`ls-tree -r -z -l`) and their bytes (one
// `cat-file --batch` process, up to 32 MiB); the FileSource it returns then answers from memory,
// synchronously, as the zone reader needs. A path outside what was read up front (an `$INCLUDE ../common.inc`, a
// file named.conf names elsewhere in the repository) is looked up with one synchronous
// `ls-tree`/`cat-file` each, so the base reads exactly the files the working tree would.
//
// Paths are the strings the working-tree source would get (relative to the working folder, or
// absolute): they are mapped to repository paths inside, so messages and record sources name the
// same paths in both versions. Symbolic links stored in the tree are followed inside the tree, as
// the working tree would follow them. git runs with argument arrays, never through a shell, and
// every output is bounded.

import { execFileSync, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { FileSourceError, type FileSource, type PathKind } from '../zone/file-source.js';

/** Bytes of file contents read from git in one run (zone files, includes, named.conf). */
export const MAX_GIT_BYTES = 256 * 1024 * 1024;
/**
 * Bytes read up front, in one `cat-file --batch`, from the files under the paths given; beyond it
 * (a path such as `.` over a large repository) files are read when the zone reader asks for them.
 */
const PRELOAD_BYTES = 32 * 1024 * 1024;
/** Bytes of `git ls-tree` output for the paths given (about half a million files). */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
/** Bytes of git's messages kept for an error line. */
const MAX_STDERR_BYTES = 64 * 1024;
/** Symbolic links followed for one path, as Linux's ELOOP limit. */
const MAX_LINK_HOPS = 40;

/** git missing, not a repository, a ref git does not have, a path outside the repository: one line, for exit 2. */
export class GitSourceError extends Error {
  override name = 'GitSourceError';
}

export interface OpenGitTreeOptions {
  /** The working folder relative paths are taken from (default: process.cwd(), as the working-tree source). */
  cwd?: string;
  /** The git program (default `git` on PATH). */
  git?: string;
  /** The environment git runs in (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

interface GitCommand {
  program: string;
  env: NodeJS.ProcessEnv;
}

type Entry =
  | { type: 'file'; oid: string; size: number }
  | { type: 'link'; oid: string; size: number }
  | { type: 'folder' }
  | { type: 'submodule' };

type Resolved = { ok: true; repoPath: string; entry: Exclude<Entry, { type: 'link' }> } | { ok: false; reason: string };

const NO_SUCH_FILE = 'no such file';

/** A path for git as it is written: no `:(glob)` or other pathspec magic read into it. */
const literal = (repoPath: string): string => `:(literal)${repoPath}`;

interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** The first line git wrote on stderr, without `fatal: `/`error: `. */
function gitMessage(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}

function notInstalled(program: string): GitSourceError {
  return new GitSourceError(`--base-ref reads the base version through git, but '${program}' is not installed (or not on PATH)`);
}

/** Run git to completion with bounded output; rejects with GitSourceError when git cannot start or says too much. */
function runGit(git: GitCommand, args: string[], cwd: string, options: { input?: string; maxBytes: number }): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(git.program, args, { cwd, env: git.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let failed: GitSourceError | null = null;
    child.on('error', (err: NodeJS.ErrnoException) => {
      failed ??= err.code === 'ENOENT' ? notInstalled(git.program) : new GitSourceError(`git ${args[0] ?? ''} could not run: ${err.message}`);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        failed ??= new GitSourceError(`git ${args[0] ?? ''} printed more than ${Math.round(options.maxBytes / 1048576)} MiB: too much to read for a diff`);
        child.kill();
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8');
    });
    // git may exit before reading all of its input (an error): that is its answer, not ours
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => {
      if (failed !== null) reject(failed);
      else resolve({ code: code ?? -1, stdout: Buffer.concat(chunks), stderr });
    });
  });
}

/** Parse `git ls-tree -z -l` output: `<mode> <type> <oid> <size>\t<path>\0` per entry. */
function parseListing(out: Buffer): Array<{ path: string; entry: Entry }> {
  const entries: Array<{ path: string; entry: Entry }> = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    const repoPath = record.slice(tab + 1);
    if (oid === undefined) continue;
    let entry: Entry;
    if (type === 'tree') entry = { type: 'folder' };
    else if (type === 'commit') entry = { type: 'submodule' };
    else if (mode === '120000') entry = { type: 'link', oid, size: Number(size) };
    else entry = { type: 'file', oid, size: Number(size) };
    entries.push({ path: repoPath, entry });
  }
  return entries;
}

/** Parse `git cat-file --batch` output for the object ids asked, in order. */
function parseBatch(out: Buffer, oids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  for (const oid of oids) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw new GitSourceError(`git cat-file --batch stopped before ${oid}`);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    if (header[1] === 'missing' || header.length < 3) throw new GitSourceError(`git has no object ${oid} (a partial clone? fetch the base commit's files)`);
    const size = Number(header[2]);
    blobs.set(oid, out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}

/** `git fetch` needs the remote's name for a remote-tracking ref (`origin/main` → `main`). */
function fetchableName(ref: string): string {
  return ref.replace(/^refs\/remotes\/origin\//, '').replace(/^origin\//, '');
}

/** The path `abs` as a path inside the repository whose root's real path is `root`, or null outside it. */
function repositoryPath(abs: string, root: string): string | null {
  const inside = path.relative(root, abs);
  if (inside !== '..' && !inside.startsWith(`..${path.sep}`) && !path.isAbsolute(inside)) return inside.split(path.sep).join('/');
  // The path may spell the repository through a symbolic link (e.g. /tmp -> /private/tmp): find
  // the ancestor that is the repository root, keeping the components below it as they are
  // (links inside the repository are followed in the tree at the commit, not in the working tree).
  const rest: string[] = [];
  let current = abs;
  for (;;) {
    let real: string | null = null;
    try {
      real = realpathSync(current);
    } catch {
      real = null;
    }
    if (real === root) return rest.join('/');
    const parent = path.dirname(current);
    if (parent === current) return null;
    rest.unshift(path.basename(current));
    current = parent;
  }
}

/**
 * The files of a git commit, as a FileSource. Built by openGitTree; reads are synchronous and,
 * for the paths it was opened with, answered from memory.
 */
export class GitTreeSource implements FileSource {
  /** `origin/main (3f2a1c9)`: the ref as given and the commit it names. */
  readonly label: string;
  private readonly entries = new Map<string, Entry>();
  private readonly folders = new Set<string>(['']);
  private readonly children = new Map<string, Set<string>>();
  /** Repository paths whose whole subtree was listed up front (only those that exist). */
  private readonly covered: string[] = [];
  private readonly blobs = new Map<string, Buffer>();
  private readonly looked = new Map<string, Entry | null>();
  /** Folders outside `covered` whose entries were listed since (their direct entries are known). */
  private readonly listed = new Set<string>();
  private bytesRead = 0;

  constructor(
    /** The ref as the user gave it. */
    readonly ref: string,
    /** The full object id of the commit. */
    readonly commit: string,
    /** The real path of the repository's top folder. */
    readonly root: string,
    private readonly cwd: string,
    private readonly git: GitCommand,
  ) {
    // a commit id given as the ref is shown once, abbreviated
    const isCommitId = /^[0-9a-f]{4,64}$/i.test(ref) && commit.startsWith(ref.toLowerCase());
    this.label = isCommitId ? commit.slice(0, 7) : `${ref} (${commit.slice(0, 7)})`;
  }

  /** The repository path for a path as the working-tree source would get it; null outside the repository. */
  repositoryPath(given: string): string | null {
    return repositoryPath(path.resolve(this.cwd, given), this.root);
  }

  /** Record the listing of `prefixes` at the commit and the bytes of its files (done once, by openGitTree). */
  preload(prefixes: readonly string[], listing: Array<{ path: string; entry: Entry }>, blobs: Map<string, Buffer>): void {
    for (const { path: repoPath, entry } of listing) this.addEntry(repoPath, entry);
    for (const prefix of prefixes) {
      if (prefix === '' ? listing.length > 0 : listing.some((e) => e.path === prefix || e.path.startsWith(`${prefix}/`))) this.covered.push(prefix);
    }
    for (const [oid, bytes] of blobs) {
      this.blobs.set(oid, bytes);
      this.bytesRead += bytes.length;
    }
  }

  private addEntry(repoPath: string, entry: Entry): void {
    this.entries.set(repoPath, entry);
    let child = repoPath;
    for (;;) {
      const slash = child.lastIndexOf('/');
      const parent = slash < 0 ? '' : child.slice(0, slash);
      let names = this.children.get(parent);
      if (names === undefined) this.children.set(parent, (names = new Set()));
      names.add(child.slice(slash + 1));
      if (this.folders.has(parent) && parent !== '') break;
      this.folders.add(parent);
      if (parent === '') break;
      child = parent;
    }
  }

  private isCovered(repoPath: string): boolean {
    return this.covered.some((p) => p === '' || repoPath === p || repoPath.startsWith(`${p}/`));
  }

  /** A synchronous git call for a path outside what was read up front. */
  private gitSync(args: string[], given: string, maxBytes: number): Buffer {
    try {
      return execFileSync(this.git.program, args, { cwd: this.root, env: this.git.env, maxBuffer: maxBytes, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
      const why = e.code === 'ENOBUFS' ? `more than ${Math.round(maxBytes / 1048576)} MiB` : gitMessage(e.stderr?.toString('utf8') ?? '') || e.message;
      throw new FileSourceError(given, `git ${args[0] ?? ''} failed at ${this.label}: ${why}`);
    }
  }

  /** The tree entry at a repository path (a link is not followed), or null when there is none. */
  private entryAt(repoPath: string, given: string): Entry | null {
    if (repoPath === '') return { type: 'folder' };
    const known = this.entries.get(repoPath);
    if (known !== undefined) return known;
    if (this.folders.has(repoPath)) return { type: 'folder' };
    if (this.isCovered(repoPath)) return null;
    const slash = repoPath.lastIndexOf('/');
    if (this.listed.has(slash < 0 ? '' : repoPath.slice(0, slash))) return null;
    const cached = this.looked.get(repoPath);
    if (cached !== undefined) return cached;
    const out = this.gitSync(['ls-tree', '-z', '-l', this.commit, '--', literal(repoPath)], given, MAX_LISTING_BYTES);
    const entry = parseListing(out).find((e) => e.path === repoPath)?.entry ?? null;
    this.looked.set(repoPath, entry);
    return entry;
  }

  private blob(oid: string, size: number, given: string): Buffer {
    const known = this.blobs.get(oid);
    if (known !== undefined) return known;
    if (this.bytesRead + size > MAX_GIT_BYTES) {
      throw new FileSourceError(given, `reading it from git would pass the ${MAX_GIT_BYTES / 1048576} MiB authaudit reads at ${this.label}`);
    }
    const bytes = this.gitSync(['cat-file', 'blob', oid], given, size + 1);
    this.bytesRead += bytes.length;
    this.blobs.set(oid, bytes);
    return bytes;
  }

  /** Follow the path through the tree (links included) to its entry, or say why there is none. */
  private resolve(given: string): Resolved {
    const start = this.repositoryPath(given);
    if (start === null) return { ok: false, reason: `outside the git repository ${this.root}` };
    let parts = start === '' ? [] : start.split('/');
    let hops = 0;
    let current = '';
    let entry: Exclude<Entry, { type: 'link' }> = { type: 'folder' };
    for (let i = 0; i < parts.length; i++) {
      const next = current === '' ? (parts[i] as string) : `${current}/${parts[i] as string}`;
      if (entry.type === 'submodule') return { ok: false, reason: `inside the git submodule ${current}, whose files are not in this repository's tree` };
      if (entry.type !== 'folder') return { ok: false, reason: NO_SUCH_FILE };
      const found = this.entryAt(next, given);
      if (found === null) return { ok: false, reason: NO_SUCH_FILE };
      if (found.type !== 'link') {
        entry = found;
        current = next;
        continue;
      }
      if (++hops > MAX_LINK_HOPS) return { ok: false, reason: 'too many levels of symbolic links' };
      const target = this.blob(found.oid, found.size, given).toString('utf8');
      if (path.posix.isAbsolute(target)) return { ok: false, reason: `a symbolic link to ${target}, outside the git repository` };
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(next), target));
      if (joined === '..' || joined.startsWith('../')) return { ok: false, reason: `a symbolic link to ${target}, outside the git repository` };
      // start again from the top with the link replaced by its target
      parts = [...(joined === '.' ? [] : joined.split('/')), ...parts.slice(i + 1)];
      current = '';
      entry = { type: 'folder' };
      i = -1;
    }
    return { ok: true, repoPath: current, entry };
  }

  kind(given: string): PathKind | null {
    const r = this.resolve(given);
    if (!r.ok) return null;
    return r.entry.type === 'file' ? 'file' : 'folder';
  }

  list(folder: string): string[] {
    const r = this.resolve(folder);
    if (!r.ok) throw new FileSourceError(folder, r.reason === NO_SUCH_FILE ? 'no such folder' : r.reason);
    if (r.entry.type === 'file') throw new FileSourceError(folder, 'is a file, not a folder');
    if (r.entry.type === 'submodule') throw new FileSourceError(folder, "is a git submodule: its files are not in this repository's tree");
    if (!this.isCovered(r.repoPath) && !this.listed.has(r.repoPath)) {
      const spec = r.repoPath === '' ? '.' : `${r.repoPath}/`;
      const out = this.gitSync(['ls-tree', '-z', '-l', this.commit, '--', literal(spec)], folder, MAX_LISTING_BYTES);
      for (const e of parseListing(out)) this.addEntry(e.path, e.entry);
      this.listed.add(r.repoPath);
    }
    return [...(this.children.get(r.repoPath) ?? [])].sort();
  }

  read(given: string): Buffer {
    const r = this.resolve(given);
    if (!r.ok) throw new FileSourceError(given, r.reason);
    if (r.entry.type === 'folder') throw new FileSourceError(given, 'is a folder, not a file');
    if (r.entry.type === 'submodule') throw new FileSourceError(given, 'is a git submodule, not a file');
    return this.blob(r.entry.oid, r.entry.size, given);
  }
}

/**
 * The files under `paths` as they are at `ref`, read through git. Throws GitSourceError (one line,
 * for exit 2) when git is not installed, the working folder is not in a repository, git does not
 * have the ref (a shallow clone: the message says how to fetch it), or a path is outside the
 * repository. Paths that do not exist at the commit are not an error: `kind` says null for them.
 */
export async function openGitTree(ref: string, paths: readonly string[], options: OpenGitTreeOptions = {}): Promise<GitTreeSource> {
  const cwd = options.cwd ?? process.cwd();
  const git: GitCommand = { program: options.git ?? 'git', env: options.env ?? process.env };
  if (ref.trim() === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new GitSourceError(`--base-ref '${ref}' is not a git ref`);

  const top = await runGit(git, ['rev-parse', '--show-toplevel'], cwd, { maxBytes: 64 * 1024 });
  if (top.code !== 0) {
    const said = gitMessage(top.stderr);
    if (/not a git repository/i.test(said)) throw new GitSourceError(`--base-ref reads the base version through git, but ${cwd} is not inside a git repository`);
    throw new GitSourceError(`--base-ref: git rev-parse --show-toplevel failed in ${cwd}: ${said || `exit ${top.code}`}`);
  }
  const shown = top.stdout.toString('utf8').trim();
  let root = shown;
  try {
    root = realpathSync(shown);
  } catch {
    root = path.resolve(shown);
  }

  const verify = await runGit(git, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, { maxBytes: 64 * 1024 });
  const commit = verify.stdout.toString('utf8').trim();
  if (verify.code !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
    const shallow = await runGit(git, ['rev-parse', '--is-shallow-repository'], root, { maxBytes: 1024 });
    const missing = shallow.stdout.toString('utf8').trim() === 'true' ? 'not in this shallow clone' : 'git has no commit by that name here';
    const fetch = `git fetch --depth=1 origin ${fetchableName(ref)}`;
    throw new GitSourceError(`--base-ref ${ref}: ${missing}; fetch it first (${fetch}, or fetch-depth: 0 in actions/checkout)`);
  }

  const source = new GitTreeSource(ref, commit, root, path.resolve(cwd), git);
  const prefixes: string[] = [];
  for (const given of paths) {
    const repoPath = source.repositoryPath(given);
    if (repoPath === null) throw new GitSourceError(`--base-ref ${ref}: ${given} is outside the git repository ${root}, so git has no version of it`);
    prefixes.push(repoPath);
  }
  const unique = [...new Set(prefixes)];
  const listed = await runGit(git, ['ls-tree', '-r', '-z', '-l', commit, '--', ...unique.map((p) => literal(p === '' ? '.' : p))], root, {
    maxBytes: MAX_LISTING_BYTES,
  });
  if (listed.code !== 0) throw new GitSourceError(`--base-ref ${ref}: git ls-tree failed: ${gitMessage(listed.stderr) || `exit ${listed.code}`}`);
  const listing = parseListing(listed.stdout);

  // links first (the paths may lead through them), then files in tree order, while they fit
  const wanted = new Map<string, number>();
  let total = 0;
  const ordered = [...listing.filter((e) => e.entry.type === 'link'), ...listing.filter((e) => e.entry.type === 'file')];
  for (const { entry } of ordered) {
    if ((entry.type !== 'file' && entry.type !== 'link') || wanted.has(entry.oid) || total + entry.size > PRELOAD_BYTES) continue;
    wanted.set(entry.oid, entry.size);
    total += entry.size;
  }
  let blobs = new Map<string, Buffer>();
  if (wanted.size > 0) {
    const oids = [...wanted.keys()];
    // each object: `<oid> blob <size>\n<bytes>\n`
    const bound = total + oids.length * 160;
    const batch = await runGit(git, ['cat-file', '--batch'], root, { input: oids.map((o) => `${o}\n`).join(''), maxBytes: bound });
    if (batch.code !== 0) throw new GitSourceError(`--base-ref ${ref}: git cat-file failed: ${gitMessage(batch.stderr) || `exit ${batch.code}`}`);
    blobs = parseBatch(batch.stdout, oids);
  }
  source.preload(unique, listing, blobs);
  return source;
}
