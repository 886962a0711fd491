// A run loads only the libraries it uses (issue 21: memory and start-up): yaml when a YAML zone is
// read, saxes when a BIMI indicator is checked, the @peculiar ASN.1 packages when a mark certificate
// is, ora when progress shows. The built CLI runs in its own node process with a module resolve
// hook preloaded (test/helpers/record-resolves.mjs), which lists every module the process loads;
// the same recorder must see each library in a run that uses it, so the test can fail.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../helpers/run-cli.js';

const RECORDER = pathToFileURL(path.join(REPO_ROOT, 'test', 'helpers', 'record-resolves.mjs')).href;

/** The libraries a plain audit must not load, and a name that tells each apart. */
const LAZY: readonly [string, (pkg: string) => boolean][] = [
  ['yaml', (p) => p === 'yaml'],
  ['saxes', (p) => p === 'saxes'],
  ['@peculiar/*', (p) => p.startsWith('@peculiar/')],
  ['ora', (p) => p === 'ora'],
];

let dir: string;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authaudit-lazy-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The packages (node_modules/<name>) whose modules a recorded process resolved or required. */
async function packagesIn(log: string): Promise<Set<string>> {
  const text = await readFile(log, 'utf8');
  const packages = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m?.[1] !== undefined) packages.add(m[1]);
  }
  return packages;
}

/** The built CLI, with the recorder preloaded; its run and the packages it loaded. */
async function recordedCli(args: string[]): Promise<{ run: CliRun; packages: Set<string> }> {
  const log = path.join(dir, `run-${++runs}.log`);
  const run = await runBuiltCli(args, { env: { NODE_OPTIONS: `--import=${RECORDER}`, AUTHAUDIT_RESOLVE_LOG: log } });
  return { run, packages: await packagesIn(log) };
}

const lazyLoaded = (packages: Set<string>): string[] => LAZY.filter(([, is]) => [...packages].some(is)).map(([name]) => name);

describe('a run loads only the libraries it uses (the built CLI, every module recorded)', () => {
  it.each<[string, string[], RegExp, string[]]>([
    ['--version', ['--version'], /^\d+\.\d+\.\d+/, ['commander']],
    ['--help', ['--help'], /Usage: authaudit/, ['commander']],
    // the audit still loads what it uses: tldts for organizational domains
    ['an offline audit of the demo', ['--zone', 'fixtures/demo', 'northwind.example'], /northwind\.example: PASS/, ['commander', 'tldts']],
  ])('%s loads none of yaml, saxes, @peculiar/*, ora', async (_name, args, output, used) => {
    const { run, packages } = await recordedCli(args);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(output);
    // the recorder saw the run
    expect(used.filter((p) => !packages.has(p))).toEqual([]);
    expect(lazyLoaded(packages)).toEqual([]);
  });

  it('an octoDNS zone loads yaml, and scan --progress loads ora', async () => {
    const octo = await recordedCli(['--zone', 'fixtures/dns-as-code/octodns/octo.example.yaml', 'octo.example', '--fail-on', 'never']);
    expect(octo.run.code).toBe(0);
    expect(lazyLoaded(octo.packages)).toEqual(['yaml']);
    const scan = await recordedCli(['scan', '--input', 'fixtures/demo/domains.txt', '--zone', 'fixtures/demo', '--progress']);
    expect(scan.run.code).toBe(0);
    expect(scan.run.stderr).toContain('7 of 7 domains');
    expect(lazyLoaded(scan.packages)).toEqual(['ora']);
  });

  it('a fetched BIMI indicator and mark certificate load saxes and @peculiar (the built checkBimi, files served from memory)', async () => {
    const log = path.join(dir, 'bimi.log');
    // clinic.example's record names https://brand.clinic.example/logo.svg and …/vmc.pem
    const script = `
      import { readFileSync } from 'node:fs';
      const { loadZoneResolver } = await import('./dist/dns/zone-resolver.js');
      const { checkBimi } = await import('./dist/bimi/check-bimi.js');
      const svg = readFileSync('fixtures/bimi/northwind-logo.svg');
      const fetch = async (url) => ({ kind: 'ok', url, address: '192.0.2.80', status: 200, contentType: null, certificate: null,
        body: url.endsWith('.svg') ? svg : Buffer.from('not a certificate') });
      const r = await checkBimi('clinic.example', await loadZoneResolver(['fixtures/demo']), { fetch, roots: null, now: new Date() });
      process.stdout.write(JSON.stringify({ logo: r.logo?.check?.valid, certificate: r.certificate?.check?.valid }));
    `;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', RECORDER, '--input-type=module', '-e', script], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', AUTHAUDIT_RESOLVE_LOG: log } }, (err, out, errText) =>
        err === null ? resolve(out) : reject(new Error(`${err.message}\n${errText}`)),
      );
    });
    expect(JSON.parse(stdout)).toEqual({ logo: true, certificate: false });
    expect(lazyLoaded(await packagesIn(log))).toEqual(['saxes', '@peculiar/*']);
  });
});
