// An empty project that installs authaudit as a user would, without a registry: `npm install
// --offline` from the npm cache that `npm ci` filled. That cache holds the dependencies' tarballs
// (by integrity) but not the registry's metadata, which npm needs to pick versions for ranges; so
// the project gets the lockfile a registry would have given it: authaudit, and its production
// dependencies exactly as the repository's package-lock.json has them (the entries not marked dev).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './run-cli.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  [key: string]: unknown;
}

const repoPackage = (): { version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> } =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/**
 * The environment for npm: this process's (HOME, so the user's npm config and cache), less the
 * variables an enclosing `npm run` sets for its script (npm_package_*, npm_lifecycle_*, …), which
 * would describe the repository to an npm running elsewhere; the cache location is kept.
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && key.toLowerCase() !== 'npm_config_cache') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', COLUMNS: '1000', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}

/** Run a command (npm, npx, node, git) and collect its output; never throws. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Write package.json and package-lock.json of a project that depends on authaudit at `spec` (a
 * tarball path or a git URL, as `npm install <spec>` records it), `resolved` as npm locks it.
 * `allowScripts` approves authaudit's install-time scripts (its `prepare` builds a git install).
 */
export function writeConsumerProject(dir: string, spec: string, resolved: { resolved: string; integrity?: string }, allowScripts = false): void {
  const pkg = repoPackage();
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { authaudit: spec } },
    'node_modules/authaudit': { version: pkg.version, ...resolved, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [where, entry] of Object.entries(lock.packages)) if (where !== '' && entry.dev !== true) packages[where] = entry;
  const manifest: Record<string, unknown> = { name: 'consumer', private: true, type: 'module', dependencies: { authaudit: spec } };
  // npm matches a git dependency's approval by its URL and commit, not by the name it claims
  if (allowScripts) manifest['allowScripts'] = { [spec]: true };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

/** The production dependencies npm should have installed beside authaudit (the lock's non-dev entries). */
export function productionDependencies(): string[] {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([where, entry]) => where !== '' && entry.dev !== true)
    .map(([where]) => where.replace(/^node_modules\//, ''))
    .sort();
}

/**
 * The arguments of `npm run demo` (package.json: the bundled demo world, every demo domain), with
 * the demo zones at `demo` instead of fixtures/demo.
 */
export function demoArgs(demo: string): string[] {
  const script = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { demo: string } }).scripts.demo;
  const args = script.split('node bin/authaudit.js ')[1]?.split(' ') ?? [];
  if (!args.includes('fixtures/demo')) throw new Error(`the demo script no longer reads fixtures/demo: ${script}`);
  return args.map((a) => a.replace(/^fixtures\/demo(?=\/|$)/, demo));
}
